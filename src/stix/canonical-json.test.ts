import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalJson } from './canonical-json.js';

describe('canonicalJson (RFC 8785)', () => {
  it('sorts keys recursively and drops whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('sorts keys by UTF-16 code units, as RFC 8785 §3.2.3 requires', () => {
    // RFC 8785 §3.2.3's own example order: "\r", "1", "\u0080", "ö", "€", "😀", "\ufb33".
    const keys = ['\u20ac', '\r', '\ufb33', '1', '\ud83d\ude00', '\u0080', '\u00f6'];
    const input = Object.fromEntries(keys.map((key, i) => [key, i]));
    const expectedOrder = ['\r', '1', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33'];
    const expected = expectedOrder.map((key) => `${JSON.stringify(key)}:${keys.indexOf(key)}`).join(',');
    expect(canonicalJson(input)).toBe(`{${expected}}`);
  });

  it('serialises numbers the ECMAScript way (RFC 8785 §3.2.2.3 examples)', () => {
    expect(canonicalJson([1e21, 1e-7, 0.000001, -0, 333333333.3333333, 7.980693, 100])).toBe(
      '[1e+21,1e-7,0.000001,0,333333333.3333333,7.980693,100]',
    );
  });

  it('escapes strings minimally', () => {
    expect(canonicalJson('é\n"\u0001/')).toBe('"é\\n\\"\\u0001/"');
  });

  it('treats undefined like JSON.stringify', () => {
    expect(canonicalJson({ a: undefined, b: [undefined] })).toBe('{"b":[null]}');
  });

  it('refuses values JSON cannot hold and overly deep input', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow(RangeError);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(RangeError);
    let deep: unknown = 1;
    for (let i = 0; i < 150; i++) deep = [deep];
    expect(() => canonicalJson(deep)).toThrow(RangeError);
  });

  it('round-trips: parsing the output gives back an equal value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it('does not depend on key insertion order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (record) => {
        const reversed = Object.fromEntries(Object.entries(record).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(record));
      }),
    );
  });
});
