import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { indexedJsonText } from '../json-sql.js';
import type { SqlDialect } from '../store.js';

/**
 * Covering indexes for the dashboard (src/http/dashboard), so its figures read indexes, not the rows'
 * STIX text. Each one ends with the columns the visibility rule and the "newest version the viewer may
 * see" test read (deleted, is_head, distribution, owner_org, id, vorder, seq), so SQLite answers from the
 * index alone and PostgreSQL can scan index-only once vacuum has marked the pages visible. They are plain indexes and expression indexes: the database keeps them right on every
 * write, nothing else has to.
 *
 * - `objects_dashboard_counts`: counts by type and TLP, in GROUP BY order.
 * - `objects_dashboard_intake`: versions added per day and organisation over the last days, on the
 *   day, spelt `substr(date_added, 1, 10)` as dashboard-intake.ts spells it, so the grouping follows
 *   the index order instead of sorting every row (`date_added` last makes it covering on SQLite).
 * - `objects_relationship_source` / `_target`: a relationship's ends, read from its JSON once at write
 *   time, so "how many visible relationships touch this malware" is an index lookup. Partial (only
 *   relationships); queries must spell the expression and the `type = 'relationship'` literal exactly
 *   as here, which `indexedJsonText` does.
 */
export function dashboardMigration(dialect: SqlDialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const visibility = sql`deleted, is_head, distribution, owner_org, id, vorder, seq`;
      const source = indexedJsonText(dialect, 'data', 'source_ref');
      const target = indexedJsonText(dialect, 'data', 'target_ref');
      await sql`create index objects_dashboard_counts on objects (type, tlp, ${visibility})`.execute(db);
      await sql`create index objects_dashboard_intake on objects (substr(date_added, 1, 10), owner_org, distribution, deleted, date_added)`.execute(
        db,
      );
      await sql`create index objects_relationship_source on objects (${source}, ${visibility}, type)
        where type = 'relationship'`.execute(db);
      await sql`create index objects_relationship_target on objects (${target}, ${source}, ${visibility}, type)
        where type = 'relationship'`.execute(db);
    },
  };
}
