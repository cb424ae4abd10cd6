import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareTimestamps, hasMillisecondPrecision, isStixTimestamp } from './timestamp.js';

describe('isStixTimestamp', () => {
  it.each([
    '2024-03-01T08:15:30Z',
    '2024-03-01T08:15:30.1Z',
    '2024-03-01T08:15:30.125Z',
    '2024-03-01T08:15:30.123456789Z',
    '2024-02-29T00:00:00.000Z',
    '2000-02-29T23:59:59.999Z',
    '2016-12-31T23:59:60Z',
  ])('accepts %s', (value) => {
    expect(isStixTimestamp(value)).toBe(true);
  });

  it.each([
    ['no Z', '2024-03-01T08:15:30.000'],
    ['offset instead of Z', '2024-03-01T08:15:30.000+00:00'],
    ['lowercase z', '2024-03-01T08:15:30.000z'],
    ['month 13', '2024-13-01T08:15:30.000Z'],
    ['month 0', '2024-00-01T08:15:30.000Z'],
    ['30 February', '2024-02-30T08:15:30.000Z'],
    ['29 February in a common year', '2023-02-29T08:15:30.000Z'],
    ['29 February 1900', '1900-02-29T08:15:30.000Z'],
    ['hour 24', '2024-03-01T24:00:00.000Z'],
    ['minute 60', '2024-03-01T08:60:00.000Z'],
    ['second 61', '2024-03-01T08:15:61.000Z'],
    ['a dot without digits', '2024-03-01T08:15:30.Z'],
    ['a space instead of T', '2024-03-01 08:15:30.000Z'],
    ['date only', '2024-03-01'],
    ['letters in the fraction', '2024-03-01T08:15:30.12aZ'],
    ['empty', ''],
  ])('rejects %s', (_why, value) => {
    expect(isStixTimestamp(value)).toBe(false);
  });

  it('rejects non-strings', () => {
    for (const value of [null, undefined, 20240301, {}, [], true]) expect(isStixTimestamp(value)).toBe(false);
  });

  it('agrees with Date for every instant it accepts', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('0001-01-01T00:00:00Z'),
          max: new Date('9999-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        (date) => {
          expect(isStixTimestamp(date.toISOString())).toBe(true);
        },
      ),
    );
  });
});

describe('hasMillisecondPrecision', () => {
  it('needs at least three fractional digits', () => {
    expect(hasMillisecondPrecision('2024-03-01T08:15:30.125Z')).toBe(true);
    expect(hasMillisecondPrecision('2024-03-01T08:15:30.1250Z')).toBe(true);
    expect(hasMillisecondPrecision('2024-03-01T08:15:30.12Z')).toBe(false);
    expect(hasMillisecondPrecision('2024-03-01T08:15:30Z')).toBe(false);
  });
});

describe('compareTimestamps', () => {
  it('orders by instant, whatever the fractional precision', () => {
    expect(compareTimestamps('2024-03-01T08:15:30Z', '2024-03-01T08:15:30.000Z')).toBe(0);
    expect(compareTimestamps('2024-03-01T08:15:30.1Z', '2024-03-01T08:15:30.09Z')).toBeGreaterThan(0);
    expect(compareTimestamps('2024-03-01T08:15:30.000001Z', '2024-03-01T08:15:30.000Z')).toBeGreaterThan(0);
    expect(compareTimestamps('2023-12-31T23:59:59.999Z', '2024-01-01T00:00:00Z')).toBeLessThan(0);
  });

  it('agrees with Date on millisecond timestamps', () => {
    const date = fc.date({
      min: new Date('1970-01-01T00:00:00Z'),
      max: new Date('2100-01-01T00:00:00Z'),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(date, date, (a, b) => {
        expect(Math.sign(compareTimestamps(a.toISOString(), b.toISOString()))).toBe(
          Math.sign(a.getTime() - b.getTime()),
        );
      }),
    );
  });
});
