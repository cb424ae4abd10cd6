import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from './open-sqlite.js';

function pageSizeOf(path: string): number {
  const conn = new SqliteDatabase(path, { readonly: true });
  try {
    return conn.pragma('page_size', { simple: true }) as number;
  } finally {
    conn.close();
  }
}

describe('SQLite page size', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'accord-pages-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives a new store 32 KB pages', async () => {
    const path = join(dir, 'new.db');
    const store = await openSqliteStore(path);
    await store.close();
    expect(pageSizeOf(path)).toBe(32768);
  });

  it('opens a store made with 4 KB pages as it is, and keeps writing to it', async () => {
    const path = join(dir, 'old.db');
    const old = new SqliteDatabase(path);
    old.pragma('page_size = 4096');
    old.pragma('journal_mode = WAL');
    old.exec('create table earlier (n integer)');
    old.close();

    const store = await openSqliteStore(path);
    await store.db.insertInto('settings').values({ key: 'probe', value: 'kept' }).execute();
    await store.close();

    expect(pageSizeOf(path)).toBe(4096);
    const reopened = await openSqliteStore(path);
    const row = await reopened.db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', 'probe')
      .executeTakeFirst();
    await reopened.close();
    expect(row?.value).toBe('kept');
  });
});
