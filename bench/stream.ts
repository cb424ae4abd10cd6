// Live stream benchmark: `clients` SSE clients (readers of 10 organisations) follow one node while
// `objects` objects are imported in batches of 1,000 (commits spread over the import, as a feed or
// a partner's TAXII push would make them). Delivery lag is measured per event, from the commit of the
// object's batch (the import's result for it) to the event's arrival at a client.
// Then federation catch-up (bench/federation-catch-up.ts): `catchUp` objects from instance A to B.
// Usage: npm run bench -- stream [objects=20000] [clients=100] [sqlite|postgres] [catchUp=100000]
// (objects 0 runs the catch-up only; catchUp 0 the stream only).
// Targets (issue #19): lag p99 under 1 s; catch-up at least 10,000 objects/s.
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { SYSTEM } from '../src/audit/index.js';
import { createApiKey } from '../src/auth/index.js';
import { loadConfig } from '../src/config.js';
import { buildApp } from '../src/http/app.js';
import { storeAuthenticator } from '../src/http/plugins/store-authenticator.js';
import { streamRoutes } from '../src/http/stream/stream.routes.js';
import { loadOrgDefaults } from '../src/ingest/org-defaults.js';
import { importBundle } from '../src/ingest/stix/import-bundle.js';
import { addOrgUser, benchDir, freshStore, removeDir } from './bench-store.js';
import { federationCatchUp } from './federation-catch-up.js';
import { bundleChunks } from './generate-bundle.js';

interface ClientReport {
  ready?: boolean;
  received?: number;
  done?: { received: number; p50: number; p99: number; measured: number };
}

const CATCH_UP_TARGET = 10_000;

export async function run(args: string[]): Promise<string> {
  const objects = Number(args[0] ?? 20_000);
  const clients = Number(args[1] ?? 100);
  const backend = args[2] === 'postgres' ? 'postgres' : 'sqlite';
  const catchUp = Number(args[3] ?? 100_000);
  const lag = objects > 0 ? await streamLag(objects, clients, backend) : 'stream lag not measured';
  let federation = 'federation catch-up not measured';
  if (catchUp > 0) {
    const dir = benchDir();
    try {
      const c = await federationCatchUp(catchUp, backend, dir);
      const ratio = c.perSecond / CATCH_UP_TARGET;
      federation =
        `federation catch-up ${c.objects} objects on ${backend} in ${c.seconds.toFixed(1)} s, exact: ` +
        `${Math.round(c.perSecond)} objects/s (target >= ${CATCH_UP_TARGET}: ${ratio.toFixed(2)}× of it, ` +
        `${ratio >= 1 ? 'met' : 'NOT met'}; the same objects imported on A in the same run: ` +
        `${Math.round(c.importPerSecond)}/s, catch-up at ${(c.perSecond / c.importPerSecond).toFixed(2)}× of it)`;
    } finally {
      removeDir(dir);
    }
  }
  const size =
    objects === 20_000 && clients === 100 && catchUp === 100_000
      ? ' [issue size]'
      : ' [reduced size; issue size: 20000 100 sqlite 100000]';
  return `stream: ${lag}; ${federation}${size}`;
}

async function streamLag(objects: number, clients: number, backend: 'sqlite' | 'postgres') {
  const dir = benchDir();
  const { store, admin, cleanup } = await freshStore(backend, dir);
  const app = await buildApp(
    {
      store,
      config: loadConfig({ ACCORD_DB: 'sqlite::memory:', ACCORD_BASE_URL: 'https://accord.example' }),
      auth: storeAuthenticator(store),
    },
    { routes: [(ctx) => streamRoutes(ctx)], rateLimitPerMinute: 0 },
  );
  try {
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const keys: string[] = [];
    const orgs: string[] = [];
    for (let o = 0; o < 10; o++) {
      const { orgId, userId } = await addOrgUser(store, `Reader ${o}`, `r${o}@bench`, 'reader');
      orgs.push(orgId);
      keys.push((await createApiKey(store, SYSTEM, userId)).key);
    }
    for (let i = keys.length; i < clients; i++) {
      const userId = randomUUID();
      await store.db
        .insertInto('users')
        .values({
          id: userId,
          email: `${userId.slice(0, 8)}@bench`,
          name: 'reader',
          org_id: orgs[i % orgs.length]!,
          role: 'reader',
          password_hash: null,
          disabled: 0,
          created: new Date().toISOString(),
        })
        .execute();
      keys.push((await createApiKey(store, SYSTEM, userId)).key);
    }
    const child = fork(new URL('./stream-clients.ts', import.meta.url), [], {
      execArgv: ['--import', 'tsx'],
    });
    let received = 0;
    let ready!: () => void;
    let finished!: (d: NonNullable<ClientReport['done']>) => void;
    const isReady = new Promise<void>((r) => (ready = r));
    const done = new Promise<NonNullable<ClientReport['done']>>((r) => (finished = r));
    child.on('message', (m: ClientReport) => {
      if (m.ready === true) ready();
      if (m.received !== undefined) received = m.received;
      if (m.done !== undefined) finished(m.done);
    });
    child.send({ start: { url: `${base}/stream`, keys: keys.slice(0, clients) } });
    await isReady;
    console.log(`stream bench: ${clients} clients connected; importing ${objects} objects on ${backend}`);
    const started = performance.now();
    let commits: Array<[string, number]> = [];
    const summary = await importBundle(
      store,
      Readable.from(bundleChunks(objects)),
      {
        writer: admin,
        choice: { distribution: 'community', narrow: true },
        orgs: await loadOrgDefaults(store.db),
      },
      {
        batchSize: 1000,
        onResult: (r) => {
          // Results are reported once their batch committed.
          if (r.status === 'created' && r.id !== null) commits.push([r.id, Date.now()]);
          if (commits.length >= 1000) {
            child.send({ commits });
            commits = [];
          }
        },
      },
    );
    child.send({ commits });
    const imported = performance.now() - started;
    const visible = await store.db
      .selectFrom('objects')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('distribution', 'in', ['community', 'public', 'federation'])
      .executeTakeFirstOrThrow();
    const expected = visible.n * clients;
    const deadline = performance.now() + 120_000;
    while (received < expected && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const drained = performance.now() - started;
    child.send({ finish: true });
    const { p50, p99 } = await done;
    console.log(
      `stream: ${clients} clients, ${summary.created} objects imported on ${backend} in ${(imported / 1000).toFixed(1)} s ` +
        `(${Math.round(summary.created / (imported / 1000))}/s), ${received}/${expected} events delivered in ${(drained / 1000).toFixed(1)} s`,
    );
    return (
      `${clients} clients, lag p50 ${p50.toFixed(0)} ms, p99 ${p99.toFixed(0)} ms ` +
      `(target p99 < 1000 ms: ${(p99 / 1000).toFixed(2)}× of it, ${p99 < 1000 ? 'met' : 'NOT met'})`
    );
  } finally {
    await app.close();
    await cleanup();
    removeDir(dir);
  }
}
