import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundle, indicator, orgId, stixId } from '../../../test/factories.js';
import { testApp, testUser } from '../../../test/http-harness.js';
import type { TestUser } from '../../../test/http-harness.js';
import { importText } from '../../../test/import-helpers.js';
import { storeBackends } from '../../../test/store-harness.js';
import type { Store } from '../../store/store.js';
import { sightingsRoutes } from './sightings.routes.js';

const ip = (v: string, extra = {}) => indicator({ pattern: `[ipv4-addr:value = '${v}']`, ...extra });

interface Summary {
  total: { sightings: number; count: number; false_positives: number; last_seen: string | null };
  organisations: Array<{ org: { id: string }; count: number; false_positives: number; sightings: number }>;
}

describe.each(storeBackends())('sightings on $name', ({ open }) => {
  let store: Store;
  let app: FastifyInstance;
  let alice: TestUser; // the telecom: owns the indicators
  let bob: TestUser; // the police: in the group "ops" with the telecom
  let carol: TestUser; // a bank: in no group
  let reader: TestUser;
  const grouped = ip('198.18.10.1', { name: 'grouped' });
  const open_ = ip('198.18.10.2', { name: 'community' });
  const secret = ip('198.18.10.3', { name: 'secret' });
  const twin = ip('198.18.10.1', { name: 'carol twin' });

  beforeAll(async () => {
    store = await open();
    alice = await testUser(store, orgId(), 'contributor', ['ops']);
    bob = await testUser(store, orgId(), 'contributor', ['ops']);
    carol = await testUser(store, orgId());
    reader = await testUser(store, bob.viewer.orgId, 'reader');
    app = await testApp(store, [sightingsRoutes]);
    await importText(store, alice.viewer, bundle([grouped]), { distribution: 'group:ops', tlp: 'amber' });
    await importText(store, alice.viewer, bundle([open_]), { distribution: 'community' });
    await importText(store, alice.viewer, bundle([secret]), { distribution: 'organisation' });
    await importText(store, carol.viewer, bundle([twin]), { distribution: 'community' });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  const post = async (user: TestUser, payload: Record<string, unknown>) => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/sightings', headers: user.auth, payload });
    return { status: res.statusCode, body: res.json<Record<string, unknown>>() };
  };
  const summary = async (user: TestUser, id: string) => {
    const res = await app.inject({ url: `/api/v1/objects/${id}/sightings`, headers: user.auth });
    return { status: res.statusCode, body: res.json<Summary>() };
  };
  const sightings = (body: Record<string, unknown>) =>
    body.sightings as Array<{
      sighting_of_ref: string;
      status: string;
      distribution?: string;
      code?: string;
    }>;

  it('sends a sighting to the narrowest audience holding both organisations', async () => {
    const byGroup = await post(bob, {
      indicator_id: grouped.id,
      count: 4,
      last_seen: '2026-11-01T00:00:00Z',
    });
    expect(byGroup.status).toBe(201);
    expect(sightings(byGroup.body)[0]).toMatchObject({ status: 'created', distribution: 'group:ops' });
    // No group holds the bank and the telecom: the community, which the indicator itself reaches.
    const byBank = await post(carol, { indicator_id: open_.id, count: 2 });
    expect(sightings(byBank.body)[0]).toMatchObject({ status: 'created', distribution: 'community' });
    // The police sighting of the community indicator still goes to the group only.
    const narrow = await post(bob, { indicator_id: open_.id, count: 5 });
    expect(sightings(narrow.body)[0]).toMatchObject({ distribution: 'group:ops' });
    const ofGrouped = await summary(alice, grouped.id);
    expect(ofGrouped.body.total).toMatchObject({ sightings: 1, count: 4, last_seen: '2026-11-01T00:00:00Z' });
    expect(ofGrouped.body.organisations.map((o) => o.org.id)).toEqual([bob.viewer.orgId]);
  });

  it('aggregates per organisation over the sightings each viewer may see', async () => {
    const forOwner = await summary(alice, open_.id);
    expect(forOwner.body.organisations.map((o) => [o.org.id, o.count])).toEqual([
      [bob.viewer.orgId, 5],
      [carol.viewer.orgId, 2],
    ]);
    // The bank sees its own sighting, not the one the police sent to the group.
    const forBank = await summary(carol, open_.id);
    expect(forBank.body.total.count).toBe(2);
    expect(JSON.stringify(forBank.body)).not.toContain(bob.viewer.orgId);
    // An object the caller cannot see has no sightings for them.
    expect((await summary(carol, grouped.id)).status).toBe(404);
  });

  it('counts false positives and imported STIX sightings the same way', async () => {
    await post(bob, { indicator_id: grouped.id, false_positive: true, note: 'our mail relay' });
    const imported = {
      type: 'sighting',
      spec_version: '2.1',
      id: stixId('sighting'),
      created: '2026-11-02T00:00:00.000Z',
      modified: '2026-11-02T00:00:00.000Z',
      created_by_ref: bob.viewer.orgId,
      sighting_of_ref: grouped.id,
      count: 10,
      last_seen: '2026-11-02T00:00:00.000Z',
    };
    await importText(store, bob.viewer, bundle([imported]), { distribution: 'group:ops', tlp: 'amber' });
    const s = await summary(alice, grouped.id);
    expect(s.body.organisations[0]).toMatchObject({ sightings: 3, count: 14, false_positives: 1 });
    expect(s.body.total.last_seen).toBe('2026-11-02T00:00:00.000Z');
  });

  it('sights every visible indicator of a value', async () => {
    const res = await post(bob, { value: '198.18.10.1' });
    expect(
      sightings(res.body)
        .map((x) => [x.sighting_of_ref, x.distribution])
        .sort(),
    ).toEqual(
      [
        [grouped.id, 'group:ops'],
        [twin.id, 'community'],
      ].sort(),
    );
  });

  it('refuses rather than share wider than the caller allows, or with no shared audience', async () => {
    const narrow = await post(bob, { indicator_id: grouped.id, distribution: 'organisation' });
    expect(narrow.status).toBe(409);
    expect(narrow.body.code).toBe('distribution_excludes_owner');
    // The bank sees the twin only; a group-only indicator of the telecom is invisible to it.
    expect((await post(carol, { indicator_id: secret.id })).status).toBe(404);
    expect((await post(reader, { indicator_id: grouped.id })).body.code).toBe('read_only');
    expect((await post(bob, { value: 'nothing here' })).status).toBe(400);
    expect((await post(bob, { indicator_id: grouped.id, value: '198.18.10.1' })).status).toBe(400);
  });

  it('refuses when no audience reaches the owner without going wider than the indicator', async () => {
    const admin = await testUser(store, orgId(), 'admin');
    const res = await post(admin, { indicator_id: secret.id });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('no_shared_audience');
  });
});
