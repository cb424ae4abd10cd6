import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluatePattern } from '../evaluator.js';
import { observationsFromBundle } from '../observation.js';
import type { Observation, Sco } from '../observation.js';
import { parsePattern } from '../parser.js';
import { validatePattern } from '../validator.js';

/** OASIS reference-implementation vectors, read in place from ../shared (never copied in). */
const dir = fileURLToPath(new URL('../../../../shared/conformance/', import.meta.url));
const present =
  existsSync(`${dir}validator_vectors_v21.json`) && existsSync(`${dir}matcher_vectors_v21.json`);
if (!present) console.warn('skipped: ../shared/conformance not present');

interface ValidatorVector {
  test: string;
  stix_version: string;
  pattern: string;
  valid: boolean;
}
interface MatcherVector {
  test: string;
  stix_version: string;
  pattern: string;
  observations: string;
  expected: { match: boolean; matched_sdo_ids: (string | null)[] } | { error: string; message: string };
}

function load(name: string): unknown {
  return JSON.parse(readFileSync(`${dir}${name}`, 'utf8'));
}

/** Observation sets are lists of bundles (2.1) or of bare observed-data (2.0-style). */
function observationsOf(set: Sco[]): Observation[] {
  const objects = set.flatMap((item) =>
    item.type === 'bundle' && Array.isArray(item.objects) ? (item.objects as Sco[]) : [item],
  );
  return observationsFromBundle(objects);
}

describe.skipIf(!present)('OASIS cti-pattern-validator vectors (STIX 2.1)', () => {
  const vectors = present
    ? (load('validator_vectors_v21.json') as { vectors: ValidatorVector[] }).vectors
    : [];
  const v21 = vectors.filter((v) => v.stix_version === '2.1');
  it('has the vectors', () => {
    expect(v21.length).toBeGreaterThan(80);
  });
  it.each(v21.map((v) => [v.pattern, v.valid] as const))('%s -> valid=%s', (pattern, valid) => {
    const report = validatePattern(pattern);
    expect(report.valid, JSON.stringify(report.errors)).toBe(valid);
  });
});

describe.skipIf(!present)('OASIS cti-pattern-matcher vectors (STIX 2.1)', () => {
  const data = present
    ? (load('matcher_vectors_v21.json') as {
        observation_sets: Record<string, Sco[]>;
        vectors: MatcherVector[];
      })
    : { observation_sets: {}, vectors: [] };
  const v21 = data.vectors.filter((v) => v.stix_version !== '2.0');
  it('has the vectors', () => {
    expect(v21.length).toBeGreaterThan(400);
  });
  it.each(v21.map((v) => [v.test, v] as const))('%s', (_name, v) => {
    const observations = observationsOf(data.observation_sets[v.observations] ?? []);
    const parsed = parsePattern(v.pattern);
    if ('error' in v.expected) {
      // Parse errors must fail to parse; matcher errors must fail to parse or report an error.
      if (v.expected.error === 'ParseException') {
        expect(parsed.ok).toBe(false);
        return;
      }
      if (!parsed.ok) return;
      expect(evaluatePattern(parsed.ast, observations).error).toBeDefined();
      return;
    }
    expect(parsed.ok, parsed.ok ? '' : parsed.error.message).toBe(true);
    if (!parsed.ok) return;
    const result = evaluatePattern(parsed.ast, observations);
    expect(result.error).toBeUndefined();
    expect(result.matched).toBe(v.expected.match);
    // The reference reports bundle ids (one per distinct observed-data bound); compare the count.
    const distinct = v.expected.matched_sdo_ids.filter((id) => id !== null).length;
    if (v.expected.match) expect(result.matchedObservations).toHaveLength(distinct);
  });
});
