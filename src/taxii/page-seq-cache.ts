import type { Db } from '../store/store.js';

/** The seqs a page query found in `(from, to]`: every row it matches there, in order. */
interface Span {
  from: number;
  /** Infinity: the query matches nothing after the last seq. */
  to: number;
  seqs: number[];
}

const MAX_SEQS = 2_000_000;
const MAX_QUERIES = 512;

/**
 * What page queries of objects found, per query (`key`: the page query cache's, which holds the
 * audience, the collection filter and every TAXII parameter but the cursor and the limit), as spans
 * of seqs, all valid at one state of the objects table (`ObjectsEpoch.key`). A later page inside a
 * span is cut from it; one reaching past the spans asks the database, and its answer becomes a span.
 *
 * Why it may answer for the visibility rule: each span is the database's own answer to the query the
 * rule built for that audience (`visibleVersions`), for that exact range, keyed by that audience and
 * query. Nothing is cut from spans of another state of the table: the first request that reads a new
 * epoch forgets every span, and an answer is kept only when the cache is still at the epoch its
 * request read before querying. A write committed between that read and the query is kept under
 * the older epoch until the next request, which reads the newer one and forgets it; a request in
 * between may see that write a moment early, as it would reading the database a moment later.
 * Transactions never use the cache (their uncommitted rows may yet be rolled back).
 */
export class PageSeqCache {
  private state: string | undefined;
  private byQuery = new Map<string, Span[]>();
  private held = 0;

  constructor(
    private readonly maxSeqs = MAX_SEQS,
    private readonly maxQueries = MAX_QUERIES,
  ) {}

  /**
   * Up to `limit` seqs after `after` (undefined: from the start) that the query `key` matches at
   * `state`: cut from spans where they reach, the rest from `read(after, limit)`, the query itself.
   */
  async page(
    state: string,
    key: string,
    after: number | undefined,
    limit: number,
    read: (after: number | undefined, limit: number) => Promise<number[]>,
  ): Promise<number[]> {
    if (state !== this.state) this.reset(state);
    const spans = this.byQuery.get(key) ?? [];
    const found: number[] = [];
    let at = after ?? -Infinity;
    for (let span = containing(spans, at); span !== undefined; span = containing(spans, at)) {
      let i = firstAfter(span.seqs, at);
      while (i < span.seqs.length && found.length < limit) found.push(span.seqs[i++]!);
      if (found.length === limit || span.to === Infinity) return found;
      at = span.to;
    }
    const from = at;
    const need = limit - found.length;
    const rest = await read(from === -Infinity ? undefined : from, need);
    // Kept only if nothing moved the state meanwhile (another request may have seen a newer one).
    if (state === this.state) this.keep(key, from, rest, rest.length < need);
    for (const seq of rest) found.push(seq);
    return found;
  }

  /** Keeps `seqs`, the answer after `from`, as a span up to its last seq (to the end when `end`). */
  private keep(key: string, from: number, seqs: number[], end: boolean): void {
    const last = seqs.at(-1);
    if (!end && last === undefined) return;
    let spans = this.byQuery.get(key);
    if (spans === undefined) {
      if (this.byQuery.size >= this.maxQueries) this.reset(this.state!);
      spans = [];
      this.byQuery.set(key, spans);
    }
    // The next span, if any, starts after `from` (none contained `from`): stop where it starts.
    const index = spans.findIndex((s) => s.from > from);
    const next = index < 0 ? undefined : spans[index];
    let kept = seqs;
    let to = end ? Infinity : last!;
    if (next !== undefined && to > next.from) {
      kept = seqs.filter((s) => s <= next.from);
      to = next.from;
    }
    if (this.held + kept.length > this.maxSeqs) {
      this.reset(this.state!);
      spans = [];
      this.byQuery.set(key, spans);
    }
    spans.splice(index < 0 ? spans.length : index, 0, { from, to, seqs: kept });
    this.held += kept.length;
  }

  private reset(state: string): void {
    this.state = state;
    this.byQuery = new Map();
    this.held = 0;
  }
}

/** The span holding the seqs just after `at` (`from <= at < to`); spans are disjoint and sorted. */
function containing(spans: readonly Span[], at: number): Span | undefined {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const span = spans[mid]!;
    if (at < span.from) hi = mid - 1;
    else if (at >= span.to) lo = mid + 1;
    else return span;
  }
  return undefined;
}

/** The index of the first seq greater than `at`. */
function firstAfter(seqs: readonly number[], at: number): number {
  let lo = 0;
  let hi = seqs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (seqs[mid]! <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const caches = new WeakMap<Db, PageSeqCache>();

/** The cache of one store (its Kysely instance): seqs are only unique within one database. */
export function pageSeqCache(db: Db): PageSeqCache {
  let cache = caches.get(db);
  if (cache === undefined) {
    cache = new PageSeqCache();
    caches.set(db, cache);
  }
  return cache;
}
