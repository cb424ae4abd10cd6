import type { Comparison, ComparisonExpr, Constant } from '../pattern/ast.js';
import { netWithin, parseNet } from '../pattern/cidr.js';
import { compilePredicate } from '../pattern/compare.js';
import { printPathSteps } from '../pattern/printer.js';
import { canonicalKey } from './event.js';
import { normaliserFor } from './normalise.js';

/** Normalised values of one event by canonical key. */
export type EventValues = Map<string, string[]>;

/** A compiled comparison expression over one flat event. */
export type EventCheck = (event: EventValues) => boolean;

export function comparisonKey(c: Comparison): string {
  return canonicalKey(`${c.path.objectType}:${printPathSteps(c.path)}`);
}

const NUMERIC = /^[+-]?(?:\d+\.?\d*|\.\d+)$/;

/** An `=` whose constant is a CIDR on an address key means containment, as in the prefix index. */
export function isCidrEquality(c: Comparison): boolean {
  return (
    c.operator === '=' &&
    !Array.isArray(c.value) &&
    c.value?.kind === 'string' &&
    c.value.value.includes('/') &&
    /^ipv[46]-addr:value$/.test(comparisonKey(c)) &&
    parseNet(c.value.value) !== null
  );
}

function normaliseConstant(c: Constant, key: string): Constant {
  return c.kind === 'string' ? { ...c, value: normaliserFor(key)(c.value) } : c;
}

function compileComparison(c: Comparison): EventCheck {
  const key = comparisonKey(c);
  if (isCidrEquality(c)) {
    const net = parseNet(String((c.value as Constant).value))!;
    return (e) =>
      (e.get(key) ?? []).some((v) => {
        const n = parseNet(v);
        return (n !== null && netWithin(n, net)) !== c.negated;
      });
  }
  // Constants are normalised like event values for the operators that compare whole values.
  const whole = c.operator === '=' || c.operator === '!=' || c.operator === 'IN';
  const value =
    !whole || !c.value
      ? c.value
      : Array.isArray(c.value)
        ? c.value.map((v) => normaliseConstant(v, key))
        : normaliseConstant(c.value, key);
  const pred = compilePredicate({ ...c, value }, key.includes('hashes.'));
  const constants = Array.isArray(value) ? value : value ? [value] : [];
  const numeric = constants.some((k) => k.kind === 'int' || k.kind === 'float');
  const boolean = constants.some((k) => k.kind === 'bool');
  // Event values are text; numbers and booleans in them are compared as such.
  const coerce = (v: string): unknown =>
    numeric && NUMERIC.test(v) ? Number(v) : boolean && (v === 'true' || v === 'false') ? v === 'true' : v;
  return (e) => {
    const vals = e.get(key);
    if (!vals) return false;
    for (const v of vals) if (pred(coerce(v))) return true;
    return false;
  };
}

/** Compiles a comparison expression (AND/OR tree) into a check over one event. */
export function compileEventCheck(expr: ComparisonExpr): EventCheck {
  if (expr.type === 'comparison') return compileComparison(expr);
  const parts = expr.operands.map(compileEventCheck);
  return expr.type === 'and' ? (e) => parts.every((p) => p(e)) : (e) => parts.some((p) => p(e));
}
