/**
 * Label-aligned domain suffix index for `LIKE '%.evil.com'`: the indicator is stored under its
 * suffix (`.evil.com`); a lookup probes each label boundary of the value
 * (`a.b.evil.com` -> `.b.evil.com`, `.evil.com`, `.com`), so cost is the number of labels.
 * Suffixes are keyed by a hash computed right-to-left while scanning, so a lookup allocates no
 * substrings; candidates are confirmed with `endsWith`.
 */
import { IntTable } from './int-table.js';

interface Bucket<T> {
  suffix: string;
  items: T[];
}

function suffixHash(h: number, c: number): number {
  return (Math.imul(h, 31) + c) | 0;
}

export class SuffixIndex<T> {
  /** By the suffix's hash: a typed-array table, since almost every probe misses. */
  private readonly byHash = new IntTable<Bucket<T>[]>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  private hashOf(suffix: string): number {
    let h = 0;
    for (let i = suffix.length - 1; i >= 0; i--) h = suffixHash(h, suffix.charCodeAt(i));
    return h;
  }

  add(suffix: string, item: T): void {
    const h = this.hashOf(suffix);
    let buckets = this.byHash.get(h);
    if (!buckets) this.byHash.set(h, (buckets = []));
    let b = buckets.find((x) => x.suffix === suffix);
    if (!b) buckets.push((b = { suffix, items: [] }));
    if (!b.items.includes(item)) {
      b.items.push(item);
      this.count++;
    }
  }

  remove(suffix: string, item: T): void {
    const h = this.hashOf(suffix);
    const buckets = this.byHash.get(h);
    const b = buckets?.find((x) => x.suffix === suffix);
    if (!buckets || !b) return;
    const at = b.items.indexOf(item);
    if (at < 0) return;
    b.items.splice(at, 1);
    this.count--;
    if (b.items.length === 0) buckets.splice(buckets.indexOf(b), 1);
    if (buckets.length === 0) this.byHash.delete(h);
  }

  lookup(value: string, visit: (item: T) => void): void {
    if (this.count === 0) return;
    let h = 0;
    for (let i = value.length - 1; i > 0; i--) {
      const c = value.charCodeAt(i);
      h = suffixHash(h, c);
      if (c !== 46) continue;
      const buckets = this.byHash.get(h);
      if (!buckets) continue;
      for (const b of buckets) {
        if (b.suffix.length === value.length - i && value.endsWith(b.suffix)) {
          for (let j = 0; j < b.items.length; j++) visit(b.items[j]!);
        }
      }
    }
  }
}
