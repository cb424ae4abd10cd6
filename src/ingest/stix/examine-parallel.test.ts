import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bundle, chunked, indicator, malware, orgId, stixId, userViewer } from '../../../test/factories.js';
import { addOrg, loadOrgs } from '../../../test/import-helpers.js';
import { storeBackends } from '../../../test/store-harness.js';
import type { UserViewer } from '../../policy/viewer.js';
import type { Store } from '../../store/store.js';
import type { ImportSummary, ObjectResult } from '../import-result.js';
import { importBundle } from './import-bundle.js';
import type { ImportOptions } from './import-bundle.js';

// Examining on a worker thread must change nothing an importer can observe: the same results, the
// same summary (fatal errors included) and the same stored rows as examining on the calling thread.
const [sqlite] = storeBackends();

interface Outcome {
  summary: ImportSummary;
  results: ObjectResult[];
  rows: unknown[];
}

describe('examining a bundle on a worker thread', () => {
  const stores: Store[] = [];
  let org: string;
  let writer: UserViewer;

  const open = async () => {
    const store = await sqlite!.open();
    stores.push(store);
    await addOrg(store, org);
    return store;
  };

  const run = async (
    text: string,
    parallel: boolean,
    options: ImportOptions = {},
    store?: Store,
  ): Promise<Outcome> => {
    const target = store ?? (await open());
    const results: ObjectResult[] = [];
    const summary = await importBundle(
      target,
      chunked(text, 1000),
      { writer, choice: {}, orgs: await loadOrgs(target), warninglist: 'flag' },
      {
        ...options,
        parallelFromBytes: parallel ? 0 : Number.POSITIVE_INFINITY,
        onResult: (r) => results.push(r),
      },
    );
    results.sort((a, b) => a.index - b.index);
    const rows = await target.db
      .selectFrom('objects')
      .select(['id', 'version', 'is_head', 'distribution', 'search_text', 'data'])
      .orderBy('seq')
      .execute();
    return { summary, results, rows };
  };

  beforeEach(() => {
    org = orgId();
    writer = userViewer(org, 'contributor');
  });
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
  });

  const mixed = () => {
    const first = indicator();
    const objects: unknown[] = [
      first,
      { ...first, modified: '2026-02-01T00:00:00.000Z', name: 'second version' },
      first,
      malware({ description: 'x'.repeat(5000) }),
      { type: 'indicator', id: 'not-an-id' },
      { type: 'ipv4-addr', spec_version: '2.1', id: stixId('ipv4-addr'), value: '8.8.8.8' },
      ...Array.from({ length: 700 }, (_, i) => indicator({ name: `C2 ${i}` })),
    ];
    // An element that is not valid JSON on its own, inside an array the scanner can still follow.
    const text = JSON.stringify(bundle(objects as never));
    return text.replace('"not-an-id"}', '"not-an-id", "x": [1,,2]}');
  };

  it('gives the same results, summary and rows as examining on this thread', async () => {
    const text = mixed();
    const options = { maxObjectBytes: 4000 };
    const inline = await run(text, false, options);
    const parallel = await run(text, true, options);
    expect(parallel.summary).toEqual(inline.summary);
    expect(parallel.summary).toMatchObject({ total: 706, created: 703, duplicate: 1, invalid: 2 });
    const statuses = parallel.results.slice(0, 6).map((r) => [r.status, r.errors.map((e) => e.code)]);
    expect(statuses).toEqual([
      ['created', []],
      ['created', []],
      ['duplicate', []],
      ['invalid', ['object_too_large']],
      ['invalid', ['malformed_json']],
      ['created', []],
    ]);
    // The warninglist screen runs in the worker too.
    expect(parallel.results[5]!.warnings.map((w) => w.code)).toContain('warninglisted');
    expect(parallel.results).toEqual(inline.results);
    expect(parallel.rows).toEqual(inline.rows);
  });

  it('examines the largest accepted object within the bounded heap of the worker', async () => {
    // Just under the default 5 MB limit: the worker's heap limit must leave room for it.
    const big = malware({ description: 'x'.repeat(5 * 1024 * 1024 - 2000) });
    const text = JSON.stringify(bundle([big, ...Array.from({ length: 200 }, () => indicator())]));
    const parallel = await run(text, true);
    expect(parallel.summary).toMatchObject({ total: 201, created: 201, invalid: 0 });
    expect(parallel.summary.fatal).toBeUndefined();
    expect(parallel.rows.length).toBe(201);
  });

  it('reports a truncated input at the same line and column, keeping what came before', async () => {
    const full = JSON.stringify(bundle(Array.from({ length: 300 }, () => indicator())), null, 1);
    const text = full.slice(0, Math.floor(full.length * 0.6));
    const inline = await run(text, false);
    const parallel = await run(text, true);
    expect(parallel.summary.fatal).toBeDefined();
    expect(parallel.summary).toEqual(inline.summary);
    expect(parallel.rows.length).toBe(inline.rows.length);
    expect(parallel.rows.length).toBeGreaterThan(100);
  });

  it('rejects everything under strict when one object is invalid', async () => {
    const objects: unknown[] = [...Array.from({ length: 50 }, () => indicator()), { type: 'nonsense' }];
    const text = JSON.stringify(bundle(objects as never));
    const parallel = await run(text, true, { strict: true });
    expect(parallel.summary).toMatchObject({ total: 51, created: 0, rejected: 50, invalid: 1 });
    expect(parallel.rows).toEqual([]);
  });

  it('writes in several batches while the worker keeps examining', async () => {
    const text = JSON.stringify(bundle(Array.from({ length: 2500 }, () => indicator())));
    const progress: number[] = [];
    const parallel = await run(text, true, {
      batchSize: 300,
      onProgress: (p) => progress.push(p.objects),
    });
    expect(parallel.summary).toMatchObject({ total: 2500, created: 2500 });
    expect(progress).toEqual([1000, 2000]);
    expect(new Set(parallel.rows.map((r) => (r as { id: string }).id)).size).toBe(2500);
  });

  it('fails the import when the input stream fails, instead of hanging', async () => {
    const store = await open();
    async function* broken(): AsyncGenerator<Buffer> {
      yield Buffer.from(
        '{"type": "bundle", "id": "bundle--6ad8c5e5-1ae3-4b8a-9e8e-bf1d2c7b7b4e", "objects": [',
      );
      await Promise.resolve();
      throw new Error('connection reset');
    }
    await expect(
      importBundle(
        store,
        broken(),
        { writer, choice: {}, orgs: await loadOrgs(store) },
        { parallelFromBytes: 0 },
      ),
    ).rejects.toThrow('connection reset');
  });
});
