import type { Kysely } from 'kysely';
import type { Viewer } from '../../policy/viewer.js';
import { visibleCurrent } from '../../store/objects/visible-versions.js';
import type { Database } from '../../store/schema.js';
import type { SqlDialect } from '../../store/store.js';
import { jsonText } from '../../store/json-sql.js';

export const TOP_TYPES = ['malware', 'threat-actor', 'intrusion-set'] as const;

/**
 * The malware families and threat actors with the most visible relationships. Both sides are cut to
 * the viewer: a relationship counts only if the viewer sees it, an entity is listed only if they see it.
 * One scan reads both ends of every visible relationship; the tally is kept here rather than in a
 * UNION, which would scan the relationships twice.
 */
export async function dashboardTop(db: Kysely<Database>, dialect: SqlDialect, viewer: Viewer, limit = 10) {
  const [ends, entities] = await Promise.all([
    visibleCurrent(db, viewer)
      .where('o.type', '=', 'relationship')
      .select([
        jsonText(dialect, 'o.data', 'source_ref').as('s'),
        jsonText(dialect, 'o.data', 'target_ref').as('t'),
      ])
      .execute(),
    visibleCurrent(db, viewer)
      .where('o.type', 'in', TOP_TYPES)
      .select(['o.id', 'o.type', jsonText(dialect, 'o.data', 'name').as('name')])
      .execute(),
  ]);
  const tally = new Map<string, number>();
  for (const { s, t } of ends) {
    if (s !== null) tally.set(s, (tally.get(s) ?? 0) + 1);
    if (t !== null && t !== s) tally.set(t, (tally.get(t) ?? 0) + 1);
  }
  return entities
    .map((e) => ({ id: e.id, type: e.type, name: e.name ?? e.id, relationships: tally.get(e.id) ?? 0 }))
    .filter((e) => e.relationships > 0)
    .sort((a, b) => b.relationships - a.relationships || a.id.localeCompare(b.id))
    .slice(0, limit);
}
