import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { SqlDialect } from '../store.js';

/**
 * Deconfliction (src/deconflict). Nothing here is readable without the instance key, which lives
 * outside the database: a dump shows who registered how many interests, never in what.
 *
 * - `deconflict_interests`: one registered interest. The clear value and the case reference are
 *   sealed (src/secrets) so only the owner's listing opens them; the contact point is clear because it
 *   is what a hit tells the checker.
 * - `deconflict_hashes`: the HMAC-SHA-256 keyed hashes an interest answers to (one for an exact value,
 *   one per network for a CIDR, several when a CIDR is spread over the prefix lengths checks probe).
 * - `deconflict_notifications`: "your interest was hit": who checked, when; read by the owner only.
 * - `deconflict_rate`: values checked per key and window, so limits hold across API nodes.
 * - `store_epochs` row `deconflict`: moved forward by every registration, so the in-memory
 *   pre-filter of any node knows when to reload.
 */
export function deconflictMigration(dialect: SqlDialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const hash = dialect === 'postgres' ? sql`hash text collate "C" not null` : sql`hash text not null`;
      await db.schema
        .createTable('deconflict_interests')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('owner_org', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('sealed_value', 'text', (c) => c.notNull())
        .addColumn('sealed_case', 'text', (c) => c.notNull())
        .addColumn('contact', 'text', (c) => c.notNull())
        .addColumn('sensitivity', 'text', (c) => c.notNull())
        .addColumn('notify', 'integer', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('created', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('deconflict_interests_owner')
        .on('deconflict_interests')
        .columns(['owner_org', 'created'])
        .execute();
      await sql`create table deconflict_hashes (
        ${hash},
        interest_id text not null,
        constraint deconflict_hashes_pk primary key (hash, interest_id)
      )`.execute(db);
      await db.schema
        .createIndex('deconflict_hashes_interest')
        .on('deconflict_hashes')
        .column('interest_id')
        .execute();
      await db.schema
        .createTable('deconflict_notifications')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('interest_id', 'text', (c) => c.notNull())
        .addColumn('owner_org', 'text', (c) => c.notNull())
        .addColumn('checker_org', 'text', (c) => c.notNull())
        .addColumn('checker_user', 'text', (c) => c.notNull())
        .addColumn('checked_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('deconflict_notifications_owner')
        .on('deconflict_notifications')
        .columns(['owner_org', 'checked_at'])
        .execute();
      await db.schema
        .createTable('deconflict_rate')
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('window_start', 'text', (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('deconflict_rate_pk', ['subject', 'window_start'])
        .execute();
      await (db as Kysely<{ store_epochs: { name: string; value: number } }>)
        .insertInto('store_epochs')
        .values({ name: 'deconflict', value: 0 })
        .execute();
    },
  };
}
