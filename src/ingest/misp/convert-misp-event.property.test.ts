import { existsSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateObject } from '../../stix/index.js';
import { CTX } from './misp-builders.fixture.js';
import { convertMispEvent } from './convert-misp-event.js';

const SEDNIT = new URL('../../../../shared/data/misp/circl-osint-sednit-event.json', import.meta.url);
const present = existsSync(SEDNIT);

function checkResult(input: unknown): void {
  const r = convertMispEvent(input, CTX);
  expect(Array.isArray(r.objects) && Array.isArray(r.errors) && Array.isArray(r.warnings)).toBe(true);
  // Nothing half-made: whatever comes out is valid STIX.
  for (const { object } of r.objects) expect(validateObject(object).errors).toEqual([]);
}

/** Replaces the value at one random path of a JSON tree. */
function mutate(tree: unknown, pick: number, replacement: unknown): unknown {
  let n = 0;
  const walk = (node: unknown): unknown => {
    if (n++ === pick) return replacement;
    if (Array.isArray(node)) return node.map(walk);
    if (typeof node === 'object' && node !== null)
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v)]));
    return node;
  };
  return walk(tree);
}

describe('convertMispEvent never throws', () => {
  it('on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        checkResult(v);
        checkResult({ Event: v });
        checkResult({
          Event: {
            uuid: '5f1e0c2a-1b2c-4d3e-8f40-112233445566',
            Attribute: [v],
            Object: [v],
            Galaxy: [v],
            Tag: v,
          },
        });
      }),
      { numRuns: 300 },
    );
  });

  it.skipIf(!present)('on mutated real events', () => {
    const sednit = JSON.parse(readFileSync(SEDNIT, 'utf8')) as unknown;
    fc.assert(
      fc.property(fc.nat(4000), fc.jsonValue({ maxDepth: 2 }), (pick, replacement) => {
        checkResult(mutate(sednit, pick, replacement));
      }),
      { numRuns: 60 },
    );
  });
});
