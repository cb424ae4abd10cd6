import type { Kysely } from 'kysely';

/**
 * TAXII collections and push statuses, and the job table of the scheduler (scheduled TAXII pulls,
 * feeds). JSON columns are text so both backends store them the same way.
 */
export function taxiiJobsMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('taxii_collections')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('alias', 'text', (c) => c.unique())
        .addColumn('filter', 'text', (c) => c.notNull())
        .addColumn('can_read', 'text', (c) => c.notNull())
        .addColumn('can_write', 'text', (c) => c.notNull())
        .addColumn('public', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .execute();

      await db.schema
        .createTable('taxii_status')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('collection_id', 'text', (c) => c.notNull())
        .addColumn('owner_user', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('request_timestamp', 'text', (c) => c.notNull())
        .addColumn('total_count', 'integer', (c) => c.notNull())
        .addColumn('success_count', 'integer', (c) => c.notNull())
        .addColumn('failure_count', 'integer', (c) => c.notNull())
        .addColumn('pending_count', 'integer', (c) => c.notNull())
        .addColumn('successes', 'text', (c) => c.notNull())
        .addColumn('failures', 'text', (c) => c.notNull())
        .addColumn('pendings', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('jobs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('schedule', 'text')
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('last_run_at', 'text')
        .addColumn('last_status', 'text')
        .addColumn('last_error', 'text')
        .addColumn('next_run_at', 'text')
        // A lease: the node running the job holds it until then, so several API nodes never run it twice.
        .addColumn('locked_until', 'text')
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('created', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('jobs_due').on('jobs').columns(['enabled', 'next_run_at']).execute();
    },
  };
}
