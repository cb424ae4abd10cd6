import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundle, indicator, orgId } from '../../../test/factories.js';
import { testApp, testUser } from '../../../test/http-harness.js';
import type { TestUser } from '../../../test/http-harness.js';
import { importText } from '../../../test/import-helpers.js';
import { storeBackends } from '../../../test/store-harness.js';
import { getVersion } from '../../store/objects/read-objects.js';
import type { Store } from '../../store/store.js';
import { lifecycleRoutes } from './lifecycle.routes.js';
import { sightingsRoutes } from './sightings.routes.js';

const ip = (v: string, extra = {}) => indicator({ pattern: `[ipv4-addr:value = '${v}']`, ...extra });

describe.each(storeBackends())('lifecycle and revocation on $name', ({ open }) => {
  let store: Store;
  let app: FastifyInstance;
  let owner: TestUser;
  let partner: TestUser;
  let outsider: TestUser;
  const live = ip('198.18.20.1', { name: 'live', confidence: 90 });
  const resolver = ip('8.8.8.8', { name: 'resolver' });
  const expired = ip('198.18.20.2', { valid_until: '2026-01-02T00:00:00.000Z' });
  const mine = ip('198.18.20.3', { name: 'to revoke' });
  const hidden = ip('198.18.20.4', { name: 'hidden' });

  beforeAll(async () => {
    store = await open();
    owner = await testUser(store, orgId(), 'contributor', ['ops']);
    partner = await testUser(store, orgId(), 'contributor', ['ops']);
    outsider = await testUser(store, orgId());
    app = await testApp(store, [lifecycleRoutes, sightingsRoutes]);
    await importText(store, owner.viewer, bundle([live, resolver, expired, mine]), {
      distribution: 'group:ops',
    });
    await importText(store, owner.viewer, bundle([hidden]), { distribution: 'organisation' });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  const lifecycle = async (user: TestUser, id: string) => {
    const res = await app.inject({ url: `/api/v1/objects/${id}/lifecycle`, headers: user.auth });
    return { status: res.statusCode, body: res.json<Record<string, unknown>>() };
  };
  const revoke = async (user: TestUser, id: string) => {
    const res = await app.inject({ method: 'POST', url: `/api/v1/objects/${id}/revoke`, headers: user.auth });
    return { status: res.statusCode, body: res.json<Record<string, unknown>>() };
  };

  it('shows decay, validity and warninglist hits', async () => {
    const ok = await lifecycle(partner, live.id);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ valid: true, expired: false, revoked: false, live: true });
    expect(ok.body.decay_score).toBeGreaterThan(89); // just arrived: the confidence of 90, barely decayed
    expect(ok.body.decay_model).toMatchObject({ kind: 'ipv4', lifetime_days: 30 });
    const listed = await lifecycle(partner, resolver.id);
    expect(listed.body.live).toBe(false);
    expect(listed.body.warninglists).toEqual([expect.objectContaining({ kind: 'ipv4', value: '8.8.8.8' })]);
    expect(await lifecycle(partner, expired.id)).toMatchObject({
      body: { expired: true, valid: false, decay_score: 0, live: false },
    });
  });

  it('dates the decay from the newest sighting the viewer may see', async () => {
    const last = new Date(Date.now() - 3_600_000).toISOString().replace(/\.\d+Z$/, 'Z');
    await app.inject({
      method: 'POST',
      url: '/api/v1/sightings',
      headers: partner.auth,
      payload: { indicator_id: live.id, last_seen: last, first_seen: last },
    });
    expect((await lifecycle(owner, live.id)).body.last_sighting).toBe(last);
    expect((await lifecycle(outsider, live.id)).status).toBe(404);
  });

  it('lets only the owner revoke, as a new version to the same audience', async () => {
    expect(await revoke(partner, mine.id)).toMatchObject({ status: 403, body: { code: 'not_owner' } });
    expect((await revoke(outsider, hidden.id)).status).toBe(404);
    const done = await revoke(owner, mine.id);
    expect(done).toMatchObject({ status: 200, body: { id: mine.id, revoked: true, written: true } });
    const stored = await getVersion(store.db, partner.viewer, mine.id);
    expect(stored).toMatchObject({ revoked: true, distribution: 'group:ops' });
    expect((await lifecycle(partner, mine.id)).body).toMatchObject({
      revoked: true,
      decay_score: 0,
      live: false,
    });
    expect((await revoke(owner, mine.id)).body).toMatchObject({ written: false });
  });
});
