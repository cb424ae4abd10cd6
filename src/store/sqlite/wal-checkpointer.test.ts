import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from './open-sqlite.js';
import type { CheckpointResult } from './wal-checkpointer.js';
import { WalCheckpointer } from './wal-checkpointer.js';

const within = <T>(promise: Promise<T>, ms: number, what: string): Promise<T> =>
  Promise.race([
    promise,
    new Promise<T>((_, reject) =>
      setTimeout(() => {
        reject(new Error(`no ${what} within ${ms} ms`));
      }, ms),
    ),
  ]);

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'accord-ckpt-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('WalCheckpointer', () => {
  it('copies committed pages into the database file on its own thread after a commit', async () => {
    const path = join(dir, 'x.db');
    const raw = new SqliteDatabase(path);
    raw.pragma('journal_mode = WAL');
    raw.pragma('wal_autocheckpoint = 0'); // only the thread checkpoints
    raw.exec('create table t (n integer, pad text)');
    const insert = raw.prepare('insert into t values (?, ?)');
    raw.transaction(() => {
      for (let n = 0; n < 500; n++) insert.run(n, 'x'.repeat(1000));
    })();
    const before = statSync(path).size;

    let checkpointed!: (result: CheckpointResult) => void;
    const done = new Promise<CheckpointResult>((resolve) => (checkpointed = resolve));
    const checkpointer = new WalCheckpointer(path, checkpointed);
    checkpointer.committed();
    const result = await within(done, 5000, 'checkpoint');
    await checkpointer.close();

    expect(result.busy).toBe(0);
    expect(result.log).toBeGreaterThan(0);
    expect(result.checkpointed).toBe(result.log);
    expect(statSync(path).size).toBeGreaterThan(before + 400 * 1000);
    expect(raw.prepare('select count(*) as c from t').get()).toEqual({ c: 500 });
    raw.close();
  });

  it('starts at most one checkpoint every 100 ms, however often commits come', async () => {
    const path = join(dir, 'busy.db');
    const raw = new SqliteDatabase(path);
    raw.pragma('journal_mode = WAL');
    raw.pragma('wal_autocheckpoint = 0');
    raw.exec('create table t (n integer)');
    const insert = raw.prepare('insert into t values (?)');
    const results: CheckpointResult[] = [];
    const checkpointer = new WalCheckpointer(path, (result) => results.push(result));
    for (let n = 0; n < 30; n++) {
      insert.run(n);
      checkpointer.committed();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
    await checkpointer.close();
    raw.close();
    // 30 commits over ~300 ms (plus the wait): a checkpoint per commit would be about 30.
    expect(results.length).toBeGreaterThanOrEqual(1);
    expect(results.length).toBeLessThanOrEqual(7);
  });

  it('reports a thread that cannot open the store', async () => {
    let failed!: (message: string) => void;
    const failure = new Promise<string>((resolve) => (failed = resolve));
    const checkpointer = new WalCheckpointer(join(dir, 'missing', 'x.db'), undefined, failed);
    await expect(within(failure, 5000, 'failure')).resolves.toMatch(/unable to open|cannot open/i);
    await checkpointer.close();
  });
});

describe('SQLite store checkpoints', () => {
  it('moves checkpoints off the writing connection once the WAL has grown, and closes cleanly', async () => {
    const path = join(dir, 'accord.db');
    const store = await openSqliteStore(path, { backgroundCheckpointFrom: 1 });
    const before = statSync(path).size;
    for (let i = 0; i < 20; i++) {
      await store.writeTransaction((trx) =>
        trx
          .insertInto('settings')
          .values({ key: `k${i}`, value: 'v'.repeat(100_000) })
          .execute(),
      );
    }
    // 2 MB of commits, far below the writer's own automatic checkpoint: only the thread copies them.
    const deadline = Date.now() + 5000;
    while (statSync(path).size < before + 1_500_000 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(statSync(path).size).toBeGreaterThan(before + 1_500_000);
    await store.close();

    const reopened = await openSqliteStore(path);
    const rows = await reopened.db.selectFrom('settings').select('key').where('key', 'like', 'k%').execute();
    await reopened.close();
    expect(rows).toHaveLength(20);
  });

  it('keeps checkpoints inside COMMIT for a store whose WAL stays small', async () => {
    const path = join(dir, 'small.db');
    const store = await openSqliteStore(path);
    await store.writeTransaction((trx) =>
      trx.insertInto('settings').values({ key: 'a', value: 'b' }).execute(),
    );
    const before = statSync(path).size;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(statSync(path).size).toBe(before);
    await store.close();
  });
});
