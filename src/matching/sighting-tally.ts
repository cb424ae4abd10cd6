import type { IndicatorInfo } from './viewer-index.js';

/** What one run saw of one indicator: the material of one sighting. */
export interface Tally {
  indicator: IndicatorInfo;
  count: number;
  /** Milliseconds since the epoch. */
  first: number;
  last: number;
}

/** Aggregates matches per indicator for one run: one sighting per indicator, with its count. */
export class SightingTally {
  /**
   * Keyed by the indicator's info object (one per indexed indicator): V8 finds an object key by
   * the identity hash kept in the object, where a string id is compared and may need hashing.
   */
  private readonly byInfo = new Map<IndicatorInfo, Tally>();

  add(indicator: IndicatorInfo, time: number): void {
    const t = this.byInfo.get(indicator);
    if (t === undefined) {
      this.byInfo.set(indicator, { indicator, count: 1, first: time, last: time });
      return;
    }
    t.count++;
    if (time < t.first) t.first = time;
    if (time > t.last) t.last = time;
  }

  /** The tallies by indicator id (an indicator appears once, whatever info object carried it). */
  get byIndicator(): ReadonlyMap<string, Tally> {
    const out = new Map<string, Tally>();
    for (const t of this.byInfo.values()) {
      const seen = out.get(t.indicator.id);
      if (seen === undefined) out.set(t.indicator.id, { ...t });
      else {
        seen.count += t.count;
        seen.first = Math.min(seen.first, t.first);
        seen.last = Math.max(seen.last, t.last);
      }
    }
    return out;
  }

  /** Number of distinct indicators seen. */
  get size(): number {
    return this.byIndicator.size;
  }
}
