/**
 * Label-aligned domain suffix index for `LIKE '%.evil.com'`: the indicator is stored under its
 * suffix (`.evil.com`); a lookup probes each label boundary of the value
 * (`a.b.evil.com` -> `.b.evil.com`, `.evil.com`, `.com`), so cost is the number of labels.
 */
export class SuffixIndex<T> {
  private readonly bySuffix = new Map<string, Set<T>>();

  get size(): number {
    return this.bySuffix.size;
  }

  add(suffix: string, item: T): void {
    let set = this.bySuffix.get(suffix);
    if (!set) this.bySuffix.set(suffix, (set = new Set()));
    set.add(item);
  }

  remove(suffix: string, item: T): void {
    const set = this.bySuffix.get(suffix);
    if (set?.delete(item) && set.size === 0) this.bySuffix.delete(suffix);
  }

  lookup(value: string, visit: (item: T) => void): void {
    if (this.bySuffix.size === 0) return;
    for (let i = value.indexOf('.'); i >= 0; i = value.indexOf('.', i + 1)) {
      const set = this.bySuffix.get(value.slice(i));
      if (set) for (const item of set) visit(item);
    }
  }
}
