import type { Kysely } from 'kysely';

/**
 * `store_epochs`: counters that writers move forward in the same transaction as the change they
 * count, so a cache in any process or node can tell whether what it learnt still holds by reading
 * one row. `deletions` counts object deletions: the only write that can make a visible id invisible
 * (src/store/objects/visible-id-cache.ts).
 */
export function storeEpochsMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('store_epochs')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('value', 'bigint', (c) => c.notNull())
        .execute();
      await (db as Kysely<{ store_epochs: { name: string; value: number } }>)
        .insertInto('store_epochs')
        .values({ name: 'deletions', value: 0 })
        .execute();
    },
  };
}
