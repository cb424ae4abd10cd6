import { describe, expect, it } from 'vitest';
import { netWithin, parseNet } from './cidr.js';
import { likeToRegExp } from './like.js';
import { backtrackingRisk, compileSafeRegex } from './safe-regex.js';
import { checkTimestamp, compareInstants, parseTimestamp } from './timestamp.js';

describe('timestamps', () => {
  it('parses with nanosecond precision', () => {
    const a = parseTimestamp('2024-01-01T00:00:00.123456789Z')!;
    const b = parseTimestamp('2024-01-01T00:00:00.123456788Z')!;
    expect(compareInstants(a, b)).toBeGreaterThan(0);
    expect(a.ms).toBe(Date.parse('2024-01-01T00:00:00.123Z'));
    expect(new Date(parseTimestamp('0099-01-01T00:00:00Z')!.ms).getUTCFullYear()).toBe(99);
  });
  it('checks the grammar and the calendar separately', () => {
    expect(checkTimestamp('2023-02-29T00:00:00Z')).toEqual({ lexical: true, calendar: false });
    expect(checkTimestamp('2024-02-29T00:00:00Z')).toEqual({ lexical: true, calendar: true });
    expect(checkTimestamp('2024-02-29t00:00:00Z').lexical).toBe(false);
    expect(parseTimestamp('2024-13-01T00:00:00Z')).toBeNull();
  });
});

describe('CIDR', () => {
  it('tests containment for IPv4 and IPv6', () => {
    expect(netWithin(parseNet('10.1.2.3')!, parseNet('10.0.0.0/8')!)).toBe(true);
    expect(netWithin(parseNet('11.1.2.3')!, parseNet('10.0.0.0/8')!)).toBe(false);
    expect(netWithin(parseNet('10.1.0.0/16')!, parseNet('10.0.0.0/8')!)).toBe(true);
    expect(netWithin(parseNet('10.0.0.0/8')!, parseNet('10.1.0.0/16')!)).toBe(false);
    expect(netWithin(parseNet('2001:db8::1')!, parseNet('2001:db8::/32')!)).toBe(true);
    expect(netWithin(parseNet('2001:db9::1')!, parseNet('2001:db8::/32')!)).toBe(false);
    expect(netWithin(parseNet('10.0.0.1')!, parseNet('::/0')!)).toBe(false);
    expect(parseNet('10.0.0.0/33')).toBeNull();
    expect(parseNet('hello')).toBeNull();
  });
});

describe('LIKE', () => {
  it('translates % and _ and escapes the rest', () => {
    expect(likeToRegExp('%.evil.com').test('a.evil.com')).toBe(true);
    expect(likeToRegExp('%.evil.com').test('aXevil.com')).toBe(false);
    expect(likeToRegExp('a_c').test('abc')).toBe(true);
    expect(likeToRegExp('a_c').test('abbc')).toBe(false);
    expect(likeToRegExp('(x)[y]+').test('(x)[y]+')).toBe(true);
    expect(likeToRegExp('%').test('multi\nline')).toBe(true);
  });
});

describe('safe regex', () => {
  it('refuses catastrophic shapes and keeps ordinary ones', () => {
    expect(backtrackingRisk('(a+)+$')).not.toBeNull();
    expect(backtrackingRisk('(x|xy)*z')).not.toBeNull();
    expect(backtrackingRisk('(ab|cd)+')).toBeNull();
    expect(backtrackingRisk('^[a-z]+\\.evil\\.com$')).toBeNull();
    expect(backtrackingRisk('(\\d{1,3}\\.){3}\\d{1,3}')).toBeNull();
  });
  it('accepts PCRE escapes and leading inline flags', () => {
    const r = compileSafeRegex('(?i)\\@EXAMPLE');
    expect(r.ok && r.regex.test('x@example')).toBe(true);
    expect(compileSafeRegex('(?x)a b').ok).toBe(false);
    expect(compileSafeRegex('[').ok).toBe(false);
  });
});
