import type { Anchor } from './anchors.js';
import type { Normaliser } from './normalise.js';
import { PrefixIndex } from './prefix-index.js';
import { StringTable } from './string-table.js';
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
  constructor(readonly normalise: Normaliser) {}

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

  /** Every item whose anchor fires for one (normalised) value of this key. */
  lookup(value: string, visit: (item: T) => void): void {
    const list = this.eq.get(value);
    if (list) for (let i = 0; i < list.length; i++) visit(list[i]!);
    if (this.prefix.size > 0) this.prefix.lookup(value, visit);
    if (this.suffix.size > 0) this.suffix.lookup(value, visit);
    if (this.substr.size > 0) this.substr.lookup(value, visit);
    if (this.origin.size > 0) this.origin.lookup(value, visit);
    const scan = this.scan;
    for (let i = 0; i < scan.length; i++) visit(scan[i]!);
  }
}
