import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import type { Database as SqliteConnection, Statement } from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import type { SqliteDatabase as KyselySqliteDatabase } from 'kysely';
import { migrateToLatest } from '../migrator.js';
import type { Database } from '../schema.js';
import type { Store } from '../store.js';
import { signalStoreCommit } from '../commit-signal.js';
import { QueuedSqliteDialect } from './queued-sqlite-dialect.js';
import { sqliteBulk } from './sqlite-bulk.js';
import { WalCheckpointer } from './wal-checkpointer.js';

const CACHED_STATEMENTS = 512;
const WAL_CHECKPOINT_BYTES = 40 * 1024 * 1024;
/** With checkpoints on their own thread, the writer's own automatic checkpoint only catches up. */
const BACKSTOP_CHECKPOINT_BYTES = 4 * WAL_CHECKPOINT_BYTES;
const BACKGROUND_CHECKPOINT_FROM = 4 * 1024 * 1024;

export interface SqliteStoreOptions {
  /**
   * WAL bytes after a commit from which checkpoints move to a thread of their own (default 4 MB, so
   * small stores and short-lived test stores never start one; Infinity: never).
   */
  backgroundCheckpointFrom?: number;
}

/**
 * The connection as Kysely sees it, with its prepared statements kept (least recently used out):
 * Kysely prepares every query it runs, and preparing costs about as much as running a small query.
 * A statement still being iterated (a streamed read) is busy, so a second use gets a fresh one.
 */
export function statementCache(raw: SqliteConnection, size = CACHED_STATEMENTS): KyselySqliteDatabase {
  const cache = new Map<string, Statement>();
  return {
    close: () => raw.close(),
    prepare(text: string) {
      const cached = cache.get(text);
      if (cached !== undefined && !cached.busy) {
        cache.delete(text);
        cache.set(text, cached);
        return cached;
      }
      const statement = raw.prepare(text);
      if (cached === undefined) {
        cache.set(text, statement);
        if (cache.size > size) cache.delete(cache.keys().next().value!);
      }
      return statement;
    },
  };
}

/** Opens (creating if needed) an embedded SQLite store in WAL mode and migrates it. */
export async function openSqliteStore(path: string, options: SqliteStoreOptions = {}): Promise<Store> {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const raw = new SqliteDatabase(path);
  // 32 KB pages (SQLite's default is 4 KB), set while the file is new: once a database is in WAL mode
  // its page size is fixed, so existing stores keep theirs. A page holds eight times the rows and index
  // entries, so a write batch dirties, commits and checkpoints fewer pages in fewer system calls, the
  // B-trees are shallower, and only objects over ~32 KB (not ~4 KB) go to overflow pages. The
  // 100,000-object import bench, alternating runs with the same checkpoint bytes: 24,500-26,800
  // objects/s with 4 KB pages, 31,300-34,400 with 32 KB; TAXII paging and the exports measured the
  // same or slightly faster.
  raw.pragma('page_size = 32768');
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  raw.pragma('busy_timeout = 10000');
  raw.pragma('foreign_keys = ON');
  // 32 MB of page cache: the operating system caches the file as well, and every megabyte here is
  // resident in each process (a 1 GB import must stay under 500 MB; 64 MB measured ~60 MB more).
  raw.pragma('cache_size = -32768');
  // Checkpoint every ~40 MB of WAL instead of SQLite's 1,000 pages: large imports rewrite fewer pages
  // twice. Counted in pages, so it follows the store's page size (older stores have 4 KB pages).
  const pageSize = raw.pragma('page_size', { simple: true }) as number;
  const autoCheckpoint = (bytes: number) => raw.pragma(`wal_autocheckpoint = ${Math.ceil(bytes / pageSize)}`);
  autoCheckpoint(WAL_CHECKPOINT_BYTES);
  const db = new Kysely<Database>({ dialect: new QueuedSqliteDialect({ database: statementCache(raw) }) });
  await migrateToLatest(db as Kysely<unknown>, 'sqlite');
  // Each migration commits the schema page and new root pages (32 KB each) again: on a new store the
  // WAL then holds megabytes of DDL, which would set off the background checkpointer at the first
  // write. Copy it into the database once, here, so every store starts with an empty WAL.
  if (path !== ':memory:') raw.pragma('wal_checkpoint(TRUNCATE)');
  const bulk = sqliteBulk(raw);

  // Checkpoints on their own thread once the WAL has grown (wal-checkpointer.ts). Measured on the
  // 100,000-object import: COMMIT took 480-640 ms of the writing thread's time with SQLite's own
  // checkpoints, 170-190 ms with this thread's, and the import ran 8-12% faster.
  const backgroundFrom =
    path === ':memory:' ? Infinity : (options.backgroundCheckpointFrom ?? BACKGROUND_CHECKPOINT_FROM);
  let checkpointer: WalCheckpointer | undefined;
  let checkpointerFailed = false;
  const committed = () => {
    if (checkpointer !== undefined) {
      checkpointer.committed();
      return;
    }
    if (checkpointerFailed || backgroundFrom === Infinity) return;
    const walBytes = statSync(`${path}-wal`, { throwIfNoEntry: false })?.size ?? 0;
    if (walBytes < backgroundFrom) return;
    const started = new WalCheckpointer(path, undefined, () => {
      // Back to SQLite's checkpoints inside COMMIT; nothing is lost, only the overlap.
      checkpointerFailed = true;
      checkpointer = undefined;
      if (raw.open) autoCheckpoint(WAL_CHECKPOINT_BYTES);
      void started.close();
    });
    checkpointer = started;
    autoCheckpoint(BACKSTOP_CHECKPOINT_BYTES);
    started.committed();
  };
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
          committed();
          signalStoreCommit(db);
          return result;
        } catch (error) {
          await sql`ROLLBACK`.execute(conn);
          throw error;
        }
      }),
    insertObjectRows: (_trx, rows) => bulk.insertObjectRows(rows),
    insertObservableRows: (_trx, rows) => bulk.insertObservableRows(rows),
    close: async () => {
      await checkpointer?.close();
      await db.destroy();
    },
  };
}
