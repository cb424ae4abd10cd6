// `npm run bench -- operations [targets] [--postgres]`: an operation of 20,000 targets over 60 countries.
// Times (1) working out the jurisdiction of every target from the offline IP database (addresses spread
// over the whole IPv4 space, so the look-ups hit real ranges of many countries), (2) all Cyber Activity
// Reports, STIX and HTML, and (3) the targets page as the web UI asks for it (GET …/targets, 100 rows,
// status and country filters, keyset pages) through the real HTTP app, at p50/p99.
// Targets: jurisdictions ≥ 50,000 targets/s, all CARs under 10 s, a targets page under 50 ms at p99.
import { SYSTEM } from '../src/audit/actor.js';
import { createApiKey } from '../src/auth/api-keys.js';
import { loadConfig } from '../src/config.js';
import { buildApp } from '../src/http/app.js';
import { storeAuthenticator } from '../src/http/plugins/store-authenticator.js';
import { serverRoutes } from '../src/http/server-routes.js';
import { sharedIpJurisdictionDb } from '../src/operations/ip-jurisdiction-db.js';
import { resolveJurisdictions } from '../src/operations/jurisdictions.js';
import { createOperation } from '../src/operations/operations.js';
import { addTargets } from '../src/operations/targets.js';
import type { UserViewer } from '../src/policy/viewer.js';
import type { Store } from '../src/store/store.js';
import { addOrgUser, benchDir, freshStore, removeDir } from './bench-store.js';
import { benchCars, seedOperation } from './operation-cars.js';

const PAGE_REQUESTS = 300;

/** A deterministic spread of public-looking IPv4 addresses (xorshift32), first octets 1-223. */
function spreadAddresses(count: number): string[] {
  let x = 0x9e3779b9;
  const out: string[] = [];
  while (out.length < count) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    const v = x >>> 0;
    const a = 1 + ((v >>> 24) % 223);
    if (a === 10 || a === 127) continue;
    out.push(`${a}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${1 + (v & 253)}`);
  }
  return out;
}

async function timeJurisdictions(store: Store, admin: UserViewer, count: number) {
  const lead = await addOrgUser(store, 'Jurisdiction police', 'j-lead@localhost', 'org-admin');
  await store.db
    .updateTable('organisations')
    .set({ kind: 'law-enforcement' })
    .where('id', '=', lead.orgId)
    .execute();
  const op = await createOperation(store, admin, {
    name: 'Jurisdictions',
    code: 'BENCH-J',
    leadOrg: lead.orgId,
  });
  const targets = spreadAddresses(count).map((value) => ({ kind: 'ipv4' as const, value }));
  await addTargets(store, admin, op.id, { targets, contributorOrg: lead.orgId });
  // The database is read once per process (at the first look-up after start); timed apart.
  const l0 = performance.now();
  sharedIpJurisdictionDb();
  const loadMs = performance.now() - l0;
  const t0 = performance.now();
  const r = await resolveJurisdictions(store, admin, op.id);
  const ms = performance.now() - t0;
  const countries = await store.db
    .selectFrom('operation_targets')
    .select((eb) => eb.fn.count<string>('country').distinct().as('n'))
    .where('operation_id', '=', op.id)
    .executeTakeFirstOrThrow();
  return { ms, loadMs, resolved: r.resolved, unresolved: r.unresolved, countries: Number(countries.n) };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function timeTargetsPage(store: Store, operationId: string) {
  const { userId } = await store.db
    .selectFrom('users')
    .select('id as userId')
    .where('email', '=', 'lead@localhost')
    .executeTakeFirstOrThrow();
  const key = (await createApiKey(store, SYSTEM, userId, { readOnly: true })).key;
  const config = loadConfig({ ACCORD_DB: 'sqlite:unused', ACCORD_LOG_LEVEL: 'silent' });
  const app = await buildApp(
    { store, config, auth: storeAuthenticator(store) },
    { routes: serverRoutes, rateLimitPerMinute: 0 },
  );
  const headers = { authorization: `Bearer ${key}` };
  const base = `/api/v1/operations/${operationId}/targets`;
  const filters = ['', '&status=identified', '&country=DE', '&country=US&kind=ipv4', '&kind=domain'];
  try {
    const latencies: number[] = [];
    let after: string | null = null;
    let rows = 0;
    for (let i = 0; i < PAGE_REQUESTS + 20; i++) {
      // Walk keyset pages of each filter in turn, as a user paging through the table does.
      const filter = filters[Math.floor(i / 20) % filters.length]!;
      if (i % 20 === 0) after = null;
      const url: string = `${base}?limit=100${filter}${after === null ? '' : `&after=${after}`}`;
      const t0 = performance.now();
      const res = await app.inject({ method: 'GET', url, headers });
      const ms = performance.now() - t0;
      if (res.statusCode !== 200)
        throw new Error(`targets page ${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      const page = res.json<{ targets: unknown[]; next: string | null }>();
      rows += page.targets.length;
      after = page.next;
      if (i >= 20) latencies.push(ms); // the first pages warm the caches and the JIT
    }
    latencies.sort((a, b) => a - b);
    return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), rows };
  } finally {
    await app.close();
  }
}

export async function run(args: string[]): Promise<string> {
  const count = Number(args.find((a) => /^\d+$/.test(a)) ?? 20_000);
  const kind =
    args.includes('--postgres') && process.env.ACCORD_TEST_PG !== undefined ? 'postgres' : 'sqlite';
  const dir = benchDir();
  const { store, admin, cleanup } = await freshStore(kind, dir);
  try {
    const j = await timeJurisdictions(store, admin, count);
    const jRate = (j.resolved + j.unresolved) / (j.ms / 1000);
    console.log(
      `operations: jurisdictions of ${count} addresses in ${(j.ms / 1000).toFixed(2)} s (${Math.round(jRate).toLocaleString('en-US')}/s; ${j.resolved} placed in ${j.countries} countries, ${j.unresolved} not; reading the IP database once at start: ${(j.loadMs / 1000).toFixed(2)} s)`,
    );
    const operationId = await seedOperation(store, admin, count);
    const cars = await benchCars(store, admin, count, { operationId });
    console.log(
      `operations: ${cars.cars} CARs for ${cars.targets} targets in ${(cars.ms / 1000).toFixed(2)} s`,
    );
    const page = await timeTargetsPage(store, operationId);
    console.log(
      `operations: targets page (100 rows, filters, keyset) p50 ${page.p50.toFixed(1)} ms, p99 ${page.p99.toFixed(1)} ms`,
    );
    const verdict = (ok: boolean) => (ok ? 'meets' : 'MISSES');
    return (
      `operations (${kind}, ${count} targets): jurisdictions ${Math.round(jRate).toLocaleString('en-US')}/s ` +
      `(${verdict(jRate >= 50_000)} ≥50,000/s), ${cars.cars} CARs in ${(cars.ms / 1000).toFixed(2)} s ` +
      `(${verdict(cars.ms < 10_000)} <10 s), targets page p99 ${page.p99.toFixed(1)} ms (${verdict(page.p99 < 50)} <50 ms)`
    );
  } finally {
    await cleanup();
    removeDir(dir);
  }
}
