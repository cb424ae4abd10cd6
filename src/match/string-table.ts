/** Per-process seed, so indicator values cannot be chosen to collide in every table. */
const SEED = (Math.random() * 0x100000000) | 0;

/** 32-bit FNV-1a over UTF-16 units from a random seed, never 0 (0 marks an empty slot). */
export function stringHash(s: string): number {
  let h = SEED ^ 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return finish(h);
}

/** What `hashScan` found besides the hash (a module scratch object, so a scan allocates nothing). */
export const scanned = { prefix: 0, upper: false };

/**
 * `stringHash(s)` in the same pass as two things a probe needs: whether `s[0, checkEnd)` has an
 * ASCII upper-case letter or any non-ASCII character (`scanned.upper`: the value may not be in
 * normal form), and, when `mark >= checkEnd`, `stringHash(s.slice(0, mark))` (`scanned.prefix`).
 */
export function hashScan(s: string, checkEnd: number, mark: number): number {
  let h = SEED ^ 0x811c9dc5;
  let upper = false;
  let i = 0;
  for (; i < checkEnd; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 65 && c <= 90) || c > 127) upper = true;
    h = Math.imul(h ^ c, 0x01000193);
  }
  const n = s.length;
  if (mark >= checkEnd && mark <= n) {
    for (; i < mark; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    scanned.prefix = finish(h);
  }
  for (; i < n; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  scanned.upper = upper;
  return finish(h);
}

/** One byte of the hash (its top bits, never 0): what a probe reads first. */
function tagOf(h: number): number {
  return h >>> 24 || 1;
}

function finish(h: number): number {
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 13;
  return h === 0 ? 1 : h;
}

/**
 * String -> list hash table with open addressing (linear probing, at most half full) and the
 * 32-bit hash of each key kept in a typed array. A lookup that misses — what almost every log value
 * does — reads one or two slots of that array and never touches a key string, where a Map walks a
 * bucket chain through entries and key objects scattered over the heap, a cache miss each. Keys
 * are compared only when the full hash agrees. Probes read a byte per slot first (the hash's top
 * 8 bits): that array is a quarter of the size of the hashes, so the tables of every event key
 * together stay in cache where the hashes alone would not. Removal shifts the following run back (no
 * tombstones), so a table that churns stays as fast as a fresh one.
 */
export class StringTable<T> {
  private hashes = new Int32Array(16);
  private tags = new Uint8Array(16);
  private keys: (string | undefined)[] = new Array<string | undefined>(16).fill(undefined);
  private lists: (T[] | undefined)[] = new Array<T[] | undefined>(16).fill(undefined);
  private mask = 15;
  private count = 0;

  /** Number of distinct keys. */
  get size(): number {
    return this.count;
  }

  get(key: string): T[] | undefined {
    return this.getHashed(key, stringHash(key));
  }

  /** `get` with the key's `stringHash` already known. */
  getHashed(key: string, h: number): T[] | undefined {
    const tag = tagOf(h);
    const tags = this.tags;
    const mask = this.mask;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const t = tags[i]!;
      if (t === 0) return undefined;
      if (t === tag && this.hashes[i] === h && this.keys[i] === key) return this.lists[i];
    }
  }

  /** The list under `text.slice(0, end)`, without making that string. */
  getPrefix(text: string, end: number): T[] | undefined {
    let h = SEED ^ 0x811c9dc5;
    for (let i = 0; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    return this.getPrefixHashed(text, end, finish(h));
  }

  /** `getPrefix` with the prefix's `stringHash` already known. */
  getPrefixHashed(text: string, end: number, h: number): T[] | undefined {
    const tag = tagOf(h);
    const tags = this.tags;
    const mask = this.mask;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const t = tags[i]!;
      if (t === 0) return undefined;
      if (t === tag && this.hashes[i] === h) {
        const key = this.keys[i]!;
        if (key.length === end && text.startsWith(key)) return this.lists[i];
      }
    }
  }

  /** Adds `item` under `key` (a list may hold an item more than once, as a Map of lists would). */
  add(key: string, item: T): void {
    const h = stringHash(key);
    let i = h & this.mask;
    for (; ; i = (i + 1) & this.mask) {
      const x = this.hashes[i]!;
      if (x === 0) break;
      if (x === h && this.keys[i] === key) {
        this.lists[i]!.push(item);
        return;
      }
    }
    this.hashes[i] = h;
    this.tags[i] = tagOf(h);
    this.keys[i] = key;
    this.lists[i] = [item];
    if (++this.count * 2 > this.mask + 1) this.grow();
  }

  /** Removes one occurrence of `item` under `key`; the key goes when its list is empty. */
  remove(key: string, item: T): void {
    const h = stringHash(key);
    let i = h & this.mask;
    for (; ; i = (i + 1) & this.mask) {
      const x = this.hashes[i]!;
      if (x === 0) return;
      if (x === h && this.keys[i] === key) break;
    }
    const list = this.lists[i]!;
    const at = list.indexOf(item);
    if (at < 0) return;
    list.splice(at, 1);
    if (list.length > 0) return;
    this.count--;
    this.deleteSlot(i);
  }

  /** Empties slot `i` and moves back later entries of the run that may no longer be reachable. */
  private deleteSlot(hole: number): void {
    const mask = this.mask;
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
      this.keys[hole] = this.keys[i];
      this.lists[hole] = this.lists[i];
      hole = i;
    }
    this.hashes[hole] = 0;
    this.tags[hole] = 0;
    this.keys[hole] = undefined;
    this.lists[hole] = undefined;
  }

  private grow(): void {
    const { hashes, keys, lists } = this;
    const size = hashes.length * 2;
    this.hashes = new Int32Array(size);
    this.tags = new Uint8Array(size);
    this.keys = new Array<string | undefined>(size).fill(undefined);
    this.lists = new Array<T[] | undefined>(size).fill(undefined);
    this.mask = size - 1;
    for (let j = 0; j < hashes.length; j++) {
      const h = hashes[j]!;
      if (h === 0) continue;
      let i = h & this.mask;
      while (this.hashes[i] !== 0) i = (i + 1) & this.mask;
      this.hashes[i] = h;
      this.tags[i] = tagOf(h);
      this.keys[i] = keys[j];
      this.lists[i] = lists[j];
    }
  }

  /** Every (key, list), in no particular order. */
  *entries(): IterableIterator<[string, T[]]> {
    for (let i = 0; i < this.hashes.length; i++) {
      if (this.hashes[i] !== 0) yield [this.keys[i]!, this.lists[i]!];
    }
  }
}
