import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MatchIndex } from './match-index.js';
import { likeOrigin, OriginIndex, originEnd } from './origin-index.js';
import { IntTable } from './int-table.js';
import { StringTable, stringHash } from './string-table.js';

describe('StringTable', () => {
  it('agrees with a Map of lists through adds and removals (small tables, long probe runs)', () => {
    const key = fc.constantFrom('a', 'b', 'c', 'dd', 'ee', 'f.g', '', 'é', 'x'.repeat(40), '1.2.3.4');
    const op = fc.tuple(fc.boolean(), key, fc.nat(3));
    fc.assert(
      fc.property(fc.array(op, { maxLength: 120 }), (ops) => {
        const table = new StringTable<number>();
        const model = new Map<string, number[]>();
        for (const [add, k, item] of ops) {
          if (add) {
            table.add(k, item);
            model.set(k, [...(model.get(k) ?? []), item]);
          } else {
            table.remove(k, item);
            const list = model.get(k);
            const at = list?.indexOf(item) ?? -1;
            if (list && at >= 0) {
              list.splice(at, 1);
              if (list.length === 0) model.delete(k);
            }
          }
          expect(table.size).toBe(model.size);
        }
        for (const k of ['a', 'b', 'c', 'dd', 'ee', 'f.g', '', 'é', 'x'.repeat(40), '1.2.3.4', 'zz']) {
          expect(table.get(k)).toEqual(model.get(k));
          // The same lookup on the head of a longer text, without slicing it.
          expect(table.getPrefix(`${k}/tail`, k.length)).toEqual(model.get(k));
          // What probes use: the items visited, in order, with the hash given.
          const seen: number[] = [];
          table.visitHashed(k, stringHash(k), (x) => seen.push(x));
          expect(seen).toEqual(model.get(k) ?? []);
        }
        expect(new Map(table.entries())).toEqual(model);
      }),
      { numRuns: 400 },
    );
  });

  it('keeps every key reachable after removals in the middle of collision runs', () => {
    const table = new StringTable<number>();
    const keys = Array.from({ length: 2000 }, (_, i) => `k${String(i)}`);
    keys.forEach((k, i) => {
      table.add(k, i);
    });
    keys.forEach((k, i) => {
      if (i % 3 === 0) table.remove(k, i);
    });
    keys.forEach((k, i) => {
      expect(table.get(k)).toEqual(i % 3 === 0 ? undefined : [i]);
    });
    expect(table.size).toBe(2000 - 667);
    expect(stringHash('')).not.toBe(0);
  });

  it('hashes strings that differ only in length or in one unit of a pair apart', () => {
    expect(stringHash('a')).not.toBe(stringHash('a\u0000'));
    expect(stringHash('ab')).not.toBe(stringHash('ba'));
    expect(stringHash('abcd')).not.toBe(stringHash('abce'));
    expect(stringHash('\u{1F600}x')).not.toBe(stringHash('\u{1F601}x'));
  });
});

describe('IntTable', () => {
  it('agrees with a Map through sets and deletes (long probe runs, removals inside them)', () => {
    const key = fc.oneof(
      fc.integer({ min: -40, max: 40 }),
      fc.constantFrom(-2147483648, 2147483647, 0x10000, -0x10000),
    );
    const op = fc.tuple(fc.constantFrom('set', 'delete'), key, fc.nat(5));
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        const table = new IntTable<number>();
        const model = new Map<number, number>();
        for (const [kind, k, v] of ops) {
          if (kind === 'set') {
            table.set(k, v);
            model.set(k, v);
          } else expect(table.delete(k)).toBe(model.delete(k));
          expect(table.size).toBe(model.size);
        }
        for (let k = -41; k <= 41; k++) expect(table.get(k)).toBe(model.get(k));
        expect(new Map(table.entries())).toEqual(model);
      }),
      { numRuns: 400 },
    );
  });
});

describe('OriginIndex', () => {
  it('finds the origin a LIKE pins down', () => {
    expect(originEnd('http://evil.test/a/b')).toBe('http://evil.test/'.length);
    expect(originEnd('http://evil.test')).toBe(-1);
    expect(originEnd('evil.test/a')).toBe(-1);
    expect(likeOrigin('http://evil.test/%')).toBe('http://evil.test/');
    expect(likeOrigin('http://evil.test/a_c/%')).toBe('http://evil.test/');
    expect(likeOrigin('http://evil%/')).toBeNull();
    expect(likeOrigin('%http://evil.test/')).toBeNull();
    expect(likeOrigin('http://evil.test')).toBeNull();
  });

  it('nominates by origin, NFC-normalised when not ASCII', () => {
    const index = new OriginIndex<string>();
    index.add('http://evil.test/', 'a');
    index.add('http://caf\u00e9.test/', 'b');
    const hits = (v: string): string[] => {
      const out: string[] = [];
      index.lookup(v, (x) => out.push(x));
      return out;
    };
    expect(hits('http://evil.test/gate.php')).toEqual(['a']);
    expect(hits('http://evil.test.other/gate.php')).toEqual([]);
    expect(hits('http://cafe\u0301.test/x')).toEqual(['b']);
    index.remove('http://evil.test/', 'a');
    expect(hits('http://evil.test/gate.php')).toEqual([]);
    expect(index.size).toBe(1);
  });

  it('decides LIKE on URL origins (the host compared lower-case, as for every URL value)', () => {
    const index = new MatchIndex();
    index.add({ id: 'host', pattern: "[url:value LIKE 'http://evil.test/%']" });
    index.add({ id: 'path', pattern: "[url:value LIKE 'http://evil.test/dl/%.exe']" });
    index.add({ id: 'nfc', pattern: "[url:value LIKE 'http://caf\u00e9.test/%']" });
    const ids = (url: string): string[] =>
      index
        .match({ values: { 'url:value': url } })
        .map((h) => h.id)
        .sort();
    expect(ids('http://evil.test/')).toEqual(['host']);
    expect(ids('http://EVIL.test/dl/x.exe')).toEqual(['host', 'path']);
    expect(ids('http://evil.test/dl/x.exe.txt')).toEqual(['host']);
    expect(ids('https://evil.test/dl/x.exe')).toEqual([]);
    expect(ids('http://cafe\u0301.test/menu')).toEqual(['nfc']);
    index.remove('host');
    expect(ids('http://evil.test/dl/x.exe')).toEqual(['path']);
  });
});
