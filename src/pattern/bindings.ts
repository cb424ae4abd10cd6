import { EvalError } from './eval-error.js';
import { compareInstants } from './timestamp.js';
import type { Instant } from './timestamp.js';

/**
 * A binding assigns observation instances to the observation expressions of a pattern. An
 * observed-data with number_observed = n contributes n instances; operands of AND, OR,
 * FOLLOWEDBY and REPEATS must be bound to distinct instances.
 */
export type Binding = number[];

/** Instance table shared by the generators of one evaluation, with a step budget. */
export class Instances {
  readonly obsOf: number[] = [];
  readonly base: number[] = [];
  private steps = 0;

  constructor(
    readonly observations: readonly { first: Instant; last: Instant; count: number }[],
    perObservationCap: number,
    private readonly budget: number,
  ) {
    for (const [i, o] of observations.entries()) {
      this.base.push(this.obsOf.length);
      const n = Math.min(o.count, perObservationCap);
      for (let k = 0; k < n; k++) this.obsOf.push(i);
    }
  }

  instanceCount(obs: number): number {
    const next = this.base[obs + 1] ?? this.obsOf.length;
    return next - (this.base[obs] ?? 0);
  }

  tick(n = 1): void {
    this.steps += n;
    if (this.steps > this.budget) throw new EvalError('evaluation budget exceeded');
  }

  first(inst: number): Instant {
    return this.observations[this.obsOf[inst]!]!.first;
  }

  last(inst: number): Instant {
    return this.observations[this.obsOf[inst]!]!.last;
  }

  latestFirst(b: Binding): Instant {
    return b.map((i) => this.first(i)).reduce((a, c) => (compareInstants(c, a) > 0 ? c : a));
  }

  earliestLast(b: Binding): Instant {
    return b.map((i) => this.last(i)).reduce((a, c) => (compareInstants(c, a) < 0 ? c : a));
  }
}

export function disjoint(a: Binding, b: Binding): boolean {
  if (a.length * b.length > 64) {
    const s = new Set(a);
    return !b.some((x) => s.has(x));
  }
  return !a.some((x) => b.includes(x));
}

/** Lazy symmetric join: every (l, r) pair accepted by `ok`, without materialising either side. */
export function* join(
  inst: Instances,
  left: Iterator<Binding>,
  right: Iterator<Binding>,
  ok: (l: Binding, r: Binding) => boolean,
): Generator<Binding> {
  const lc: Binding[] = [];
  const rc: Binding[] = [];
  let lDone = false;
  let rDone = false;
  while (!lDone || !rDone) {
    if (!rDone) {
      const n = right.next();
      if (n.done) rDone = true;
      else {
        for (const l of lc) {
          inst.tick();
          if (ok(l, n.value)) yield [...l, ...n.value];
        }
        rc.push(n.value);
      }
    }
    if (!lDone) {
      const n = left.next();
      if (n.done) lDone = true;
      else {
        for (const r of rc) {
          inst.tick();
          if (ok(n.value, r)) yield [...n.value, ...r];
        }
        lc.push(n.value);
      }
    }
    if ((lDone && lc.length === 0) || (rDone && rc.length === 0)) return;
  }
}

/** Either side alone, interleaved so neither starves the other. */
export function* alternate(
  inst: Instances,
  left: Iterator<Binding>,
  right: Iterator<Binding>,
): Generator<Binding> {
  let lDone = false;
  let rDone = false;
  while (!lDone || !rDone) {
    inst.tick();
    if (!lDone) {
      const n = left.next();
      if (n.done) lDone = true;
      else yield n.value;
    }
    if (!rDone) {
      const n = right.next();
      if (n.done) rDone = true;
      else yield n.value;
    }
  }
}

/** Unordered combinations of `n` pairwise-disjoint bindings, flattened. */
export function* combinations(inst: Instances, source: Iterator<Binding>, n: number): Generator<Binding> {
  const seen: Binding[] = [];
  function* pick(k: number, from: number, acc: Binding): Generator<Binding> {
    if (k === 0) {
      yield acc;
      return;
    }
    for (let i = from; i < seen.length; i++) {
      inst.tick();
      const b = seen[i]!;
      if (disjoint(acc, b)) yield* pick(k - 1, i + 1, [...acc, ...b]);
    }
  }
  for (let r = source.next(); !r.done; r = source.next()) {
    yield* pick(n - 1, 0, r.value);
    seen.push(r.value);
  }
}
