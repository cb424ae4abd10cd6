import { firstBinding } from '../pattern/evaluator.js';
import { parsePattern } from '../pattern/parser.js';
import { compileIndicator } from './compiled-indicator.js';
import type { CompiledIndicator, Leaf } from './compiled-indicator.js';
import type { EventValues } from './event-check.js';
import { eventIdOf, forEachValue, RecordEvent } from './event.js';
import type { MatchEvent } from './event.js';
import { KeyIndex } from './key-index.js';
import { MatchStream } from './match-stream.js';
import type { MatchStreamOptions } from './match-stream.js';
import { normaliserFor } from './normalise.js';

export interface IndicatorInput {
  id: string;
  pattern: string;
  validFrom?: string;
  validUntil?: string;
  meta?: unknown;
}

export interface MatchHit {
  id: string;
  pattern: string;
  meta: unknown;
  /** Ids (or sequence numbers) of the events that satisfied it; one for single-event hits. */
  events: string[];
}

export type AddResult = { ok: true } | { ok: false; error: string };

export interface MatchIndexOptions {
  /** Milliseconds since the epoch; used when an event has no time and for expiry. */
  clock?: () => number;
}

/** Leaves an event satisfied, grouped by indicator (what the stream matcher consumes). */
export interface EventOutcome {
  hits: MatchHit[];
  /** Multi-event indicators with at least one satisfied leaf in this event. */
  partial: Map<CompiledIndicator, Set<Leaf>> | null;
  time: number;
}

function parseTime(event: MatchEvent, clock: () => number): number {
  if (event.timeMs !== undefined) return event.timeMs;
  const t = event.time;
  if (t === undefined) return clock();
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? clock() : ms;
}

/**
 * Compiled matcher over many indicators. Each `[...]` of each pattern is entered into per-key
 * indexes (hash equality, CIDR prefixes, domain suffixes, Aho-Corasick substrings) under the
 * cheapest set of anchors that must fire whenever it holds; an event probes the indexes once
 * per value and checks exactly only the nominated candidates. Single-comparison indicators are
 * decided by the index (plus a compiled predicate for LIKE/MATCHES candidates); only
 * multi-observation patterns reach the observation-level evaluator.
 */
export class MatchIndex {
  private readonly byId = new Map<string, CompiledIndicator>();
  private readonly byKey = new Map<string, KeyIndex<Leaf>>();
  private stamp = 0;
  /** Leaves nominated by the current event: the first `nominatedCount` (kept, not truncated, between events). */
  private readonly nominated: Leaf[] = [];
  private nominatedCount = 0;
  private readonly clock: () => number;
  /**
   * The key index of each value position of the last record events (their keys come in the
   * field map's order): a string compare, by identity almost always, instead of a Map probe per
   * value. `null` marks a key without an index; emptied whenever `byKey` changes.
   */
  private readonly keyAt: string[] = [];
  private readonly indexAt: (KeyIndex<Leaf> | null)[] = [];

  constructor(opts: MatchIndexOptions = {}) {
    this.clock = opts.clock ?? Date.now;
  }

  get size(): number {
    return this.byId.size;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** Adds or replaces an indicator. Invalid patterns are refused with the parse error. */
  add(ind: IndicatorInput): AddResult {
    const parsed = parsePattern(ind.pattern);
    if (!parsed.ok) return { ok: false, error: parsed.error.message };
    this.remove(ind.id);
    const from = ind.validFrom ? Date.parse(ind.validFrom) : -Infinity;
    const until = ind.validUntil ? Date.parse(ind.validUntil) : Infinity;
    const compiled = compileIndicator(
      ind.id,
      ind.pattern,
      parsed.ast,
      ind.meta,
      Number.isNaN(from) ? -Infinity : from,
      Number.isNaN(until) ? Infinity : until,
    );
    for (const leaf of compiled.leaves) {
      for (const a of leaf.anchors) this.keyIndex(a.key).add(a, leaf);
    }
    this.byId.set(ind.id, compiled);
    return { ok: true };
  }

  /** Removes (or revokes) an indicator; true when it was present. */
  remove(id: string): boolean {
    const old = this.byId.get(id);
    if (!old) return false;
    for (const leaf of old.leaves) {
      for (const a of leaf.anchors) {
        const k = this.byKey.get(a.key);
        if (!k) continue;
        k.remove(a, leaf);
        if (k.empty) {
          this.byKey.delete(a.key);
          this.keyAt.length = 0;
        }
      }
    }
    this.byId.delete(id);
    return true;
  }

  /** Drops every indicator whose validUntil has passed; returns their ids. */
  expire(now: number = this.clock()): string[] {
    const gone = [...this.byId.values()].filter((i) => i.validUntil <= now).map((i) => i.id);
    for (const id of gone) this.remove(id);
    return gone;
  }

  /** A stateful matcher over this index for multi-event patterns (FOLLOWEDBY, AND, REPEATS, WITHIN). */
  stream(opts: MatchStreamOptions = {}): MatchStream {
    return new MatchStream(this, opts);
  }

  /** Indicators satisfied by this one event. */
  match(event: MatchEvent): MatchHit[] {
    const { hits } = this.evaluate(event, false);
    return hits === NOTHING.hits ? [] : hits;
  }

  /**
   * Internal to the stream matcher: also reports partially satisfied multi-event patterns. An
   * event that nominated nothing gets a shared, frozen outcome (most events: no allocation).
   */
  evaluate(event: MatchEvent, wantPartial: boolean): EventOutcome {
    const stamp = ++this.stamp;
    const nominated = this.nominated;
    this.nominatedCount = 0;
    if (event instanceof RecordEvent) this.probeRecord(event);
    else forEachValue(event, this.probe);
    const count = this.nominatedCount;
    if (count === 0) return NOTHING;
    const outcome: EventOutcome = { hits: [], partial: null, time: NaN };
    let values: EventValues | null = null;
    for (let i = 0; i < count; i++) {
      const leaf = nominated[i]!;
      if (leaf.exact) leaf.satisfied = true;
      else {
        values ??= normalisedValues(event);
        leaf.satisfied = leaf.check(values);
      }
    }
    outcome.time = parseTime(event, this.clock);
    let eventId: string | undefined;
    for (let i = 0; i < count; i++) {
      const leaf = nominated[i]!;
      if (!leaf.satisfied) continue;
      if (outcome.time < leaf.validFrom || outcome.time >= leaf.validUntil) continue;
      if (leaf.single) {
        // The indicator's only leaf, nominated once per event: a hit, named from the leaf.
        eventId ??= eventIdOf(event, () => String(stamp));
        outcome.hits.push({ id: leaf.id, pattern: leaf.pattern, meta: leaf.meta, events: [eventId] });
        continue;
      }
      const ind = leaf.indicator;
      if (ind.stamp === stamp) continue;
      if (wantPartial) {
        outcome.partial ??= new Map();
        let set = outcome.partial.get(ind);
        if (!set) outcome.partial.set(ind, (set = new Set()));
        set.add(leaf);
      }
      if (singleEventMatch(ind, stamp, outcome.time)) {
        ind.stamp = stamp;
        eventId ??= eventIdOf(event, () => String(stamp));
        outcome.hits.push({ id: ind.id, pattern: ind.pattern, meta: ind.meta, events: [eventId] });
      }
    }
    return outcome;
  }

  /** Nominates a leaf once per event (the stamp de-duplicates repeated anchors). */
  private readonly visit = (leaf: Leaf): void => {
    if (leaf.stamp !== this.stamp) {
      leaf.stamp = this.stamp;
      this.nominated[this.nominatedCount++] = leaf;
    }
  };

  /** `forEachValue(event, this.probe)` for a record event, with the key indexes found by position. */
  private probeRecord(event: RecordEvent): void {
    const keyAt = this.keyAt;
    const indexAt = this.indexAt;
    const n = event.size;
    for (let i = 0; i < n; i++) {
      const key = event.keyAt(i);
      let k: KeyIndex<Leaf> | null | undefined;
      if (keyAt[i] === key) k = indexAt[i];
      else {
        k = this.byKey.get(key) ?? null;
        keyAt[i] = key;
        indexAt[i] = k;
      }
      if (k) k.lookupRaw(event.valueAt(i), this.visit);
    }
  }

  /** Probes the indexes of one event value; bound once so the hot loop allocates nothing. */
  private readonly probe = (key: string, raw: string): void => {
    const k = this.byKey.get(key);
    if (k) k.lookupRaw(raw, this.visit);
  };

  private keyIndex(key: string): KeyIndex<Leaf> {
    let k = this.byKey.get(key);
    if (!k) {
      this.byKey.set(key, (k = new KeyIndex(key)));
      this.keyAt.length = 0;
    }
    return k;
  }
}

/** The outcome of an event that nominated nothing (shared: frozen, so no caller can change it). */
const NOTHING: EventOutcome = Object.freeze({
  hits: Object.freeze([]) as unknown as MatchHit[],
  partial: null,
  time: NaN,
});

/** Whether a multi-observation pattern is satisfied by this event alone (e.g. `[a] OR [b]`). */
function singleEventMatch(ind: CompiledIndicator, stamp: number, time: number): boolean {
  const at = { ms: time, ns: 0 };
  const one = [{ first: at, last: at, count: 1 }];
  try {
    const oracle = (node: unknown): boolean =>
      ind.leaves.some((l) => l.node === node && l.stamp === stamp && l.satisfied);
    return firstBinding(ind.ast.expr, one, oracle, 10_000) !== null;
  } catch {
    return false;
  }
}

export function normalisedValues(event: MatchEvent): EventValues {
  const out: EventValues = new Map();
  forEachValue(event, (key, raw) => {
    const v = normaliserFor(key)(raw);
    const list = out.get(key);
    if (list) list.push(v);
    else out.set(key, [v]);
  });
  return out;
}
