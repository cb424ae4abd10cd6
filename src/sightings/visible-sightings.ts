import type { Kysely } from 'kysely';
import type { Viewer } from '../policy/viewer.js';
import { visibleCurrent } from '../store/objects/visible-versions.js';
import type { Database } from '../store/schema.js';
import { syncSightingIndex } from './sighting-index.js';

export interface VisibleSighting {
  sightingOf: string;
  ownerOrg: string;
  count: number | null;
  firstSeen: string | null;
  lastSeen: string | null;
  kind: string;
}

/**
 * The current sightings of `ids` that `viewer` may see (THE visibility rule, through
 * `visibleCurrent`): the one read every sighting summary and decay computation goes through.
 */
export async function visibleSightings(
  db: Kysely<Database>,
  viewer: Viewer,
  ids: readonly string[],
): Promise<VisibleSighting[]> {
  if (ids.length === 0) return [];
  await syncSightingIndex(db);
  const out: VisibleSighting[] = [];
  for (let i = 0; i < ids.length; i += 400) {
    const rows = await visibleCurrent(db, viewer)
      .innerJoin('sighting_refs as s', 's.sighting_seq', 'o.seq')
      .where('s.sighting_of_ref', 'in', ids.slice(i, i + 400))
      .select(['s.sighting_of_ref', 'o.owner_org', 's.count', 's.first_seen', 's.last_seen', 's.kind'])
      .execute();
    for (const r of rows)
      out.push({
        sightingOf: r.sighting_of_ref,
        ownerOrg: r.owner_org,
        count: r.count,
        firstSeen: r.first_seen,
        lastSeen: r.last_seen,
        kind: r.kind,
      });
  }
  return out;
}

/** The newest `last_seen` of each id's visible sightings that are not false positives or expirations. */
export async function lastSightings(
  db: Kysely<Database>,
  viewer: Viewer,
  ids: readonly string[],
): Promise<Map<string, string>> {
  const newest = new Map<string, string>();
  for (const s of await visibleSightings(db, viewer, ids)) {
    if (s.kind !== 'sighting' || s.lastSeen === null) continue;
    const known = newest.get(s.sightingOf);
    if (known === undefined || Date.parse(s.lastSeen) > Date.parse(known))
      newest.set(s.sightingOf, s.lastSeen);
  }
  return newest;
}
