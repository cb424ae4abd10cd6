/**
 * TAXII 2.1 read path over real HTTP on 127.0.0.1: a 100,000-object collection paged with limit 1000
 * by a non-admin user (so the visibility rule is in every query), then 50 concurrent clients fetching
 * 500-object pages from random places in the collection (p50 and p99 latency). The clients run in a
 * process of their own; the server's CPU time per page is printed too, since latency on a shared
 * machine depends on what else runs.
 * Usage: npm run bench -- taxii [count] [--postgres] [--cpu-prof]
 * (--cpu-prof: writes a V8 profile of the server during the first round of concurrent pages to the
 * working directory)
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { SYSTEM } from '../src/audit/actor.js';
import { createApiKey } from '../src/auth/api-keys.js';
import { loadConfig } from '../src/config.js';
import { buildApp } from '../src/http/app.js';
import { storeAuthenticator } from '../src/http/plugins/store-authenticator.js';
import { serverRoutes } from '../src/http/server-routes.js';
import { importStix } from '../src/ingest/import-service.js';
import type { Store } from '../src/store/store.js';
import { createCollection } from '../src/taxii/taxii-collection.js';
import { storedTextCache } from '../src/taxii/stored-text-cache.js';
import { NextToken } from '../src/taxii/taxii-query.js';
import { addOrgUser, benchDir, freshStore, removeDir } from './bench-store.js';
import { bundleChunks } from './generate-bundle.js';

const COUNT = 100_000;
const CLIENTS = 50;
const REQUESTS_PER_CLIENT = 20;
/** Rounds of Accord's load and the floor's, in turn. */
const ROUNDS = 5;
const ACCEPT = 'application/taxii+json;version=2.1';

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** A contributor of a second organisation: sees the community objects through the visibility rule. */
async function reader(store: Store): Promise<string> {
  const { userId } = await addOrgUser(store, 'Reader', 'reader@localhost', 'contributor');
  return (await createApiKey(store, SYSTEM, userId, { readOnly: true })).key;
}

/**
 * Client side of the benchmark, run by `node -e` in a process of its own (plain JavaScript). Each
 * latency is stamped when the last byte of its response arrives; the bodies are checked (status,
 * JSON, a non-empty page) after the timed run. Parsing a 250 KB page costs the client ~1.5 ms, and
 * parsing inside the timed run would queue the other 49 responses behind it on the client's one
 * event loop: the latencies would measure the client, not the server (a bare server measured so).
 * The clients connect before the timed run, as long-lived TAXII pollers do: while the server is
 * saturated, Node accepts waiting connections one per event-loop turn (seen with strace: the kernel's
 * accept queue held 15 connections while each loop turn took one), which starved late connectors
 * for seconds and made the p99 a measure of connection set-up, not of serving pages.
 */
const CLIENT = `
const http = require('node:http');
const job = JSON.parse(process.argv[1]);
const agent = new http.Agent({ keepAlive: true, maxSockets: job.clients });
function get(url) {
  return new Promise((resolve, reject) => {
    http.get(url, { agent, headers: job.headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    }).on('error', reject);
  });
}
function parsed(r) {
  if (r.status !== 200) throw new Error('page failed: ' + r.status + ' ' + r.body.slice(0, 300));
  return JSON.parse(r.body);
}
async function page() {
  let next, fetched = 0;
  const started = performance.now();
  for (;;) {
    const body = parsed(await get(job.base + '?limit=1000' + (next === undefined ? '' : '&next=' + next)));
    fetched += (body.objects || []).length;
    if (body.more !== true) break;
    next = body.next;
  }
  return { fetched, seconds: (performance.now() - started) / 1000 };
}
async function load() {
  const latencies = [], replies = [];
  const queue = job.tokens.slice();
  // One untimed request per client first, so that all of them hold a keep-alive connection when the
  // timing starts: new connections to a saturated Node server are accepted one per event-loop turn.
  await Promise.all(Array.from({ length: job.clients }, () => get(job.base + '?limit=1')));
  const started = performance.now();
  const client = async () => {
    for (let token = queue.pop(); token !== undefined; token = queue.pop()) {
      const t0 = performance.now();
      const r = await get(job.base + '?limit=500&next=' + token);
      latencies.push(performance.now() - t0);
      replies.push(r);
    }
  };
  await Promise.all(Array.from({ length: job.clients }, client));
  const seconds = (performance.now() - started) / 1000;
  for (const r of replies) if ((parsed(r).objects || []).length === 0) throw new Error('empty page');
  return { latencies, seconds };
}
(job.mode === 'page' ? page() : load()).then((r) => console.log(JSON.stringify(r)), (e) => console.log(JSON.stringify({ error: String(e) })));
`;

/**
 * Runs the clients in a separate process, so their JSON parsing does not share the server's event loop
 * and the server's own CPU time per page can be measured (`process.cpuUsage` counts this process only).
 */
function inClient<T>(job: Record<string, unknown>): Promise<T> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['-e', CLIENT, JSON.stringify(job)],
      { maxBuffer: 64 * 1024 * 1024 },
      (error, stdout) => {
        if (error !== null) {
          reject(new Error(`client failed: ${error.message}`));
          return;
        }
        const m = JSON.parse(stdout) as T & { error?: string };
        if (m.error === undefined) resolve(m);
        else reject(new Error(m.error));
      },
    );
  });
}

/**
 * Starts the V8 profiler in this process (the server); the function it returns stops it and writes
 * the profile (open it in Chrome DevTools) to the working directory, returning its path.
 */
async function startProfile(): Promise<() => Promise<string>> {
  const session = new Session();
  session.connect();
  const post = (method: string) =>
    new Promise<unknown>((resolve, reject) => {
      session.post(method, (error, result) => {
        if (error === null) resolve(result);
        else reject(error);
      });
    });
  await post('Profiler.enable');
  await post('Profiler.start');
  return async () => {
    const { profile } = (await post('Profiler.stop')) as { profile: unknown };
    session.disconnect();
    const path = `taxii-${Date.now()}.cpuprofile`;
    writeFileSync(path, JSON.stringify(profile));
    return path;
  };
}

/** CPU milliseconds this process (the server) spent since `since`. */
function serverMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

interface Round {
  ratio: number;
  cpuMs: number;
}

function median(values: number[]): number {
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function latency(latencies: number[]): { p50: number; p99: number } {
  const sorted = latencies.slice().sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

/** One page as Accord sends it, body and media type. */
async function pageBytes(url: string, headers: Record<string, string>) {
  const r = await fetch(url, { headers });
  if (!r.ok) throw new Error(`page failed: ${r.status}`);
  return { body: Buffer.from(await r.arrayBuffer()), type: r.headers.get('content-type') ?? ACCEPT };
}

/**
 * The floor of the latency figures: the same client process and load against a bare node:http server
 * on loopback that answers every request with one fixed page, doing no work at all. On a small machine
 * the clients' own CPU and the kernel's share it with the server, so this is what the hardware and
 * Node's HTTP stack leave before Accord does anything.
 */
async function bareServerLoad(page: { body: Buffer; type: string }, job: Record<string, unknown>) {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': page.type, 'content-length': page.body.length });
    response.end(page.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const cpu = process.cpuUsage();
    const { latencies } = await inClient<{ latencies: number[] }>({ ...job, base });
    return { ...latency(latencies), cpuMs: serverMs(cpu) / latencies.length };
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

export async function run(args: string[]): Promise<string> {
  const count = Number(args.find((a) => /^\d+$/.test(a)) ?? COUNT);
  const kind =
    args.includes('--postgres') && process.env.ACCORD_TEST_PG !== undefined ? 'postgres' : 'sqlite';
  const dir = benchDir();
  const { store, admin, cleanup } = await freshStore(kind, dir);
  try {
    const summary = await importStix(store, admin, Readable.from(bundleChunks(count)), { source: 'bench' });
    console.log(`taxii: imported ${summary.created} objects into ${kind}`);
    const collection = await createCollection(store, admin, { title: 'Bench' });
    const key = await reader(store);
    const config = loadConfig({ ACCORD_DB: 'sqlite:unused', ACCORD_LOG_LEVEL: 'silent' });
    const app = await buildApp(
      { store, config, auth: storeAuthenticator(store) },
      { routes: serverRoutes, rateLimitPerMinute: 0 },
    );
    await app.listen({ host: '127.0.0.1', port: 0 });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/taxii2/api/collections/${collection.id}/objects/`;
    const headers = { accept: ACCEPT, authorization: `Bearer ${key}` };
    try {
      const seqs = await store.db
        .selectFrom('objects')
        .select((eb) => [eb.fn.min('seq').as('lo'), eb.fn.max('seq').as('hi')])
        .executeTakeFirstOrThrow();
      const lo = seqs.lo;
      const span = Math.max(1, seqs.hi - lo - 500);
      const tokens = Array.from({ length: CLIENTS * REQUESTS_PER_CLIENT }, (_, i) =>
        NextToken.encode(lo + ((i * 7919) % span)),
      );
      const pagingCpu = process.cpuUsage();
      const paging = await inClient<{ fetched: number; seconds: number }>({ mode: 'page', base, headers });
      const pagingMs = serverMs(pagingCpu);
      const pagingRate = paging.fetched / paging.seconds;
      if (paging.fetched !== summary.created)
        throw new Error(`paged ${paging.fetched} objects, expected ${summary.created}`);
      console.log(
        `taxii paging limit 1000: ${fmt(paging.fetched)} objects, ${fmt(pagingRate)} objects/s, server CPU ${((pagingMs / paging.fetched) * 1000).toFixed(1)} ms per 1000`,
      );

      // The paging above read every version once, so the concurrent pages below find their texts in
      // the store's StoredTextCache (src/taxii/stored-text-cache.ts); their seqs, visibility and
      // references are still read from the database on every request.
      console.log(
        `taxii: ${fmt(storedTextCache(store.db).size)} versions in the text cache before the concurrent pages`,
      );
      const job = { mode: 'load', headers, tokens, clients: CLIENTS };
      const fixedPage = await pageBytes(`${base}?limit=500&next=${tokens[0]!}`, headers);
      // Rounds of Accord's pages and the floor's in turn: on a shared machine the load of the moment
      // moves both, so each ratio compares the two under about the same conditions; the summary
      // gives the median round.
      const rounds: Round[] = [];
      for (let round = 1; round <= ROUNDS; round++) {
        const profiler = round === 1 && args.includes('--cpu-prof') ? await startProfile() : undefined;
        const loadCpu = process.cpuUsage();
        const load = await inClient<{ latencies: number[]; seconds: number }>({ ...job, base });
        const cpuMs = serverMs(loadCpu) / load.latencies.length;
        if (profiler !== undefined)
          console.log(`taxii: server profile of the concurrent pages in ${await profiler()}`);
        const ours = latency(load.latencies);
        const floor = await bareServerLoad(fixedPage, job);
        const ratio = ours.p99 / Math.max(floor.p99, 0.001);
        rounds.push({ ratio, cpuMs });
        console.log(
          `taxii round ${round}: ${CLIENTS} clients x ${REQUESTS_PER_CLIENT} pages of 500: p50 ${ours.p50.toFixed(1)} ms, p99 ${ours.p99.toFixed(1)} ms, ${fmt((load.latencies.length * 500) / load.seconds)} objects/s served, server CPU ${cpuMs.toFixed(2)} ms per page; floor (the same clients, one of these pages as fixed bytes from a bare node:http server) p50 ${floor.p50.toFixed(1)} ms, p99 ${floor.p99.toFixed(1)} ms, server CPU ${floor.cpuMs.toFixed(2)} ms per page; p99 ${ratio.toFixed(2)}x the floor`,
        );
      }
      // The target, restated against the floor measured in this run (issue 21): a p99 within 1.3x of
      // the bare server's and under 1 ms of server CPU per page.
      const ratio = median(rounds.map((r) => r.ratio));
      const cpuMs = median(rounds.map((r) => r.cpuMs));
      const verdict = `${ratio <= 1.3 ? 'meets' : 'misses'} p99 <= 1.3x floor, ${cpuMs < 1 ? 'meets' : 'misses'} CPU < 1 ms`;
      return `taxii: ${fmt(pagingRate)} objects/s paging; ${CLIENTS} clients, median of ${ROUNDS} rounds: p99 ${ratio.toFixed(2)}x the bare-server floor's, server ${cpuMs.toFixed(2)} ms CPU per 500-object page (${verdict})`;
    } finally {
      await app.close();
    }
  } finally {
    await cleanup();
    removeDir(dir);
  }
}
