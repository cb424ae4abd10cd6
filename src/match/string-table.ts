/** Per-process seed, so indicator values cannot be chosen to collide in every table. */
const SEED = (Math.random() * 0x100000000) | 0;

const PRIME = 0x01000193;

/**
 * 32-bit FNV-1a from a random seed over pairs of UTF-16 units (one 32-bit word per step, half
 * the multiplications of a unit at a time: hashing is a good part of a probe), the length mixed in
 * last; never 0 (0 marks an empty slot).
 */
export function stringHash(s: string): number {
  return prefixHash(s, s.length);
}

/** `stringHash(text.slice(0, end))` without making that string. */
function prefixHash(text: string, end: number): number {
  let h = SEED ^ 0x811c9dc5;
  let i = 0;
  for (; i + 1 < end; i += 2) h = Math.imul(h ^ (text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16)), PRIME);
  if (i < end) h = Math.imul(h ^ text.charCodeAt(i), PRIME);
  return finish(h, end);
}

/** What `hashScan` found besides the hash (a module scratch object, so a scan allocates nothing). */
export const scanned = { prefix: 0, upper: false };

/**
 * `stringHash(s)` together with two things a probe needs: whether `s[0, checkEnd)` has an
 * ASCII upper-case letter or any non-ASCII character (`scanned.upper`: the value may not be in
 * normal form), and, when `mark >= checkEnd`, `stringHash(s.slice(0, mark))` (`scanned.prefix`).
 */
export function hashScan(s: string, checkEnd: number, mark: number): number {
  let upper = false;
  for (let i = 0; i < checkEnd; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 65 && c <= 90) || c > 127) {
      upper = true;
      break;
    }
  }
  const n = s.length;
  let h = SEED ^ 0x811c9dc5;
  let i = 0;
  if (mark >= checkEnd && mark <= n) {
    const even = mark & ~1;
    for (; i < even; i += 2) h = Math.imul(h ^ (s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16)), PRIME);
    scanned.prefix = finish(mark === even ? h : Math.imul(h ^ s.charCodeAt(even), PRIME), mark);
  }
  for (; i + 1 < n; i += 2) h = Math.imul(h ^ (s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16)), PRIME);
  if (i < n) h = Math.imul(h ^ s.charCodeAt(i), PRIME);
  scanned.upper = upper;
  return finish(h, n);
}

/** One byte of the hash (its top bits, never 0): what a probe reads first. */
function tagOf(h: number): number {
  return h >>> 24 || 1;
}

/** The final mix, with the length (`"a"` and `"a\0"` hash their units alike). */
function finish(h: number, length: number): number {
  h = Math.imul(h ^ length, PRIME);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 13;
  return h === 0 ? 1 : h;
}

/**
 * String -> items hash table with open addressing (linear probing, at most half full). A probe
 * reads a byte per slot first (the top 8 bits of the key's hash): a lookup that misses — what
 * almost every log value does — reads one or two bytes of that array and never touches a key
 * string, where a Map walks a bucket chain through entries and key objects scattered over the
 * heap, a cache miss each; that array is small enough for the tables of every event key together
 * to stay in cache. A slot's key and items sit side by side in one array (`cells`), and a key
 * with one item holds it directly rather than in a list: a hit touches the slot's cells, the key
 * (compared in full) and the item, where separate key, list and hash arrays cost a cache and TLB
 * miss each. Removal shifts the following run back (no tombstones), so a table that churns stays
 * as fast as a fresh one. Items must not be `undefined`.
 */
export class StringTable<T> {
  /** Full 32-bit hashes, for growing and removal (lookups read only the tags). */
  private hashes = new Int32Array(16);
  private tags = new Uint8Array(16);
  /** Per slot i: the key at 3i, the only item at 3i + 1, or all of them (two or more) at 3i + 2. */
  private cells: unknown[] = new Array<unknown>(48).fill(undefined);
  private mask = 15;
  private count = 0;

  /** Number of distinct keys. */
  get size(): number {
    return this.count;
  }

  /** The items under `key` (a fresh array), or undefined. */
  get(key: string): T[] | undefined {
    const i = this.find(key, stringHash(key));
    return i < 0 ? undefined : this.itemsAt(i);
  }

  /** The items under `text.slice(0, end)`, without making that string (a fresh array), or undefined. */
  getPrefix(text: string, end: number): T[] | undefined {
    const out: T[] = [];
    this.visitPrefixHashed(text, end, prefixHash(text, end), (item) => out.push(item));
    return out.length === 0 ? undefined : out;
  }

  /** Calls `visit` for each item under `key`, whose `stringHash` is `h`. */
  visitHashed(key: string, h: number, visit: (item: T) => void): void {
    const tag = tagOf(h);
    const tags = this.tags;
    const cells = this.cells;
    const mask = this.mask;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const t = tags[i]!;
      if (t === 0) return;
      // A tag shared by another key (1 in 255) costs a compare of its string, rarely.
      if (t === tag && cells[3 * i] === key) {
        this.visitAt(i, visit);
        return;
      }
    }
  }

  /** `visitHashed` for the key `text.slice(0, end)` with hash `h`, without making that string. */
  visitPrefixHashed(text: string, end: number, h: number, visit: (item: T) => void): void {
    const tag = tagOf(h);
    const tags = this.tags;
    const cells = this.cells;
    const mask = this.mask;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const t = tags[i]!;
      if (t === 0) return;
      if (t === tag) {
        const key = cells[3 * i] as string;
        if (key.length === end && text.startsWith(key)) {
          this.visitAt(i, visit);
          return;
        }
      }
    }
  }

  private visitAt(i: number, visit: (item: T) => void): void {
    const one = this.cells[3 * i + 1] as T | undefined;
    if (one !== undefined) {
      visit(one);
      return;
    }
    const many = this.cells[3 * i + 2] as T[];
    for (let j = 0; j < many.length; j++) visit(many[j]!);
  }

  private itemsAt(i: number): T[] {
    const one = this.cells[3 * i + 1] as T | undefined;
    return one !== undefined ? [one] : [...(this.cells[3 * i + 2] as T[])];
  }

  /** The slot of `key` (hash `h`), or -1. */
  private find(key: string, h: number): number {
    for (let i = h & this.mask; ; i = (i + 1) & this.mask) {
      const x = this.hashes[i]!;
      if (x === 0) return -1;
      if (x === h && this.cells[3 * i] === key) return i;
    }
  }

  /** Adds `item` under `key` (a key may hold an item more than once, as a Map of lists would). */
  add(key: string, item: T): void {
    const h = stringHash(key);
    const at = this.find(key, h);
    if (at >= 0) {
      const one = this.cells[3 * at + 1] as T | undefined;
      if (one !== undefined) {
        this.cells[3 * at + 1] = undefined;
        this.cells[3 * at + 2] = [one, item];
      } else (this.cells[3 * at + 2] as T[]).push(item);
      return;
    }
    let i = h & this.mask;
    while (this.hashes[i] !== 0) i = (i + 1) & this.mask;
    this.hashes[i] = h;
    this.tags[i] = tagOf(h);
    this.cells[3 * i] = key;
    this.cells[3 * i + 1] = item;
    if (++this.count * 2 > this.mask + 1) this.grow();
  }

  /** Removes one occurrence of `item` under `key`; the key goes when it has no items left. */
  remove(key: string, item: T): void {
    const i = this.find(key, stringHash(key));
    if (i < 0) return;
    const cells = this.cells;
    if (cells[3 * i + 1] !== undefined) {
      if (cells[3 * i + 1] !== item) return;
    } else {
      const many = cells[3 * i + 2] as T[];
      const at = many.indexOf(item);
      if (at < 0) return;
      many.splice(at, 1);
      if (many.length > 1) return;
      // Back to one item held directly.
      cells[3 * i + 1] = many[0];
      cells[3 * i + 2] = undefined;
      return;
    }
    this.count--;
    this.deleteSlot(i);
  }

  /** Empties slot `i` and moves back later entries of the run that may no longer be reachable. */
  private deleteSlot(hole: number): void {
    const mask = this.mask;
    const cells = this.cells;
    let i = hole;
    for (;;) {
      i = (i + 1) & mask;
      const x = this.hashes[i]!;
      if (x === 0) break;
      const home = x & mask;
      // The entry at i may fill the hole when its home slot is not within (hole, i].
      const reachable = hole <= i ? home > hole && home <= i : home > hole || home <= i;
      if (reachable) continue;
      this.hashes[hole] = x;
      this.tags[hole] = this.tags[i]!;
      for (let c = 0; c < 3; c++) cells[3 * hole + c] = cells[3 * i + c];
      hole = i;
    }
    this.hashes[hole] = 0;
    this.tags[hole] = 0;
    for (let c = 0; c < 3; c++) cells[3 * hole + c] = undefined;
  }

  private grow(): void {
    const { hashes, cells } = this;
    const size = hashes.length * 2;
    this.hashes = new Int32Array(size);
    this.tags = new Uint8Array(size);
    this.cells = new Array<unknown>(3 * size).fill(undefined);
    this.mask = size - 1;
    for (let j = 0; j < hashes.length; j++) {
      const h = hashes[j]!;
      if (h === 0) continue;
      let i = h & this.mask;
      while (this.hashes[i] !== 0) i = (i + 1) & this.mask;
      this.hashes[i] = h;
      this.tags[i] = tagOf(h);
      for (let c = 0; c < 3; c++) this.cells[3 * i + c] = cells[3 * j + c];
    }
  }

  /** Every (key, items), in no particular order. */
  *entries(): IterableIterator<[string, T[]]> {
    for (let i = 0; i < this.hashes.length; i++) {
      if (this.hashes[i] !== 0) yield [this.cells[3 * i] as string, this.itemsAt(i)];
    }
  }
}
