import type { Kysely } from 'kysely';

/**
 * `landscape_reports`: generated threat-landscape assessments with the analyst's narrative. The
 * figures are stored as computed for their creator's audience (`audience`: `audienceKey`), so a saved
 * report is readable by exactly the viewers who would compute the same figures, and by admins.
 */
export function reportsMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('landscape_reports')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('created', 'text', (c) => c.notNull())
        .addColumn('updated', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('owner_org', 'text', (c) => c.notNull())
        .addColumn('audience', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('variant', 'text', (c) => c.notNull())
        .addColumn('tlp', 'text', (c) => c.notNull())
        .addColumn('request', 'text', (c) => c.notNull())
        .addColumn('figures', 'text', (c) => c.notNull())
        .addColumn('narrative', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('landscape_reports_audience')
        .on('landscape_reports')
        .columns(['audience', 'created'])
        .execute();
    },
  };
}
