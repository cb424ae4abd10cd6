import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteObject } from '../store/objects/delete-object.js';
import type { Store } from '../store/store.js';
import { bundle, indicator, orgId, userViewer } from '../../test/factories.js';
import { addOrg, importText } from '../../test/import-helpers.js';
import { storeBackends } from '../../test/store-harness.js';
import { ViewerIndexCache } from './viewer-index-cache.js';

describe.each(storeBackends())('ViewerIndexCache on $name', ({ open }) => {
  let store: Store;
  const org = orgId();
  const viewer = userViewer(org);
  const first = indicator({ pattern: "[ipv4-addr:value = '198.18.3.1']" });
  beforeAll(async () => {
    store = await open();
    await addOrg(store, org);
    await importText(store, viewer, bundle([first]), { distribution: 'organisation' });
  });
  afterAll(async () => {
    await store.close();
  });

  it('rebuilds after a write, a revocation, a deletion, or when too old', async () => {
    let now = Date.now();
    const cache = new ViewerIndexCache({ clock: () => now, maxAgeMs: 1000 });
    const a = await cache.get(store.db, viewer);
    expect(await cache.get(store.db, viewer)).toBe(a);
    expect(cache.builds).toBe(1);
    // Another audience (a different group list) gets its own index.
    await cache.get(store.db, { ...viewer, groups: ['g1'] });
    expect(cache.builds).toBe(2);
    now += 1000;
    const aged = await cache.get(store.db, viewer);
    expect(aged).not.toBe(a);
    expect(aged.indicators.has(first.id)).toBe(true);

    await importText(
      store,
      viewer,
      bundle([{ ...first, modified: '2026-02-01T00:00:00.000Z', revoked: true }]),
    );
    const revoked = await cache.get(store.db, viewer);
    expect(revoked.indicators.has(first.id)).toBe(false);

    const second = indicator({ pattern: "[ipv4-addr:value = '198.18.3.2']" });
    await importText(store, viewer, bundle([second]), { distribution: 'organisation' });
    expect((await cache.get(store.db, viewer)).indicators.has(second.id)).toBe(true);
    await deleteObject(store, viewer, second.id, null);
    expect((await cache.get(store.db, viewer)).indicators.has(second.id)).toBe(false);
  });
});
