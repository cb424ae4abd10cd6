import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { SCHEMA_LOCK, openPostgresStore } from '../src/store/postgres/open-postgres.js';
import { openSqliteStore } from '../src/store/sqlite/open-sqlite.js';
import type { Store } from '../src/store/store.js';

export interface StoreBackend {
  name: 'sqlite' | 'postgres';
  /** A fresh, empty, migrated store; `close()` also removes its file or schema. */
  open: () => Promise<Store>;
}

let warned = false;

/**
 * The backends every store test runs against (STYLE.md habit 6): SQLite always, PostgreSQL when
 * ACCORD_TEST_PG names a server. Use with `describe.each(storeBackends())('… on $name', …)`.
 */
export function storeBackends(): StoreBackend[] {
  const backends: StoreBackend[] = [{ name: 'sqlite', open: openTempSqlite }];
  const url = process.env.ACCORD_TEST_PG;
  if (url !== undefined && url !== '') {
    backends.push({ name: 'postgres', open: () => openTempPostgres(url) });
  } else if (!warned) {
    warned = true;
    console.warn('skipped: no PostgreSQL (set ACCORD_TEST_PG=postgres://...)');
  }
  return backends;
}

async function openTempSqlite(): Promise<Store> {
  const dir = mkdtempSync(join(tmpdir(), 'accord-test-'));
  const store = await openSqliteStore(join(dir, 'accord.db'));
  return {
    ...store,
    close: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function openTempPostgres(url: string): Promise<Store> {
  // Each store gets its own schema, so test files can run in parallel against one database.
  const schema = `t_${randomBytes(8).toString('hex')}`;
  let store: Store;
  try {
    store = await openPostgresStore(url, { schema, max: 4 });
  } catch (error) {
    await dropSchema(url, schema);
    throw error;
  }
  return {
    ...store,
    close: async () => {
      try {
        await store.db.transaction().execute(async (trx) => {
          await sql`SELECT pg_advisory_xact_lock(${SCHEMA_LOCK})`.execute(trx);
          await sql`DROP SCHEMA IF EXISTS ${sql.id(schema)} CASCADE`.execute(trx);
        });
      } finally {
        await store.close();
      }
    },
  };
}

async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
}
