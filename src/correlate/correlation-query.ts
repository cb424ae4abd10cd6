import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Observable } from '../observable/kind.js';
import type { Viewer } from '../policy/viewer.js';
import { STORED_VERSION_COLUMNS } from '../store/objects/read-objects.js';
import { visibleCurrent } from '../store/objects/visible-versions.js';
import type { Database } from '../store/schema.js';
import { enclosingNetworks, ipRangeOf } from './ip-range.js';

/**
 * How a matched object's value relates to the value looked up: the same value, a network of theirs
 * that `contains` it, or a value of theirs `within` the looked-up network.
 */
export type Relation = 'exact' | 'contains' | 'within';

/**
 * The other current objects `viewer` may see that share `o`, as one UNION ALL of index lookups, each
 * joined to `visibleCurrent` (THE visibility rule) before anything is counted or listed:
 * exact (kind, value) probes of the primary key; stored networks containing the value, as exact
 * probes of the at most 33 (IPv4) or 129 (IPv6) enclosing networks; and, for a network, stored
 * values inside it, as one range scan of `observable_ranges`.
 */
function matchParts(db: Kysely<Database>, viewer: Viewer, o: Observable, excludeId?: string) {
  const current = () =>
    excludeId === undefined
      ? visibleCurrent(db, viewer)
      : visibleCurrent(db, viewer).where('o.id', '!=', excludeId);
  const exact = current()
    .innerJoin('observables as x', 'x.object_seq', 'o.seq')
    .where('x.kind', '=', o.kind)
    .where('x.value', '=', o.value);
  const networks = enclosingNetworks(o);
  const contains =
    networks.length === 0
      ? undefined
      : current()
          .innerJoin('observables as x', 'x.object_seq', 'o.seq')
          .where('x.kind', '=', networks[0]!.kind)
          .where(
            'x.value',
            'in',
            networks.map((n) => n.value),
          );
  const range = o.kind === 'ipv4-cidr' || o.kind === 'ipv6-cidr' ? ipRangeOf(o) : null;
  const within =
    range === null
      ? undefined
      : current()
          .innerJoin('observable_ranges as r', 'r.object_seq', 'o.seq')
          .where('r.family', '=', range.family)
          .where('r.lo', '>=', range.lo)
          .where('r.lo', '<=', range.hi)
          .where('r.hi', '<=', range.hi)
          .where((eb) => eb.not(eb.and([eb('r.kind', '=', o.kind), eb('r.value', '=', o.value)])));
  return { exact, contains, within };
}

/**
 * The other current objects `viewer` may see that share `o`, as one UNION ALL of index lookups, each
 * joined to `visibleCurrent` (THE visibility rule) before anything is counted or listed:
 * exact (kind, value) probes of the primary key; stored networks containing the value, as exact
 * probes of the at most 33 (IPv4) or 129 (IPv6) enclosing networks; and, for a network, stored
 * values inside it, as one range scan of `observable_ranges`.
 */
export function matchQuery(db: Kysely<Database>, viewer: Viewer, o: Observable, excludeId?: string) {
  const { exact, contains, within } = matchParts(db, viewer, o, excludeId);
  const relation = (r: Relation) => sql<Relation>`${sql.lit(r)}`.as('relation');
  let query = exact.select([
    ...STORED_VERSION_COLUMNS,
    'x.kind as matched_kind',
    'x.value as matched_value',
    relation('exact'),
  ]);
  if (contains !== undefined)
    query = query.unionAll(
      contains.select([
        ...STORED_VERSION_COLUMNS,
        'x.kind as matched_kind',
        'x.value as matched_value',
        relation('contains'),
      ]),
    );
  if (within !== undefined)
    query = query.unionAll(
      within.select([
        ...STORED_VERSION_COLUMNS,
        'r.kind as matched_kind',
        'r.value as matched_value',
        relation('within'),
      ]),
    );
  return query;
}

/** The same matches as ids only: counting reads no stored STIX text. */
function matchIdsQuery(db: Kysely<Database>, viewer: Viewer, o: Observable, excludeId?: string) {
  const { exact, contains, within } = matchParts(db, viewer, o, excludeId);
  let query = exact.select('o.id');
  if (contains !== undefined) query = query.unionAll(contains.select('o.id'));
  if (within !== undefined) query = query.unionAll(within.select('o.id'));
  return query;
}

export type MatchRow = Awaited<ReturnType<ReturnType<typeof matchQuery>['execute']>>[number];

/**
 * Up to `limit` match rows, in a stable order (owner, id, value). Sorted here, not in SQL: an ORDER BY
 * would make the database read every match of a common value before the limit applies.
 */
export async function listMatches(
  db: Kysely<Database>,
  viewer: Viewer,
  o: Observable,
  limit: number,
  excludeId?: string,
): Promise<MatchRow[]> {
  const rows = await db
    .selectFrom(matchQuery(db, viewer, o, excludeId).as('m'))
    .selectAll()
    .limit(limit)
    .execute();
  const key = (r: MatchRow) => `${r.owner_org}\u0000${r.id}\u0000${r.matched_value}`;
  return rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/**
 * How many distinct visible objects match, reading at most `limit` match rows (a value in millions
 * of objects is counted up to the limit, not scanned to the end); `capped` says the limit was hit.
 */
export async function countMatches(
  db: Kysely<Database>,
  viewer: Viewer,
  o: Observable,
  limit: number,
  excludeId?: string,
): Promise<{ count: number; capped: boolean }> {
  const limited = db
    .selectFrom(matchIdsQuery(db, viewer, o, excludeId).as('m'))
    .select('m.id')
    .limit(limit);
  const row = await db
    .selectFrom(limited.as('l'))
    .select((eb) => [
      eb.fn.count<number | string>('l.id').distinct().as('ids'),
      eb.fn.countAll<number | string>().as('rows'),
    ])
    .executeTakeFirstOrThrow();
  return { count: Number(row.ids), capped: Number(row.rows) >= limit };
}
