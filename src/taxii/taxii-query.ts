import { invalidInput } from '../errors.js';

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

/** Which versions of each object to return (TAXII 2.1 section 3.4.1, `match[version]`). */
export interface VersionMatch {
  last: boolean;
  first: boolean;
  all: boolean;
  /** Exact versions asked for, with equivalent spellings of the same instant. */
  timestamps: string[];
}

/** The TAXII URL parameters of a GET, parsed and checked once. */
export interface TaxiiQuery {
  /** `added_after`, in the store's `date_added` spelling (6 fraction digits) so text order is time order. */
  addedAfter?: string;
  limit: number;
  /** The `seq` of the last row of the previous page, from `next`. */
  after?: number;
  ids?: string[];
  types?: string[];
  versions: VersionMatch;
  specVersions?: string[];
}

const TIMESTAMP = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$/i;

/** A TAXII timestamp in the store's microsecond spelling, or undefined when it is not one. */
export function toMicroTimestamp(value: string): string | undefined {
  const m = TIMESTAMP.exec(value.trim());
  if (m === null || Number.isNaN(Date.parse(value))) return undefined;
  const zone = m[3]!.toUpperCase();
  const fraction = (m[2] ?? '').padEnd(6, '0').slice(0, 6);
  if (zone === 'Z') return `${m[1]!}.${fraction}Z`;
  const iso = new Date(`${m[1]!}${zone}`).toISOString().slice(0, 19);
  return `${iso}.${fraction}Z`;
}

/** Spellings a client may use for one STIX timestamp; stored versions keep the object's own text. */
function versionSpellings(value: string): string[] {
  const out = new Set([value]);
  const micro = toMicroTimestamp(value);
  if (micro !== undefined) {
    const base = micro.slice(0, 19);
    const digits = micro.slice(20, 26);
    out.add(micro);
    out.add(`${base}.${digits.slice(0, 3)}Z`);
    if (/^0+$/.test(digits)) out.add(`${base}Z`);
    else out.add(`${base}.${digits.replace(/0+$/, '')}Z`);
  }
  return [...out];
}

export const NextToken = {
  encode: (seq: number): string => Buffer.from(`taxii:${seq}`).toString('base64url'),
  decode: (token: string): number | undefined => {
    const text = Buffer.from(token, 'base64url').toString('utf8');
    return /^taxii:\d{1,15}$/.test(text) ? Number(text.slice(6)) : undefined;
  },
};

type Raw = Record<string, unknown>;

/** A parameter as comma-separated values; repeated parameters are joined. */
function list(raw: Raw, key: string): string[] | undefined {
  const value = raw[key];
  if (value === undefined) return undefined;
  const parts = (Array.isArray(value) ? value : [value]).map(String).join(',');
  return parts
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

function single(raw: Raw, key: string): string | undefined {
  const values = list(raw, key);
  if (values === undefined || values.length === 0) return undefined;
  if (values.length > 1) throw invalidInput('invalid_parameter', `${key} takes one value`);
  return values[0];
}

export function parseVersionMatch(values: string[] | undefined): VersionMatch {
  const match: VersionMatch = { last: false, first: false, all: false, timestamps: [] };
  for (const v of values ?? []) {
    if (v === 'last' || v === 'first' || v === 'all') match[v] = true;
    else if (toMicroTimestamp(v) !== undefined) match.timestamps.push(...versionSpellings(v));
    else
      throw invalidInput(
        'invalid_parameter',
        `match[version] takes last, first, all or a timestamp; got "${v}"`,
      );
  }
  if (!match.first && !match.all && match.timestamps.length === 0) match.last = true;
  return match;
}

/** Parses `added_after`, `limit`, `next` and the `match[...]` filters of a TAXII request. */
export function parseTaxiiQuery(raw: Raw, defaults: { versions?: string[] } = {}): TaxiiQuery {
  const query: TaxiiQuery = {
    limit: DEFAULT_LIMIT,
    versions: parseVersionMatch(list(raw, 'match[version]') ?? defaults.versions),
  };
  const addedAfter = single(raw, 'added_after');
  if (addedAfter !== undefined) {
    const micro = toMicroTimestamp(addedAfter);
    if (micro === undefined)
      throw invalidInput(
        'invalid_parameter',
        `added_after must be an RFC 3339 timestamp; got "${addedAfter}"`,
      );
    query.addedAfter = micro;
  }
  const limit = single(raw, 'limit');
  if (limit !== undefined) {
    if (!/^\d{1,9}$/.test(limit) || Number(limit) < 1)
      throw invalidInput('invalid_parameter', `limit must be a positive integer; got "${limit}"`);
    query.limit = Math.min(Number(limit), MAX_LIMIT);
  }
  const next = single(raw, 'next');
  if (next !== undefined) {
    const after = NextToken.decode(next);
    if (after === undefined)
      throw invalidInput('invalid_parameter', 'next is not a token this server issued');
    query.after = after;
  }
  const ids = list(raw, 'match[id]');
  if (ids !== undefined) query.ids = ids;
  const types = list(raw, 'match[type]');
  if (types !== undefined) query.types = types;
  const specVersions = list(raw, 'match[spec_version]');
  if (specVersions !== undefined) query.specVersions = specVersions;
  return query;
}
