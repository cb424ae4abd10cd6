import { describe, expect, it } from 'vitest';
import { DEFAULT_SID_BASE, DEFAULT_SID_RANGE, fnv1a32, SidAllocator } from './sid-allocator.js';

describe('SidAllocator', () => {
  it('gives a key the same sid in every run, inside the range', () => {
    const a = new SidAllocator().allocate('indicator--1#dns');
    const b = new SidAllocator().allocate('indicator--1#dns');
    expect(a).toBe(b);
    expect(a).toBe(DEFAULT_SID_BASE + (fnv1a32('indicator--1#dns') % DEFAULT_SID_RANGE));
    expect(a).toBeGreaterThanOrEqual(DEFAULT_SID_BASE);
    expect(a).toBeLessThan(DEFAULT_SID_BASE + DEFAULT_SID_RANGE);
  });

  it('matches published FNV-1a 32-bit values', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });

  it('probes upward and wraps within the range on collisions', () => {
    const sids = new SidAllocator(100, 4);
    const preferred = sids.preferred('x');
    const got = [sids.allocate('x'), sids.allocate('x'), sids.allocate('x'), sids.allocate('x')];
    expect(got[0]).toBe(preferred);
    expect([...got].sort()).toEqual([100, 101, 102, 103]);
    // Each probe is the next sid after the previous one, wrapping from 103 to 100.
    for (let i = 1; i < 4; i++) expect(got[i]).toBe(100 + (((got[i - 1] ?? 0) - 100 + 1) % 4));
    expect(() => sids.allocate('y')).toThrow(/exhausted/);
  });

  it('refuses ranges past 32 bits', () => {
    expect(() => new SidAllocator(2 ** 32 - 1, 2)).toThrow(/invalid sid range/);
    expect(() => new SidAllocator(0, 10)).toThrow(/invalid sid range/);
  });
});
