// `npm run bench -- operation-cars [targets] [--postgres]`: all Cyber Activity Reports (STIX + HTML) of
// an operation with 20,000 targets over 60 countries. Target: under 10 s.
import { createOperation } from '../src/operations/operations.js';
import { generateCars } from '../src/operations/cars/generate-cars.js';
import { addTargets } from '../src/operations/targets.js';
import type { UserViewer } from '../src/policy/viewer.js';
import type { Store } from '../src/store/store.js';
import { addOrgUser, benchDir, freshStore, removeDir } from './bench-store.js';

const COUNTRIES = (
  'US DE NL FR GB RU CN UA PL RO BG CZ SK HU AT CH IT ES PT BE LU DK SE NO FI EE LV LT IE IS ' +
  'GR TR IL IN JP KR SG HK TW VN TH MY ID PH AU NZ CA MX BR AR CL CO PE ZA NG EG KE MA SA AE'
).split(' ');

export interface CarsBenchResult {
  targets: number;
  countries: number;
  cars: number;
  ms: number;
  bytes: number;
}

/** Seeds (unless given) an operation of `count` targets over 60 countries, then times all its CARs. */
export async function benchCars(
  store: Store,
  admin: UserViewer,
  count = 20_000,
  seeded?: { operationId: string },
): Promise<CarsBenchResult> {
  const operationId = seeded?.operationId ?? (await seedOperation(store, admin, count));
  const t0 = performance.now();
  const cars = await generateCars(store, admin, operationId, { all: true });
  const ms = performance.now() - t0;
  const sizes = await store.db.selectFrom('operation_cars').select(['bundle', 'html']).execute();
  return {
    targets: cars.reduce((n, c) => n + c.targetCount, 0),
    countries: cars.length,
    cars: cars.length,
    ms,
    bytes: sizes.reduce((n, s) => n + s.bundle.length + s.html.length, 0),
  };
}

/** Seeds an operation of `count` targets, contributed by two partners, placed over 60 countries. */
export async function seedOperation(store: Store, admin: UserViewer, count: number): Promise<string> {
  const lead = await addOrgUser(store, 'Bench police', 'lead@localhost', 'org-admin');
  await store.db
    .updateTable('organisations')
    .set({ kind: 'law-enforcement' })
    .where('id', '=', lead.orgId)
    .execute();
  const partners = [
    await addOrgUser(store, 'Bench telecom', 'a@localhost', 'contributor'),
    await addOrgUser(store, 'Bench vendor', 'b@localhost', 'contributor'),
  ];
  const op = await createOperation(store, admin, {
    name: 'Bench operation',
    code: `BENCH-${Date.now()}`,
    leadOrg: lead.orgId,
    participants: partners.map((p) => ({ orgId: p.orgId, role: 'contributing-partner' as const })),
  });
  const ip = (i: number) => `${11 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}.${1 + (i % 200)}`;
  const kinds = (i: number) =>
    i % 10 === 0
      ? { kind: 'domain' as const, value: `c2-${i}.example` }
      : i % 25 === 1
        ? { kind: 'victim-group' as const, value: `Victims ${i}` }
        : { kind: 'ipv4' as const, value: ip(i) };
  const all = Array.from({ length: count }, (_, i) => ({
    ...kinds(i),
    reliability: 'B' as const,
    credibility: '2' as const,
  }));
  const first = await addTargets(store, admin, op.id, { targets: all, contributorOrg: partners[0]!.orgId });
  await addTargets(store, admin, op.id, {
    targets: all.filter((_, i) => i % 3 === 0),
    contributorOrg: partners[1]!.orgId,
  });
  const byCountry = new Map<string, string[]>();
  first.targets.forEach((t, i) => {
    const cc = COUNTRIES[i % COUNTRIES.length]!;
    byCountry.set(cc, [...(byCountry.get(cc) ?? []), t.id]);
  });
  await store.writeTransaction(async (trx) => {
    for (const [cc, ids] of byCountry)
      for (let i = 0; i < ids.length; i += 500)
        await trx
          .updateTable('operation_targets')
          .set({
            country: cc,
            asn: 64500 + (i % 7),
            asn_holder: `Hosting ${cc}`,
            jurisdiction_source: 'bench',
          })
          .where('id', 'in', ids.slice(i, i + 500))
          .execute();
  });
  return op.id;
}

export async function run(args: string[]): Promise<string> {
  const count = Number(args.find((a) => /^\d+$/.test(a)) ?? 20_000);
  const kind =
    args.includes('--postgres') && process.env.ACCORD_TEST_PG !== undefined ? 'postgres' : 'sqlite';
  const dir = benchDir();
  const { store, admin, cleanup } = await freshStore(kind, dir);
  try {
    const s0 = performance.now();
    const operationId = await seedOperation(store, admin, count);
    console.log(
      `operation-cars: seeded ${count} targets in ${((performance.now() - s0) / 1000).toFixed(1)} s`,
    );
    const r = await benchCars(store, admin, count, { operationId });
    const verdict = r.ms < 10_000 ? 'meets' : 'MISSES';
    return `operation-cars (${kind}): ${r.cars} CARs for ${r.targets} targets in ${(r.ms / 1000).toFixed(2)} s (${(r.bytes / 1e6).toFixed(1)} MB STIX+HTML), ${verdict} the 10 s target`;
  } finally {
    await cleanup();
    removeDir(dir);
  }
}
