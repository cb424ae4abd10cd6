import type { IndicatorInfo } from './viewer-index.js';

/** What one run saw of one indicator: the material of one sighting. */
export interface Tally {
  indicator: IndicatorInfo;
  count: number;
  /** Milliseconds since the epoch. */
  first: number;
  last: number;
}

/**
 * Aggregates matches per indicator for one run: one sighting per indicator, with its count.
 * Made for the indicators of one viewer index (`token`); an indicator of any other index is
 * counted too, apart, keyed by its info object.
 */
export class SightingTally {
  /**
   * Per slot of the viewer index: count, first and last time, side by side in one typed array:
   * a match updates one place, where a Map entry and a tally object were two or three cache
   * (and TLB) misses. Grown on demand.
   */
  private cells = new Float64Array(48);
  /** The info of each slot counted so far. */
  private readonly infos: (IndicatorInfo | undefined)[] = [];
  private readonly others = new Map<IndicatorInfo, Tally>();

  constructor(private readonly token = 0) {}

  add(indicator: IndicatorInfo, time: number): void {
    if (indicator.index !== this.token) {
      this.addOther(indicator, time);
      return;
    }
    const at = 3 * indicator.slot;
    if (at >= this.cells.length) this.grow(at);
    const cells = this.cells;
    if (cells[at] === 0) {
      this.infos[indicator.slot] = indicator;
      cells[at] = 1;
      cells[at + 1] = time;
      cells[at + 2] = time;
      return;
    }
    cells[at] = cells[at]! + 1;
    if (time < cells[at + 1]!) cells[at + 1] = time;
    if (time > cells[at + 2]!) cells[at + 2] = time;
  }

  private addOther(indicator: IndicatorInfo, time: number): void {
    const t = this.others.get(indicator);
    if (t === undefined) {
      this.others.set(indicator, { indicator, count: 1, first: time, last: time });
      return;
    }
    t.count++;
    if (time < t.first) t.first = time;
    if (time > t.last) t.last = time;
  }

  private grow(at: number): void {
    let size = this.cells.length;
    while (size <= at + 2) size *= 2;
    const cells = new Float64Array(size);
    cells.set(this.cells);
    this.cells = cells;
  }

  private *all(): IterableIterator<Tally> {
    for (let slot = 0; slot < this.infos.length; slot++) {
      const indicator = this.infos[slot];
      if (indicator === undefined) continue;
      const at = 3 * slot;
      yield { indicator, count: this.cells[at]!, first: this.cells[at + 1]!, last: this.cells[at + 2]! };
    }
    yield* this.others.values();
  }

  /** The tallies by indicator id (an indicator appears once, whatever info object carried it). */
  get byIndicator(): ReadonlyMap<string, Tally> {
    const out = new Map<string, Tally>();
    for (const t of this.all()) {
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
