import type { Comparison, ComparisonExpr, ObservationExpr, ObservationSimple, Pattern } from './ast.js';
import { alternate, combinations, Instances, join, disjoint } from './bindings.js';
import type { Binding } from './bindings.js';
import { compilePredicate } from './compare.js';
import type { Predicate } from './compare.js';
import { EvalError } from './eval-error.js';
import { resolvePath } from './object-path.js';
import { prepareObservation } from './observation.js';
import type { Observation, PreparedObservation } from './observation.js';
import { compareInstants, instantSeconds, parseTimestamp } from './timestamp.js';
import type { Instant } from './timestamp.js';

export interface EvaluateOptions {
  /** Maximum join/combination steps before giving up with an error (default 1,000,000). */
  budget?: number;
}

export interface EvaluateResult {
  matched: boolean;
  /** Ids of the observed-data of the first satisfying binding, in input order. */
  matchedObservations: string[];
  /** Set when evaluation could not decide: invalid data, unsupported constant, budget. */
  error?: string;
}

/** Largest binding a pattern can need: bounds the instances taken from one observation. */
const MAX_BINDING = 1000;

function bindingSize(e: ObservationExpr): number {
  switch (e.type) {
    case 'observation':
      return 1;
    case 'qualified':
      return bindingSize(e.expr) * (e.qualifier.kind === 'repeats' ? e.qualifier.times : 1);
    case 'or':
      return Math.max(...e.operands.map(bindingSize));
    default:
      return e.operands.reduce((s, o) => s + bindingSize(o), 0);
  }
}

/** Comparison predicates compiled once per evaluation. */
export type Compiled = Map<Comparison, Predicate>;

export function compileAll(e: ComparisonExpr, out: Compiled): void {
  if (e.type === 'comparison') {
    const hashes = e.path.steps.some((s) => s.kind === 'key' && s.key === 'hashes');
    out.set(e, compilePredicate(e, hashes));
  } else
    e.operands.forEach((o) => {
      compileAll(o, out);
    });
}

/** Root SCO keys of one observation that satisfy a comparison expression. */
export function matchingRoots(e: ComparisonExpr, obs: PreparedObservation, compiled: Compiled): Set<string> {
  if (e.type === 'comparison') {
    const pred = compiled.get(e)!;
    const roots = new Set<string>();
    for (const [key, sco] of Object.entries(obs.objects)) {
      if (sco.type !== e.path.objectType) continue;
      if (resolvePath(sco, e.path.steps, obs.objects).some(pred)) roots.add(key);
    }
    return roots;
  }
  const sets = e.operands.map((o) => matchingRoots(o, obs, compiled));
  if (e.type === 'or') return new Set(sets.flatMap((s) => [...s]));
  return sets.reduce((acc, s) => new Set([...acc].filter((k) => s.has(k))));
}

/** Decides whether one observation expression `[...]` matches observation number `obs`. */
export type LeafOracle = (leaf: ObservationSimple, obs: number) => boolean;

class Run {
  constructor(
    private readonly inst: Instances,
    private readonly observations: readonly Timed[],
    private readonly leafMatches: LeafOracle,
  ) {}

  *bindings(e: ObservationExpr): Generator<Binding> {
    const inst = this.inst;
    switch (e.type) {
      case 'observation': {
        for (let i = 0; i < this.observations.length; i++) {
          inst.tick();
          if (!this.leafMatches(e, i)) continue;
          const base = inst.base[i]!;
          for (let k = 0; k < inst.instanceCount(i); k++) yield [base + k];
        }
        return;
      }
      case 'and':
      case 'or':
      case 'followedby': {
        let acc: Generator<Binding> = this.bindings(e.operands[0]!);
        for (const operand of e.operands.slice(1)) {
          const right = this.bindings(operand);
          if (e.type === 'or') acc = alternate(inst, acc, right);
          else if (e.type === 'and') acc = join(inst, acc, right, disjoint);
          else {
            acc = join(
              inst,
              acc,
              right,
              (l, r) => disjoint(l, r) && compareInstants(inst.latestFirst(l), inst.earliestLast(r)) <= 0,
            );
          }
        }
        yield* acc;
        return;
      }
      case 'qualified':
        yield* this.qualified(e.expr, e.qualifier);
    }
  }

  private *qualified(
    expr: ObservationExpr,
    q: Extract<ObservationExpr, { type: 'qualified' }>['qualifier'],
  ): Generator<Binding> {
    const inst = this.inst;
    const inner = this.bindings(expr);
    if (q.kind === 'repeats') {
      if (q.times < 1) throw new EvalError(`Invalid repetition count: ${q.times}`);
      yield* q.times === 1 ? inner : combinations(inst, inner, q.times);
    } else if (q.kind === 'within') {
      if (!(q.seconds > 0)) throw new EvalError(`Invalid WITHIN value (must be positive): ${q.seconds}`);
      for (const b of inner) {
        // Some window of q.seconds touches every interval iff latest start - earliest end <= q.seconds.
        const gap = instantSeconds(inst.latestFirst(b)) - instantSeconds(inst.earliestLast(b));
        if (gap <= q.seconds + 1e-9) yield b;
      }
    } else {
      const start = parseTimestamp(q.start);
      const stop = parseTimestamp(q.stop);
      if (!start || !stop) throw new EvalError('invalid START/STOP timestamp');
      if (compareInstants(start, stop) >= 0) return;
      for (const b of inner) {
        // Each instance's [first, last] must meet [start, stop): stop itself is excluded.
        if (
          b.every(
            (i) => compareInstants(inst.first(i), stop) < 0 && compareInstants(inst.last(i), start) >= 0,
          )
        ) {
          yield b;
        }
      }
    }
  }
}

/** Anything with an observation time interval and a repeat count. */
export interface Timed {
  first: Instant;
  last: Instant;
  count: number;
}

/**
 * The observation-level engine on its own: the distinct observation indices of the first
 * binding that satisfies `expr`, or null. Leaves are decided by `oracle`, so the stream matcher
 * reuses these exact semantics over events whose leaves its index already decided.
 * Throws EvalError on bad qualifiers or an exhausted budget.
 */
export function firstBinding(
  expr: ObservationExpr,
  observations: readonly Timed[],
  oracle: LeafOracle,
  budget: number,
): number[] | null {
  const size = bindingSize(expr);
  if (size > MAX_BINDING) throw new EvalError(`pattern needs more than ${MAX_BINDING} observations`);
  const inst = new Instances(observations, size, budget);
  const first = new Run(inst, observations, oracle).bindings(expr).next();
  if (first.done) return null;
  return [...new Set(first.value.map((i) => inst.obsOf[i]!))].sort((a, b) => a - b);
}

/**
 * Evaluates a pattern against observed-data per STIX 2.1: comparisons inside `[...]` against the
 * SCOs of one observation (AND on the same root SCO), observation operators across distinct
 * observation instances, FOLLOWEDBY in time order, qualifiers over first/last_observed.
 */
export function evaluatePattern(
  ast: Pattern,
  observations: Observation[],
  opts: EvaluateOptions = {},
): EvaluateResult {
  try {
    const prepared = observations.map(prepareObservation);
    const compiled: Compiled = new Map();
    const ready = new Set<ObservationSimple>();
    const oracle: LeafOracle = (leaf, i) => {
      if (!ready.has(leaf)) {
        compileAll(leaf.expr, compiled);
        ready.add(leaf);
      }
      return matchingRoots(leaf.expr, prepared[i]!, compiled).size > 0;
    };
    const obsIdx = firstBinding(ast.expr, prepared, oracle, opts.budget ?? 1_000_000);
    if (!obsIdx) return { matched: false, matchedObservations: [] };
    return { matched: true, matchedObservations: obsIdx.map((i) => prepared[i]!.id) };
  } catch (e) {
    // Anything else (e.g. a stack overflow on hostile data) is reported the same way: never throw.
    const message = e instanceof Error ? e.message : String(e);
    return {
      matched: false,
      matchedObservations: [],
      error: e instanceof EvalError ? message : `evaluation failed: ${message}`,
    };
  }
}
