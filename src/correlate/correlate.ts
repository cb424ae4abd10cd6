import type { Kysely } from 'kysely';
import type { Observable, ObservableKind } from '../observable/kind.js';
import type { Viewer } from '../policy/viewer.js';
import { presentVersions } from '../present/present-objects.js';
import { toStoredVersion } from '../store/objects/read-objects.js';
import { visibleCurrent } from '../store/objects/visible-versions.js';
import type { Database } from '../store/schema.js';
import { countMatches, listMatches } from './correlation-query.js';
import type { MatchRow, Relation } from './correlation-query.js';
import { ipRangeOf } from './ip-range.js';
import { syncRangeIndex } from './range-index.js';

export type { Relation } from './correlation-query.js';

/** A value in more visible objects than this is reported as common, with a count, not listed. */
export const DEFAULT_CORRELATION_CAP = 50;
/** Counting a common value stops after this many matches (reported as `count_capped`). */
export const DEFAULT_COUNT_LIMIT = 1_000;

export interface CorrelationOptions {
  cap?: number;
  countLimit?: number;
}

export interface CorrelatedObject {
  id: string;
  type: string;
  name?: string;
  relation: Relation;
  /** The matched object's own value (differs from the looked-up one for containment). */
  value: string;
}

export interface OrgMatches {
  org: { id: string; name: string };
  objects: CorrelatedObject[];
}

export interface ObservableCorrelation {
  kind: ObservableKind;
  value: string;
  common?: true;
  count?: number;
  count_capped?: true;
  matches: OrgMatches[];
}

export interface ObjectCorrelations {
  id: string;
  observables: ObservableCorrelation[];
}

/**
 * Correlations of the newest version of `id` that `viewer` may see: for each of its indexed values,
 * the other visible current objects sharing it (exactly or by network containment), grouped by the
 * contributing organisation. Undefined when the viewer sees no version of `id`.
 */
export async function correlateObject(
  db: Kysely<Database>,
  viewer: Viewer,
  id: string,
  options: CorrelationOptions = {},
): Promise<ObjectCorrelations | undefined> {
  const own = await visibleCurrent(db, viewer).where('o.id', '=', id).select('o.seq').executeTakeFirst();
  if (own === undefined) return undefined;
  const values = await db
    .selectFrom('observables')
    .select(['kind', 'value'])
    .where('object_seq', '=', own.seq)
    .orderBy('kind')
    .orderBy('value')
    .execute();
  const observables = values.map((v) => ({ kind: v.kind as ObservableKind, value: v.value }));
  return { id, observables: await correlateObservables(db, viewer, observables, options, id) };
}

/** Correlations of free-standing values (an analyst's lookup), excluding nothing. */
export async function correlateObservables(
  db: Kysely<Database>,
  viewer: Viewer,
  observables: readonly Observable[],
  options: CorrelationOptions = {},
  excludeId?: string,
): Promise<ObservableCorrelation[]> {
  const cap = options.cap ?? DEFAULT_CORRELATION_CAP;
  const countLimit = Math.max(options.countLimit ?? DEFAULT_COUNT_LIMIT, cap + 1);
  if (observables.some((o) => ipRangeOf(o) !== null)) await syncRangeIndex(db);
  const found: Array<{ o: Observable; rows: MatchRow[]; common?: { count: number; capped: boolean } }> = [];
  for (const o of observables) {
    let rows = await listMatches(db, viewer, o, cap + 1, excludeId);
    if (rows.length > cap) {
      const counted = await countMatches(db, viewer, o, countLimit, excludeId);
      if (counted.count > cap) {
        found.push({ o, rows: [], common: counted });
        continue;
      }
      // Over the cap in rows but not in objects (one object matched twice): list them all.
      rows = await listMatches(db, viewer, o, countLimit, excludeId);
    }
    found.push({ o, rows });
  }
  const names = await objectNames(
    db,
    viewer,
    found.flatMap((f) => f.rows),
  );
  const orgs = await orgNames(
    db,
    found.flatMap((f) => f.rows.map((r) => r.owner_org)),
  );
  return found.map(({ o, rows, common }) =>
    common === undefined
      ? { ...o, matches: group(rows, names, orgs) }
      : {
          ...o,
          common: true,
          count: common.count,
          ...(common.capped ? { count_capped: true } : {}),
          matches: [],
        },
  );
}

function group(
  rows: readonly MatchRow[],
  names: Map<string, string>,
  orgs: Map<string, string>,
): OrgMatches[] {
  const byOrg = new Map<string, Map<string, CorrelatedObject>>();
  for (const row of rows) {
    let objects = byOrg.get(row.owner_org);
    if (objects === undefined) {
      objects = new Map<string, CorrelatedObject>();
      byOrg.set(row.owner_org, objects);
    }
    const key = `${row.id}\u0000${row.relation}\u0000${row.matched_value}`;
    const name = names.get(row.id);
    objects.set(key, {
      id: row.id,
      type: row.type,
      ...(name === undefined ? {} : { name }),
      relation: row.relation,
      value: row.matched_value,
    });
  }
  return [...byOrg].map(([org, objects]) => ({
    org: { id: org, name: orgs.get(org) ?? org },
    objects: [...objects.values()],
  }));
}

/** Names as the viewer receives the objects (through the presenter), SCOs named by their value. */
async function objectNames(db: Kysely<Database>, viewer: Viewer, rows: readonly MatchRow[]) {
  const unique = [...new Map(rows.map((r) => [r.seq, r])).values()];
  const presented = await presentVersions(db, viewer, unique.map(toStoredVersion));
  const names = new Map<string, string>();
  for (const { object } of presented) {
    const name = typeof object.name === 'string' ? object.name : object.value;
    if (typeof name === 'string') names.set(object.id, name);
  }
  return names;
}

async function orgNames(db: Kysely<Database>, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .selectFrom('organisations')
    .select(['id', 'name'])
    .where('id', 'in', unique)
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
