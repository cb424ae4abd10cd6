import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bundle, indicator, malware, orgId, userViewer } from '../../../test/factories.js';
import { addOrg, importText } from '../../../test/import-helpers.js';
import { storeBackends } from '../../../test/store-harness.js';
import type { UserViewer } from '../../policy/viewer.js';
import { openSqliteStore } from '../sqlite/open-sqlite.js';
import type { Store } from '../store.js';
import { deleteObject } from './delete-object.js';
import { deletionEpoch, VisibleIdCache, visibleIdCache } from './visible-id-cache.js';
import { visibleIds } from './visible-ids.js';

describe('VisibleIdCache', () => {
  it('keeps ids per audience and forgets them all when the epoch moves', () => {
    const cache = new VisibleIdCache();
    cache.add(0, 'a', ['x']); // an epoch nobody has read yet: not kept
    expect(cache.known(0, 'a')).toBeUndefined();
    cache.add(0, 'a', ['x', 'y']);
    cache.add(0, 'b', ['z']);
    expect([...cache.known(0, 'a')!]).toEqual(['x', 'y']);
    expect([...cache.known(0, 'b')!]).toEqual(['z']);
    expect(cache.known(1, 'a')).toBeUndefined();
    // Learnt under an epoch that has since moved: dropped.
    cache.add(0, 'a', ['x']);
    expect(cache.known(1, 'a')).toBeUndefined();
    // An older reading neither answers nor throws away what the newer epoch learnt.
    cache.add(1, 'a', ['y']);
    expect(cache.known(0, 'a')).toBeUndefined();
    expect([...cache.known(1, 'a')!]).toEqual(['y']);
  });

  it('starts afresh rather than grow past its bound', () => {
    const cache = new VisibleIdCache(3);
    expect(cache.known(0, 'a')).toBeUndefined();
    cache.add(0, 'a', ['1', '2']);
    const held = cache.known(0, 'a')!;
    cache.add(0, 'b', ['3', '4', '5']);
    expect(cache.known(0, 'a')).toBeUndefined();
    expect([...cache.known(0, 'b')!]).toEqual(['4', '5']);
    expect([...held]).toEqual(['1', '2']); // what a caller holds is not changed under it
  });
});

describe.each(storeBackends())('visibleIds on $name', (backend) => {
  let store: Store;
  let owner: UserViewer;
  let peer: UserViewer;
  let outsider: UserViewer;

  beforeEach(async () => {
    store = await backend.open();
    const [a, b, c] = [orgId(), orgId(), orgId()];
    for (const id of [a, b, c]) await addOrg(store, id);
    owner = userViewer(a, 'contributor', ['ops']);
    peer = userViewer(b, 'contributor', ['ops']);
    outsider = userViewer(c, 'contributor');
  });
  afterEach(async () => {
    await store.close();
  });

  it('answers from the cache what the database answers, audience by audience, and forgets on deletion', async () => {
    const shared = indicator();
    const group = malware();
    const own = malware();
    await importText(store, owner, bundle([shared]), { distribution: 'community' });
    await importText(store, owner, bundle([group]), { distribution: 'group:ops' });
    await importText(store, owner, bundle([own]), { distribution: 'organisation' });
    const ids = [shared.id, group.id, own.id, 'indicator--00000000-0000-4000-8000-00000000dead'];
    const expected = new Map([
      [owner, [shared.id, group.id, own.id]],
      [peer, [shared.id, group.id]],
      [outsider, [shared.id]],
    ]);
    for (let round = 0; round < 2; round++)
      for (const [viewer, seen] of expected)
        expect([...(await visibleIds(store.db, viewer, ids))].sort()).toEqual([...seen].sort());
    expect(visibleIdCache(store.db)!.known(await deletionEpoch(store.db), '["x",[]]')).toBeUndefined();

    const before = await deletionEpoch(store.db);
    await deleteObject(store, owner, shared.id, null);
    expect(await deletionEpoch(store.db)).toBe(before + 1);
    expect([...(await visibleIds(store.db, outsider, ids))]).toEqual([]);
    expect([...(await visibleIds(store.db, peer, ids))]).toEqual([group.id]);
  });

  it('learns an id that became visible after it was asked about', async () => {
    const later = indicator();
    expect((await visibleIds(store.db, peer, [later.id])).size).toBe(0);
    await importText(store, owner, bundle([later]), { distribution: 'community' });
    expect([...(await visibleIds(store.db, peer, [later.id]))]).toEqual([later.id]);
  });

  it('keeps nothing learnt inside a transaction, which may yet roll back', async () => {
    const object = indicator();
    await importText(store, owner, bundle([object]), { distribution: 'community' });
    await store.db.transaction().execute(async (trx) => {
      expect([...(await visibleIds(trx, peer, [object.id]))]).toEqual([object.id]);
      expect(visibleIdCache(trx)).toBeUndefined();
    });
  });
});

describe('visibleIds with a second process on the same SQLite file', () => {
  let dir: string;
  let server: Store;
  let cli: Store;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'accord-visible-ids-'));
    server = await openSqliteStore(join(dir, 'accord.db'));
    cli = await openSqliteStore(join(dir, 'accord.db'));
  });
  afterEach(async () => {
    await server.close();
    await cli.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stops granting an id the other connection deleted', async () => {
    const [a, b] = [orgId(), orgId()];
    for (const id of [a, b]) await addOrg(server, id);
    const owner = userViewer(a, 'contributor');
    const peer = userViewer(b, 'contributor');
    const object = indicator();
    await importText(server, owner, bundle([object]), { distribution: 'community' });
    expect([...(await visibleIds(server.db, peer, [object.id]))]).toEqual([object.id]);
    expect([...(await visibleIds(server.db, peer, [object.id]))]).toEqual([object.id]); // from the cache
    await deleteObject(cli, owner, object.id, null);
    expect([...(await visibleIds(server.db, peer, [object.id]))]).toEqual([]);
  });
});
