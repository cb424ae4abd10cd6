import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import type { FederationWorker } from '../src/federation/federation-worker.js';
import { startFederation } from '../src/federation/start-federation.js';
import { bundle, indicator } from './factories.js';
import { Instance, backendsFor, link } from './federation-harness.js';
import { importText } from './import-helpers.js';

async function waitFor(check: () => Promise<boolean>, ms = 15_000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('the federation worker of accord serve', () => {
  const kinds = backendsFor();
  let a: Instance;
  let b: Instance;
  let worker: FederationWorker | undefined;
  const warnings: string[] = [];
  const log = { warn: (_: object, message: string) => warnings.push(message) };

  const write = async (name: string) => {
    const object = indicator({ name });
    const r = await importText(a.store, a.user.viewer, bundle([object]), {
      distribution: 'federation',
      tlp: 'green',
    });
    expect(r.summary.created).toBe(1);
    return object.id;
  };
  const onB = async (id: string) =>
    (await b.store.db.selectFrom('objects').select('seq').where('id', '=', id).execute()).length;

  beforeAll(async () => {
    a = await Instance.create('alpha', kinds.a);
    b = await Instance.create('bravo', kinds.b);
    await link(a, b, { speaksFor: [a.org] }, { speaksFor: [b.org] });
  });
  afterAll(async () => {
    await worker?.stop();
    for (const i of [a, b]) await (i as Instance | undefined)?.destroy();
  });

  it('is not started when ACCORD_FEDERATION=off', () => {
    const config = loadConfig({ ACCORD_DB: 'sqlite::memory:', ACCORD_FEDERATION: 'off' });
    expect(startFederation(b.store, config, log)).toBeUndefined();
    expect(() => loadConfig({ ACCORD_DB: 'sqlite::memory:', ACCORD_FEDERATION_WAIT_MS: 'soon' })).toThrow(
      /ACCORD_FEDERATION_WAIT_MS/,
    );
  });

  it('catches up, then receives a new change within a second of its commit (long poll)', async () => {
    const before = await Promise.all([write('old 1'), write('old 2')]);
    const config = loadConfig({
      ACCORD_DB: 'sqlite::memory:',
      ACCORD_FEDERATION_WAIT_MS: '10000',
      ACCORD_FEDERATION_RETRY_MS: '50',
    });
    worker = startFederation(b.store, config, log);
    await waitFor(async () => (await onB(before[1])) === 1);
    // Now B's pull is held open at A; a write there answers it.
    await new Promise((r) => setTimeout(r, 200));
    const started = Date.now();
    const id = await write('live');
    await waitFor(async () => (await onB(id)) === 1);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('resumes exactly after an outage of the peer, with the reason logged', async () => {
    await a.stop();
    await waitFor(() => Promise.resolve(warnings.some((w) => w.includes('alpha'))));
    expect(warnings.find((w) => w.includes('alpha'))).toMatch(/pulling from alpha failed/);
    await a.start();
    const ids = [await write('after 1'), await write('after 2')];
    await waitFor(async () => (await onB(ids[1]!)) === 1);
    const counts = await b.store.db
      .selectFrom('objects')
      .select(['id', (eb) => eb.fn.countAll<number | string>().as('n')])
      .groupBy('id')
      .execute();
    expect(counts.length).toBe(5);
    expect(counts.every((c) => Number(c.n) === 1)).toBe(true);
    // B's next long poll, held open at A, confirms it holds everything: A's "last sent" catches up.
    const received = (await b.peer(a)).receivedSeq;
    await waitFor(async () => (await a.peer(b)).sentSeq === received);
  });
});
