import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Viewer } from '../../policy/viewer.js';
import type { Database } from '../schema.js';
import { currentForViewer, visibleCurrent, visibleVersions } from './visible-versions.js';

export interface ObjectFilters {
  types?: readonly string[];
  ids?: readonly string[];
  createdByRef?: string;
  ownerOrg?: string;
  modifiedFrom?: string;
  modifiedTo?: string;
  addedAfter?: string;
  /** Case-insensitive substring over name, description, value and similar fields. */
  text?: string;
  includeRevoked?: boolean;
  /** Leave TLP:RED versions out (bulk exports and feeds never carry RED). */
  excludeTlpRed?: boolean;
}

/** A stored version as read back, with the metadata presenters and policy need. */
export interface StoredVersion {
  seq: number;
  id: string;
  type: string;
  version: string;
  dateAdded: string;
  ownerOrg: string;
  distribution: string;
  tlp: string | null;
  pap: string | null;
  revoked: boolean;
  data: string;
}

/** The columns `toStoredVersion` reads, for every query that returns stored versions. */
export const STORED_VERSION_COLUMNS = [
  'o.seq',
  'o.id',
  'o.type',
  'o.version',
  'o.date_added',
  'o.owner_org',
  'o.distribution',
  'o.tlp',
  'o.pap',
  'o.revoked',
  'o.data',
] as const;

type Row = {
  seq: number;
  id: string;
  type: string;
  version: string;
  date_added: string;
  owner_org: string;
  distribution: string;
  tlp: string | null;
  pap: string | null;
  revoked: number;
  data: string;
};

export function toStoredVersion(row: Row): StoredVersion {
  return {
    seq: row.seq,
    id: row.id,
    type: row.type,
    version: row.version,
    dateAdded: row.date_added,
    ownerOrg: row.owner_org,
    distribution: row.distribution,
    tlp: row.tlp,
    pap: row.pap,
    revoked: row.revoked === 1,
    data: row.data,
  };
}

function escapeLike(text: string): string {
  return text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Applies `filters` to a query over `objects as o` (from `visibleVersions`). */
export function applyFilters<Q extends ReturnType<typeof visibleVersions>>(
  query: Q,
  filters: ObjectFilters,
): Q {
  let q = query as ReturnType<typeof visibleVersions>;
  if (filters.types !== undefined && filters.types.length > 0) q = q.where('o.type', 'in', filters.types);
  if (filters.ids !== undefined && filters.ids.length > 0) q = q.where('o.id', 'in', filters.ids);
  if (filters.createdByRef !== undefined) q = q.where('o.created_by_ref', '=', filters.createdByRef);
  if (filters.ownerOrg !== undefined) q = q.where('o.owner_org', '=', filters.ownerOrg);
  if (filters.modifiedFrom !== undefined) q = q.where('o.modified', '>=', filters.modifiedFrom);
  if (filters.modifiedTo !== undefined) q = q.where('o.modified', '<=', filters.modifiedTo);
  if (filters.addedAfter !== undefined) q = q.where('o.date_added', '>', filters.addedAfter);
  if (filters.includeRevoked === false) q = q.where('o.revoked', '=', 0);
  if (filters.excludeTlpRed === true)
    q = q.where((eb) => eb.or([eb('o.tlp', 'is', null), eb('o.tlp', '!=', 'red')]));
  if (filters.text !== undefined && filters.text.trim() !== '') {
    // SQLite has no default LIKE escape character, so name one for both backends.
    const pattern = `%${escapeLike(filters.text.trim())}%`;
    q = q.where(sql<boolean>`${sql.ref('o.search_text')} like ${pattern} escape ${'\\'}`);
  }
  return q as Q;
}

export interface Page<T> {
  items: T[];
  /** Pass back as `after` for the next page; absent on the last page. */
  next?: number;
}

/**
 * One keyset page of `query` (visible versions, already filtered) in the order they were added, or
 * newest first: up to `limit` versions beyond `after` (above it, or below it newest first), and the
 * seq to pass back as `after` when more follow.
 */
export async function pageOnSeq(
  query: ReturnType<typeof visibleVersions>,
  page: { after?: number; limit: number },
  order: 'oldest-first' | 'newest-first' = 'oldest-first',
): Promise<Page<StoredVersion>> {
  const newestFirst = order === 'newest-first';
  let q = query.select(STORED_VERSION_COLUMNS);
  if (page.after !== undefined) q = q.where('o.seq', newestFirst ? '<' : '>', page.after);
  const rows = await q
    .orderBy('o.seq', newestFirst ? 'desc' : 'asc')
    .limit(page.limit + 1)
    .execute();
  const items = rows.slice(0, page.limit).map(toStoredVersion);
  return rows.length > page.limit ? { items, next: items[items.length - 1]!.seq } : { items };
}

/** The newest visible version of each object, in the order they were added, keyset-paged on seq. */
export async function listCurrent(
  db: Kysely<Database>,
  viewer: Viewer,
  filters: ObjectFilters,
  page: { after?: number; limit: number },
): Promise<Page<StoredVersion>> {
  return pageOnSeq(applyFilters(visibleCurrent(db, viewer), filters), page);
}

/** The exact number of visible current objects matching `filters`: counts never include hidden ones. */
export async function countCurrent(
  db: Kysely<Database>,
  viewer: Viewer,
  filters: ObjectFilters,
): Promise<number> {
  const row = await applyFilters(visibleCurrent(db, viewer), filters)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The newest visible version of `id`, or a specific visible version. */
export async function getVersion(
  db: Kysely<Database>,
  viewer: Viewer,
  id: string,
  version?: string,
): Promise<StoredVersion | undefined> {
  let q = visibleVersions(db, viewer).where('o.id', '=', id).select(STORED_VERSION_COLUMNS);
  q = version === undefined ? q.where(currentForViewer(viewer)) : q.where('o.version', '=', version);
  const row = await q.orderBy('o.vorder', 'desc').orderBy('o.seq', 'desc').limit(1).executeTakeFirst();
  return row === undefined ? undefined : toStoredVersion(row);
}

/** Every visible version of `id`, oldest first, one row per version even when lineages share it. */
export async function listVersions(
  db: Kysely<Database>,
  viewer: Viewer,
  id: string,
): Promise<StoredVersion[]> {
  const rows = await visibleVersions(db, viewer)
    .where('o.id', '=', id)
    .select(STORED_VERSION_COLUMNS)
    .orderBy('o.vorder')
    .orderBy('o.seq')
    .execute();
  const byVersion = new Map<string, StoredVersion>();
  for (const row of rows) byVersion.set(row.version, toStoredVersion(row));
  return [...byVersion.values()];
}

/** Counts of visible current objects by type. */
export async function countByType(db: Kysely<Database>, viewer: Viewer): Promise<Record<string, number>> {
  const rows = await visibleCurrent(db, viewer)
    .select(['o.type', (eb) => eb.fn.countAll<number | string>().as('n')])
    .groupBy('o.type')
    .orderBy('o.type')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.type, Number(r.n)]));
}

/** Every visible version (not only the newest), in the order they were added, keyset-paged on seq. */
export async function listAllVersions(
  db: Kysely<Database>,
  viewer: Viewer,
  filters: ObjectFilters,
  page: { after?: number; limit: number },
): Promise<Page<StoredVersion>> {
  return pageOnSeq(applyFilters(visibleVersions(db, viewer), filters), page);
}
