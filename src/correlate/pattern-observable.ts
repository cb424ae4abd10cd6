import type { Observable } from '../observable/kind.js';
import { comparisonObservable } from '../observable/comparison-observable.js';
import { normaliseObservable } from '../observable/index.js';
import { parsePattern, singleComparison } from '../pattern/index.js';
import type { SingleComparison } from '../pattern/index.js';

// The shape nearly every indicator has; decided without the full parser on the ingest hot path.
const SIMPLE =
  /^\[([a-z0-9-]+):([A-Za-z0-9_]+(?:\.(?:[A-Za-z0-9_]+|'[A-Za-z0-9_-]+'))?) (=|ISSUBSET) '((?:[^'\\]|\\.)*)'\]$/;

function simpleComparison(pattern: string): SingleComparison | null {
  const simple = SIMPLE.exec(pattern);
  if (simple === null) return null;
  return {
    objectType: simple[1]!,
    path: simple[2]!,
    operator: simple[3]!,
    negated: false,
    value: simple[4]!.replace(/\\(.)/g, '$1'),
  };
}

/**
 * The observable an indicator stands for when its pattern is one equality (or CIDR `ISSUBSET`)
 * comparison, e.g. `[ipv4-addr:value = '203.0.113.5']`, normalised; null for anything more complex.
 */
export function patternObservable(pattern: string): Observable | null {
  let comparison = simpleComparison(pattern);
  if (comparison === null) {
    const parsed = parsePattern(pattern);
    if (!parsed.ok) return null;
    comparison = singleComparison(parsed.ast);
    if (comparison === null) return null;
  }
  const found = comparisonObservable(comparison);
  if (found === null) return null;
  const value = normaliseObservable(found.kind, found.value);
  return value === null ? null : { kind: found.kind, value };
}
