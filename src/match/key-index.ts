import type { Anchor } from './anchors.js';
import { normalKindFor, normaliserFor } from './normalise.js';
import type { NormalKind, Normaliser } from './normalise.js';
import { PrefixIndex } from './prefix-index.js';
import { hashScan, scanned, stringHash, StringTable } from './string-table.js';
import { OriginIndex } from './origin-index.js';
import { SubstringIndex } from './substring-index.js';
import { SuffixIndex } from './suffix-index.js';

/** Everything indexed for one event key (`domain-name:value`, ...). */
export class KeyIndex<T> {
  readonly eq = new StringTable<T>();
  readonly prefix = new PrefixIndex<T>();
  readonly suffix = new SuffixIndex<T>();
  readonly substr = new SubstringIndex<T>();
  readonly origin = new OriginIndex<T>();
  scan: T[] = [];
  private entries = 0;

  /** The key's value normaliser, kept here to save a lookup per event value. */
  readonly normalise: Normaliser;
  private readonly kind: NormalKind;

  constructor(key: string) {
    this.normalise = normaliserFor(key);
    this.kind = normalKindFor(key);
  }

  get empty(): boolean {
    return this.entries === 0;
  }

  add(a: Anchor, item: T): void {
    this.entries++;
    switch (a.kind) {
      case 'eq':
        this.eq.add(a.value, item);
        return;
      case 'cidr':
        if (!this.prefix.add(a.cidr, item)) this.scan.push(item);
        return;
      case 'suffix':
        this.suffix.add(a.suffix, item);
        return;
      case 'substr':
        this.substr.add(a.literal, item);
        return;
      case 'origin':
        this.origin.add(a.origin, item);
        return;
      case 'scan':
        this.scan.push(item);
    }
  }

  remove(a: Anchor, item: T): void {
    this.entries--;
    switch (a.kind) {
      case 'eq':
        this.eq.remove(a.value, item);
        return;
      case 'cidr':
        if (!this.prefix.remove(a.cidr, item)) this.scan = this.scan.filter((x) => x !== item);
        return;
      case 'suffix':
        this.suffix.remove(a.suffix, item);
        return;
      case 'substr':
        this.substr.remove(a.literal, item);
        return;
      case 'origin':
        this.origin.remove(a.origin, item);
        return;
      case 'scan':
        this.scan = this.scan.filter((x) => x !== item);
    }
  }

  /**
   * Every item whose anchor fires for one raw event value of this key. Values already in normal
   * form (almost all of them) are hashed once, and that pass also checks the form: no separate
   * normalising scan, and for URLs the origin's hash is taken on the way.
   */
  lookupRaw(raw: string, visit: (item: T) => void): void {
    const kind = this.kind;
    if (kind === 'identity') {
      this.lookupHashed(raw, stringHash(raw), -1, 0, visit);
      return;
    }
    if (kind === 'lower' || kind === 'domain') {
      const h = hashScan(raw, raw.length, -1);
      if (!scanned.upper && !(kind === 'domain' && raw.endsWith('.'))) {
        this.lookupHashed(raw, h, -1, 0, visit);
        return;
      }
    } else if (kind === 'url') {
      const end = urlHeadEnd(raw);
      // With a path, the origin is the head plus its `/`; a head in normal form is ASCII.
      if (end >= 0 && raw.charCodeAt(end) === 47) {
        const h = hashScan(raw, end, end + 1);
        if (!scanned.upper) {
          this.lookupHashed(raw, h, end + 1, scanned.prefix, visit);
          return;
        }
      }
    }
    this.lookup(this.normalise(raw), visit);
  }

  /** Every item whose anchor fires for one (normalised) value of this key. */
  lookup(value: string, visit: (item: T) => void): void {
    this.lookupHashed(value, stringHash(value), -1, 0, visit);
  }

  /** `lookup` with the value's hash known and, when `originEnd >= 0`, its ASCII origin's hash. */
  private lookupHashed(
    value: string,
    h: number,
    originEnd: number,
    originHash: number,
    visit: (item: T) => void,
  ): void {
    if (this.eq.size > 0) this.eq.visitHashed(value, h, visit);
    if (this.prefix.size > 0) this.prefix.lookup(value, visit);
    if (this.suffix.size > 0) this.suffix.lookup(value, visit);
    if (this.substr.size > 0) this.substr.lookup(value, visit);
    if (this.origin.size > 0) {
      if (originEnd >= 0) this.origin.lookupHashed(value, originEnd, originHash, visit);
      else this.origin.lookup(value, visit);
    }
    const scan = this.scan;
    for (let i = 0; i < scan.length; i++) visit(scan[i]!);
  }
}

/**
 * Where a URL's head (scheme, `://`, authority) ends: the first `/`, `?` or `#` after `://`, or
 * the length; -1 without a scheme. The same bounds the URL normaliser lower-cases.
 */
function urlHeadEnd(v: string): number {
  const scheme = v.indexOf('://');
  if (scheme <= 0) return -1;
  let end = scheme + 3;
  while (end < v.length) {
    const c = v.charCodeAt(end);
    if (c === 47 || c === 63 || c === 35) break;
    end++;
  }
  return end;
}
