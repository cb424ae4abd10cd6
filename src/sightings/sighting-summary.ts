import type { Kysely } from 'kysely';
import type { Viewer } from '../policy/viewer.js';
import { visibleCurrent } from '../store/objects/visible-versions.js';
import type { Database } from '../store/schema.js';
import { visibleSightings } from './visible-sightings.js';
import type { VisibleSighting } from './visible-sightings.js';

export interface SightingTotals {
  /** Sighting objects (of any kind). */
  sightings: number;
  /** Times seen: the sum of `count` (1 when absent) over plain sightings. */
  count: number;
  /** The same sum over false-positive reports. */
  false_positives: number;
  expirations: number;
  first_seen: string | null;
  last_seen: string | null;
}

export interface SightingSummary {
  id: string;
  total: SightingTotals;
  organisations: Array<{ org: { id: string; name: string } } & SightingTotals>;
}

function empty(): SightingTotals {
  return { sightings: 0, count: 0, false_positives: 0, expirations: 0, first_seen: null, last_seen: null };
}

const earlier = (a: string | null, b: string | null) =>
  a === null ? b : b === null ? a : Date.parse(b) < Date.parse(a) ? b : a;
const later = (a: string | null, b: string | null) =>
  a === null ? b : b === null ? a : Date.parse(b) > Date.parse(a) ? b : a;

function add(t: SightingTotals, s: VisibleSighting): void {
  const n = s.count ?? 1;
  t.sightings++;
  if (s.kind === 'false-positive') t.false_positives += n;
  else if (s.kind === 'expiration') t.expirations += n;
  else {
    t.count += n;
    t.first_seen = earlier(t.first_seen, s.firstSeen);
    t.last_seen = later(t.last_seen, s.lastSeen);
  }
}

/**
 * Sightings of `id` aggregated per reporting (owner) organisation, over the sightings `viewer` may
 * see only. Undefined when the viewer cannot see `id` itself.
 */
export async function sightingSummary(
  db: Kysely<Database>,
  viewer: Viewer,
  id: string,
): Promise<SightingSummary | undefined> {
  const target = await visibleCurrent(db, viewer).where('o.id', '=', id).select('o.id').executeTakeFirst();
  if (target === undefined) return undefined;
  const total = empty();
  const byOrg = new Map<string, SightingTotals>();
  for (const s of await visibleSightings(db, viewer, [id])) {
    add(total, s);
    let t = byOrg.get(s.ownerOrg);
    if (t === undefined) {
      t = empty();
      byOrg.set(s.ownerOrg, t);
    }
    add(t, s);
  }
  const names =
    byOrg.size === 0
      ? []
      : await db
          .selectFrom('organisations')
          .select(['id', 'name'])
          .where('id', 'in', [...byOrg.keys()])
          .execute();
  const nameOf = new Map(names.map((n) => [n.id, n.name]));
  const organisations = [...byOrg]
    .map(([org, t]) => ({ org: { id: org, name: nameOf.get(org) ?? org }, ...t }))
    .sort((a, b) => b.count - a.count || a.org.id.localeCompare(b.org.id));
  return { id, total, organisations };
}
