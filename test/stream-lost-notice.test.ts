import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../src/store/sqlite/open-sqlite.js';
import type { Store } from '../src/store/store.js';
import { NatsBus } from '../src/stream/nats-bus.js';
import { serveStream } from '../src/stream/serve-stream.js';
import type { StreamBus } from '../src/stream/stream-bus.js';
import { InProcessBus } from '../src/stream/stream-bus.js';
import { StreamHub } from '../src/stream/stream-hub.js';
import { bundle, indicator, orgId, userViewer } from './factories.js';
import { addOrg, importText } from './import-helpers.js';
import { testNatsUrl } from './nats-harness.js';

/** A node's bus that loses every notice it is asked to publish while `deaf` (a dropped message). */
class LossyBus implements StreamBus {
  deaf = false;
  dropped = 0;
  constructor(readonly inner: StreamBus) {}
  publish(seq?: number): void {
    if (this.deaf) this.dropped++;
    else this.inner.publish(seq);
  }
  subscribe(wake: () => void): () => void {
    return this.inner.subscribe(wake);
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

const nats = await testNatsUrl();
if (nats === undefined)
  console.warn('skipped: the lost-notice test on NATS (no NATS server at nats://127.0.0.1:4222)');

/** The buses of two nodes: the writer's (which loses notices on demand) and the reader's. */
async function busesFor(kind: 'in-process' | 'nats'): Promise<[LossyBus, StreamBus]> {
  if (kind === 'in-process') {
    const shared = new InProcessBus();
    return [new LossyBus(shared), shared];
  }
  const subject = `accord.test.${randomBytes(6).toString('hex')}`;
  const options = { url: nats!, stream: 'ACCORD_TEST_COMMITS', subject };
  return [new LossyBus(await NatsBus.open(options)), await NatsBus.open(options)];
}

// The store's seq is the truth and the bus only wakes readers: a notice lost between two nodes is
// repaired by the next notice (the reader reads the store from its cursor, so it gets everything
// committed since) or, when no other write follows, by the reader's periodic read of the store.
describe.each([
  ['in-process', true],
  ['nats', nats !== undefined],
] as const)('a lost bus notice on the %s bus', (kind, available) => {
  const POLL_MS = 5000;
  let dir: string;
  let writerStore: Store;
  let readerStore: Store;
  let writerHub: StreamHub;
  let readerHub: StreamHub;
  let bus: LossyBus;
  const org = orgId();

  beforeAll(async () => {
    if (!available) return;
    dir = mkdtempSync(join(tmpdir(), 'accord-lost-'));
    // Two nodes on one database: two connections, so a commit on one never signals the other.
    writerStore = await openSqliteStore(join(dir, 'accord.db'));
    readerStore = await openSqliteStore(join(dir, 'accord.db'));
    await addOrg(writerStore, org);
    const [lossy, plain] = await busesFor(kind);
    bus = lossy;
    writerHub = new StreamHub(writerStore, bus, POLL_MS);
    readerHub = new StreamHub(readerStore, plain, POLL_MS);
  });
  afterAll(async () => {
    if (!available) return;
    await writerHub.close();
    await readerHub.close();
    await writerStore.close();
    await readerStore.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.runIf(available)(
    'still reaches a stream client of the other node, in order, with no gap and no duplicate',
    { timeout: 30_000 },
    async () => {
      const arrivals: Array<{ seq: number; id: string; at: number }> = [];
      const sink = {
        write: (text: string) => {
          for (const m of text.matchAll(/^id: (\d+)\nevent: version\ndata: (.*)$/gm))
            arrivals.push({
              seq: Number(m[1]),
              id: (JSON.parse(m[2]!) as { id: string }).id,
              at: Date.now(),
            });
        },
        buffered: () => 0,
        end: () => undefined,
      };
      const controller = new AbortController();
      const served = serveStream(readerHub, userViewer(org), sink, {
        after: 0,
        signal: controller.signal,
        heartbeatMs: 60_000,
      });
      const got = (id: string) => arrivals.some((a) => a.id === id);
      const until = async (id: string, ms: number) => {
        const deadline = Date.now() + ms;
        while (!got(id) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
        return got(id);
      };
      const write = async (name: string, lose: boolean) => {
        const item = indicator({ name });
        bus.deaf = lose;
        try {
          const r = await importText(writerStore, userViewer(org), bundle([item]), {
            distribution: 'community',
          });
          expect(r.summary.created).toBe(1);
        } finally {
          bus.deaf = false;
        }
        return { id: item.id, at: Date.now() };
      };
      try {
        const first = await write('first', false);
        expect(await until(first.id, 2000), 'the bus carries a notice between nodes').toBe(true);

        // The second write's notices are lost: the reader sleeps (its next poll is seconds away)…
        const lost = await write('lost', true);
        expect(bus.dropped).toBeGreaterThan(0);
        expect(await until(lost.id, 500), 'nothing else wakes the reader').toBe(false);
        // …until the next notice: it reads the store from its cursor and gets both, in order.
        const third = await write('third', false);
        expect(await until(third.id, 2000)).toBe(true);
        expect(got(lost.id)).toBe(true);

        // A lost notice with no write after it: the reader's periodic read of the store repairs it.
        const last = await write('last, alone', true);
        expect(await until(last.id, POLL_MS + 3000), `within the ${POLL_MS} ms poll`).toBe(true);

        expect(arrivals.map((a) => a.id)).toEqual([first.id, lost.id, third.id, last.id]);
        const seqs = arrivals.map((a) => a.seq);
        expect([...seqs].sort((x, y) => x - y)).toEqual(seqs);
        expect(new Set(seqs).size).toBe(seqs.length);
        const high = await readerStore.db
          .selectFrom('objects')
          .select((eb) => eb.fn.max('seq').as('m'))
          .executeTakeFirstOrThrow();
        expect(seqs.at(-1)).toBe(high.m);
      } finally {
        controller.abort();
        expect(await served).toBe('closed');
      }
    },
  );
});
