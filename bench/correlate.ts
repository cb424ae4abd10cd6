import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { correlateObject, correlateObservables } from '../src/correlate/correlate.js';
import { syncRangeIndex } from '../src/correlate/range-index.js';
import type { UserViewer } from '../src/policy/viewer.js';
import { openSqliteStore } from '../src/store/sqlite/open-sqlite.js';
import type { Store } from '../src/store/store.js';
import { benchDir, removeDir } from './bench-store.js';
import { Random } from './random.js';

// `npm run bench -- correlate [sizes]`: correlation lookup latency over a SQLite store holding
// `sizes` indexed observables (default 1,000,000 and 10,000,000), rows inserted straight into the
// objects and observables tables (the import pipeline has its own benchmark).

const ORGS = [
  'identity--00000000-0000-4000-8000-00000000000a',
  'identity--00000000-0000-4000-8000-00000000000b',
  'identity--00000000-0000-4000-8000-00000000000c',
];
const GROUP = 'bench-group';
const LOOKUPS = 2000;
// Lookups run before measuring: they fill the caches and let V8 finish compiling the hot paths (its
// compiler and GC threads count in the process CPU time).
const WARM_UP = 1000;
const BATCH = 100_000;
const T = '2026-01-01T00:00:00.000Z';

const idOf = (type: string, i: number) =>
  `${type}--00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
const ipOf = (n: number) => `${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
const hashOf = (n: number, length: number) =>
  (n.toString(16).padStart(12, '0') + 'a'.repeat(length)).slice(0, length);

interface Generated {
  type: string;
  data: string;
  values: Array<[kind: string, value: string]>;
}

/**
 * One object: an IPv4 indicator (35%), a network indicator (1%), a domain (20%) or URL (14%)
 * indicator, or a file SCO with three hashes (30%). Values come from pools sized so that a value
 * is shared by a few objects on average; 2% take one of 50 hot values (over the cap).
 */
function generate(i: number, objects: number, r: Random): Generated {
  const pool = (share: number) => Math.max(1, Math.floor(objects * share));
  const hot = r.next() < 0.02 ? r.int(50) : -1;
  const roll = r.next();
  const ipSpace = 0x0b000000; // 11.0.0.0/8: 16 M addresses, a tenth of them used at 10 M observables
  const indicator = (kind: string, value: string, pattern: string): Generated => ({
    type: 'indicator',
    data: JSON.stringify({
      type: 'indicator',
      spec_version: '2.1',
      id: idOf('indicator', i),
      created: T,
      modified: T,
      name: `i${i}`,
      pattern,
      pattern_type: 'stix',
      valid_from: T,
    }),
    values: [[kind, value]],
  });
  if (roll < 0.35) {
    const ip = ipOf(ipSpace + (hot >= 0 ? hot : r.int(Math.min(pool(0.175), 1 << 24))));
    return indicator('ipv4', ip, `[ipv4-addr:value = '${ip}']`);
  }
  if (roll < 0.36) {
    const prefix = 24 + r.int(5);
    const base = ipSpace + r.int(1 << 24);
    const network = `${ipOf(base - (base % 2 ** (32 - prefix)))}/${prefix}`;
    return indicator('ipv4-cidr', network, `[ipv4-addr:value ISSUBSET '${network}']`);
  }
  if (roll < 0.56) {
    const d = `d${hot >= 0 ? `hot${hot}` : r.int(pool(0.1))}.accord-test.xyz`;
    return indicator('domain', d, `[domain-name:value = '${d}']`);
  }
  if (roll < 0.7) {
    const u = `http://u${hot >= 0 ? `hot${hot}` : r.int(pool(0.07))}.accord-test.xyz/gate.php`;
    return indicator('url', u, `[url:value = '${u}']`);
  }
  const h = hot >= 0 ? 0xffff00 + hot : r.int(pool(0.15));
  const [md5, sha1, sha256] = [hashOf(h, 32), hashOf(h, 40), hashOf(h, 64)];
  return {
    type: 'file',
    data: JSON.stringify({
      type: 'file',
      spec_version: '2.1',
      id: idOf('file', i),
      hashes: { MD5: md5, 'SHA-1': sha1, 'SHA-256': sha256 },
    }),
    values: [
      ['md5', md5],
      ['sha1', sha1],
      ['sha256', sha256],
    ],
  };
}

/** Fills the store with about `target` observables; returns how many objects that took. */
function fill(path: string, target: number): number {
  const db = new SqliteDatabase(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  const insertObject = db.prepare(
    `INSERT INTO objects (seq, id, type, version, vorder, created, modified, date_added, created_by_ref, owner_org,
       distribution, tlp, pap, revoked, deleted, is_head, search_text, data)
     VALUES (?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?, ?, NULL, NULL, 0, 0, 1, '', ?)`,
  );
  const insertObservable = db.prepare(
    'INSERT OR IGNORE INTO observables (kind, value, object_seq, object_id) VALUES (?, ?, ?, ?)',
  );
  const objects = Math.round(target / 1.6); // 1 value per indicator, 3 per file: 1.6 on average
  const r = new Random(42);
  const distributions = ['community', 'community', 'community', `group:${GROUP}`, 'organisation'];
  let observables = 0;
  const batch = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const g = generate(i, objects, r);
      const owner = ORGS[r.int(ORGS.length)]!;
      const id = idOf(g.type, i);
      insertObject.run(i + 1, id, g.type, T, T, T, owner, owner, r.pick(distributions), g.data);
      for (const [kind, value] of g.values) insertObservable.run(kind, value, i + 1, id);
      observables += g.values.length;
    }
  });
  const started = performance.now();
  for (let from = 0; from < objects; from += BATCH) {
    batch(from, Math.min(objects, from + BATCH));
    if ((from / BATCH) % 10 === 9)
      process.stdout.write(
        `  ${Math.min(objects, from + BATCH).toLocaleString('en')} objects, ${observables.toLocaleString('en')} observables, ${((performance.now() - started) / 1000).toFixed(0)} s\n`,
      );
  }
  db.close();
  return objects;
}

async function setup(store: Store): Promise<UserViewer> {
  for (const [n, id] of ORGS.entries())
    await store.db
      .insertInto('organisations')
      .values({
        id,
        name: `Org ${n}`,
        kind: 'other',
        sector: null,
        country: null,
        default_distribution: 'community',
        default_tlp: 'none',
        created: T,
      })
      .execute();
  await store.db
    .insertInto('sharing_groups')
    .values({ id: GROUP, name: 'Bench group', description: null, owner_org: ORGS[0]!, created: T })
    .execute();
  for (const org of ORGS.slice(0, 2))
    await store.db.insertInto('group_members').values({ group_id: GROUP, org_id: org, added: T }).execute();
  // A contributor, not an admin: every lookup pays for the visibility rule.
  return {
    kind: 'user',
    userId: 'bench',
    email: 'bench@localhost',
    orgId: ORGS[0]!,
    role: 'contributor',
    groups: [GROUP],
    readOnly: false,
  };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function measure(
  size: number,
): Promise<{ observables: number; p50: number; p99: number; wall99: number; buildSeconds: number }> {
  const dir = benchDir();
  const started = performance.now();
  try {
    const path = join(dir, 'correlate.db');
    const store = await openSqliteStore(path);
    const viewer = await setup(store);
    let t = performance.now();
    const objects = fill(path, size);
    const observables = (
      await store.db
        .selectFrom('observables')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;
    console.log(
      `correlate: ${observables.toLocaleString('en')} observables in ${objects.toLocaleString('en')} objects, inserted in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
    t = performance.now();
    await syncRangeIndex(store.db);
    console.log(`correlate: range index built in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const r = new Random(7);
    const times: number[] = [];
    // The machine is shared: CPU time is what one lookup costs, wall time includes waiting for a core.
    const cpuTimes: number[] = [];
    let matched = 0;
    let common = 0;
    for (let k = 0; k < LOOKUPS + WARM_UP; k++) {
      const i = r.int(objects);
      // Object lookups mostly; one in ten is an analyst's value lookup of a random address.
      t = performance.now();
      const cpu = process.cpuUsage();
      const result =
        k % 10 === 9
          ? {
              observables: await correlateObservables(store.db, viewer, [
                { kind: 'ipv4', value: ipOf(0x0b000000 + r.int(1 << 20)) },
              ]),
            }
          : await correlateObject(store.db, viewer, idOf(r.next() < 0.3 ? 'file' : 'indicator', i));
      const ms = performance.now() - t;
      const used = process.cpuUsage(cpu);
      if (k >= WARM_UP) {
        times.push(ms);
        cpuTimes.push((used.user + used.system) / 1000);
      }
      for (const o of result?.observables ?? []) {
        if (o.common === true) common++;
        else if (o.matches.length > 0) matched++;
      }
    }
    times.sort((a, b) => a - b);
    cpuTimes.sort((a, b) => a - b);
    const p50 = percentile(cpuTimes, 50);
    const p99 = percentile(cpuTimes, 99);
    const wall99 = percentile(times, 99);
    console.log(
      `correlate: ${LOOKUPS} lookups at ${observables.toLocaleString('en')}: CPU p50 ${p50.toFixed(2)} ms, p99 ${p99.toFixed(2)} ms; wall p50 ${percentile(times, 50).toFixed(2)} ms, p99 ${wall99.toFixed(2)} ms, max ${times.at(-1)!.toFixed(1)} ms (${matched} values with matches, ${common} common)`,
    );
    await store.close();
    return { observables, p50, p99, wall99, buildSeconds: (performance.now() - started) / 1000 };
  } finally {
    removeDir(dir);
  }
}

/** Past this, a size is replaced by FALLBACK (the store would take too long to build here). */
const BUDGET_SECONDS = 600;
const FALLBACK = 3_000_000;

export async function run(args: string[]): Promise<string> {
  const sizes = (args[0] ?? '1000000,10000000').split(',').map(Number);
  const results = [];
  const notes: string[] = [];
  for (const asked of sizes) {
    let size = asked;
    const last = results.at(-1);
    const projected = last === undefined ? 0 : (last.buildSeconds * asked) / last.observables;
    if (projected > BUDGET_SECONDS && asked > FALLBACK) {
      size = FALLBACK;
      notes.push(
        `${asked.toLocaleString('en')} not run: about ${Math.round(projected / 60)} min to build here`,
      );
      console.log(`correlate: ${notes.at(-1)!}; measuring ${FALLBACK.toLocaleString('en')} instead`);
    }
    results.push(await measure(size));
  }
  const note = notes.length === 0 ? '' : `; ${notes.join('; ')}`;
  return `correlate: p99 ${results.map((r) => `${r.p99.toFixed(1)} ms at ${r.observables.toLocaleString('en')}`).join(', ')} observables (CPU per lookup on SQLite as a contributor; wall p99 ${results.map((r) => r.wall99.toFixed(1)).join('/')} ms on this shared machine${note})`;
}
