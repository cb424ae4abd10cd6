import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIELD_MAPS } from '../src/match/index.js';
import { runMatch } from '../src/matching/index.js';
import type { InputKind, MatchOutcome } from '../src/matching/index.js';
import type { UserViewer } from '../src/policy/viewer.js';
import { listCurrent } from '../src/store/objects/read-objects.js';
import { chunked } from './factories.js';
import { testUser } from './http-harness.js';
import { matchWorld } from './fixtures/match/world.js';
import type { MatchWorld } from './fixtures/match/world.js';
import { storeBackends } from './store-harness.js';

async function report(
  w: MatchWorld,
  viewer: UserViewer,
  text: string,
  input: InputKind = 'values',
): Promise<MatchOutcome> {
  return runMatch(w.store, viewer, [{ open: () => chunked(text) }], {
    input,
    ...(input === 'jsonl' ? { fieldMap: FIELD_MAPS.ecs } : {}),
    reportSightings: true,
    onMatch: () => undefined,
  });
}

async function sightingsSeenBy(w: MatchWorld, viewer: UserViewer): Promise<Record<string, unknown>[]> {
  const page = await listCurrent(w.store.db, viewer, { types: ['sighting'] }, { limit: 1000 });
  return page.items.map((v) => JSON.parse(v.data) as Record<string, unknown>);
}

describe.each(storeBackends())('--report-sightings on $name', ({ open }) => {
  let w: MatchWorld;
  beforeAll(async () => {
    w = await matchWorld(await open());
  });
  afterAll(async () => {
    await w.store.close();
  });

  it('aggregates per indicator and shares with a group holding both organisations', async () => {
    const lines = [
      { '@timestamp': '2026-11-01T10:00:00Z', destination: { ip: '198.18.1.1' } },
      { '@timestamp': '2026-11-01T09:00:00Z', source: { ip: '198.18.1.1' } },
      { '@timestamp': '2026-11-01T11:00:00Z', url: { domain: 'c2.accord-test.xyz' } },
    ];
    const out = await report(w, w.member.viewer, lines.map((l) => JSON.stringify(l)).join('\n'), 'jsonl');
    const byIndicator = new Map(out.sightings!.map((s) => [s.indicator, s]));
    // Both the group indicator and the community one go to group G: narrower than the community.
    expect(byIndicator.get(w.ids.group)).toMatchObject({
      status: 'created',
      count: 2,
      distribution: `group:${w.groups.g}`,
    });
    expect(byIndicator.get(w.ids.community)).toMatchObject({
      status: 'created',
      count: 1,
      distribution: `group:${w.groups.g}`,
    });
    const seen = await sightingsSeenBy(w, w.owner.viewer);
    const s = seen.find((o) => o.sighting_of_ref === w.ids.group)!;
    expect(s).toMatchObject({
      created_by_ref: w.member.viewer.orgId,
      count: 2,
      first_seen: '2026-11-01T09:00:00.000Z',
      last_seen: '2026-11-01T10:00:00.000Z',
      where_sighted_refs: [w.member.viewer.orgId],
    });
    const row = (await listCurrent(w.store.db, w.owner.viewer, { ids: [s.id as string] }, { limit: 1 }))
      .items[0]!;
    expect([row.distribution, row.tlp]).toEqual([`group:${w.groups.g}`, 'amber']);
    // Not beyond the chosen audience: the outsider and the lonely organisation see none of them.
    expect(await sightingsSeenBy(w, w.outsider.viewer)).toEqual([]);
    expect(await sightingsSeenBy(w, w.lonely.viewer)).toEqual([]);
  });

  it('uses the community only when the indicator went there, and refuses rather than widen', async () => {
    const outsider = await report(w, w.outsider.viewer, 'c2.accord-test.xyz\nc2.accord-test.xyz');
    expect(outsider.sightings).toMatchObject([
      { indicator: w.ids.community, status: 'created', count: 2, distribution: 'community' },
    ]);
    const lonely = await report(w, w.lonely.viewer, '198.18.1.3');
    expect(lonely.summary.matches).toBe(1);
    expect(lonely.sightings).toEqual([
      expect.objectContaining({
        indicator: w.ids.orphaned,
        status: 'refused',
        reason: expect.stringMatching(/no sharing group/),
      }),
    ]);
    const ofOrphaned = (await sightingsSeenBy(w, w.owner.viewer)).filter(
      (o) => o.sighting_of_ref === w.ids.orphaned,
    );
    expect(ofOrphaned).toEqual([]);
  });

  it('keeps sightings of your own indicators in your organisation', async () => {
    const own = await report(w, w.owner.viewer, '198.18.1.2');
    expect(own.sightings).toMatchObject([
      { indicator: w.ids.orgOnly, status: 'created', distribution: 'organisation' },
    ]);
    expect((await sightingsSeenBy(w, w.member.viewer)).some((o) => o.sighting_of_ref === w.ids.orgOnly)).toBe(
      false,
    );
  });

  it('refuses read-only callers before reading anything', async () => {
    const reader = await testUser(w.store, w.member.viewer.orgId, 'reader');
    await expect(report(w, reader.viewer, '198.18.1.1')).rejects.toMatchObject({
      code: 'read_only',
      status: 403,
    });
  });
});
