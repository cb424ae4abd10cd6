import type { Comparison, ComparisonExpr, Constant } from '../pattern/ast.js';
import { comparisonKey, isCidrEquality } from './event-check.js';
import { normaliserFor } from './normalise.js';
import { likeOrigin } from './origin-index.js';
import { likeLiteral, requiredLiteral } from './required-literal.js';

/**
 * What the index can look up for a comparison. `exact` anchors decide the comparison alone;
 * others only nominate candidates, which are then checked exactly.
 */
export type Anchor =
  | { kind: 'eq'; key: string; value: string; exact: boolean }
  | { kind: 'cidr'; key: string; cidr: string; exact: boolean }
  | { kind: 'suffix'; key: string; suffix: string; exact: boolean }
  | { kind: 'substr'; key: string; literal: string; exact: boolean }
  /** The value's origin (`http://host/`) is this one: LIKE patterns that pin a whole origin. */
  | { kind: 'origin'; key: string; origin: string; exact: boolean }
  /** Candidate whenever the event has the key (ordering, negations, unprefiltered regexes). */
  | { kind: 'scan'; key: string; exact: boolean };

const COST = { eq: 1, origin: 1, cidr: 2, suffix: 2, substr: 3, scan: 10 } as const;
const MIN_LITERAL = 3;
const DOMAIN_KEY = /^(domain-name|email-addr):value$/;

function text(c: Constant): string {
  return String(c.value);
}

/** Anchors for a single comparison; never null (a `scan` on its key is always possible). */
export function comparisonAnchors(c: Comparison): Anchor[] {
  const key = comparisonKey(c);
  const norm = normaliserFor(key);
  const scan: Anchor[] = [{ kind: 'scan', key, exact: false }];
  if (c.negated || !c.value) return scan;
  if (isCidrEquality(c)) return [{ kind: 'cidr', key, cidr: text(c.value as Constant), exact: true }];
  if (Array.isArray(c.value)) {
    if (
      c.operator !== 'IN' ||
      c.value.some((v) => v.kind === 'binary' || v.kind === 'hex' || v.kind === 'timestamp')
    )
      return scan;
    return c.value.map((v) => ({
      kind: 'eq',
      key,
      value: v.kind === 'string' ? norm(v.value) : text(v),
      exact: false,
    }));
  }
  const v = c.value;
  switch (c.operator) {
    case '=':
      if (v.kind === 'binary' || v.kind === 'hex' || v.kind === 'timestamp' || v.kind === 'float')
        return scan;
      return [
        { kind: 'eq', key, value: v.kind === 'string' ? norm(v.value) : text(v), exact: v.kind === 'string' },
      ];
    case 'ISSUBSET':
      return [{ kind: 'cidr', key, cidr: text(v), exact: true }];
    case 'LIKE': {
      const like = text(v);
      if (!/[%_]/.test(like)) return [{ kind: 'eq', key, value: norm(like), exact: false }];
      const rest = like.slice(1);
      if (like.startsWith('%.') && !/[%_]/.test(rest) && DOMAIN_KEY.test(key)) {
        // Domains compare case-insensitively, so a lower-cased suffix decides the comparison alone.
        return [{ kind: 'suffix', key, suffix: rest.toLowerCase(), exact: true }];
      }
      const origin = likeOrigin(like);
      if (origin !== null) return [{ kind: 'origin', key, origin, exact: false }];
      const lit = likeLiteral(like);
      return lit.length >= MIN_LITERAL ? [{ kind: 'substr', key, literal: lit, exact: false }] : scan;
    }
    case 'MATCHES': {
      const lit = requiredLiteral(text(v));
      return lit.length >= MIN_LITERAL ? [{ kind: 'substr', key, literal: lit, exact: false }] : scan;
    }
    default:
      return scan;
  }
}

function cost(anchors: Anchor[]): number {
  return anchors.reduce((s, a) => s + COST[a.kind], 0);
}

/**
 * A set of anchors such that whenever `expr` holds for an event at least one of them fires.
 * OR needs every branch covered; AND needs just its cheapest operand.
 */
export function expressionAnchors(expr: ComparisonExpr): Anchor[] {
  if (expr.type === 'comparison') return comparisonAnchors(expr);
  const parts = expr.operands.map(expressionAnchors);
  if (expr.type === 'or') return parts.flat();
  return parts.reduce((best, p) => (cost(p) < cost(best) ? p : best));
}
