import type { Insertable, Kysely, Transaction } from 'kysely';
import type { Database, ObjectsTable, ObservablesTable } from './schema.js';

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
  /**
   * The ingest hot path: inserts object rows in order inside the caller's write transaction and
   * returns their seqs in the same order. Each backend uses its fastest way (prepared statements on
   * SQLite, multi-row inserts on PostgreSQL).
   */
  insertObjectRows(trx: Kysely<Database>, rows: readonly Insertable<ObjectsTable>[]): Promise<number[]>;
  /** Adds observable index rows, ignoring ones already present. */
  insertObservableRows(trx: Kysely<Database>, rows: readonly ObservablesTable[]): Promise<void>;
  close(): Promise<void>;
}

export type Db = Kysely<Database>;
