import type { ObservationExpr } from '../pattern/ast.js';
import { firstBinding } from '../pattern/evaluator.js';
import type { CompiledIndicator, Leaf } from './compiled-indicator.js';
import { eventIdOf } from './event.js';
import type { MatchEvent } from './event.js';
import type { MatchHit, MatchIndex } from './match-index.js';

export interface MatchStreamOptions {
  /** How long partial evidence is kept when the pattern has no WITHIN (seconds, default 3600). */
  horizonSeconds?: number;
  /** Most events remembered per indicator (default 32). */
  maxEventsPerIndicator?: number;
  /** Most indicators with pending evidence; the least recently touched is dropped (default 100,000). */
  maxIndicators?: number;
}

interface Remembered {
  id: string;
  time: number;
  leaves: Set<Leaf>;
}

/** Window of a pattern: a top-level WITHIN bounds how old useful evidence can be. */
function windowSeconds(e: ObservationExpr, fallback: number): number {
  if (e.type === 'qualified' && e.qualifier.kind === 'within') return Math.min(e.qualifier.seconds, fallback);
  return fallback;
}

/**
 * Stateful matching of multi-event patterns (AND / FOLLOWEDBY across events, REPEATS, WITHIN)
 * over a stream of events. Each event is matched through the index; events that satisfy some
 * `[...]` of a multi-event indicator are remembered (bounded per indicator, per window and in
 * total) and the observation-level evaluator decides over that small history with the exact
 * STIX semantics. Evidence that produced a hit is forgotten so one incident alerts once.
 */
export class MatchStream {
  private readonly pending = new Map<CompiledIndicator, Remembered[]>();
  private readonly horizon: number;
  private readonly maxEvents: number;
  private readonly maxIndicators: number;

  constructor(
    private readonly index: MatchIndex,
    opts: MatchStreamOptions = {},
  ) {
    this.horizon = opts.horizonSeconds ?? 3600;
    this.maxEvents = opts.maxEventsPerIndicator ?? 32;
    this.maxIndicators = opts.maxIndicators ?? 100_000;
  }

  /** Number of indicators currently holding partial evidence. */
  get pendingIndicators(): number {
    return this.pending.size;
  }

  /** Feeds one event; returns single-event hits and any multi-event pattern it completes. */
  push(event: MatchEvent): readonly MatchHit[] {
    const outcome = this.index.evaluate(event, true);
    const hits = outcome.hits;
    // Most events complete nothing: no partial evidence, nothing to remember or expire.
    if (outcome.partial === null) return hits;
    const hitIds = new Set(hits.map((h) => h.id));
    for (const [ind, leaves] of outcome.partial) {
      if (hitIds.has(ind.id) || !this.index.has(ind.id)) continue;
      const window = windowSeconds(ind.ast.expr, this.horizon) * 1000;
      const history = (this.pending.get(ind) ?? []).filter((r) => outcome.time - r.time <= window);
      history.push({ id: eventIdOf(event, () => `event@${outcome.time}`), time: outcome.time, leaves });
      while (history.length > this.maxEvents) history.shift();
      this.pending.delete(ind);
      const used = this.decide(ind, history);
      if (used) {
        hits.push({
          id: ind.id,
          pattern: ind.pattern,
          meta: ind.meta,
          events: used.map((i) => history[i]!.id),
        });
        const rest = history.filter((_, i) => !used.includes(i));
        if (rest.length > 0) this.pending.set(ind, rest);
      } else {
        this.pending.set(ind, history);
      }
    }
    while (this.pending.size > this.maxIndicators) {
      const oldest = this.pending.keys().next().value;
      if (oldest === undefined) break;
      this.pending.delete(oldest);
    }
    return hits;
  }

  private decide(ind: CompiledIndicator, history: Remembered[]): number[] | null {
    const observations = history.map((r) => ({
      first: { ms: r.time, ns: 0 },
      last: { ms: r.time, ns: 0 },
      count: 1,
    }));
    const oracle = (node: unknown, i: number): boolean => {
      for (const leaf of history[i]!.leaves) if (leaf.node === node) return true;
      return false;
    };
    try {
      return firstBinding(ind.ast.expr, observations, oracle, 100_000);
    } catch {
      return null;
    }
  }
}
