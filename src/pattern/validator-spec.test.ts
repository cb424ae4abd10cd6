import { describe, expect, it } from 'vitest';
import { validatePattern } from './validator.js';

/**
 * Where `accord pattern validate` departs from the OASIS reference validator, and why (issue 21).
 * The reference checks the grammar and duplicate qualifiers only, so it accepts every case below.
 * STIX 2.1 (section 9, Qualifiers) requires a WITHIN of a positive number of seconds, a REPEATS of a
 * positive integer and a STOP later than its START: those are errors here, at the qualifier. A
 * comparison of a property with a constant of another type is well formed and the specification
 * defines its result (it never matches), so it stays valid with a warning at the constant.
 */
describe('validatePattern against the specification', () => {
  const errorAt = (pattern: string) => {
    const report = validatePattern(pattern);
    expect(report.valid).toBe(false);
    return report.errors.map((e) => [e.line, e.column, e.message]);
  };

  it.each([
    ["[file:name = 'a'] WITHIN 0 SECONDS", 19, 'WITHIN must be a positive number of seconds'],
    ["[file:name = 'a'] WITHIN 0.0 SECONDS", 19, 'WITHIN must be a positive number of seconds'],
    ["[file:name = 'a'] REPEATS 0 TIMES", 19, 'REPEATS count must be at least 1'],
    [
      "[file:name = 'a'] START t'2024-01-02T00:00:00Z' STOP t'2024-01-01T00:00:00Z'",
      19,
      'START must be earlier than STOP',
    ],
    [
      "[file:name = 'a'] START t'2024-01-01T00:00:00Z' STOP t'2024-01-01T00:00:00Z'",
      19,
      'START must be earlier than STOP',
    ],
    // Inside a compound expression the position is still that of the offending qualifier.
    ["[file:name = 'a'] AND ([file:name = 'b'] REPEATS 0 TIMES)", 42, 'REPEATS count must be at least 1'],
  ])('%s is an error at column %i', (pattern, column, message) => {
    expect(errorAt(pattern)).toEqual([[1, column, message]]);
  });

  it('accepts the smallest values the specification allows', () => {
    for (const p of [
      "[file:name = 'a'] WITHIN 0.001 SECONDS",
      "[file:name = 'a'] REPEATS 1 TIMES",
      "[file:name = 'a'] START t'2024-01-01T00:00:00Z' STOP t'2024-01-01T00:00:00.001Z'",
    ]) {
      expect(validatePattern(p), p).toMatchObject({ valid: true, errors: [] });
    }
  });

  it.each([
    ["[file:size = 'abc']", 14, 'file:size holds int values, not string'],
    ["[network-traffic:dst_port > '443']", 29, 'network-traffic:dst_port holds int values, not string'],
    ['[file:mtime < 5]', 15, 'file:mtime holds timestamp values, not int'],
    ['[email-message:is_multipart = 1]', 31, 'email-message:is_multipart holds bool values, not int'],
  ])('%s is valid, with a type warning at column %i', (pattern, column, message) => {
    const report = validatePattern(pattern);
    expect(report.valid).toBe(true);
    expect(report.warnings.map((w) => [w.line, w.column, w.message])).toEqual([[1, column, message]]);
  });
});
