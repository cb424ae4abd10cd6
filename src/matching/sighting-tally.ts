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
  readonly byIndicator = new Map<string, Tally>();

  add(indicator: IndicatorInfo, time: number): void {
    const t = this.byIndicator.get(indicator.id);
    if (t === undefined) {
      this.byIndicator.set(indicator.id, { indicator, count: 1, first: time, last: time });
      return;
    }
    t.count++;
    if (time < t.first) t.first = time;
    if (time > t.last) t.last = time;
  }

  get size(): number {
    return this.byIndicator.size;
  }
}
