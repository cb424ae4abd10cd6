import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { statementCache } from './open-sqlite.js';

interface Db {
  t: { n: number };
}

describe('statementCache', () => {
  let dir: string;
  let raw: SqliteDatabase.Database;
  let db: Kysely<Db>;
  let prepared: string[];
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'accord-stmt-'));
    raw = new SqliteDatabase(join(dir, 'x.db'));
    prepared = [];
    const prepare = raw.prepare.bind(raw);
    raw.prepare = (text: string) => {
      prepared.push(text);
      return prepare(text);
    };
    db = new Kysely<Db>({ dialect: new SqliteDialect({ database: statementCache(raw, 3) }) });
    await db.schema.createTable('t').addColumn('n', 'integer').execute();
    await db
      .insertInto('t')
      .values([1, 2, 3, 4].map((n) => ({ n })))
      .execute();
  });
  afterEach(async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prepares a query once and reuses it with new parameters', async () => {
    const count = prepared.length;
    for (const n of [1, 2, 3]) {
      const row = await db.selectFrom('t').select('n').where('n', '=', n).executeTakeFirst();
      expect(row?.n).toBe(n);
    }
    expect(prepared.length).toBe(count + 1);
  });

  it('gives a fresh statement while the cached one is still being iterated', () => {
    const cache = statementCache(raw);
    const text = 'select n from t order by n';
    const first = cache.prepare(text) as SqliteDatabase.Statement;
    const rows = first.iterate();
    expect(rows.next().value).toEqual({ n: 1 });
    const second = cache.prepare(text);
    expect(second).not.toBe(first);
    rows.return?.();
    expect(cache.prepare(text)).toBe(first);
  });

  it('keeps at most `size` statements, dropping the least recently used', async () => {
    const q = (n: number) =>
      db
        .selectFrom('t')
        .select('n')
        .where('n', '>', n)
        .limit(n + 1);
    for (const n of [0, 1, 2]) await q(n).execute(); // three texts (the limit is inlined as a parameter? no: same text)
    const count = prepared.length;
    await db.selectFrom('t').select('n').where('n', '<', 9).execute();
    await db.selectFrom('t').select(['n']).orderBy('n', 'desc').execute();
    await db.selectFrom('t').selectAll().execute();
    await db.selectFrom('t').select('n').where('n', '<', 9).execute(); // still cached
    expect(prepared.length).toBe(count + 3);
    await db.selectFrom('t').select('n').where('n', '>', 0).limit(1).execute(); // evicted: prepared again
    expect(prepared.length).toBe(count + 4);
  });
});
