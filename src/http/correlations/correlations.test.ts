import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundle, indicator, orgId } from '../../../test/factories.js';
import { testApp, testUser } from '../../../test/http-harness.js';
import type { TestUser } from '../../../test/http-harness.js';
import { importText } from '../../../test/import-helpers.js';
import { storeBackends } from '../../../test/store-harness.js';
import type { Store } from '../../store/store.js';
import { correlationsRoutes } from './correlations.routes.js';
import type { ObjectCorrelations, ValueCorrelations } from './correlations.schema.js';

const url = (v: string, extra = {}) => indicator({ pattern: `[url:value = '${v}']`, ...extra });

describe.each(storeBackends())('correlation routes on $name', ({ open }) => {
  let store: Store;
  let app: FastifyInstance;
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;
  const mine = url('http://c2.accord-test.xyz/gate.php', { name: 'alice c2' });
  const shared = url('http://c2.accord-test.xyz/gate.php', { name: 'bob c2' });
  const secret = url('http://c2.accord-test.xyz/gate.php', { name: 'carol secret' });
  const net = indicator({ pattern: "[ipv4-addr:value = '198.18.8.0/22']", name: 'carol net' });

  beforeAll(async () => {
    store = await open();
    alice = await testUser(store, orgId());
    bob = await testUser(store, orgId(), 'reader', ['ops']);
    carol = await testUser(store, orgId(), 'contributor', ['ops']);
    app = await testApp(store, [correlationsRoutes]);
    await importText(store, alice.viewer, bundle([mine]), { distribution: 'community' });
    await importText(store, carol.viewer, bundle([shared]), { distribution: 'community' });
    await importText(store, carol.viewer, bundle([secret, net]), { distribution: 'group:ops' });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  const get = async (path: string, user?: TestUser) => {
    const res = await app.inject({ url: path, headers: user?.auth ?? {} });
    return { status: res.statusCode, body: res.json<unknown>() };
  };
  const getObject = async (path: string, user: TestUser) => {
    const res = await get(path, user);
    return { status: res.status, body: res.body as ObjectCorrelations };
  };
  const getValue = async (path: string, user: TestUser) => {
    const res = await get(path, user);
    return { status: res.status, body: res.body as ValueCorrelations };
  };
  const ids = (body: ObjectCorrelations | ValueCorrelations) =>
    body.observables.flatMap((o) => o.matches.flatMap((m) => m.objects.map((x) => x.id))).sort();

  it('lists what each viewer may see, and nothing of the sharing group to outsiders', async () => {
    const forAlice = await getObject(`/api/v1/objects/${mine.id}/correlations`, alice);
    expect(forAlice.status).toBe(200);
    expect(ids(forAlice.body)).toEqual([shared.id]);
    expect(JSON.stringify(forAlice.body)).not.toContain('carol secret');
    expect(forAlice.body.observables[0]?.matches[0]?.org.id).toBe(carol.viewer.orgId);
    const forBob = await getObject(`/api/v1/objects/${mine.id}/correlations`, bob);
    expect(ids(forBob.body)).toEqual([shared.id, secret.id].sort());
  });

  it('applies the cap to visible objects only', async () => {
    const forAlice = await getObject(`/api/v1/objects/${mine.id}/correlations?cap=1`, alice);
    expect(forAlice.body.observables[0]?.common).toBeUndefined();
    const forBob = await getObject(`/api/v1/objects/${mine.id}/correlations?cap=1`, bob);
    expect(forBob.body.observables[0]).toMatchObject({ common: true, count: 2, matches: [] });
  });

  it('answers 404 for an object the caller cannot see, 401 without a key', async () => {
    expect((await get(`/api/v1/objects/${secret.id}/correlations`, alice)).status).toBe(404);
    expect((await get(`/api/v1/objects/${mine.id}/correlations`)).status).toBe(401);
  });

  it('looks up a raw value, refanged and typed, including containment', async () => {
    const q = encodeURIComponent('hxxp://c2[.]accord-test[.]xyz/gate.php');
    const forAlice = await getValue(`/api/v1/correlations?value=${q}`, alice);
    expect(forAlice.status).toBe(200);
    expect(forAlice.body.observables[0]).toMatchObject({
      kind: 'url',
      value: 'http://c2.accord-test.xyz/gate.php',
    });
    expect(ids(forAlice.body)).toEqual([mine.id, shared.id].sort());
    const ip = await getValue('/api/v1/correlations?value=198.18.9.77', bob);
    expect(ip.body.observables[0]?.matches[0]?.objects).toEqual([
      { id: net.id, type: 'indicator', name: 'carol net', relation: 'contains', value: '198.18.8.0/22' },
    ]);
    expect(ids((await getValue('/api/v1/correlations?value=198.18.9.77', alice)).body)).toEqual([]);
  });

  it('refuses a value it cannot type', async () => {
    const res = await get('/api/v1/correlations?value=not%20a%20thing', alice);
    expect(res.status).toBe(400);
    expect((res.body as { code: string }).code).toBe('unrecognised_value');
  });
});
