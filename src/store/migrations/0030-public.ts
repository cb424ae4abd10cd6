import type { Kysely } from 'kysely';

/**
 * The public portal's editable tables (src/public): the ransomware family database an administrator
 * loaded from a newer MISP galaxy (one row; none means the copy shipped in src/public/ransomware/data),
 * the decryptor table keyed by galaxy UUID (rows override or, with `data` null, withdraw a shipped
 * entry) and the reporting contact per country. JSON columns are text, alike on both backends.
 */
export function publicMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('public_ransomware_galaxy')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('galaxy_version', 'integer', (c) => c.notNull())
        .addColumn('families', 'integer', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('updated', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('public_decryptors')
        .addColumn('galaxy_uuid', 'text', (c) => c.primaryKey())
        .addColumn('data', 'text')
        .addColumn('updated', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('public_reporting_contacts')
        .addColumn('country', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('updated', 'text', (c) => c.notNull())
        .execute();
    },
  };
}
