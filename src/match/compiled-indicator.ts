import type { ObservationExpr, ObservationSimple, Pattern } from '../pattern/ast.js';
import { expressionAnchors } from './anchors.js';
import type { Anchor } from './anchors.js';
import { compileEventCheck } from './event-check.js';
import type { EventCheck } from './event-check.js';

/** One observation expression `[...]` of an indicator, as the index sees it. */
export interface Leaf {
  indicator: CompiledIndicator;
  node: ObservationSimple;
  /** True when the single anchor that fires decides the leaf without an exact check. */
  exact: boolean;
  check: EventCheck;
  anchors: Anchor[];
  /** Per-event memo: the event stamp when last nominated, and the outcome. */
  stamp: number;
  satisfied: boolean;
  /**
   * The indicator's `single`, validity and what a hit names, copied here: a satisfied leaf of a
   * one-`[...]` indicator becomes a hit without reading the indicator object (a cache miss, and
   * often a TLB miss, per match).
   */
  single: boolean;
  validFrom: number;
  validUntil: number;
  id: string;
  pattern: string;
  meta: unknown;
}

export interface CompiledIndicator {
  id: string;
  pattern: string;
  ast: Pattern;
  meta: unknown;
  validFrom: number;
  validUntil: number;
  leaves: Leaf[];
  /** The whole pattern is one `[...]` without qualifiers: a satisfied leaf is a hit. */
  single: boolean;
  /** The pattern can only be satisfied by several events (AND/FOLLOWEDBY/REPEATS...). */
  stamp: number;
}

function collectLeaves(e: ObservationExpr, out: ObservationSimple[]): void {
  if (e.type === 'observation') out.push(e);
  else if (e.type === 'qualified') collectLeaves(e.expr, out);
  else
    e.operands.forEach((o) => {
      collectLeaves(o, out);
    });
}

export function compileIndicator(
  id: string,
  pattern: string,
  ast: Pattern,
  meta: unknown,
  validFrom: number,
  validUntil: number,
): CompiledIndicator {
  const ind: CompiledIndicator = {
    id,
    pattern,
    ast,
    meta,
    validFrom,
    validUntil,
    leaves: [],
    single: ast.expr.type === 'observation',
    stamp: 0,
  };
  const nodes: ObservationSimple[] = [];
  collectLeaves(ast.expr, nodes);
  for (const node of nodes) {
    const anchors = expressionAnchors(node.expr);
    const exact = node.expr.type === 'comparison' && anchors.every((a) => a.exact);
    ind.leaves.push({
      indicator: ind,
      node,
      exact,
      check: compileEventCheck(node.expr),
      anchors,
      stamp: 0,
      satisfied: false,
      single: ind.single,
      validFrom,
      validUntil,
      id,
      pattern,
      meta,
    });
  }
  return ind;
}
