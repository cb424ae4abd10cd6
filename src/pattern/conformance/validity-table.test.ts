import { describe, expect, it } from 'vitest';
import { validatePattern } from '../validator.js';
import { INVALID, VALID } from './validity-cases.js';

describe('own conformance table: validity', () => {
  it('has a substantial table', () => {
    expect(VALID.length + INVALID.length).toBeGreaterThan(140);
  });
  it.each([...VALID, ...INVALID].map(([p, v, w]) => [p, v, w ?? null] as const))(
    '%s -> valid=%s',
    (pattern, valid, warns) => {
      const report = validatePattern(pattern);
      expect(report.valid, JSON.stringify(report.errors)).toBe(valid);
      if (!valid) expect(report.errors.length).toBeGreaterThan(0);
      if (valid && warns !== null) expect(report.warnings.length > 0).toBe(warns);
      for (const e of report.errors) {
        expect(e.offset).toBeGreaterThanOrEqual(0);
        expect(e.offset).toBeLessThanOrEqual(pattern.length);
        expect(e.line).toBeGreaterThanOrEqual(1);
        expect(e.column).toBeGreaterThanOrEqual(1);
      }
    },
  );
});
