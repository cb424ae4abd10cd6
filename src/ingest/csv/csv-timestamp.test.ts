import { describe, expect, it } from 'vitest';
import { csvTimestamp } from './csv-timestamp.js';

describe('csvTimestamp', () => {
  it.each([
    ['2024-01-31 12:34:56', '2024-01-31T12:34:56Z'],
    ['2024-01-31 12:34:56 UTC', '2024-01-31T12:34:56Z'],
    ['2024-01-31', '2024-01-31T00:00:00Z'],
    ['2024-01-31T12:34:56.123Z', '2024-01-31T12:34:56.123Z'],
    ['2024-01-31T12:34:56+02:00', '2024-01-31T10:34:56Z'],
    ['2024-02-30 00:00:00', null],
    ['31/01/2024', null],
    ['yesterday', null],
  ])('%j -> %j', (raw, expected) => {
    expect(csvTimestamp(raw)).toBe(expected);
  });
});
