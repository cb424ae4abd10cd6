import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GRAM, GramScanner, LONG_GRAM } from './gram-scanner.js';
import { SubstringIndex } from './substring-index.js';

/** Every start position of `lit` in `text` (overlapping ones included). */
function occurrences(text: string, lit: string): number {
  let n = 0;
  for (let at = text.indexOf(lit); at >= 0; at = text.indexOf(lit, at + 1)) n++;
  return n;
}

describe('GramScanner', () => {
  it.each([GRAM, LONG_GRAM, 5])(
    'reports each literal once per occurrence (against indexOf; %i-grams)',
    (gram) => {
      // A small alphabet so that grams collide and filter slots are shared.
      const alphabet = fc.constantFrom('a', 'b', '.', '/', 'é', '\u{1f600}');
      const word = fc.array(alphabet, { minLength: 2, maxLength: 8 }).map((a) => a.join(''));
      fc.assert(
        fc.property(
          fc.uniqueArray(
            word.filter((w) => w.length >= gram),
            { maxLength: 30 },
          ),
          fc.array(alphabet, { maxLength: 40 }),
          (lits, chars) => {
            const text = chars.join('');
            const out: number[] = [];
            const count = new GramScanner(lits, gram).scanInto(text, out);
            expect(count).toBe(out.length);
            const got = lits.map((_, i) => out.filter((x) => x === i).length);
            expect(got).toEqual(lits.map((l) => occurrences(text, l)));
          },
        ),
        { numRuns: 500 },
      );
    },
  );

  it('finds literals at the very start and end of the text, and nothing in short text', () => {
    const scanner = new GramScanner(['http', '.php', 'gate']);
    const out: number[] = [42];
    expect(scanner.scanInto('http://x/gate.php', out)).toBe(3);
    expect(out.slice(1).sort()).toEqual([0, 1, 2]);
    expect(scanner.scanInto('htt', out)).toBe(0);
    expect(() => new GramScanner(['abc'])).toThrow();
  });
});

describe('SubstringIndex with short and long literals', () => {
  it('finds literals under the gram length through the automaton and the rest through grams', () => {
    const index = new SubstringIndex<string>();
    const hits = (v: string): string[] => {
      const out: string[] = [];
      index.lookup(v, (x) => out.push(x));
      return out.sort();
    };
    index.add('.ru', 'short');
    index.add('gate', 'mid');
    index.add('/gate.php', 'long');
    expect(hits('http://x.ru/gate.php')).toEqual(['long', 'mid', 'short']);
    expect(hits('http://x.ru/')).toEqual(['short']);
    expect(hits('http://x.com/gate.php')).toEqual(['long', 'mid']);
    expect(hits('http://x.com/gate.asp')).toEqual(['mid']);
    index.remove('.ru', 'short');
    expect(hits('http://x.ru/gate.php')).toEqual(['long', 'mid']);
    index.remove('/gate.php', 'long');
    index.remove('gate', 'mid');
    expect(hits('http://x.ru/gate.php')).toEqual([]);
  });
});
