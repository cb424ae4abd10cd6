import type { ComparisonExpr } from '../../pattern/index.js';
import { comparisons, parsePattern, singleComparison } from '../../pattern/index.js';
import type { Claim } from './reverse-types.js';

function onlyAnd(e: ComparisonExpr): boolean {
  if (e.type === 'comparison') return !e.negated && (e.operator === '=' || e.operator === 'ISSUBSET');
  return e.type === 'and' && e.operands.every(onlyAnd);
}

/**
 * The claims of a pattern MISP can hold: one observation whose comparisons are equalities (or an
 * address ISSUBSET a block) joined by AND. Anything else (OR, qualifiers, LIKE, ...) → undefined.
 */
export function patternClaims(pattern: string): Claim[] | undefined {
  const parsed = parsePattern(pattern);
  if (!parsed.ok) return undefined;
  const single = singleComparison(parsed.ast);
  if (single !== null) {
    if (single.negated || (single.operator !== '=' && single.operator !== 'ISSUBSET')) return undefined;
    return [{ objectType: single.objectType, path: single.path, value: String(single.value) }];
  }
  const e = parsed.ast.expr;
  if (e.type !== 'observation' || !onlyAnd(e.expr)) return undefined;
  return comparisons(parsed.ast).map((c) => ({
    objectType: c.objectType,
    path: c.path,
    value: String(c.value),
  }));
}
