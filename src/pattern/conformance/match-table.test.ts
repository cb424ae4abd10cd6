import { describe, expect, it } from 'vitest';
import { evaluatePattern } from '../evaluator.js';
import { parsePattern } from '../parser.js';
import { OBSERVATIONS } from './fixture.js';
import { ALL_MATCH_CASES } from './match-cases.js';

describe('own conformance table: evaluation against observed data', () => {
  it('has a substantial table', () => {
    expect(ALL_MATCH_CASES.length).toBeGreaterThan(200);
  });
  it.each(ALL_MATCH_CASES)('%s', (pattern, expected) => {
    const parsed = parsePattern(pattern);
    if (!parsed.ok) throw new Error(`${pattern}: ${parsed.error.message}`);
    const result = evaluatePattern(parsed.ast, OBSERVATIONS);
    expect(result.error).toBeUndefined();
    if (typeof expected === 'boolean') expect(result.matched).toBe(expected);
    else expect(result.matchedObservations).toEqual(expected);
  });
});
