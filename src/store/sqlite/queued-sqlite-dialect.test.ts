import SqliteDatabase from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { QueuedSqliteDialect } from './queued-sqlite-dialect.js';

interface Db {
  t: { n: number };
}

describe('QueuedSqliteDialect', () => {
  let db: Kysely<Db>;
  beforeEach(async () => {
    db = new Kysely<Db>({ dialect: new QueuedSqliteDialect({ database: new SqliteDatabase(':memory:') }) });
    await db.schema.createTable('t').addColumn('n', 'integer').execute();
  });
  afterEach(async () => {
    await db.destroy();
  });

  it('runs queries waiting for the connection in the order they asked for it', async () => {
    const order: number[] = [];
    // A transaction holds the connection across awaits, so every query below has to wait for it.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const tx = db.transaction().execute(async (trx) => {
      await trx.insertInto('t').values({ n: 0 }).execute();
      await held;
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const queries = Array.from({ length: 20 }, (_, i) =>
      db
        .insertInto('t')
        .values({ n: i + 1 })
        .execute()
        .then(() => order.push(i + 1)),
    );
    release();
    await Promise.all([tx, ...queries]);
    expect(order).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const rows = await db.selectFrom('t').select('n').orderBy('n').execute();
    expect(rows.map((r) => r.n)).toEqual(Array.from({ length: 21 }, (_, i) => i));
  });

  it('keeps a transaction to itself: nothing else runs inside it, a rollback undoes it all', async () => {
    const seen: number[] = [];
    const failing = db.transaction().execute(async (trx) => {
      await trx.insertInto('t').values({ n: 1 }).execute();
      await new Promise((resolve) => setTimeout(resolve, 5));
      seen.push((await trx.selectFrom('t').select('n').execute()).length);
      throw new Error('undo');
    });
    const outside = db.insertInto('t').values({ n: 2 }).execute();
    await expect(failing).rejects.toThrow('undo');
    await outside;
    expect(seen).toEqual([1]);
    expect((await db.selectFrom('t').select('n').execute()).map((r) => r.n)).toEqual([2]);
  });

  it('hands the connection on after a failed query', async () => {
    await expect(sql`select * from missing`.execute(db)).rejects.toThrow(/no such table/);
    const after = await Promise.all([
      db.selectFrom('t').selectAll().execute(),
      db.insertInto('t').values({ n: 3 }).execute(),
    ]);
    expect(after[0]).toEqual([]);
    expect(await db.selectFrom('t').select('n').execute()).toEqual([{ n: 3 }]);
  });
});
