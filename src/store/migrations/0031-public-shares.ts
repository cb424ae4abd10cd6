import type { Kysely } from 'kysely';

/**
 * What a visitor of the public portal chose to share with investigators ("share this"): the evidence
 * of one identification and its answer, as JSON text. Nothing else from the portal is stored.
 */
export function publicSharesMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('public_ransomware_shares')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('created', 'text', (c) => c.notNull())
        .addColumn('evidence', 'text', (c) => c.notNull())
        .addColumn('result', 'text', (c) => c.notNull())
        .execute();
    },
  };
}
