/** The buckets of a report period: calendar months or quarters, in UTC. */
export interface Buckets {
  labels: string[];
  /** Start of each bucket (ms), ascending; the period's end follows the last. */
  starts: number[];
  from: number;
  to: number;
  /** The previous period, as long as this one and ending where it starts. */
  previousFrom: number;
}

export function periodBuckets(from: string, to: string, granularity: 'month' | 'quarter'): Buckets {
  const lo = Date.parse(from);
  const hi = Date.parse(to);
  const step = granularity === 'month' ? 1 : 3;
  const first = new Date(lo);
  let year = first.getUTCFullYear();
  let month = first.getUTCMonth() - (first.getUTCMonth() % step);
  const labels: string[] = [];
  const starts: number[] = [];
  for (;;) {
    const start = Math.max(lo, Date.UTC(year, month, 1));
    if (start >= hi) break;
    starts.push(start);
    labels.push(
      granularity === 'month'
        ? `${year}-${String(month + 1).padStart(2, '0')}`
        : `${year}-Q${Math.floor(month / 3) + 1}`,
    );
    month += step;
    if (month >= 12) {
      month -= 12;
      year++;
    }
  }
  return { labels, starts, from: lo, to: hi, previousFrom: lo - (hi - lo) };
}

/** The bucket of a time inside the period, else -1. */
export function bucketOf(b: Buckets, t: number): number {
  if (!(t >= b.from && t < b.to)) return -1;
  let lo = 0;
  let hi = b.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (b.starts[mid]! <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
