import pg from 'pg';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { migrateToLatest } from '../migrator.js';
import type { Database } from '../schema.js';
import { kyselyInsertObjectRows, kyselyInsertObservableRows } from '../kysely-bulk.js';
import type { Store } from '../store.js';
import { signalStoreCommit } from '../commit-signal.js';

// bigint columns (seq) come back as numbers; Accord's sequences stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number.parseInt(value, 10));

/** Any fixed number works: it only has to be the same for every Accord node on the database. */
const WRITE_LOCK = 0x4acc0d;

/**
 * Held while migrating or dropping a schema: nodes starting together migrate one at a time, and
 * Kysely's introspection (which lists every schema's tables) never meets a schema being dropped.
 */
export const SCHEMA_LOCK = 0x4acc0e;

export interface PostgresOptions {
  /** Schema to use (tests give each run its own). */
  schema?: string;
  max?: number;
}

/** Opens a PostgreSQL store, creating its schema if needed, and migrates it. */
export async function openPostgresStore(url: string, options: PostgresOptions = {}): Promise<Store> {
  const schema = options.schema;
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    // JIT compiles a plan when its estimated cost is high, which the planner overestimates for the
    // "newest version the viewer may see" subqueries: compiling then took longer than the query
    // (dashboard figures 0.2-1.2 s with it, 50-140 ms without). Accord's queries are short and indexed.
    options: `-c jit=off${schema === undefined ? '' : ` -c search_path=${schema}`}`,
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const locker = await pool.connect();
  try {
    await locker.query('SELECT pg_advisory_lock($1)', [SCHEMA_LOCK]);
    if (schema !== undefined) await sql`CREATE SCHEMA IF NOT EXISTS ${sql.id(schema)}`.execute(db);
    await migrateToLatest(db as Kysely<unknown>, 'postgres', schema);
  } finally {
    await locker.query('SELECT pg_advisory_unlock($1)', [SCHEMA_LOCK]).catch(() => undefined);
    locker.release();
  }
  return {
    dialect: 'postgres',
    db,
    // One advisory lock for all writers, so rows become visible in seq order across nodes.
    writeTransaction: async (fn) => {
      const result = await db.transaction().execute(async (trx) => {
        await sql`SELECT pg_advisory_xact_lock(${WRITE_LOCK})`.execute(trx);
        return fn(trx);
      });
      signalStoreCommit(db);
      return result;
    },
    insertObjectRows: kyselyInsertObjectRows,
    insertObservableRows: kyselyInsertObservableRows,
    close: () => db.destroy(),
  };
}
