/**
 * STIX timestamps: `YYYY-MM-DDTHH:MM:SS[.fraction]Z`, upper-case T and Z, as the 2.1 grammar demands.
 * Represented as milliseconds since the epoch plus sub-millisecond nanoseconds, so nanosecond
 * precision timestamps compare exactly without BigInt.
 */
export interface Instant {
  ms: number;
  /** 0..999999 nanoseconds beyond `ms`. */
  ns: number;
}

const SHAPE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?Z$/;

export interface TimestampCheck {
  /** Matches the lexical grammar (field ranges: month 01-12, day 01-31, hour 00-23, ...). */
  lexical: boolean;
  /** The day exists in that month (the grammar accepts 2023-02-29; validators warn). */
  calendar: boolean;
}

export function checkTimestamp(text: string): TimestampCheck {
  const m = SHAPE.exec(text);
  if (!m) return { lexical: false, calendar: false };
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const lexical = mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h <= 23 && mi <= 59 && s <= 60;
  if (!lexical) return { lexical, calendar: false };
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return { lexical, calendar: d <= days };
}

/** Parses a STIX timestamp; null when it does not fit the grammar. */
export function parseTimestamp(text: string): Instant | null {
  const m = SHAPE.exec(text);
  if (!m || !checkTimestamp(text).lexical) return null;
  const base = Date.UTC(
    Number(m[1]),
    Number(m[2]) - 1,
    Number(m[3]),
    Number(m[4]),
    Number(m[5]),
    Number(m[6]),
  );
  // Date.UTC maps years 0-99 to 1900-1999; STIX years are literal.
  const year = Number(m[1]);
  const fixed = year < 100 ? new Date(base).setUTCFullYear(year) : base;
  const frac = (m[7] ?? '').slice(0, 9).padEnd(9, '0');
  return { ms: fixed + Number(frac.slice(0, 3)), ns: Number(frac.slice(3)) };
}

export function compareInstants(a: Instant, b: Instant): number {
  return a.ms !== b.ms ? a.ms - b.ms : a.ns - b.ns;
}

/** Seconds as a float; enough precision for WITHIN windows. */
export function instantSeconds(a: Instant): number {
  return a.ms / 1000 + a.ns / 1e9;
}
