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
import { TextArena } from './text-arena.js';
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
  it('drops the oldest versions once their texts and bytes exceed the bound', () => {
    // Each ASCII text counts twice: four characters and four bytes.
    const cache = new StoredTextCache(20);
    cache.add(row(1, 'aaaa'));
    cache.add(row(2, 'bbbb'));
    expect(cache.get(1)?.data).toBe('aaaa');
    cache.add(row(3, 'cccc'));
    expect(cache.get(1)).toBeUndefined();
    expect(cache.get(2)?.data).toBe('bbbb');
    expect(cache.get(3)?.data).toBe('cccc');
    expect(cache.size).toBe(2);
  });

  it('holds the UTF-8 bytes of each held text, and none of texts it does not hold', () => {
    const cache = new StoredTextCache(14);
    const a = row(1, 'añb');
    const b = row(2, 'ccc');
    cache.add(a);
    cache.add(b);
    const bytesOf = (r: StoredText) => {
      const slot = cache.bytes(r);
      return slot === undefined ? undefined : slot.chunk.subarray(slot.start, slot.end);
    };
    expect(bytesOf(a)).toEqual(Buffer.from('añb'));
    expect(bytesOf(b)).toEqual(Buffer.from('ccc'));
    // Another object with a held seq is not the held row: its text may differ.
    expect(cache.bytes(row(2, 'ddd'))).toBeUndefined();
    // 3 characters and 4 bytes, 3 and 3, 3 and 3: 19 is over 14, so the oldest goes with its bytes.
    cache.add(row(3, 'eee'));
    expect(cache.get(1)).toBeUndefined();
    expect(cache.bytes(a)).toBeUndefined();
    expect(cache.get(2)).toBe(b);
    expect(bytesOf(b)).toEqual(Buffer.from('ccc'));
  });

  it('keeps the first copy of a seq and never holds a text whose bytes might not fit', () => {
    const cache = new StoredTextCache(40);
    cache.add(row(1, 'first'));
    cache.add(row(1, 'other'));
    cache.add(row(2, 'x'.repeat(11)));
    expect(cache.get(1)?.data).toBe('first');
    expect(cache.get(2)).toBeUndefined();
  });
});

describe('StoredTextCache.pieces', () => {
  const text = fc.oneof(
    fc.json(),
    fc.string({ unit: 'grapheme', maxLength: 40 }).map((s) => JSON.stringify({ name: s })),
    // Lone surrogates: written as U+FFFD, exactly as Buffer.from writes them.
    fc.string({ unit: 'binary', maxLength: 20 }).map((s) => JSON.stringify({ name: s })),
  );

  it('joins to exactly the presented texts with commas, in small and large chunks alike', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(text, fc.boolean(), fc.boolean()), { maxLength: 60 }),
        fc.integer({ min: 1, max: 200 }),
        (entries, chunkBytes) => {
          const cache = new StoredTextCache(1024 * 1024, new TextArena(chunkBytes));
          const versions = entries.map(([data], i) => row(i + 1, data));
          for (const v of versions) cache.add(v);
          // Some texts are presented otherwise (redacted: another string); some versions are not held.
          const texts = entries.map(([data, redacted], i) => (redacted ? `{"redacted":${i}}` : data));
          const listed = versions.map((v, i) => (entries[i]![2] ? row(v.seq, v.data) : v));
          const pieces = cache.pieces(listed, texts);
          const joined = Buffer.concat(
            pieces.flatMap((p, i) => [...(i > 0 ? [Buffer.from(',')] : []), Buffer.from(p)]),
          );
          expect(joined.equals(Buffer.from(texts.join(',')))).toBe(true);
          // Every held text that goes out as stored comes from the arena, never a string.
          const fromArena = entries.filter(([, redacted, other]) => !redacted && !other).length;
          const strings = pieces.filter((p) => typeof p === 'string').length;
          expect(strings).toBe(entries.length - fromArena);
          for (const [i, v] of versions.entries()) {
            const slot = cache.bytes(v);
            expect(slot?.chunk.subarray(slot.start, slot.end).equals(Buffer.from(v.data))).toBe(true);
            expect(slot?.chunk[slot.end]).toBe(44);
            expect(cache.get(i + 1)).toBe(v);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('sends a page of texts added in a row as one slice', () => {
    const cache = new StoredTextCache();
    const versions = [1, 2, 3].map((seq) => row(seq, `{"n":${seq}}`));
    for (const v of versions) cache.add(v);
    const pieces = cache.pieces(
      versions,
      versions.map((v) => v.data),
    );
    expect(pieces).toHaveLength(1);
    expect(pieces[0]!.toString()).toBe('{"n":1},{"n":2},{"n":3}');
    // A gap (the second left out of the page) makes two slices.
    const gapped = [versions[0]!, versions[2]!];
    expect(
      cache
        .pieces(
          gapped,
          gapped.map((v) => v.data),
        )
        .map(String),
    ).toEqual(['{"n":1}', '{"n":3}']);
  });
});

describe('StoredTextCache under long runs of adds', () => {
  it('holds exactly the newest versions that fit, as a plain first-in-first-out model does', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 9 })), {
          maxLength: 400,
        }),
        (steps) => {
          const budget = 40;
          const cache = new StoredTextCache(budget);
          // The model: seqs in order of arrival, each with its size (characters, and as many bytes).
          let model: Array<{ seq: number; size: number }> = [];
          const used = () => model.reduce((n, m) => n + m.size * 2, 0);
          const held = new Map<number, StoredText>();
          for (const [seq, size] of steps) {
            if (model.some((m) => m.seq === seq) || size * 4 > budget) continue;
            const version = row(seq, 'x'.repeat(size));
            cache.add(version);
            held.set(seq, version);
            model.push({ seq, size });
            while (used() > budget) model = model.slice(1);
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
