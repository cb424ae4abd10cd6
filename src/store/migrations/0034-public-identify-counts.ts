import type { Kysely } from 'kysely';

/**
 * Aggregate counts of the public ransomware identification (src/public/ransomware/identify-counts.ts):
 * one row per day, outcome and identified family, holding only how many requests ended so. Nothing of
 * what a visitor sent is stored.
 */
export function publicIdentifyCountsMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('public_identify_counts')
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('galaxy_uuid', 'text', (c) => c.notNull())
        .addColumn('n', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('public_identify_counts_pk', ['day', 'status', 'galaxy_uuid'])
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('public_identify_counts').execute();
    },
  };
}
