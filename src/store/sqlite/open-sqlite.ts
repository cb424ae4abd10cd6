import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { migrateToLatest } from '../migrator.js';
import type { Database } from '../schema.js';
import type { Store } from '../store.js';
import { sqliteBulk } from './sqlite-bulk.js';

/** Opens (creating if needed) an embedded SQLite store in WAL mode and migrates it. */
export async function openSqliteStore(path: string): Promise<Store> {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const raw = new SqliteDatabase(path);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  raw.pragma('busy_timeout = 10000');
  raw.pragma('foreign_keys = ON');
  raw.pragma('cache_size = -65536');
  // Checkpoint every ~40 MB of WAL instead of 4 MB: large imports rewrite fewer pages twice.
  raw.pragma('wal_autocheckpoint = 10000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });
  await migrateToLatest(db as Kysely<unknown>, 'sqlite');
  const bulk = sqliteBulk(raw);
  return {
    dialect: 'sqlite',
    db,
    // BEGIN IMMEDIATE takes the write lock up front: a deferred transaction that reads and then writes
    // fails with SQLITE_BUSY_SNAPSHOT when another process (a CLI import) committed in between.
    writeTransaction: (fn) =>
      db.connection().execute(async (conn) => {
        await sql`BEGIN IMMEDIATE`.execute(conn);
        try {
          const result = await fn(conn);
          await sql`COMMIT`.execute(conn);
          return result;
        } catch (error) {
          await sql`ROLLBACK`.execute(conn);
          throw error;
        }
      }),
    insertObjectRows: (_trx, rows) => bulk.insertObjectRows(rows),
    insertObservableRows: (_trx, rows) => bulk.insertObservableRows(rows),
    close: () => db.destroy(),
  };
}
