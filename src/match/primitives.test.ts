import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { netWithin, parseNet } from '../pattern/cidr.js';
import { AhoCorasick } from './aho-corasick.js';
import { ipv4ToInt } from './ip.js';
import { PrefixIndex } from './prefix-index.js';
import { likeLiteral, requiredLiteral } from './required-literal.js';
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
