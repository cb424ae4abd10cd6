import type { Kysely } from 'kysely';

/**
 * Awareness advisories of the public portal (src/public/advisories): one row per advisory, its texts
 * per language (Markdown), and its state. Only TLP:CLEAR advisories can be published.
 */
export function publicAdvisoriesMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('public_advisories')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('owner_org', 'text', (c) => c.notNull())
        .addColumn('tlp', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('published', 'text')
        .addColumn('published_by', 'text')
        .execute();
      await db.schema
        .createTable('public_advisory_texts')
        .addColumn('advisory_id', 'text', (c) => c.notNull())
        .addColumn('lang', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('summary', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('public_advisory_texts_pk', ['advisory_id', 'lang'])
        .execute();
      await db.schema
        .createIndex('public_advisories_published')
        .on('public_advisories')
        .columns(['status', 'published'])
        .execute();
    },
  };
}
