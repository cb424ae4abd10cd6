import { sql } from 'kysely';
import type { Viewer } from '../policy/viewer.js';
import type { StoredVersion } from '../store/objects/read-objects.js';
import { visibleVersions } from '../store/objects/visible-versions.js';
import type { Db } from '../store/store.js';
import { inCollection, isExactInSql, narrowToCollection } from './collection-filter.js';
import type { TaxiiCollection } from './taxii-collection.js';
import { NextToken } from './taxii-query.js';
import type { TaxiiQuery } from './taxii-query.js';
import { firstCopyOfVersion, versionPredicate } from './version-match.js';

/** A version as a collection page lists it: what TAXII answers and the policy needs, no more. */
export type CollectionVersion = Pick<
  StoredVersion,
  'seq' | 'id' | 'version' | 'dateAdded' | 'ownerOrg' | 'distribution' | 'tlp'
>;

export interface CollectionPage<V = CollectionVersion> {
  versions: V[];
  more: boolean;
  next?: string;
}

/** A page of versions without their STIX text: manifests, version lists and existence checks. */
export function readCollectionPage(
  db: Db,
  viewer: Viewer,
  collection: TaxiiCollection,
  query: TaxiiQuery,
): Promise<CollectionPage> {
  return readPage(db, viewer, collection, query, false);
}

/** A page of versions with their stored STIX text, for presenting the objects. */
export function readCollectionObjects(
  db: Db,
  viewer: Viewer,
  collection: TaxiiCollection,
  query: TaxiiQuery,
): Promise<CollectionPage<CollectionVersion & { data: string }>> {
  return readPage(db, viewer, collection, query, true);
}

/**
 * One page of a collection for one viewer: what `visibleVersions` lets them see, narrowed to the
 * collection and the TAXII filters, in the order rows were added. Keyset paging on `seq` (which runs in
 * `date_added` order) stays correct while objects are being added: later rows land after the cursor.
 * Only the columns a page uses are read: on a 500-object page every extra column costs.
 */
async function readPage(
  db: Db,
  viewer: Viewer,
  collection: TaxiiCollection,
  query: TaxiiQuery,
  withData: true,
): Promise<CollectionPage<CollectionVersion & { data: string }>>;
async function readPage(
  db: Db,
  viewer: Viewer,
  collection: TaxiiCollection,
  query: TaxiiQuery,
  withData: boolean,
): Promise<CollectionPage>;
async function readPage(
  db: Db,
  viewer: Viewer,
  collection: TaxiiCollection,
  query: TaxiiQuery,
  withData: boolean,
): Promise<CollectionPage<CollectionVersion & { data?: string }>> {
  let q = narrowToCollection(visibleVersions(db, viewer), collection.filter);
  if (query.types !== undefined) q = q.where('o.type', 'in', query.types.length > 0 ? query.types : ['']);
  if (query.ids !== undefined) q = q.where('o.id', 'in', query.ids.length > 0 ? query.ids : ['']);
  if (query.addedAfter !== undefined) q = q.where('o.date_added', '>', query.addedAfter);
  if (query.after !== undefined) q = q.where('o.seq', '>', query.after);
  // Accord stores STIX 2.1 only, so any other spec_version matches nothing.
  if (query.specVersions !== undefined && !query.specVersions.includes('2.1'))
    q = q.where(sql<boolean>`1 = 0`);
  const byVersion = versionPredicate(viewer, query.versions);
  if (byVersion !== undefined) q = q.where(byVersion);
  if (query.versions.all || query.versions.timestamps.length > 0) q = q.where(firstCopyOfVersion(viewer));
  const exact = isExactInSql(collection.filter);
  const rows = await q
    .select(['o.seq', 'o.id', 'o.version', 'o.date_added', 'o.owner_org', 'o.distribution', 'o.tlp'])
    .$if(withData || !exact, (qb) => qb.select('o.data'))
    .orderBy('o.seq')
    .limit(query.limit + 1)
    .execute();
  const more = rows.length > query.limit;
  const scanned = rows.slice(0, query.limit);
  const kept = exact
    ? scanned
    : scanned.filter((r) =>
        inCollection(collection.filter, JSON.parse(r.data!) as Record<string, unknown>, r.tlp),
      );
  const versions = kept.map((r) => ({
    seq: r.seq,
    id: r.id,
    version: r.version,
    dateAdded: r.date_added,
    ownerOrg: r.owner_org,
    distribution: r.distribution,
    tlp: r.tlp,
    ...(withData ? { data: r.data! } : {}),
  }));
  const last = scanned.at(-1);
  return { versions, more, ...(more && last !== undefined ? { next: NextToken.encode(last.seq) } : {}) };
}
