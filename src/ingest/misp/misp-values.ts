import type { ConversionIssue } from '../conversion.js';

/** A plain JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `Event.Attribute[3]` + `value` → `Event.Attribute[3].value`. */
export function at(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${String(key)}]`;
  return path === '' ? key : `${path}.${key}`;
}

/** MISP writes numbers as strings and vice versa; both read as text. */
export function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** MISP booleans arrive as true, 1, "1" or "true". */
export function flag(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 'true';
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** Thrown inside one item's conversion; caught at the item boundary so the item is skipped whole. */
export class ItemError extends Error {
  constructor(readonly issue: ConversionIssue) {
    super(issue.message);
  }
}

export function fail(path: string, code: string, message: string): never {
  throw new ItemError({ code, message, path });
}

/** A required MISP uuid, lower-cased (STIX ids are lower-case). */
export function readUuid(value: unknown, path: string): string {
  if (!isUuid(value)) {
    const found = value === undefined ? 'nothing' : JSON.stringify(value).slice(0, 60);
    fail(path, 'invalid_uuid', `${path} must be a UUID, found ${found}.`);
  }
  return value.toLowerCase();
}

const MAX_EPOCH = 253402300799; // 9999-12-31T23:59:59Z

/**
 * A MISP timestamp (seconds since the epoch, as a number or a digit string, or an ISO date/time as
 * in `first_seen`) as a STIX timestamp with milliseconds, else undefined.
 */
export function toStixTime(value: unknown): string | undefined {
  if (typeof value === 'number' || (typeof value === 'string' && /^\d{1,12}$/.test(value))) {
    const seconds = Number(value);
    if (!Number.isInteger(seconds) || seconds < 0 || seconds > MAX_EPOCH) return undefined;
    return new Date(seconds * 1000).toISOString();
  }
  if (typeof value !== 'string') return undefined;
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/.test(date)) return undefined;
  const ms = Date.parse(date);
  if (Number.isNaN(ms) || ms < 0 || ms > MAX_EPOCH * 1000) return undefined;
  const iso = new Date(ms).toISOString();
  // Reject dates JavaScript rolled over (2017-02-30 → March 2).
  return date.slice(0, 10) === iso.slice(0, 10) || !date.endsWith('Z') ? iso : undefined;
}

/** A timestamp that must parse when present; `fallback` when absent. */
export function readTime(value: unknown, path: string, fallback: string): string {
  if (value === undefined || value === null || value === '') return fallback;
  const time = toStixTime(value);
  if (time === undefined) {
    fail(
      path,
      'invalid_timestamp',
      `${path} is not a timestamp (seconds since 1970 or ISO 8601): ${JSON.stringify(value).slice(0, 60)}.`,
    );
  }
  return time;
}

/** A timestamp, or undefined when absent or unreadable (for optional, advisory fields). */
export function optionalTime(value: unknown): string | undefined {
  return value === undefined || value === null || value === '' ? undefined : toStixTime(value);
}
