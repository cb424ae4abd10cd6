import type { ComparisonExpr, ComparisonOperator, Constant, ObservationExpr, Pattern } from './ast.js';
import { printPathSteps } from './printer.js';

export interface SingleComparison {
  objectType: string;
  /** Path after the colon as pattern text: `value`, `hashes.'SHA-256'`. */
  path: string;
  operator: string;
  negated: boolean;
  value: string | number | boolean;
}

export interface ComparisonRef {
  objectType: string;
  path: string;
  operator: ComparisonOperator;
  negated: boolean;
  /** Constants as plain values; a list for IN, null for EXISTS. Binary/hex/timestamps as their text. */
  value: string | number | boolean | (string | number | boolean)[] | null;
}

function plain(c: Constant): string | number | boolean {
  return c.value;
}

/** The observable of a one-comparison pattern (`[ipv4-addr:value = '1.2.3.4']`), else null. */
export function singleComparison(ast: Pattern): SingleComparison | null {
  const e = ast.expr;
  if (e.type !== 'observation' || e.expr.type !== 'comparison') return null;
  const c = e.expr;
  if (!c.value || Array.isArray(c.value)) return null;
  return {
    objectType: c.path.objectType,
    path: printPathSteps(c.path),
    operator: c.operator,
    negated: c.negated,
    value: plain(c.value),
  };
}

function walkComparisons(e: ComparisonExpr, out: ComparisonRef[]): void {
  if (e.type !== 'comparison') {
    e.operands.forEach((o) => {
      walkComparisons(o, out);
    });
    return;
  }
  out.push({
    objectType: e.path.objectType,
    path: printPathSteps(e.path),
    operator: e.operator,
    negated: e.negated,
    value: Array.isArray(e.value) ? e.value.map(plain) : e.value ? plain(e.value) : null,
  });
}

function walkObservations(e: ObservationExpr, out: ComparisonRef[]): void {
  if (e.type === 'observation') walkComparisons(e.expr, out);
  else if (e.type === 'qualified') walkObservations(e.expr, out);
  else
    e.operands.forEach((o) => {
      walkObservations(o, out);
    });
}

/** Every comparison in the pattern, in source order, for indexing and correlation. */
export function comparisons(ast: Pattern): ComparisonRef[] {
  const out: ComparisonRef[] = [];
  walkObservations(ast.expr, out);
  return out;
}
