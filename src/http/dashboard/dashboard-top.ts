import type { Kysely } from 'kysely';
import type { Viewer } from '../../policy/viewer.js';
import { visibleCurrent } from '../../store/objects/visible-versions.js';
import type { Database } from '../../store/schema.js';
import type { SqlDialect } from '../../store/store.js';
import { jsonText } from './json-sql.js';

export const TOP_TYPES = ['malware', 'threat-actor', 'intrusion-set'] as const;

/**
 * The malware families and threat actors with the most visible relationships. Both sides are cut to
 * the viewer: a relationship counts only if the viewer sees it, an entity is listed only if they see it.
 */
export async function dashboardTop(db: Kysely<Database>, dialect: SqlDialect, viewer: Viewer, limit = 10) {
  const rels = () => visibleCurrent(db, viewer).where('o.type', '=', 'relationship');
  const ends = rels()
    .select(jsonText(dialect, 'o.data', 'source_ref').as('ref'))
    .unionAll(rels().select(jsonText(dialect, 'o.data', 'target_ref').as('ref')));
  const counts = db
    .selectFrom(ends.as('e'))
    .select(['e.ref', (eb) => eb.fn.countAll<number | string>().as('n')])
    .groupBy('e.ref');
  const rows = await visibleCurrent(db, viewer)
    .where('o.type', 'in', TOP_TYPES)
    .innerJoin(counts.as('c'), 'c.ref', 'o.id')
    .select(['o.id', 'o.type', 'o.data', 'c.n'])
    .orderBy('c.n', 'desc')
    .orderBy('o.id')
    .limit(limit)
    .execute();
  return rows.map((r) => {
    const object = JSON.parse(r.data) as { name?: unknown };
    return {
      id: r.id,
      type: r.type,
      name: typeof object.name === 'string' ? object.name : r.id,
      relationships: Number(r.n),
    };
  });
}
