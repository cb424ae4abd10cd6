import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bundle, indicator, relationship } from '../../test/factories.js';
import { importText } from '../../test/import-helpers.js';
import { storeBackends } from '../../test/store-harness.js';
import type { Distribution } from '../policy/distribution.js';
import type { UserViewer } from '../policy/viewer.js';
import type { StixObject } from '../stix/types.js';
import { deleteObject } from '../store/objects/delete-object.js';
import type { Store } from '../store/store.js';
import { StoredTextCache, storedTextCache } from './stored-text-cache.js';
import type { StoredText } from './stored-text-cache.js';
import { createCollection } from './taxii-collection.js';
import type { TaxiiCollection } from './taxii-collection.js';
import { TAXII_ACCEPT, taxiiWorld } from './taxii-test-kit.js';
import type { TaxiiWorld } from './taxii-test-kit.js';

const row = (seq: number, data: string): StoredText => ({
  seq,
  id: `indicator--${seq}`,
  dateAdded: '2026-01-01T00:00:00.000000Z',
  ownerOrg: 'identity--x',
  distribution: 'community',
  data,
});

describe('StoredTextCache', () => {
  it('drops the oldest versions once their texts exceed the bound', () => {
    const cache = new StoredTextCache(10);
    cache.add(row(1, 'aaaa'));
    cache.add(row(2, 'bbbb'));
    expect(cache.get(1)?.data).toBe('aaaa');
    cache.add(row(3, 'cccc'));
    expect(cache.get(1)).toBeUndefined();
    expect(cache.get(2)?.data).toBe('bbbb');
    expect(cache.get(3)?.data).toBe('cccc');
    expect(cache.size).toBe(2);
  });

  it('keeps UTF-8 copies of held texts within the same bound, and none of texts it does not hold', () => {
    const cache = new StoredTextCache(12);
    const a = row(1, 'añb');
    const b = row(2, 'cccc');
    cache.add(a);
    cache.add(b);
    expect(cache.utf8(a)).toEqual(Buffer.from('añb'));
    expect(cache.utf8(a)).toBe(cache.utf8(a));
    // Another object with a held seq is not the held row: its text may differ.
    expect(cache.utf8(row(2, 'dddd'))).toBeUndefined();
    // 3 + 4 characters and 4 bytes for 'añb' fit in 12; 4 more bytes push out the oldest row with its copy.
    expect(cache.utf8(b)).toEqual(Buffer.from('cccc'));
    expect(cache.get(1)).toBeUndefined();
    expect(cache.utf8(a)).toBeUndefined();
    expect(cache.get(2)).toBe(b);
  });

  it('keeps the first copy of a seq and never holds a text larger than the bound', () => {
    const cache = new StoredTextCache(10);
    cache.add(row(1, 'first'));
    cache.add(row(1, 'other'));
    cache.add(row(2, 'x'.repeat(11)));
    expect(cache.get(1)?.data).toBe('first');
    expect(cache.get(2)).toBeUndefined();
  });
});

describe('StoredTextCache under long runs of adds and copies', () => {
  it('holds exactly the newest versions that fit, as a plain first-in-first-out model does', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 9 }), fc.boolean()), {
          maxLength: 400,
        }),
        (steps) => {
          const budget = 40;
          const cache = new StoredTextCache(budget);
          // The model: seqs in order of arrival, each with its size and whether its copy is held.
          let model: Array<{ seq: number; size: number; copied: boolean }> = [];
          const used = () => model.reduce((n, m) => n + m.size * (m.copied ? 2 : 1), 0);
          const trim = (keep?: number) => {
            while (used() > budget && model.length > 0 && model[0]!.seq !== keep) model = model.slice(1);
          };
          const held = new Map<number, StoredText>();
          for (const [seq, size, copy] of steps) {
            const known = model.find((m) => m.seq === seq);
            if (copy) {
              const version = held.get(seq);
              if (known === undefined || version === undefined) continue;
              expect(cache.utf8(version)).toEqual(Buffer.from(version.data));
              if (!known.copied && known.size * 2 <= budget) {
                known.copied = true;
                trim(seq);
              }
            } else if (known === undefined) {
              const version = row(seq, 'x'.repeat(size));
              cache.add(version);
              held.set(seq, version);
              model.push({ seq, size, copied: false });
              trim();
            }
            expect(cache.size).toBe(model.length);
            for (const m of model) expect(cache.get(m.seq)).toBe(held.get(m.seq));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe.each(storeBackends())('TAXII pages served from a warm StoredTextCache on $name', (backend) => {
  let store: Store;
  let w: TaxiiWorld;
  let all: TaxiiCollection;
  const made: Record<string, StixObject> = {};

  async function seed(writer: UserViewer, name: string, distribution: Distribution) {
    const object = indicator({ name });
    await importText(store, writer, bundle([object]), { distribution });
    made[name] = object;
  }

  beforeEach(async () => {
    store = await backend.open();
    w = await taxiiWorld(store);
    all = await createCollection(store, w.admin.viewer, { title: 'All' });
    await seed(w.telecom.viewer, 'telecom-only', 'organisation');
    await seed(w.telecom.viewer, 'community', 'community');
    await seed(w.police.viewer, 'police-only', 'organisation');
    await seed(w.peer.viewer, 'peer-only', 'organisation');
  });
  afterEach(async () => {
    await w.app.close();
    await store.close();
  });

  const page = async (auth: string, query = '') => {
    const res = await w.app.inject({
      method: 'GET',
      url: `/taxii2/api/collections/${all.id}/objects/?limit=1000${query}`,
      headers: { ...TAXII_ACCEPT, authorization: auth },
    });
    expect(res.statusCode).toBe(200);
    return res;
  };
  const names = async (auth: string) =>
    (((await page(auth)).json().objects ?? []) as StixObject[]).map((o) => String(o.name)).sort();

  it('gives each audience exactly its set after the admin has filled the cache with every version', async () => {
    expect(await names(w.admin.bearer)).toEqual(['community', 'peer-only', 'police-only', 'telecom-only']);
    expect(storedTextCache(store.db).size).toBe(4);
    expect(await names(w.police.bearer)).toEqual(['community', 'police-only']);
    expect(await names(w.peer.bearer)).toEqual(['community', 'peer-only']);
  });

  it('leaves out a version deleted after it was cached', async () => {
    expect(await names(w.peer.bearer)).toEqual(['community', 'peer-only']);
    await deleteObject(store, w.telecom.viewer, made.community!.id, 'test');
    expect(await names(w.peer.bearer)).toEqual(['peer-only']);
    expect(await names(w.admin.bearer)).toEqual(['peer-only', 'police-only', 'telecom-only']);
  });

  it('still redacts for each viewer a text cached as its owner read it', async () => {
    const rel = relationship(made.community!.id, made['telecom-only']!.id);
    await importText(store, w.telecom.viewer, bundle([rel]), { distribution: 'community' });
    const own = await page(w.telecom.bearer, '&match[type]=relationship');
    expect(own.body).toContain(made['telecom-only']!.id);
    const peer = await page(w.peer.bearer, '&match[type]=relationship');
    expect(peer.body).not.toContain(made['telecom-only']!.id);
    expect((peer.json().objects as StixObject[])[0]!.x_accord_redacted).toEqual(['target_ref']);
  });
});
