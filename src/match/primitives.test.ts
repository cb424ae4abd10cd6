import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { netWithin, parseNet } from '../pattern/cidr.js';
import { AhoCorasick } from './aho-corasick.js';
import { ipv4ToInt } from './ip.js';
import { PrefixIndex } from './prefix-index.js';
import { likeLiteral, requiredLiteral } from './required-literal.js';
import { SubstringIndex } from './substring-index.js';
import { SuffixIndex } from './suffix-index.js';

const ipv4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((p) => p.join('.'));
const ipv6 = fc
  .array(fc.nat(0xffff), { minLength: 8, maxLength: 8 })
  .map((p) => p.map((x) => x.toString(16)).join(':'));

describe('ipv4ToInt', () => {
  it('parses dotted quads and refuses the rest', () => {
    expect(ipv4ToInt('1.2.3.4')).toBe(0x01020304);
    expect(ipv4ToInt('255.255.255.255')).toBe(0xffffffff);
    for (const bad of [
      '1.2.3',
      '1.2.3.4.5',
      '256.1.1.1',
      '1..2.3',
      'a.b.c.d',
      '',
      '1.2.3.4/8',
      '1234.1.1.1',
    ]) {
      expect(ipv4ToInt(bad)).toBe(-1);
    }
  });
});

describe('PrefixIndex', () => {
  it('agrees with a linear scan (IPv4 and IPv6)', () => {
    const net = fc.oneof(
      fc.tuple(ipv4, fc.integer({ min: 0, max: 32 })).map(([a, l]) => `${a}/${l}`),
      fc.tuple(ipv6, fc.integer({ min: 0, max: 128 })).map(([a, l]) => `${a}/${l}`),
      ipv4,
    );
    fc.assert(
      fc.property(
        fc.array(net, { maxLength: 30 }),
        fc.array(fc.oneof(ipv4, ipv6), { maxLength: 10 }),
        (nets, probes) => {
          const index = new PrefixIndex<number>();
          nets.forEach((n, i) => {
            expect(index.add(n, i)).toBe(true);
          });
          for (const p of probes) {
            const got: number[] = [];
            index.lookup(p, (i) => got.push(i));
            const want = nets.flatMap((n, i) => (netWithin(parseNet(p)!, parseNet(n)!) ? [i] : []));
            expect(got.sort((a, b) => a - b)).toEqual(want);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps the per-/16 length table right through adds and removals (against a linear scan)', () => {
    // Networks crowded into two /16s so that several lengths share a /16 and removals clear bits.
    const near = fc
      .tuple(fc.constantFrom('10.1', '10.2'), fc.nat(255), fc.nat(255), fc.integer({ min: 8, max: 32 }))
      .map(([top, c, d, l]) => `${top}.${c}.${d}/${l}`);
    fc.assert(
      fc.property(
        fc.array(near, { minLength: 1, maxLength: 25 }),
        fc.array(fc.boolean(), { maxLength: 25 }),
        fc.array(
          near.map((n) => n.slice(0, n.indexOf('/'))),
          { maxLength: 10 },
        ),
        (nets, drop, probes) => {
          const index = new PrefixIndex<number>();
          nets.forEach((n, i) => index.add(n, i));
          const kept = nets.map((n, i) => (drop[i] === true ? (index.remove(n, i), null) : n));
          for (const p of [...probes, '10.1.0.0', '10.2.255.255']) {
            const got: number[] = [];
            index.lookup(p, (i) => got.push(i));
            const want = kept.flatMap((n, i) =>
              n !== null && netWithin(parseNet(p)!, parseNet(n)!) ? [i] : [],
            );
            expect(got.sort((a, b) => a - b)).toEqual(want);
          }
        },
      ),
      { numRuns: 300 },
    );
    const index = new PrefixIndex<string>();
    index.add('10.1.2.0/24', 'a');
    index.add('10.1.3.0/24', 'b');
    index.add('10.1.3.7', 'c');
    index.remove('10.1.2.0/24', 'a');
    const got: string[] = [];
    index.lookup('10.1.3.7', (x) => got.push(x));
    expect(got).toEqual(['c', 'b']);
    index.remove('10.1.3.0/24', 'b');
    index.remove('10.1.3.7', 'c');
    index.lookup('10.1.3.7', (x) => got.push(x));
    expect(got).toEqual(['c', 'b']);
    expect(index.size).toBe(0);
  });

  it('removes entries and ignores non-addresses', () => {
    const index = new PrefixIndex<string>();
    index.add('10.0.0.0/8', 'a');
    index.add('10.1.0.0/16', 'b');
    expect(index.add('not-an-ip', 'c')).toBe(false);
    expect(index.size).toBe(2);
    index.remove('10.0.0.0/8', 'a');
    const got: string[] = [];
    index.lookup('10.1.2.3', (x) => got.push(x));
    expect(got).toEqual(['b']);
    index.lookup('example.com', (x) => got.push(x));
    expect(got).toEqual(['b']);
  });
});

describe('SuffixIndex', () => {
  it('matches on label boundaries only', () => {
    const index = new SuffixIndex<string>();
    index.add('.evil.com', 'e');
    index.add('.com', 'c');
    const hits = (v: string): string[] => {
      const out: string[] = [];
      index.lookup(v, (x) => out.push(x));
      return out.sort();
    };
    expect(hits('a.b.evil.com')).toEqual(['c', 'e']);
    expect(hits('evil.com')).toEqual(['c']);
    expect(hits('notevil.com')).toEqual(['c']);
    expect(hits('evil.org')).toEqual([]);
    index.remove('.com', 'c');
    expect(hits('x.evil.com')).toEqual(['e']);
  });
});

describe('AhoCorasick', () => {
  it('finds exactly the literals that occur (against indexOf)', () => {
    const alphabet = fc.constantFrom('a', 'b', 'c', '.', '/', 'é');
    const word = fc.array(alphabet, { minLength: 1, maxLength: 5 }).map((a) => a.join(''));
    fc.assert(
      fc.property(
        fc.uniqueArray(word, { maxLength: 20 }),
        fc.array(alphabet, { maxLength: 40 }),
        (lits, chars) => {
          const text = chars.join('');
          const ac = new AhoCorasick(lits);
          const found = new Set<number>();
          ac.scan(text, (i) => found.add(i));
          const want = lits.flatMap((l, i) => (text.includes(l) ? [i] : []));
          expect([...found].sort((a, b) => a - b)).toEqual(want);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('SubstringIndex', () => {
  it('sees items added to or removed from a literal after the automaton was built', () => {
    const index = new SubstringIndex<string>();
    const hits = (v: string): string[] => {
      const out: string[] = [];
      index.lookup(v, (x) => out.push(x));
      return out.sort();
    };
    index.add('/gate', 'a');
    expect(hits('http://x/gate.php')).toEqual(['a']);
    index.add('/gate', 'b'); // same literal: no rebuild, the shared list changes
    index.add('/gate', 'b');
    index.add('.php', 'c'); // new literal: rebuilt on the next lookup
    expect(hits('http://x/gate.php')).toEqual(['a', 'b', 'c']);
    expect(hits('http://x/gate.php/gate')).toEqual(['a', 'a', 'b', 'b', 'c']);
    index.remove('/gate', 'a');
    index.remove('.php', 'c');
    index.remove('.php', 'c');
    expect(hits('http://x/gate.php')).toEqual(['b']);
    expect(index.size).toBe(1);
  });
});

describe('AhoCorasick.scanInto', () => {
  it('appends what scan reports, in the same order', () => {
    const ac = new AhoCorasick(['ab', 'b', 'abc', 'c']);
    const viaScan: number[] = [];
    ac.scan('xabcabc', (i) => viaScan.push(i));
    const out = [42];
    expect(ac.scanInto('xabcabc', out)).toBe(viaScan.length);
    expect(out).toEqual([42, ...viaScan]);
  });
});

describe('required literals', () => {
  it('extracts a substring every match must contain', () => {
    expect(requiredLiteral('^http://[a-z]+\\.evil\\.com/gate\\.php$')).toBe('.evil.com/gate.php');
    expect(requiredLiteral('abcd?ef')).toBe('abc');
    expect(requiredLiteral('ab+cdef')).toBe('cdef');
    expect(requiredLiteral('x(abc)*yz')).toBe('yz');
    expect(requiredLiteral('abc|def')).toBe('');
    expect(requiredLiteral('(?i)abcdef')).toBe('');
    expect(requiredLiteral('\\d+\\w+')).toBe('');
    expect(likeLiteral('%/gate.php?%_x')).toBe('/gate.php?');
  });
  it('is contained in strings the regex matches', () => {
    const samples: [string, string][] = [
      ['^http://[a-z]+\\.evil\\.com/gate\\.php$', 'http://abc.evil.com/gate.php'],
      ['ab+cdef', 'abbbbcdef'],
      ['x(abc)*yz', 'xyz'],
      ['a{2}bcd', 'aabcd'],
      ['[abc]+defg?h', 'aadefh'],
    ];
    for (const [re, s] of samples) {
      expect(new RegExp(re).test(s)).toBe(true);
      expect(s).toContain(requiredLiteral(re));
    }
  });
});
