// Federation catch-up: instance A holds `objects` federated objects; instance B, connected to it,
// catches up through the worker's real path (FederationWorker.round → pullFromPeer → signed pages
// from A's `GET /api/v1/federation/exchange/changes` over loopback HTTP → applyInbound), each
// instance on its own store and A in its own process (bench/federation-peer.ts), as peers are. The
// figure is objects received per second; B is then checked to hold exactly A's versions (same ids,
// owners and versions, no duplicate, nothing missing) with its cursor at A's newest seq.
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { connectPeer } from '../src/federation/federation-admin.js';
import { FederationWorker } from '../src/federation/federation-worker.js';
import { instanceId } from '../src/federation/instance-id.js';
import { loadOrgDefaults } from '../src/ingest/org-defaults.js';
import { importBundle } from '../src/ingest/stix/import-bundle.js';
import type { StixObject } from '../src/stix/types.js';
import type { Store } from '../src/store/store.js';
import { freshStore } from './bench-store.js';
import type { PeerStart } from './federation-peer.js';
import { generateObjects } from './generate-bundle.js';

const GREEN = 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb';
const CLEAR = 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487';

export interface CatchUpResult {
  objects: number;
  seconds: number;
  perSecond: number;
  /** The same objects imported on A in the same run: a reference taken under the same load. */
  importPerSecond: number;
}

/** The generated objects as TLP:CLEAR (GREEN stops at the community: it never federates). */
function* federatedChunks(count: number): Generator<string> {
  yield '{"type":"bundle","id":"bundle--0d8f6f5e-4b1c-4a36-9a55-2f0f3c1d7e11","objects":[\n';
  let buffer: string[] = [];
  let first = true;
  for (const object of generateObjects(count, 7)) {
    const refs = object.object_marking_refs;
    const o: StixObject =
      refs === undefined
        ? object
        : { ...object, object_marking_refs: refs.map((m) => (m === GREEN ? CLEAR : m)) };
    buffer.push(JSON.stringify(o));
    if (buffer.length === 500) {
      yield `${first ? '' : ',\n'}${buffer.join(',\n')}`;
      first = false;
      buffer = [];
    }
  }
  if (buffer.length > 0) yield `${first ? '' : ',\n'}${buffer.join(',\n')}`;
  yield '\n]}\n';
}

/** A, serving its store from its own process; resolves with its base URL and how to stop it. */
async function servePeer(start: PeerStart): Promise<{ base: string; stop: () => Promise<void> }> {
  const child = fork(new URL('./federation-peer.ts', import.meta.url), [], { execArgv: ['--import', 'tsx'] });
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      resolve();
    }),
  );
  child.send(start);
  const base = await new Promise<string>((resolve, reject) => {
    child.once('message', (m: { base: string }) => {
      resolve(m.base);
    });
    child.once('exit', (code) => {
      reject(new Error(`the sending instance exited (${code})`));
    });
  });
  return {
    base,
    stop: async () => {
      child.send({ stop: true });
      await exited;
    },
  };
}

/** Every federated (id, owner, version) a store holds, sorted, and how many rows carry them. */
async function versionsOf(store: Store) {
  const rows = await store.db
    .selectFrom('objects')
    .select(['id', 'owner_org', 'version'])
    .where('distribution', '=', 'federation')
    .where('deleted', '=', 0)
    .execute();
  const keys = rows.map((r) => `${r.id} ${r.owner_org} ${r.version}`).sort();
  return { rows: rows.length, distinct: new Set(keys).size, keys };
}

export async function federationCatchUp(
  objects: number,
  backend: 'sqlite' | 'postgres',
  dir: string,
): Promise<CatchUpResult> {
  const a = await freshStore(backend, dir, join(dir, 'a.db'));
  const b = await freshStore(backend, dir, join(dir, 'b.db'));
  let peer: Awaited<ReturnType<typeof servePeer>> | undefined;
  let aOpen = true;
  try {
    // The owner of the generated objects (their created_by_ref) is an organisation of A; objects
    // without one (observables) belong to the importing administrator's organisation.
    const owner = (generateObjects(1, 7).next().value as StixObject).id;
    await a.store.db
      .insertInto('organisations')
      .values({
        id: owner,
        name: 'Example Telecom CTI',
        kind: 'other',
        sector: null,
        country: null,
        default_distribution: 'federation',
        default_tlp: 'clear',
        created: new Date().toISOString(),
      })
      .execute();
    const importStarted = performance.now();
    const imported = await importBundle(
      a.store,
      Readable.from(federatedChunks(objects)),
      {
        writer: a.admin,
        choice: { distribution: 'federation' },
        orgs: await loadOrgDefaults(a.store.db),
      },
      { batchSize: 1000 },
    );
    const importSeconds = (performance.now() - importStarted) / 1000;
    const source = await versionsOf(a.store);
    console.log(
      `federation catch-up: A holds ${source.rows} federated versions (${imported.created} created, ${imported.refused} refused, imported at ${Math.round(imported.created / importSeconds)}/s)`,
    );

    // A's peer record for B is written before A's process opens the store; B's names A's URL.
    const secret = randomBytes(24).toString('hex');
    const [idA, idB] = [await instanceId(a.store), await instanceId(b.store)];
    const rule = { max_tlp: 'clear' as const, groups: [], types: [], owners: [] };
    await connectPeer(a.store, a.admin, {
      name: 'bravo',
      url: 'http://127.0.0.1:9',
      instance_id: idB,
      direction: 'push',
      secret,
      rule,
      speaks_for: [],
    });
    await a.store.close();
    aOpen = false;
    peer = await servePeer(backend === 'sqlite' ? { sqlite: join(dir, 'a.db') } : { schema: a.schema });
    await connectPeer(b.store, b.admin, {
      name: 'alpha',
      url: peer.base,
      instance_id: idA,
      direction: 'pull',
      secret,
      rule,
      speaks_for: [owner, a.admin.orgId],
    });

    const worker = new FederationWorker(b.store, {
      onError: (_peer, error) => {
        throw error;
      },
    });
    const started = performance.now();
    let rounds = 0;
    while (await worker.round()) rounds += 1;
    const seconds = (performance.now() - started) / 1000;

    const received = await versionsOf(b.store);
    const missing = source.keys.filter((k, i) => received.keys[i] !== k).length;
    if (received.rows !== source.rows || received.distinct !== received.rows || missing > 0)
      throw new Error(
        `federation catch-up is not exact: A ${source.rows} versions, B ${received.rows} rows ` +
          `(${received.distinct} distinct), ${missing} differ`,
      );
    const cursor = await b.store.db
      .selectFrom('federation_peers')
      .select(['received_seq', 'remote_high'])
      .executeTakeFirstOrThrow();
    if (cursor.received_seq !== cursor.remote_high)
      throw new Error(`B's cursor ${cursor.received_seq} is short of A's high ${cursor.remote_high}`);
    console.log(
      `federation catch-up: B received exactly A's ${received.rows} versions in ${seconds.toFixed(1)} s (${rounds + 1} worker rounds)`,
    );
    return {
      objects: received.rows,
      seconds,
      perSecond: received.rows / seconds,
      importPerSecond: imported.created / importSeconds,
    };
  } finally {
    await peer?.stop();
    if (aOpen) await a.store.close();
    // A's store was closed for its process; its schema (PostgreSQL) goes through B's connection.
    if (backend === 'postgres') await b.store.db.schema.dropSchema(a.schema).ifExists().cascade().execute();
    await b.cleanup();
  }
}
