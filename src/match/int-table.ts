/** Per-process seed, so keys cannot be chosen to pile up in one run of slots. */
const SEED = (Math.random() * 0x100000000) | 0;

/**
 * int32 key -> value hash table with open addressing (linear probing, at most half full): keys in
 * an Int32Array, occupancy in a Uint8Array. A lookup that misses — what almost every log value
 * does — reads a byte or two of one typed array and never touches a heap object, where a
 * `Map<number, V>` of thousands of entries follows a bucket chain through scattered entries, a
 * cache miss (and on a virtual machine often a TLB miss) at each step. Removal shifts the
 * following run back (no tombstones), so a table that churns stays as fast as a fresh one.
 */
export class IntTable<V> {
  private used = new Uint8Array(16);
  private keys = new Int32Array(16);
  private values: (V | undefined)[] = new Array<V | undefined>(16).fill(undefined);
  /** log2 of the capacity: slots are taken from the top bits of a multiplicative mix. */
  private bits = 4;
  private count = 0;

  get size(): number {
    return this.count;
  }

  private home(key: number): number {
    return Math.imul(key ^ SEED, 0x9e3779b1) >>> (32 - this.bits);
  }

  get(key: number): V | undefined {
    const used = this.used;
    const keys = this.keys;
    const mask = used.length - 1;
    for (let i = this.home(key); ; i = (i + 1) & mask) {
      if (used[i] === 0) return undefined;
      if (keys[i] === key) return this.values[i];
    }
  }

  set(key: number, value: V): void {
    const mask = this.used.length - 1;
    let i = this.home(key);
    for (; this.used[i] !== 0; i = (i + 1) & mask) {
      if (this.keys[i] === key) {
        this.values[i] = value;
        return;
      }
    }
    this.used[i] = 1;
    this.keys[i] = key;
    this.values[i] = value;
    if (++this.count * 2 > mask + 1) this.grow();
  }

  /** Removes `key`; true when it was present. */
  delete(key: number): boolean {
    const mask = this.used.length - 1;
    let hole = this.home(key);
    for (; ; hole = (hole + 1) & mask) {
      if (this.used[hole] === 0) return false;
      if (this.keys[hole] === key) break;
    }
    this.count--;
    // Move back later entries of the run whose home no longer lets a probe reach them.
    for (let i = (hole + 1) & mask; this.used[i] !== 0; i = (i + 1) & mask) {
      const home = this.home(this.keys[i]!);
      const reachable = hole <= i ? home > hole && home <= i : home > hole || home <= i;
      if (reachable) continue;
      this.keys[hole] = this.keys[i]!;
      this.values[hole] = this.values[i];
      hole = i;
    }
    this.used[hole] = 0;
    this.keys[hole] = 0;
    this.values[hole] = undefined;
    return true;
  }

  private grow(): void {
    const { used, keys, values } = this;
    const size = used.length * 2;
    this.used = new Uint8Array(size);
    this.keys = new Int32Array(size);
    this.values = new Array<V | undefined>(size).fill(undefined);
    this.bits++;
    this.count = 0;
    for (let j = 0; j < used.length; j++) if (used[j] !== 0) this.set(keys[j]!, values[j]!);
  }

  /** Every (key, value), in no particular order. */
  *entries(): IterableIterator<[number, V]> {
    for (let i = 0; i < this.used.length; i++) if (this.used[i] !== 0) yield [this.keys[i]!, this.values[i]!];
  }
}
