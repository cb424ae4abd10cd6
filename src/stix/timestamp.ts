/**
 * STIX timestamps (§2.13): RFC 3339 in UTC, always ending in `Z`, with optional fractional seconds.
 * Impossible dates such as month 13 or 30 February are rejected.
 */
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Reads `count` decimal digits at `at`, or -1 if any is not a digit. Hand-rolled: this is on the ingest hot path. */
function digits(s: string, at: number, count: number): number {
  let n = 0;
  for (let i = at; i < at + count; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** Shape `YYYY-MM-DDTHH:MM:SS[.fraction]Z` plus a calendar check (no month 13, no 30 February). */
export function isStixTimestamp(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const length = value.length;
  if (length < 20 || length > 64 || value.charCodeAt(length - 1) !== 90 /* Z */) return false;
  if (value[4] !== '-' || value[7] !== '-' || value[10] !== 'T' || value[13] !== ':' || value[16] !== ':')
    return false;
  if (length > 20) {
    if (value[19] !== '.' || length === 21 || digits(value, 20, length - 21) < 0) return false;
  }
  const year = digits(value, 0, 4);
  const month = digits(value, 5, 2);
  const day = digits(value, 8, 2);
  const hour = digits(value, 11, 2);
  const minute = digits(value, 14, 2);
  const second = digits(value, 17, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || minute < 0 || second < 0) return false;
  const maxDay = month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]!;
  // RFC 3339 allows second 60 for leap seconds.
  return day <= maxDay && hour <= 23 && minute <= 59 && second <= 60;
}

/** `created`/`modified` must be precise to at least the millisecond (STIX 2.1 §3.2). */
export function hasMillisecondPrecision(timestamp: string): boolean {
  const dot = timestamp.indexOf('.');
  return dot !== -1 && timestamp.length - dot - 2 >= 3;
}

/**
 * Orders two valid STIX timestamps: negative when `a` is earlier, 0 when equal, positive when later.
 * Compares the fixed-width date-time part as text, then the fractional digits padded to equal length,
 * so precision beyond milliseconds is not lost to `Date`.
 */
export function compareTimestamps(a: string, b: string): number {
  const ha = a.slice(0, 19);
  const hb = b.slice(0, 19);
  if (ha !== hb) return ha < hb ? -1 : 1;
  let fa = a.slice(20, -1);
  let fb = b.slice(20, -1);
  const width = Math.max(fa.length, fb.length);
  fa = fa.padEnd(width, '0');
  fb = fb.padEnd(width, '0');
  return fa < fb ? -1 : fa > fb ? 1 : 0;
}
