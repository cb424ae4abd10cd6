import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeBackends } from '../../../test/store-harness.js';
import { createOrganisation } from '../../admin/organisations.js';
import type { Store } from '../../store/store.js';
import { call, httpWorld, lastEntry, member } from '../admin/admin-test-app.js';
import type { HttpWorld } from '../admin/admin-test-app.js';

describe.each(storeBackends())('audit API on $name', (backend) => {
  let store: Store;
  let world: HttpWorld;
  beforeEach(async () => {
    store = await backend.open();
    world = await httpWorld(store);
    for (const name of ['A', 'B', 'C'])
      await createOrganisation(store, world.admin, { name: `Org ${name}`, kind: 'private' });
  });
  afterEach(async () => {
    await world.app.close();
    await store.close();
  });

  it('pages newest first with filters, and the cursor reaches every entry', async () => {
    const all = await call(world.app, 'GET', '/api/v1/audit?limit=1000', world.adminKey);
    expect(all.status).toBe(200);
    const total = all.body.items.length as number;
    expect(total).toBeGreaterThan(5);
    expect(all.body.next).toBeUndefined();
    const seqs: number[] = [];
    let after: string | undefined;
    do {
      const page = await call(
        world.app,
        'GET',
        `/api/v1/audit?limit=2${after === undefined ? '' : `&after=${after}`}`,
        world.adminKey,
      );
      seqs.push(...page.body.items.map((e: { seq: number }) => e.seq));
      after = page.body.next as string | undefined;
    } while (after !== undefined);
    expect(seqs).toEqual(all.body.items.map((e: { seq: number }) => e.seq));
    const creates = await call(world.app, 'GET', '/api/v1/audit?action=org.create', world.adminKey);
    expect(creates.body.items.map((e: { target: string | null }) => e.target)).toHaveLength(4);
    const mine = await call(
      world.app,
      'GET',
      `/api/v1/audit?actor=${world.admin.userId}&action=org.*`,
      world.adminKey,
    );
    expect(mine.body.items).toHaveLength(3);
    expect(mine.body.items[0]).toMatchObject({
      actor: world.admin.userId,
      actor_org: world.adminOrg.id,
      outcome: 'ok',
    });
    // A date-only-precision bound still includes entries later in the same second.
    const since = new Date(Date.now() - 60_000).toISOString().replace(/\.\d+Z$/, 'Z');
    const recent = await call(world.app, 'GET', `/api/v1/audit?since=${since}`, world.adminKey);
    expect(recent.body.items.length).toBe(total);
    const future = await call(world.app, 'GET', '/api/v1/audit?until=2000-01-01T00:00:00Z', world.adminKey);
    expect(future.body.items).toEqual([]);
  });

  it('refuses non-administrators with 403, audited, and bad input with 400', async () => {
    const org = await createOrganisation(store, world.admin, { name: 'D', kind: 'cert' });
    const orgAdmin = await member(world, org.id, 'org-admin');
    expect(await call(world.app, 'GET', '/api/v1/audit', orgAdmin.key)).toMatchObject({
      status: 403,
      body: { code: 'forbidden' },
    });
    expect(await lastEntry(store)).toMatchObject({ action: 'audit.query', outcome: 'denied' });
    expect(await call(world.app, 'GET', '/api/v1/audit/verify', orgAdmin.key)).toMatchObject({
      status: 403,
      body: { code: 'forbidden' },
    });
    expect(await lastEntry(store)).toMatchObject({ action: 'audit.verify', outcome: 'denied' });
    expect((await call(world.app, 'GET', '/api/v1/audit')).status).toBe(401);
    expect((await call(world.app, 'GET', '/api/v1/audit?limit=0', world.adminKey)).status).toBe(400);
    expect((await call(world.app, 'GET', '/api/v1/audit?since=yesterday', world.adminKey)).status).toBe(400);
    const cursor = await call(world.app, 'GET', '/api/v1/audit?after=abc', world.adminKey);
    expect(cursor).toMatchObject({ status: 400, body: { code: 'invalid_cursor' } });
  });

  it('verifies the chain, and names the entry edited in the database', async () => {
    const ok = await call(world.app, 'GET', '/api/v1/audit/verify', world.adminKey);
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ ok: true, entries: expect.any(Number) });
    await store.db.updateTable('audit_log').set({ target: 'forged' }).where('seq', '=', 3).execute();
    const broken = await call(world.app, 'GET', '/api/v1/audit/verify', world.adminKey);
    expect(broken.body).toMatchObject({
      ok: false,
      brokenAt: 3,
      entries: 2,
      reason: expect.stringMatching(/edited/),
    });
  });
});
