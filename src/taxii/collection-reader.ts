import { sql } from 'kysely';
import type { Viewer } from '../policy/viewer.js';
import { toStoredVersion } from '../store/objects/read-objects.js';
import type { StoredVersion } from '../store/objects/read-objects.js';
import { visibleVersions } from '../store/objects/visible-versions.js';
import type { Db } from '../store/store.js';
import { inCollection, isExactInSql, narrowToCollection } from './collection-filter.js';
import type { TaxiiCollection } from './taxii-collection.js';
import { NextToken } from './taxii-query.js';
import type { TaxiiQuery } from './taxii-query.js';
import { firstCopyOfVersion, versionPredicate } from './version-match.js';

export interface CollectionPage {
  versions: StoredVersion[];
  more: boolean;
  next?: string;
}

/**
 * One page of a collection for one viewer: what `visibleVersions` lets them see, narrowed to the
 * collection and the TAXII filters, in the order rows were added. Keyset paging on `seq` (which runs in
 * `date_added` order) stays correct while objects are being added: later rows land after the cursor.
 */
export async function readCollectionPage(
  db: Db,
  viewer: Viewer,
  collection: TaxiiCollection,
  query: TaxiiQuery,
): Promise<CollectionPage> {
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
  const rows = await q
    .select([
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
    ])
    .orderBy('o.seq')
    .limit(query.limit + 1)
    .execute();
  const more = rows.length > query.limit;
  const scanned = rows.slice(0, query.limit).map((r) => toStoredVersion(r));
  const exact = isExactInSql(collection.filter);
  const versions = exact
    ? scanned
    : scanned.filter((v) =>
        inCollection(collection.filter, JSON.parse(v.data) as Record<string, unknown>, v.tlp),
      );
  const last = scanned.at(-1);
  return { versions, more, ...(more && last !== undefined ? { next: NextToken.encode(last.seq) } : {}) };
}
