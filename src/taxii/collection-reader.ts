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

/** What every listed version carries: enough to page, date the page and apply the policy. */
type Listed = Pick<StoredVersion, 'seq' | 'id' | 'dateAdded' | 'ownerOrg' | 'distribution'>;
/** A version as manifests and version lists give it. */
export type CollectionVersion = Listed & Pick<StoredVersion, 'version'>;
/** A version with its stored STIX text, for presenting the object. */
export type CollectionObject = Listed & Pick<StoredVersion, 'data'>;

export interface CollectionPage<V = CollectionVersion> {
  versions: V[];
  more: boolean;
  next?: string;
}

function listed(r: {
  seq: number;
  id: string;
  date_added: string;
  owner_org: string;
  distribution: string;
}): Listed {
  return {
    seq: r.seq,
    id: r.id,
    dateAdded: r.date_added,
    ownerOrg: r.owner_org,
    distribution: r.distribution,
  };
}

/** A page of versions without their STIX text: manifests, version lists and existence checks. */
export async function readCollectionPage(
  db: Db,
  viewer: Viewer,
  collection: TaxiiCollection,
  query: TaxiiQuery,
): Promise<CollectionPage> {
  const { rows, ...paging } = await readRows(db, viewer, collection, query, false);
  const versions = rows.map((r) => ({ ...listed(r), version: r.version! }));
  return { versions, ...paging };
}

/** A page of versions with their stored STIX text, for presenting the objects. */
export async function readCollectionObjects(
  db: Db,
  viewer: Viewer,
  collection: TaxiiCollection,
  query: TaxiiQuery,
): Promise<CollectionPage<CollectionObject>> {
  const { rows, ...paging } = await readRows(db, viewer, collection, query, true);
  const versions = rows.map((r) => ({ ...listed(r), data: r.data! }));
  return { versions, ...paging };
}

/**
 * One page of a collection for one viewer: what `visibleVersions` lets them see, narrowed to the
 * collection and the TAXII filters, in the order rows were added. Keyset paging on `seq` (which runs in
 * `date_added` order) stays correct while objects are being added: later rows land after the cursor.
 * Only the columns the page uses are read: on a 500-object page every extra column costs.
 */
async function readRows(
  db: Db,
  viewer: Viewer,
  collection: TaxiiCollection,
  query: TaxiiQuery,
  withData: boolean,
) {
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
    .select(['o.seq', 'o.id', 'o.date_added', 'o.owner_org', 'o.distribution'])
    .$if(!withData, (qb) => qb.select('o.version'))
    .$if(withData || !exact, (qb) => qb.select('o.data'))
    .$if(!exact, (qb) => qb.select('o.tlp'))
    .orderBy('o.seq')
    .limit(query.limit + 1)
    .execute();
  const more = rows.length > query.limit;
  const scanned = rows.slice(0, query.limit);
  const kept = exact
    ? scanned
    : scanned.filter((r) =>
        inCollection(collection.filter, JSON.parse(r.data!) as Record<string, unknown>, r.tlp ?? null),
      );
  const last = scanned.at(-1);
  return { rows: kept, more, ...(more && last !== undefined ? { next: NextToken.encode(last.seq) } : {}) };
}
