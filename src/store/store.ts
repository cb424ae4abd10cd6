import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';

export type SqlDialect = 'sqlite' | 'postgres';

/**
 * The one seam between Accord and its database. Everything above it writes Kysely queries that run
 * unchanged on both backends; only opening, write serialisation and closing differ.
 */
export interface Store {
  readonly dialect: SqlDialect;
  readonly db: Kysely<Database>;
  /**
   * Runs `fn` in a transaction that holds the store's single write lock, so `seq` and `date_added`
   * are assigned in commit order (keyset paging then never skips a row that commits late).
   */
  writeTransaction<T>(fn: (trx: Transaction<Database> | Kysely<Database>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export type Db = Kysely<Database>;
