import { createReadStream, createWriteStream, readFileSync, statSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import SqliteDatabase from 'better-sqlite3';
import { observablesOf } from '../src/correlate/observables-of.js';
import { importStix } from '../src/ingest/import-service.js';
import { searchText } from '../src/ingest/prepare-version.js';
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

/**
 * The floor: plain JSON.parse of the whole file and prepared inserts of the same rows our import
 * writes, the objects (with their search text) and their observables. Those two are worked out before
 * the timing, from an untimed parse of its own: finding and normalising them is the import's work,
 * not the floor's.
 */
async function floor(dir: string, file: string): Promise<number> {
  const path = join(dir, 'floor.db');
  const store = await openSqliteStore(path); // same schema and indexes
  await store.close();
  const derived = (JSON.parse(readFileSync(file, 'utf8')) as { objects: StixObject[] }).objects.map((o) => ({
    observables: observablesOf(o),
    searchText: searchText(o),
  }));
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
  const insertObservable = db.prepare(
    'INSERT OR IGNORE INTO observables (kind, value, object_seq, object_id) VALUES (?, ?, ?, ?)',
  );
  const now = new Date().toISOString();
  db.transaction(() => {
    for (const [i, o] of bundle.objects.entries()) {
      const version = o.modified ?? o.created ?? o.id;
      const { lastInsertRowid } = insert.run(
        o.id,
        o.type,
        version,
        version,
        o.created ?? null,
        o.modified ?? null,
        now,
        o.created_by_ref ?? null,
        derived[i]!.searchText,
        JSON.stringify(o),
      );
      for (const { kind, value } of derived[i]!.observables)
        insertObservable.run(kind, value, lastInsertRowid, o.id);
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

type Part = 'floor' | 'sqlite' | 'postgres';

async function measure(part: Part, dir: string, file: string): Promise<{ rate: number; created?: number }> {
  return part === 'floor' ? { rate: await floor(dir, file) } : ours(part, dir, file);
}

/**
 * Runs one measurement in a fresh process (this script again, with the same loader flags): run one
 * after another in one process, the later ones measured 15-20% slower, on a heap the earlier ones
 * had grown. Separate processes give the floor and ours the same start.
 */
async function inFreshProcess(
  part: Part,
  dir: string,
  file: string,
): Promise<{ rate: number; created?: number }> {
  const script = fileURLToPath(new URL('./run.ts', import.meta.url));
  const child = spawn(process.execPath, [...process.execArgv, script, 'ingest', '--part', part, dir, file], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`ingest ${part} measurement exited with ${code}`);
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as { rate: number; created?: number };
}

export async function run(args: string[]): Promise<string> {
  if (args[0] === '--part') return JSON.stringify(await measure(args[1] as Part, args[2]!, args[3]!));
  const count = Number(args[0] ?? COUNT);
  const dir = benchDir();
  try {
    const file = join(dir, 'bundle.json');
    await writeBundle(file, count);
    console.log(`ingest: generated ${count} objects (${(statSync(file).size / 1e6).toFixed(1)} MB, seed 42)`);
    const floorRate = (await inFreshProcess('floor', dir, file)).rate;
    console.log(
      `ingest floor (JSON.parse + prepared inserts of the objects and their observables): ${fmt(floorRate)} objects/s`,
    );
    const sqlite = await inFreshProcess('sqlite', dir, file);
    console.log(
      `ingest sqlite (stream, validate, policy, index, audit): ${fmt(sqlite.rate)} objects/s, ${sqlite.created} created`,
    );
    if (process.env.ACCORD_TEST_PG !== undefined) {
      const pg = await inFreshProcess('postgres', dir, file);
      console.log(`ingest postgres: ${fmt(pg.rate)} objects/s`);
    }
    return `ingest sqlite: ${fmt(sqlite.rate)} objects/s (${(floorRate / sqlite.rate).toFixed(2)}x floor)`;
  } finally {
    removeDir(dir);
  }
}
