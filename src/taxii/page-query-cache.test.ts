import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeBackends } from '../../test/store-harness.js';
import type { Store } from '../store/store.js';
import { PageQueryCache } from './page-query-cache.js';

describe.each(storeBackends())('PageQueryCache on $name', (backend) => {
  let store: Store;
  beforeEach(async () => {
    store = await backend.open();
    await store.db
      .insertInto('store_epochs')
      .values(Array.from({ length: 30 }, (_, i) => ({ name: `e${String(i).padStart(2, '0')}`, value: i })))
      .execute();
  });
  afterEach(async () => {
    await store.close();
  });

  const build = (prefix: string) => (after: number | undefined, limit: number) =>
    store.db
      .selectFrom('store_epochs')
      .select(['name', 'value'])
      .where('name', 'like', `${prefix}%`)
      .$if(after !== undefined, (q) => q.where('value', '>', after!))
      .orderBy('value')
      .limit(limit)
      .compile();

  it('runs every later page of a shape from the first page’s template, with its own cursor and limit', async () => {
    const cache = new PageQueryCache();
    let builds = 0;
    const counted = (after: number | undefined, limit: number) => {
      builds += 1;
      return build('e')(after, limit);
    };
    const values = async (after: number | undefined, limit: number) =>
      (await cache.run(store.db, 'k', after, limit, counted)).rows.map((r) => r.value);
    expect(await values(3, 4)).toEqual([4, 5, 6, 7]);
    expect(await values(20, 2)).toEqual([21, 22]);
    expect(await values(27, 10)).toEqual([28, 29]);
    expect(builds).toBe(1);
  });

  it('keeps shapes apart by key: a query without a cursor is another template', async () => {
    const cache = new PageQueryCache();
    const first = await cache.run(store.db, 'no-cursor', undefined, 3, build('e'));
    expect(first.rows.map((r) => r.value)).toEqual([0, 1, 2]);
    const other = await cache.run(store.db, 'e1', 10, 5, build('e1'));
    expect(other.rows.map((r) => r.name)).toEqual(['e11', 'e12', 'e13', 'e14', 'e15']);
  });
});
