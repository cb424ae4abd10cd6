import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Viewer } from '../../policy/viewer.js';
import { indexedJsonText, jsonText } from '../../store/json-sql.js';
import { visibleCurrent } from '../../store/objects/visible-versions.js';
import type { Database } from '../../store/schema.js';
import type { SqlDialect } from '../../store/store.js';

export const TOP_TYPES = ['malware', 'threat-actor', 'intrusion-set'] as const;

/**
 * The malware families and threat actors with the most visible relationships. Both sides are cut to
 * the viewer: a relationship counts only if the viewer sees it, an entity is listed only if they see it.
 * For each visible entity, counts over the relationship-end indexes of migration 0005: the
 * relationships it is the source of, plus those it is the target of, minus those it is both (a
 * relationship to itself counts once). Each count is an index range, so no relationship's JSON is
 * parsed at read time.
 */
export async function dashboardTop(db: Kysely<Database>, dialect: SqlDialect, viewer: Viewer, limit = 10) {
  const rows = await topQuery(db, dialect, viewer, limit).execute();
  // Zeros sort last, so dropping them after the limit keeps the same list; in SQL the filter would
  // make SQLite evaluate both counts twice.
  return rows
    .map((r) => ({ id: r.id, type: r.type, name: r.name ?? r.id, relationships: Number(r.relationships) }))
    .filter((r) => r.relationships > 0);
}

/** The `limit` visible entities with the most visible relationships, most first (ties by id). */
export function topQuery(db: Kysely<Database>, dialect: SqlDialect, viewer: Viewer, limit: number) {
  const source = indexedJsonText(dialect, 'o.data', 'source_ref');
  const target = indexedJsonText(dialect, 'o.data', 'target_ref');
  // A literal: the partial indexes apply only when the planner knows the value (PostgreSQL's generic
  // plans would not).
  const relationships = () => visibleCurrent(db, viewer).where('o.type', '=', sql.lit('relationship'));
  const entities = visibleCurrent(db, viewer)
    .where('o.type', 'in', TOP_TYPES)
    .select(['o.id', 'o.type', 'o.data']);
  const counted = db
    .selectFrom(entities.as('e'))
    .select(['e.id', 'e.type', 'e.data'])
    .select((eb) => {
      const count = (q: ReturnType<typeof relationships>) =>
        q.select((r) => r.fn.countAll<number | string>().as('n'));
      const sourceOf = count(relationships().where(source, '=', eb.ref('e.id')));
      const targetOf = count(relationships().where(target, '=', eb.ref('e.id')));
      const toItself = count(
        relationships().where(target, '=', eb.ref('e.id')).where(source, '=', eb.ref('e.id')),
      );
      return eb(eb(sourceOf, '+', targetOf), '-', toItself).as('relationships');
    });
  return db
    .selectFrom(counted.as('c'))
    .select(['c.id', 'c.type', 'c.relationships', jsonText(dialect, 'c.data', 'name').as('name')])
    .orderBy('c.relationships', 'desc')
    .orderBy('c.id')
    .limit(limit);
}
