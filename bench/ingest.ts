import { createReadStream, createWriteStream, readFileSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { importStix } from '../src/ingest/import-service.js';
import { openSqliteStore } from '../src/store/sqlite/open-sqlite.js';
import type { StixObject } from '../src/stix/types.js';
import { benchDir, freshStore, removeDir } from './bench-store.js';
import { bundleChunks } from './generate-bundle.js';

const COUNT = 100_000;

async function writeBundle(path: string, count: number): Promise<void> {
  const out = createWriteStream(path);
  for (const chunk of bundleChunks(count)) if (!out.write(chunk)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}

/** The floor: plain JSON.parse of the whole file and prepared inserts of the same object rows. */
async function floor(dir: string, file: string): Promise<number> {
  const path = join(dir, 'floor.db');
  const store = await openSqliteStore(path); // same schema and indexes
  await store.close();
  const db = new SqliteDatabase(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  const started = performance.now();
  const bundle = JSON.parse(readFileSync(file, 'utf8')) as { objects: StixObject[] };
  const insert = db.prepare(
    `INSERT INTO objects (id, type, version, vorder, created, modified, date_added, created_by_ref, owner_org,
       distribution, tlp, pap, revoked, deleted, is_head, search_text, data)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'o', 'community', NULL, NULL, 0, 0, 1, ?, ?)`,
  );
  const now = new Date().toISOString();
  db.transaction(() => {
    for (const o of bundle.objects) {
      const version = o.modified ?? o.created ?? o.id;
      insert.run(
        o.id,
        o.type,
        version,
        version,
        o.created ?? null,
        o.modified ?? null,
        now,
        o.created_by_ref ?? null,
        typeof o.name === 'string' ? o.name : '',
        JSON.stringify(o),
      );
    }
  })();
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return bundle.objects.length / seconds;
}

async function ours(
  kind: 'sqlite' | 'postgres',
  dir: string,
  file: string,
): Promise<{ rate: number; created: number }> {
  const { store, admin, cleanup } = await freshStore(kind, dir);
  const started = performance.now();
  const summary = await importStix(store, admin, createReadStream(file, { highWaterMark: 1 << 20 }), {
    source: 'bench',
  });
  const seconds = (performance.now() - started) / 1000;
  await cleanup();
  if (summary.invalid + summary.refused > 0 || summary.fatal !== undefined) {
    throw new Error(`bench bundle did not import cleanly: ${JSON.stringify(summary)}`);
  }
  return { rate: summary.total / seconds, created: summary.created };
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

export async function run(args: string[]): Promise<string> {
  const count = Number(args[0] ?? COUNT);
  const dir = benchDir();
  try {
    const file = join(dir, 'bundle.json');
    await writeBundle(file, count);
    console.log(`ingest: generated ${count} objects (${(statSync(file).size / 1e6).toFixed(1)} MB, seed 42)`);
    const floorRate = await floor(dir, file);
    console.log(`ingest floor (JSON.parse + prepared inserts): ${fmt(floorRate)} objects/s`);
    const sqlite = await ours('sqlite', dir, file);
    console.log(
      `ingest sqlite (stream, validate, policy, index, audit): ${fmt(sqlite.rate)} objects/s, ${sqlite.created} created`,
    );
    if (process.env.ACCORD_TEST_PG !== undefined) {
      const pg = await ours('postgres', dir, file);
      console.log(`ingest postgres: ${fmt(pg.rate)} objects/s`);
    }
    return `ingest sqlite: ${fmt(sqlite.rate)} objects/s (${(floorRate / sqlite.rate).toFixed(2)}x floor)`;
  } finally {
    removeDir(dir);
  }
}
