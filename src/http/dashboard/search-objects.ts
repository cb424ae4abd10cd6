import type { Kysely } from 'kysely';
import type { Viewer } from '../../policy/viewer.js';
import { applyFilters, pageOnSeq } from '../../store/objects/read-objects.js';
import type { ObjectFilters, Page, StoredVersion } from '../../store/objects/read-objects.js';
import { visibleCurrent } from '../../store/objects/visible-versions.js';
import type { Database } from '../../store/schema.js';
import type { SqlDialect } from '../../store/store.js';
import { jsonArrayHas } from '../../store/json-sql.js';

export interface SearchFilters extends ObjectFilters {
  tlps?: readonly string[];
  label?: string;
}

function searchQuery(db: Kysely<Database>, dialect: SqlDialect, viewer: Viewer, filters: SearchFilters) {
  let q = applyFilters(visibleCurrent(db, viewer), filters);
  const tlps = filters.tlps ?? [];
  if (tlps.length > 0) {
    const named = tlps.filter((t) => t !== 'none');
    q = q.where((eb) =>
      eb.or([
        ...(named.length > 0 ? [eb('o.tlp', 'in', named)] : []),
        ...(tlps.includes('none') ? [eb('o.tlp', 'is', null)] : []),
      ]),
    );
  }
  if (filters.label !== undefined && filters.label !== '')
    q = q.where(jsonArrayHas(dialect, 'o.data', 'labels', filters.label));
  return q;
}

/** Like `listCurrent` with the search page's extra filters; keyset-paged on seq, newest first. */
export function searchObjects(
  db: Kysely<Database>,
  dialect: SqlDialect,
  viewer: Viewer,
  filters: SearchFilters,
  page: { before?: number; limit: number },
): Promise<Page<StoredVersion>> {
  const cursor =
    page.before === undefined ? { limit: page.limit } : { after: page.before, limit: page.limit };
  return pageOnSeq(searchQuery(db, dialect, viewer, filters), cursor, 'newest-first');
}

export async function countSearch(
  db: Kysely<Database>,
  dialect: SqlDialect,
  viewer: Viewer,
  filters: SearchFilters,
): Promise<number> {
  const row = await searchQuery(db, dialect, viewer, filters)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
