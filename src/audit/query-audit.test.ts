import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeBackends } from '../../test/store-harness.js';
import { adminWorld, expectRefusal, lastAudit, newOrg, signedIn } from '../admin/admin-test-kit.js';
import type { AdminWorld } from '../admin/admin-test-kit.js';
import type { Store } from '../store/store.js';
import { appendAudit } from './append-audit.js';
import { queryAudit } from './query-audit.js';

describe.each(storeBackends())('queryAudit on $name', (backend) => {
  let store: Store;
  let world: AdminWorld;
  beforeEach(async () => {
    store = await backend.open();
    world = await adminWorld(store);
    const times = ['2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z', '2026-01-03T00:00:00.000Z'];
    for (const [i, at] of times.entries()) {
      await store.writeTransaction(async (trx) => {
        await appendAudit(trx, { actor: 'u1', action: 'key.create', outcome: 'ok', target: `k${i}` }, at);
        await appendAudit(trx, { actor: 'u2', action: 'key_create', outcome: 'ok' }, at);
        await appendAudit(trx, { actor: 'u2', action: 'export', outcome: 'ok', details: { i } }, at);
      });
    }
  });
  afterEach(async () => {
    await store.close();
  });

  it('pages newest first through every entry with the cursor', async () => {
    const total = (await store.db.selectFrom('audit_log').select('seq').execute()).length;
    const seen: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await queryAudit(store, world.admin, { limit: 4, cursor });
      expect(page.entries.length).toBeLessThanOrEqual(4);
      seen.push(...page.entries.map((e) => e.seq));
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    expect(seen).toEqual(Array.from({ length: total }, (_, i) => total - i));
  });

  it('filters by actor, exact action, action prefix and time', async () => {
    const byActor = await queryAudit(store, world.admin, { actor: 'u1', limit: 100 });
    expect(byActor.entries.map((e) => e.target)).toEqual(['k2', 'k1', 'k0']);
    const exact = await queryAudit(store, world.admin, { action: 'export', limit: 100 });
    expect(exact.entries.map((e) => e.details)).toEqual([{ i: 2 }, { i: 1 }, { i: 0 }]);
    // `key.*` must not match `key_create`: the prefix is literal, not a LIKE pattern.
    const prefix = await queryAudit(store, world.admin, { action: 'key.*', actor: 'u1', limit: 100 });
    expect(prefix.entries).toHaveLength(3);
    const underscore = await queryAudit(store, world.admin, { action: 'key_*', limit: 100 });
    expect(underscore.entries.every((e) => e.action === 'key_create')).toBe(true);
    expect(underscore.entries).toHaveLength(3);
    const window = await queryAudit(store, world.admin, {
      since: '2026-01-02T00:00:00.000Z',
      until: '2026-01-03T00:00:00.000Z',
      limit: 100,
    });
    expect(window.entries).toHaveLength(3);
    expect(window.entries.every((e) => e.at === '2026-01-02T00:00:00.000Z')).toBe(true);
  });

  it('refuses anyone but an administrator, and records the refusal', async () => {
    const org = await newOrg(world);
    const orgAdmin = await signedIn(world, org.id, 'org-admin');
    await expectRefusal(queryAudit(store, orgAdmin, { limit: 10 }), 'forbidden', 403);
    expect(await lastAudit(store)).toMatchObject({
      action: 'audit.query',
      actor: orgAdmin.userId,
      actor_org: org.id,
      outcome: 'denied',
    });
  });

  it('rejects bad limits and cursors', async () => {
    await expectRefusal(queryAudit(store, world.admin, { limit: 0 }), 'invalid_limit', 400);
    await expectRefusal(queryAudit(store, world.admin, { limit: 5000 }), 'invalid_limit', 400);
    await expectRefusal(queryAudit(store, world.admin, { limit: 5, cursor: 'abc' }), 'invalid_cursor', 400);
  });
});
