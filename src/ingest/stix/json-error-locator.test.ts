import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineColumn, locateJsonError } from './json-error-locator.js';

describe('locateJsonError', () => {
  it.each([
    ['{"a": }', 6, 'a value'],
    ['{"a": 1,}', 8, 'a property name in double quotes'],
    ['{"a" 1}', 5, "':' after the property name"],
    ['[1, 2', 5, "',' or ']'"],
    ['{"a": "x\\q"}', 9, 'a valid escape'],
    ['{"a": [1, {"b": tru}]}', 16, "'true'"],
    ['{} x', 3, 'the end of the input'],
  ])('%s fails at %i', (text, offset, expected) => {
    const found = locateJsonError(text);
    expect(found.offset).toBe(offset);
    expect(found.expected).toContain(expected);
  });

  it('handles 10,000-deep nesting without overflowing', () => {
    const deep = '['.repeat(10_000) + ']'.repeat(9_999);
    expect(locateJsonError(deep).offset).toBe(deep.length);
  });

  it('agrees with JSON.parse on what is valid', () => {
    fc.assert(
      fc.property(fc.json(), fc.nat(), fc.string({ maxLength: 2 }), (json, at, junk) => {
        const cut = at % (json.length + 1);
        const text = json.slice(0, cut) + junk + json.slice(cut);
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        const found = locateJsonError(text);
        expect(found.expected === 'nothing: the JSON is valid').toBe(valid);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('lineColumn', () => {
  it('counts lines and columns from 1', () => {
    expect(lineColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
    expect(lineColumn('ab', 0)).toEqual({ line: 1, column: 1 });
  });
});
