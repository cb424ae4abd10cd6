import { sql } from 'kysely';
import type { CompiledQuery } from 'kysely';
import { audienceKey } from '../policy/visibility.js';
import type { Viewer } from '../policy/viewer.js';
import type { StoredVersion } from '../store/objects/read-objects.js';
import { objectsEpoch } from '../store/objects/objects-epoch.js';
import { visibleVersions } from '../store/objects/visible-versions.js';
import type { Db } from '../store/store.js';
import { inCollection, isExactInSql, narrowToCollection } from './collection-filter.js';
import type { TaxiiCollection } from './taxii-collection.js';
import { NextToken } from './taxii-query.js';
import type { TaxiiQuery } from './taxii-query.js';
import { pageQueryCache } from './page-query-cache.js';
import { pageSeqCache } from './page-seq-cache.js';
import { storedTextCache } from './stored-text-cache.js';
import type { StoredText } from './stored-text-cache.js';
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

/** A page of versions without their STIX text: manifests, version lists and existence checks. */
export async function readCollectionPage(
  db: Db,
  viewer: Viewer,
  collection: TaxiiCollection,
  query: TaxiiQuery,
): Promise<CollectionPage> {
  const exact = isExactInSql(collection.filter);
  const { rows, ...paging } = await readRows(db, viewer, collection, query, 'manifest', (q) =>
    q
      .select(['o.seq', 'o.id', 'o.date_added', 'o.owner_org', 'o.distribution', 'o.version'])
      .$if(!exact, (qb) => qb.select(['o.data', 'o.tlp'])),
  );
  const kept = exact
    ? rows
    : rows.filter((r) =>
        inCollection(collection.filter, JSON.parse(r.data!) as Record<string, unknown>, r.tlp ?? null),
      );
  // Object literals, not spreads of a shared helper: spreading costs several times as much per row.
  const versions = kept.map((r) => ({
    seq: r.seq,
    id: r.id,
    dateAdded: r.date_added,
    ownerOrg: r.owner_org,
    distribution: r.distribution,
    version: r.version,
  }));
  return { versions, ...paging };
}

/**
 * A page of versions with their stored STIX text, for presenting the objects. The page's seqs come
 * from `visibleVersions`: from the query itself, or from what that same query (same audience, same
 * parameters) answered before while the objects table stayed as it was (`PageSeqCache`). Their
 * immutable text and audience come from the store's `StoredTextCache` when it holds them, and are
 * read (again through `visibleVersions`) when not.
 */
export async function readCollectionObjects(
  db: Db,
  viewer: Viewer,
  collection: TaxiiCollection,
  query: TaxiiQuery,
): Promise<CollectionPage<CollectionObject> & { epoch?: number }> {
  // Read before the page: for presentTexts (see PresentTextsOptions.epoch) and the page-seq cache.
  const state = db.isTransaction ? undefined : await objectsEpoch(db);
  const epoch = state?.deletions;
  const exact = isExactInSql(collection.filter);
  const { key, build } = pageQuery(db, viewer, collection, query, 'objects', (q) =>
    q.select('o.seq').$if(!exact, (qb) => qb.select('o.tlp')),
  );
  const run = async (after: number | undefined, limit: number) =>
    (await pageQueryCache(db).run(db, key, after, limit, build)).rows;
  // Rows of an exact filter are seqs alone, which the page-seq cache can give for the same query.
  const found: Array<{ seq: number; tlp?: string | null }> =
    state !== undefined && exact
      ? (
          await pageSeqCache(db).page(state.key, key, query.after, query.limit + 1, async (after, limit) =>
            (await run(after, limit)).map((r) => r.seq),
          )
        ).map((seq) => ({ seq }))
      : await run(query.after, query.limit + 1);
  const { rows, ...paging } = paged(found, query.limit);
  const cache = storedTextCache(db);
  // Indexed loops: this runs for every version of every page.
  const held = new Array<StoredText | undefined>(rows.length);
  const missing: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    const seq = rows[i]!.seq;
    held[i] = cache.get(seq);
    if (held[i] === undefined) missing.push(seq);
  }
  const read = new Map<number, StoredText>();
  for (const r of await readMissing(db, viewer, missing)) {
    const version: StoredText = {
      seq: r.seq,
      id: r.id,
      dateAdded: r.date_added,
      ownerOrg: r.owner_org,
      distribution: r.distribution,
      data: r.data,
      plainAt: undefined,
    };
    cache.add(version);
    read.set(r.seq, version);
  }
  const versions: CollectionObject[] = [];
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    // A version deleted between the two reads is left out, as if the page had been read a moment later.
    const version = held[i] ?? read.get(r.seq);
    if (version === undefined) continue;
    if (
      exact ||
      inCollection(collection.filter, JSON.parse(version.data) as Record<string, unknown>, r.tlp ?? null)
    )
      versions.push(version);
  }
  return { versions, ...paging, ...(epoch === undefined ? {} : { epoch }) };
}

/**
 * The versions with the seqs `missing` (ascending) that the viewer may see. A dense run (a first read,
 * paging through a collection) is read as one range of seqs, which is cheaper than a list of them;
 * rows in the range that the page does not need are visible to the viewer and go into the cache too.
 */
async function readMissing(db: Db, viewer: Viewer, missing: readonly number[]) {
  const lo = missing[0];
  const hi = missing.at(-1);
  if (lo === undefined || hi === undefined) return [];
  const columns = ['o.seq', 'o.id', 'o.date_added', 'o.owner_org', 'o.distribution', 'o.data'] as const;
  if (hi - lo < 2 * missing.length)
    return visibleVersions(db, viewer)
      .where('o.seq', '>=', lo)
      .where('o.seq', '<=', hi)
      .select(columns)
      .execute();
  const rows = [];
  for (let i = 0; i < missing.length; i += 500)
    rows.push(
      ...(await visibleVersions(db, viewer)
        .where('o.seq', 'in', missing.slice(i, i + 500))
        .select(columns)
        .execute()),
    );
  return rows;
}

type Narrowed = ReturnType<typeof narrowToCollection>;

/**
 * One page of a collection for one viewer: what `visibleVersions` lets them see, narrowed to the
 * collection and the TAXII filters, in the order rows were added, with the columns `columns` selects.
 * Keyset paging on `seq` (which runs in `date_added` order) stays correct while objects are being
 * added: later rows land after the cursor. `next` follows the last row read, also when the caller
 * then drops rows that fail the collection's in-memory filter. `shape` names the column set, for
 * the compiled-query cache: the query is built and compiled once per audience and shape.
 */
async function readRows<R extends { seq: number }>(
  db: Db,
  viewer: Viewer,
  collection: TaxiiCollection,
  query: TaxiiQuery,
  shape: string,
  columns: Columns<R>,
) {
  const { key, build } = pageQuery(db, viewer, collection, query, shape, columns);
  const { rows } = await pageQueryCache(db).run(db, key, query.after, query.limit + 1, build);
  return paged(rows, query.limit);
}

type Columns<R> = (q: Narrowed) => {
  orderBy(c: 'o.seq'): { limit(n: number): { compile(): CompiledQuery<R> } };
};

/**
 * The page query for one viewer, as a builder of its compiled form from the cursor and the limit,
 * and the key of everything else the compiled text depends on (for the compiled-query cache).
 */
function pageQuery<R>(
  db: Db,
  viewer: Viewer,
  collection: TaxiiCollection,
  query: TaxiiQuery,
  shape: string,
  columns: Columns<R>,
) {
  const build = (after: number | undefined, limit: number) => {
    let q = narrowToCollection(visibleVersions(db, viewer), collection.filter);
    if (query.types !== undefined) q = q.where('o.type', 'in', query.types.length > 0 ? query.types : ['']);
    if (query.ids !== undefined) q = q.where('o.id', 'in', query.ids.length > 0 ? query.ids : ['']);
    if (query.addedAfter !== undefined) q = q.where('o.date_added', '>', query.addedAfter);
    if (after !== undefined) q = q.where('o.seq', '>', after);
    // Accord stores STIX 2.1 only, so any other spec_version matches nothing.
    if (query.specVersions !== undefined && !query.specVersions.includes('2.1'))
      q = q.where(sql<boolean>`1 = 0`);
    const byVersion = versionPredicate(viewer, query.versions);
    if (byVersion !== undefined) q = q.where(byVersion);
    if (query.versions.all || query.versions.timestamps.length > 0) q = q.where(firstCopyOfVersion(viewer));
    return columns(q).orderBy('o.seq').limit(limit).compile();
  };
  // Everything the compiled text depends on but the cursor and the limit, which the cache swaps in.
  const key = JSON.stringify([
    shape,
    audienceKey(viewer),
    collection.filter,
    query.after === undefined,
    query.addedAfter,
    query.ids,
    query.types,
    query.specVersions,
    query.versions,
  ]);
  return { key, build };
}

/** Rows read with one more than `limit`: the page, whether there is more, and the token after it. */
function paged<R extends { seq: number }>(found: R[], limit: number) {
  const more = found.length > limit;
  const rows = found.slice(0, limit);
  const last = rows.at(-1);
  return { rows, more, ...(more && last !== undefined ? { next: NextToken.encode(last.seq) } : {}) };
}
