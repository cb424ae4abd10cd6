import type { Kysely } from 'kysely';

/**
 * Private search sets (src/deconflict/pss): `pss_exports` records each set handed to a recipient —
 * its key fingerprint and a sample of its keyed hashes, so a leaked set names its recipient. The
 * per-recipient key is derived from the instance key and never written here.
 */
export function pssMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('pss_exports')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('recipient_org', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_org', 'text', (c) => c.notNull())
        .addColumn('fingerprint', 'text', (c) => c.notNull().unique())
        .addColumn('sample', 'text', (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addColumn('created', 'text', (c) => c.notNull())
        .execute();
    },
  };
}
