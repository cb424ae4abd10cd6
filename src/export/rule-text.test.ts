import { describe, expect, it } from 'vitest';
import { item } from '../../test/fixtures/export/items.js';
import {
  alertText,
  joinContent,
  metadataDate,
  referenceUrl,
  ruleContent,
  ruleMessage,
  ruleRev,
} from './rule-text.js';

describe('rule text', () => {
  it('writes ; " \\ | and non-ASCII bytes of content as hex, merging neighbours', () => {
    expect(ruleContent('plain/path?a=b')).toBe('plain/path?a=b');
    expect(ruleContent('a;b"c\\d|e')).toBe('a|3B|b|22|c|5C|d|7C|e');
    expect(ruleContent(';"')).toBe('|3B 22|');
    expect(ruleContent('é\t')).toBe('|C3 A9 09|');
    expect(joinContent('|04|', '|C3|', 'x')).toBe('|04 C3|x');
  });

  it('escapes msg text with backslashes and keeps it on one line', () => {
    expect(ruleMessage('say "hi"; c:\\temp\nnext')).toBe('say \\"hi\\"\\; c:\\\\temp next');
    expect(ruleMessage('x'.repeat(500))).toHaveLength(240);
  });

  it('names the indicator, TLP, value and variant in the alert', () => {
    expect(
      alertText(
        item({ kind: 'domain', value: 'a.example', name: 'Phish', tlp: 'amber+strict' }),
        'DNS query',
      ),
    ).toBe('ACCORD TLP:AMBER+STRICT Phish a.example (DNS query)');
    expect(alertText(item({ kind: 'ipv4', value: '192.0.2.1' }))).toBe('ACCORD ipv4 192.0.2.1');
  });

  it('drops the scheme from references and percent-encodes what parsers refuse', () => {
    expect(referenceUrl('https://accord.example:8443/objects/indicator--1')).toBe(
      'accord.example:8443/objects/indicator--1',
    );
    expect(referenceUrl('https://a.example/x;y "z"')).toBe('a.example/x%3By%20%22z%22');
  });

  it('turns modified into a rev that grows with each version', () => {
    expect(ruleRev('2025-01-02T03:04:05.000Z')).toBe(1735787045);
    expect(ruleRev('2025-01-02T03:04:06Z')).toBeGreaterThan(ruleRev('2025-01-02T03:04:05Z'));
    expect(ruleRev('garbage')).toBe(1);
    expect(metadataDate('2025-01-02T03:04:05Z')).toBe('2025_01_02');
  });
});
