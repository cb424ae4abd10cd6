import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bundle, indicator } from '../../test/factories.js';
import { importText } from '../../test/import-helpers.js';
import { storeBackends } from '../../test/store-harness.js';
import type { Distribution } from '../policy/distribution.js';
import type { StixObject } from '../stix/types.js';
import { deleteObject } from '../store/objects/delete-object.js';
import type { Store } from '../store/store.js';
import { PageSeqCache } from './page-seq-cache.js';
import { createCollection } from './taxii-collection.js';
import type { TaxiiCollection } from './taxii-collection.js';
import { TAXII_ACCEPT, taxiiWorld } from './taxii-test-kit.js';
import type { TaxiiWorld } from './taxii-test-kit.js';

describe('PageSeqCache', () => {
  it('answers every page as the query itself does, across changes of state', async () => {
    const step = fc.oneof(
      fc.record({
        kind: fc.constant('page' as const),
        query: fc.integer({ min: 0, max: 2 }),
        after: fc.option(fc.integer({ min: 0, max: 120 }), { nil: undefined }),
        limit: fc.integer({ min: 1, max: 12 }),
      }),
      fc.record({
        kind: fc.constant('write' as const),
        seqs: fc.uniqueArray(fc.integer({ min: 1, max: 120 })),
      }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { maxLength: 60 }),
        fc.integer({ min: 5, max: 200 }),
        async (steps, max) => {
          const cache = new PageSeqCache(max, 2);
          // The table: the seqs each of three queries matches, at a state named by its epoch.
          let epoch = 0;
          let matches = [0, 1, 2].map((q) =>
            Array.from({ length: 100 }, (_, i) => i + 1).filter((s) => s % (q + 2) !== 0),
          );
          const query = (q: number, after: number | undefined, limit: number) =>
            matches[q]!.filter((s) => after === undefined || s > after).slice(0, limit);
          for (const s of steps) {
            if (s.kind === 'write') {
              epoch++;
              matches = matches.map(() => [...s.seqs].sort((a, b) => a - b));
              continue;
            }
            let reads = 0;
            const got = await cache.page(`${epoch}`, `q${s.query}`, s.after, s.limit, (after, limit) => {
              reads++;
              return Promise.resolve(query(s.query, after, limit));
            });
            expect(got).toEqual(query(s.query, s.after, s.limit));
            expect(reads).toBeLessThanOrEqual(1);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('cuts a later page from what earlier pages read, and reads again after the state moves', async () => {
    const cache = new PageSeqCache();
    const seqs = [2, 4, 6, 8, 10, 12];
    const asked: Array<number | undefined> = [];
    const read = (after: number | undefined, limit: number) => {
      asked.push(after);
      return Promise.resolve(seqs.filter((s) => after === undefined || s > after).slice(0, limit));
    };
    expect(await cache.page('1', 'q', 0, 3, read)).toEqual([2, 4, 6]);
    expect(await cache.page('1', 'q', 6, 3, read)).toEqual([8, 10, 12]);
    // Inside what was read: no query. Past the end of the spans: a query from their end only.
    expect(await cache.page('1', 'q', 3, 4, read)).toEqual([4, 6, 8, 10]);
    expect(await cache.page('1', 'q', 9, 5, read)).toEqual([10, 12]);
    expect(asked).toEqual([0, 6, 12]);
    expect(await cache.page('1', 'q', 9, 5, read)).toEqual([10, 12]);
    expect(asked).toEqual([0, 6, 12]);
    // Another query, or another state of the table, shares nothing.
    await cache.page('1', 'other', 0, 3, read);
    await cache.page('2', 'q', 0, 3, read);
    expect(asked).toEqual([0, 6, 12, 0, 0]);
  });
});

describe.each(storeBackends())('TAXII pages from the page-seq cache on $name', (backend) => {
  let store: Store;
  let w: TaxiiWorld;
  let all: TaxiiCollection;
  const made: Record<string, StixObject> = {};

  async function seed(name: string, distribution: Distribution, object = indicator({ name })) {
    await importText(store, w.telecom.viewer, bundle([object]), { distribution });
    made[name] = object;
  }

  beforeEach(async () => {
    store = await backend.open();
    w = await taxiiWorld(store);
    all = await createCollection(store, w.admin.viewer, { title: 'All' });
    await seed('c1', 'community');
    await seed('ops', `group:${w.groupId}`);
    await seed('c2', 'community');
    await seed('mine', 'organisation');
    await seed('c3', 'community');
  });
  afterEach(async () => {
    await w.app.close();
    await store.close();
  });

  /** Every object the police user gets, paging two at a time (several spans, several queries). */
  async function policeReads(): Promise<string[]> {
    const names: string[] = [];
    for (let next: string | undefined, pages = 0; pages < 20; pages++) {
      const res = await w.app.inject({
        method: 'GET',
        url: `/taxii2/api/collections/${all.id}/objects/?limit=2${next === undefined ? '' : `&next=${next}`}`,
        headers: { ...TAXII_ACCEPT, authorization: w.police.bearer },
      });
      expect(res.statusCode).toBe(200);
      const body = res.json<{ more: boolean; next?: string; objects?: StixObject[] }>();
      names.push(...(body.objects ?? []).map((o) => String(o.name)));
      if (!body.more) return names;
      next = body.next;
    }
    throw new Error('paging did not end');
  }

  it('takes an object away from an audience whose organisation left its sharing group', async () => {
    expect(await policeReads()).toEqual(['c1', 'ops', 'c2', 'c3']);
    expect(await policeReads()).toEqual(['c1', 'ops', 'c2', 'c3']);
    await store.db
      .deleteFrom('group_members')
      .where('group_id', '=', w.groupId)
      .where('org_id', '=', w.orgs.police)
      .execute();
    expect(await policeReads()).toEqual(['c1', 'c2', 'c3']);
  });

  it('leaves out an object deleted after its pages were read', async () => {
    expect(await policeReads()).toEqual(['c1', 'ops', 'c2', 'c3']);
    await deleteObject(store, w.telecom.viewer, made.ops!.id, 'test');
    expect(await policeReads()).toEqual(['c1', 'c2', 'c3']);
  });

  it('shows a new version instead of the one read before, and objects added after the last page', async () => {
    expect(await policeReads()).toEqual(['c1', 'ops', 'c2', 'c3']);
    const c1 = made.c1!;
    await seed('c1 v2', 'community', { ...c1, name: 'c1 v2', modified: '2026-02-01T00:00:00.000Z' });
    await seed('c4', 'community');
    expect(await policeReads()).toEqual(['ops', 'c2', 'c3', 'c1 v2', 'c4']);
  });
});
