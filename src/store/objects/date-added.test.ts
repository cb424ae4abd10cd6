import { describe, expect, it } from 'vitest';
import { DateAddedClock } from './date-added.js';

describe('DateAddedClock', () => {
  it('counts in microseconds from the wall clock, across second boundaries', () => {
    const clock = new DateAddedClock(null, new Date('2026-01-02T03:04:05.999Z'));
    const values = Array.from({ length: 1002 }, () => clock.next());
    expect(values[0]).toBe('2026-01-02T03:04:05.999000Z');
    expect(values[999]).toBe('2026-01-02T03:04:05.999999Z');
    expect(values[1000]).toBe('2026-01-02T03:04:06.000000Z');
    expect(values[1001]).toBe('2026-01-02T03:04:06.000001Z');
    expect([...values].sort()).toEqual(values);
  });

  it('starts after the newest stored value when that is ahead of the clock', () => {
    const clock = new DateAddedClock('2030-05-06T07:08:09.123456Z', new Date('2026-01-01T00:00:00Z'));
    expect(clock.next()).toBe('2030-05-06T07:08:09.123457Z');
    const fromMillis = new DateAddedClock('2030-05-06T07:08:09.5Z', new Date('2026-01-01T00:00:00Z'));
    expect(fromMillis.next()).toBe('2030-05-06T07:08:09.500001Z');
  });

  it('ignores a stored value behind the clock', () => {
    const clock = new DateAddedClock('2020-01-01T00:00:00.000000Z', new Date('2026-01-01T00:00:00.001Z'));
    expect(clock.next()).toBe('2026-01-01T00:00:00.001000Z');
  });
});
