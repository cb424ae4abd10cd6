import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { openPostgresStore } from '../src/store/postgres/open-postgres.js';
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
  await prepareSchema(url, schema);
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
        await sql`DROP SCHEMA IF EXISTS ${sql.id(schema)} CASCADE`.execute(store.db);
      } finally {
        await store.close();
      }
    },
  };
}

/**
 * Creates the schema with Kysely's migration tables already in it. Kysely's Migrator, given no
 * `migrationTableSchema`, asks whether `kysely_migration` exists in ANY schema; with other test
 * schemas alive it answers yes, skips creating them, and the first query in this schema fails.
 * The table definitions are Kysely's own (migrator.js).
 */
async function prepareSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const id = `"${schema}"`;
    await client.query(`CREATE SCHEMA ${id}`);
    await client.query(
      `CREATE TABLE ${id}.kysely_migration (name varchar(255) NOT NULL PRIMARY KEY, timestamp varchar(255) NOT NULL)`,
    );
    await client.query(
      `CREATE TABLE ${id}.kysely_migration_lock (id varchar(255) NOT NULL PRIMARY KEY, is_locked integer NOT NULL DEFAULT 0)`,
    );
  } finally {
    await client.end();
  }
}

async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}
