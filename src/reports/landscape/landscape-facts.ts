import { tlpRank } from '../../policy/tlp.js';
import type { TlpLevel } from '../../policy/tlp.js';
import { isScoType } from '../../stix/index.js';
import { CATEGORY_IDS } from './categories.js';
import { bucketOf } from './periods.js';
import type { Buckets } from './periods.js';

/*
 * What the report's passes keep of each object (compute-landscape.ts), and the counts they add up.
 */

export interface Entity {
  type: string;
  name: string;
  key: string;
  created: number;
  tlp: number;
  bits: number;
  isFamily: boolean;
  sectors: string[];
  country: string | null;
  externalId: string | null;
}

export interface Rel {
  kind: string;
  source: string;
  target: string;
  t: number;
  counted: boolean;
}

export type Row = {
  seq: number;
  type: string;
  owner_org: string;
  distribution: string;
  tlp: string | null;
  revoked: number;
  date_added: string;
  data: string;
};

/** A 53-bit hash of a value, for counting values shared across partners without holding the values. */
function valueHash(text: string): number {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return (a >>> 0) * 0x200000 + ((b >>> 0) & 0x1fffff);
}

export function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

export const iso = (t: number) => new Date(t).toISOString();
export const pct = (now: number, before: number) =>
  before === 0 ? null : Math.round(((now - before) / before) * 1000) / 10;

/** Counts over the objects the report counts. */
export class Tally {
  readonly objects: Int32Array;
  readonly indicators: Int32Array;
  readonly byCategory: Int32Array[];
  readonly indicatorsByCategory: Int32Array[];
  readonly previousByCategory = new Int32Array(CATEGORY_IDS.length);
  previous = 0;
  uncategorised = 0;
  readonly byOwner = new Map<string, number>();
  readonly byTlp = new Map<string, number>();
  readonly confidence = new Map<string, number>();
  readonly values = new Map<number, string | null>();
  indicatorTotal = 0;
  expired = 0;
  revoked = 0;
  /** The most restrictive TLP rank counted. */
  maxTlp = 0;

  constructor(private readonly buckets: Buckets) {
    const n = buckets.labels.length;
    this.objects = new Int32Array(n);
    this.indicators = new Int32Array(n);
    this.byCategory = CATEGORY_IDS.map(() => new Int32Array(n));
    this.indicatorsByCategory = CATEGORY_IDS.map(() => new Int32Array(n));
  }

  object(r: Row, o: Record<string, unknown>, t: number, bits: number): void {
    const b = bucketOf(this.buckets, t);
    if (b < 0) {
      if (t >= this.buckets.previousFrom && t < this.buckets.from) {
        this.previous++;
        for (let i = 0; i < CATEGORY_IDS.length; i++)
          if ((bits & (1 << i)) !== 0) this.previousByCategory[i]!++;
      }
      return;
    }
    const isIndicator = r.type === 'indicator';
    this.objects[b]!++;
    if (isIndicator) this.indicators[b]!++;
    if (bits === 0) this.uncategorised++;
    for (let i = 0; i < CATEGORY_IDS.length; i++) {
      if ((bits & (1 << i)) === 0) continue;
      this.byCategory[i]![b]!++;
      if (isIndicator) this.indicatorsByCategory[i]![b]!++;
    }
    this.byOwner.set(r.owner_org, (this.byOwner.get(r.owner_org) ?? 0) + 1);
    const tlp = r.tlp ?? 'none';
    this.byTlp.set(tlp, (this.byTlp.get(tlp) ?? 0) + 1);
    this.maxTlp = Math.max(this.maxTlp, tlpRank(r.tlp as TlpLevel | null));
    const c = o.confidence;
    const band =
      typeof c !== 'number'
        ? 'not stated'
        : c >= 70
          ? 'high (70-100)'
          : c >= 30
            ? 'medium (30-69)'
            : 'low (0-29)';
    this.confidence.set(band, (this.confidence.get(band) ?? 0) + 1);
    if (isIndicator) {
      this.indicatorTotal++;
      if (r.revoked === 1) this.revoked++;
      const until = Date.parse(str(o.valid_until) ?? '');
      if (until < Math.min(this.buckets.to, Date.now())) this.expired++;
    }
    // A value two partners both report: an SCO's deterministic id, or an indicator's pattern.
    const value = isIndicator ? str(o.pattern) : isScoType(r.type) ? str(o.id) : null;
    if (value !== null) {
      const h = valueHash(value);
      const seen = this.values.get(h);
      if (seen === undefined) this.values.set(h, r.owner_org);
      else if (seen !== null && seen !== r.owner_org) this.values.set(h, null);
    }
  }
}
