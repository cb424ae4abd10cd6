import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeBackends } from '../../test/store-harness.js';
import { visibleCurrent, visibleVersions } from '../store/objects/visible-versions.js';
import type { Store } from '../store/store.js';
import { canSee } from './visibility.js';
import type { Viewer } from './viewer.js';

/**
 * Issue 3's proof: over random worlds, `canSee`, the SQL filter on each backend and an oracle written
 * straight from BRIEF.md's table agree for every (viewer, object version) pair — and so do the
 * "newest visible version" views.
 */
interface World {
  orgs: string[];
  groups: Array<{ id: string; members: string[] }>;
  users: Array<{ org: string; admin: boolean }>;
  versions: Array<{ id: string; owner: string; distribution: string; vorder: string }>;
}

const worldArb: fc.Arbitrary<World> = fc
  .record({ orgCount: fc.integer({ min: 1, max: 5 }), groupCount: fc.integer({ min: 0, max: 3 }) })
  .chain(({ orgCount, groupCount }) => {
    const orgs = Array.from(
      { length: orgCount },
      (_, i) => `identity--00000000-0000-4000-8000-00000000000${i}`,
    );
    const groupIds = Array.from({ length: groupCount }, (_, i) => `g${i}`);
    const distribution = fc.constantFrom(
      'organisation',
      'community',
      'public',
      ...groupIds.map((g) => `group:${g}`),
    );
    return fc.record({
      orgs: fc.constant(orgs),
      groups: fc.tuple(...groupIds.map((id) => fc.subarray(orgs).map((members) => ({ id, members })))),
      users: fc.array(fc.record({ org: fc.constantFrom(...orgs), admin: fc.boolean() }), {
        minLength: 1,
        maxLength: 6,
      }),
      versions: fc.array(
        fc.record({
          id: fc.constantFrom('indicator--a', 'indicator--b', 'malware--c', 'report--d', 'indicator--e'),
          owner: fc.constantFrom(...orgs),
          distribution,
          vorder: fc.constantFrom(
            '2026-01-01T00:00:00.000Z',
            '2026-02-01T00:00:00.000Z',
            '2026-03-01T00:00:00.000Z',
          ),
        }),
        { maxLength: 25 },
      ),
    });
  });

/** BRIEF.md, "The sharing model", read literally. */
function oracle(
  world: World,
  viewer: World['users'][number] | 'anonymous',
  v: World['versions'][number],
): boolean {
  if (v.distribution === 'public') return true;
  if (viewer === 'anonymous') return false;
  if (viewer.admin) return true;
  if (v.owner === viewer.org) return true;
  if (v.distribution === 'community') return true;
  if (v.distribution.startsWith('group:')) {
    return (
      world.groups.find((g) => `group:${g.id}` === v.distribution)?.members.includes(viewer.org) ?? false
    );
  }
  return false;
}

function viewerOf(world: World, u: World['users'][number] | 'anonymous', i: number): Viewer {
  if (u === 'anonymous') return { kind: 'anonymous' };
  return {
    kind: 'user',
    userId: `u${i}`,
    email: `u${i}@example.org`,
    orgId: u.org,
    role: u.admin ? 'admin' : 'reader',
    groups: world.groups.filter((g) => g.members.includes(u.org)).map((g) => g.id),
    readOnly: false,
  };
}

async function load(
  store: Store,
  world: World,
): Promise<Array<World['versions'][number] & { seq: number; head: boolean }>> {
  await store.db.deleteFrom('objects').execute();
  const rows: Array<World['versions'][number] & { seq: number; head: boolean }> = [];
  for (const [i, v] of world.versions.entries()) {
    const inserted = await store.db
      .insertInto('objects')
      .values({
        id: v.id,
        type: v.id.split('--')[0]!,
        version: `${v.vorder}#${i}`,
        vorder: v.vorder,
        created: v.vorder,
        modified: v.vorder,
        date_added: `2026-04-01T00:00:00.${String(i).padStart(6, '0')}Z`,
        created_by_ref: v.owner,
        owner_org: v.owner,
        distribution: v.distribution,
        tlp: null,
        pap: null,
        revoked: 0,
        deleted: 0,
        is_head: 0,
        search_text: '',
        data: '{}',
      })
      .returning('seq')
      .executeTakeFirstOrThrow();
    rows.push({ ...v, seq: inserted.seq, head: false });
  }
  // Mark heads the way the write path does: newest vorder, then newest seq.
  for (const id of new Set(rows.map((r) => r.id))) {
    const head = rows
      .filter((r) => r.id === id)
      .reduce((a, b) => (b.vorder > a.vorder || (b.vorder === a.vorder && b.seq > a.seq) ? b : a));
    head.head = true;
    await store.db.updateTable('objects').set({ is_head: 1 }).where('seq', '=', head.seq).execute();
  }
  return rows;
}

describe.each(storeBackends())('visibility rule on $name', (backend) => {
  let store: Store;
  beforeAll(async () => {
    store = await backend.open();
  });
  afterAll(async () => {
    await store.close();
  });

  it('canSee, the SQL filter and the oracle agree on every pair, and on current versions', async () => {
    await fc.assert(
      fc.asyncProperty(worldArb, async (world) => {
        const rows = await load(store, world);
        const viewers: Array<World['users'][number] | 'anonymous'> = [...world.users, 'anonymous'];
        for (const [i, u] of viewers.entries()) {
          const viewer = viewerOf(world, u, i);
          const expected = rows
            .filter((r) => oracle(world, u, r))
            .map((r) => r.seq)
            .sort((a, b) => a - b);
          const byCanSee = rows
            .filter((r) => canSee(viewer, { ownerOrg: r.owner, distribution: r.distribution }))
            .map((r) => r.seq);
          const bySql = (
            await visibleVersions(store.db, viewer).select('o.seq').orderBy('o.seq').execute()
          ).map((r) => r.seq);
          expect(byCanSee).toEqual(expected);
          expect(bySql).toEqual(expected);

          const visible = rows.filter((r) => oracle(world, u, r));
          const current = [...new Set(visible.map((r) => r.id))]
            .map(
              (id) =>
                visible
                  .filter((r) => r.id === id)
                  .reduce((a, b) => (b.vorder > a.vorder || (b.vorder === a.vorder && b.seq > a.seq) ? b : a))
                  .seq,
            )
            .sort((a, b) => a - b);
          const currentSql = (
            await visibleCurrent(store.db, viewer).select('o.seq').orderBy('o.seq').execute()
          ).map((r) => r.seq);
          expect(currentSql).toEqual(current);
        }
      }),
      { numRuns: backend.name === 'sqlite' ? 150 : 60 },
    );
  });
});
