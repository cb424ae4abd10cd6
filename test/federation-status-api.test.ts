import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectPeer } from '../src/federation/federation-admin.js';
import type { PeerStatusBody } from '../src/http/federation/federation.schema.js';
import { bundle, indicator } from './factories.js';
import { Instance, link } from './federation-harness.js';
import { importText } from './import-helpers.js';
import { storeBackends } from './store-harness.js';

/** A loopback port nothing listens on (taken, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) =>
    server.close(() => {
      resolve();
    }),
  );
  return port;
}

describe.each(storeBackends().map((b) => b.name))('GET /api/v1/federation/status on %s', (backend) => {
  let a: Instance;
  let b: Instance;
  let ghostPort = 0;

  const status = async (i: Instance, auth = i.admin.auth) =>
    i.app!.inject({ method: 'GET', url: '/api/v1/federation/status', headers: auth });
  const byName = async (i: Instance) => {
    const res = await status(i);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{ instance: string; items: PeerStatusBody[] }>();
    expect(body.instance).toBe(i.id);
    return new Map(body.items.map((s) => [s.peer.name, s]));
  };

  beforeAll(async () => {
    a = await Instance.create('alpha', backend);
    b = await Instance.create('bravo', 'sqlite');
    await link(a, b, { speaksFor: [a.org] }, { speaksFor: [b.org] });
    ghostPort = await closedPort();
    await connectPeer(a.store, a.admin.viewer, {
      name: 'ghost',
      url: `http://127.0.0.1:${ghostPort}`,
      instance_id: 'accord-instance--00000000-0000-4000-8000-000000000009',
      direction: 'pull',
      secret: 'x'.repeat(40),
      speaks_for: [],
    });
  });
  afterAll(async () => {
    for (const i of [a, b]) await (i as Instance | undefined)?.destroy();
  });

  it('shows a peer never contacted before any transfer, and refuses non-administrators with 403', async () => {
    const before = await byName(a);
    expect([...before.keys()]).toEqual(['bravo', 'ghost']);
    expect(before.get('bravo')).toMatchObject({
      state: 'never_contacted',
      sent_seq: 0,
      received_seq: 0,
      last_error: null,
      errors: [],
    });
    const denied = await status(a, a.user.auth);
    expect(denied.statusCode).toBe(403);
    expect(denied.body).not.toContain('bravo');
    expect((await a.app!.inject({ method: 'GET', url: '/api/v1/federation/status' })).statusCode).toBe(401);
  });

  it('gives every peer its cursors, lags, state and newest error with reason and time', async () => {
    const item = indicator({ name: 'federated for the status page' });
    const r = await importText(a.store, a.user.viewer, bundle([item]), {
      distribution: 'federation',
      tlp: 'green',
    });
    expect(r.summary.created).toBe(1);
    // B catches up, then asks again after its cursor: that confirms to A what B holds.
    await b.pull(a);
    await b.pull(a);
    await a.pull(b);
    const sync = await a.app!.inject({
      method: 'POST',
      url: '/api/v1/federation/peers/ghost/sync',
      headers: a.admin.auth,
    });
    expect(sync.statusCode, sync.body).toBe(200);

    const statuses = await byName(a);
    const high = (
      await a.store.db
        .selectFrom('objects')
        .select((eb) => eb.fn.max('seq').as('m'))
        .executeTakeFirstOrThrow()
    ).m;
    expect(statuses.get('bravo')).toMatchObject({
      state: 'in_sync',
      sent_seq: high,
      lag_out: 0,
      lag_in: 0,
      last_error: null,
    });
    expect(statuses.get('bravo')!.received_seq).toBeGreaterThan(0);
    const ghost = statuses.get('ghost')!;
    expect(ghost.state).toBe('failing');
    expect(ghost.last_error).toMatchObject({ code: 'unreachable' });
    expect(ghost.last_error!.message).toContain(`127.0.0.1:${ghostPort}`);
    expect(Date.now() - Date.parse(ghost.last_error!.at)).toBeLessThan(60_000);
    expect(ghost.errors[0]).toEqual(ghost.last_error);

    // One computation: the per-peer endpoint says the same of each peer.
    for (const [name, s] of statuses) {
      const one = await a.app!.inject({
        method: 'GET',
        url: `/api/v1/federation/peers/${name}/status`,
        headers: a.admin.auth,
      });
      expect(one.json()).toEqual(s);
    }

    // A new federated write on A: B is behind until it pulls again.
    await importText(a.store, a.user.viewer, bundle([indicator({ name: 'one more' })]), {
      distribution: 'federation',
      tlp: 'green',
    });
    expect((await byName(a)).get('bravo')).toMatchObject({ state: 'catching_up', lag_out: 1 });
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await a.app!.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      paths: Record<string, { get?: { responses?: Record<string, unknown> } }>;
    }>();
    expect(doc.paths['/api/v1/federation/status']?.get?.responses?.['200']).toBeDefined();
  });
});
