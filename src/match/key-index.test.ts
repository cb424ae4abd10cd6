import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeyIndex } from './key-index.js';
import { hashScan, scanned, stringHash } from './string-table.js';

/** Values built from pieces that exercise case, non-ASCII, trailing dots, paths, queries. */
const piece = fc.constantFrom('a', 'B', 'x', '.', '/', '?', '#', ':', '://', 'http', 'HTTP', 'é', 'É', '-');
const raw = fc.array(piece, { maxLength: 12 }).map((p) => p.join(''));

function visited(index: KeyIndex<string>, f: (visit: (item: string) => void) => void): string[] {
  const out: string[] = [];
  f((x) => out.push(x));
  return out;
}

describe('KeyIndex.lookupRaw', () => {
  for (const key of ['url:value', 'domain-name:value', "file:hashes.'SHA-256'", 'ipv4-addr:value']) {
    it(`visits what lookup of the normalised value visits (${key})`, () => {
      fc.assert(
        fc.property(
          fc.uniqueArray(raw, { maxLength: 12 }),
          fc.array(raw, { maxLength: 10 }),
          (anchors, probes) => {
            const index = new KeyIndex<string>(key);
            anchors.forEach((a, i) => {
              const v = index.normalise(a);
              index.add({ kind: 'eq', key, value: v, exact: true }, `eq${String(i)}`);
              // An origin is a URL head with its slash; probes that share one must find it.
              const origin = /^[a-z]+:\/\/[^/?#]*\//i.exec(v)?.[0];
              if (origin !== undefined)
                index.add({ kind: 'origin', key, origin, exact: false }, `or${String(i)}`);
              if (v.length >= 2)
                index.add({ kind: 'suffix', key, suffix: v.slice(-2), exact: true }, `su${String(i)}`);
            });
            // Probes include the anchors themselves, in other spellings too.
            for (const p of [...probes, ...anchors, ...anchors.map((a) => a.toUpperCase())]) {
              const want = visited(index, (visit) => {
                index.lookup(index.normalise(p), visit);
              });
              const got = visited(index, (visit) => {
                index.lookupRaw(p, visit);
              });
              expect(got).toEqual(want);
            }
          },
        ),
        { numRuns: 300 },
      );
    });
  }
});

describe('hashScan', () => {
  it('hashes like stringHash, hashes the marked prefix, and flags upper-case or non-ASCII before checkEnd', () => {
    fc.assert(
      fc.property(raw, fc.nat(14), fc.nat(14), (s, a, b) => {
        const checkEnd = Math.min(a, s.length);
        const mark = checkEnd + Math.min(b, s.length - checkEnd);
        expect(hashScan(s, checkEnd, mark)).toBe(stringHash(s));
        expect(scanned.prefix).toBe(stringHash(s.slice(0, mark)));
        expect(scanned.upper).toBe(/[A-Z\u0080-\uffff]/.test(s.slice(0, checkEnd)));
      }),
    );
  });
});
