import { IntTable } from './int-table.js';
import { ipv4ToInt, ipv6ToWords, maskV4 } from './ip.js';

/**
 * CIDR index: one hash map per prefix length actually present, keyed by the network address.
 * A lookup probes only those lengths (at most 33 for IPv4, 129 for IPv6, a handful in practice),
 * so it costs O(#lengths) map probes whatever the number of networks — unlike net.BlockList,
 * which scans every rule.
 *
 * IPv4 networks of length 16 to 32 are also summarised in a typed table with one entry per /16:
 * a bit mask of the lengths that have a network inside that /16. A lookup reads that one entry and
 * probes only the lengths it names, so an address outside every indexed /16 (most log traffic)
 * costs one array read, and one that is inside costs a probe per length actually present there.
 */
export class PrefixIndex<T> {
  /**
   * IPv4 networks by prefix length (index 0..32), keyed by the masked int32 address: typed-array
   * tables, since a lookup probes one per length present and most probes miss.
   */
  private readonly v4ByLength: (IntTable<T[]> | undefined)[] = [];
  private readonly v4 = new Map<number, Map<number, Set<T>>>();
  private readonly v6 = new Map<number, Map<string, Set<T>>>();
  private v4Lengths: number[] = [];
  /** Lengths below 16, longest first (checked for every address). */
  private v4Short: number[] = [];
  /** Per /16 (the address's top 16 bits): bit `len - 16` set when a /len network lies inside it. */
  private v4Mask: Uint32Array | null = null;
  /**
   * One bit per /16: set when its `v4Mask` entry is not 0. 8 KiB that stay in cache, in front of
   * the 256 KiB mask table, which most addresses then never read.
   */
  private v4Any: Int32Array | null = null;
  /** Networks per (/16, length), for clearing mask bits on removal: key `top16 * 32 + len - 16`. */
  private readonly v4MaskCount = new Map<number, number>();
  private v6Lengths: number[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Adds a network (`10.0.0.0/8`, `2001:db8::/32`) or a single address; false when not an IP. */
  add(cidr: string, item: T): boolean {
    return this.edit(cidr, item, true);
  }

  remove(cidr: string, item: T): boolean {
    return this.edit(cidr, item, false);
  }

  private edit(cidr: string, item: T, add: boolean): boolean {
    const slash = cidr.indexOf('/');
    const addr = slash < 0 ? cidr : cidr.slice(0, slash);
    const lenText = slash < 0 ? null : cidr.slice(slash + 1);
    if (lenText !== null && !/^\d{1,3}$/.test(lenText)) return false;
    const v4 = ipv4ToInt(addr);
    if (v4 >= 0) {
      const len = lenText === null ? 32 : Number(lenText);
      if (len > 32) return false;
      const before = this.count;
      this.v4Lengths = this.bucket(this.v4, len, maskV4(v4, len), item, add, this.v4Lengths);
      this.v4Short = this.v4Lengths.filter((l) => l < 16);
      if (len >= 16 && this.count !== before) this.editMask(v4, len, add ? 1 : -1);
      // Lookup copy: arrays iterate without allocating an iterator per hit.
      const byNet = this.v4.get(len);
      const key = maskV4(v4, len);
      if (!byNet) this.v4ByLength[len] = undefined;
      else {
        const fast = this.v4ByLength[len] ?? new IntTable<T[]>();
        const set = byNet.get(key);
        if (set) fast.set(key, [...set]);
        else fast.delete(key);
        this.v4ByLength[len] = fast;
      }
      return true;
    }
    const words = ipv6ToWords(addr);
    if (!words) return false;
    const len = lenText === null ? 128 : Number(lenText);
    if (len > 128) return false;
    this.v6Lengths = this.bucket(this.v6, len, v6Key(words, len), item, add, this.v6Lengths);
    return true;
  }

  private editMask(ip: number, len: number, delta: number): void {
    const top = ip >>> 16;
    const key = top * 32 + len - 16;
    const n = (this.v4MaskCount.get(key) ?? 0) + delta;
    const mask = (this.v4Mask ??= new Uint32Array(65536));
    const any = (this.v4Any ??= new Int32Array(2048));
    if (n > 0) {
      this.v4MaskCount.set(key, n);
      mask[top] = mask[top]! | (1 << (len - 16));
    } else {
      this.v4MaskCount.delete(key);
      mask[top] = mask[top]! & ~(1 << (len - 16));
    }
    if (mask[top] !== 0) any[top >>> 5] = any[top >>> 5]! | (1 << (top & 31));
    else any[top >>> 5] = any[top >>> 5]! & ~(1 << (top & 31));
  }

  private bucket<K>(
    maps: Map<number, Map<K, Set<T>>>,
    len: number,
    key: K,
    item: T,
    add: boolean,
    lengths: number[],
  ): number[] {
    let byNet = maps.get(len);
    if (!byNet) {
      if (!add) return lengths;
      byNet = new Map();
      maps.set(len, byNet);
    }
    let set = byNet.get(key);
    if (add) {
      if (!set) byNet.set(key, (set = new Set()));
      if (!set.has(item)) {
        set.add(item);
        this.count++;
      }
    } else if (set?.delete(item)) {
      this.count--;
      if (set.size === 0) byNet.delete(key);
      if (byNet.size === 0) maps.delete(len);
    }
    return [...maps.keys()].sort((a, b) => b - a);
  }

  /** Calls `visit` for every item whose network contains the address `ip` (text). */
  lookup(ip: string, visit: (item: T) => void): void {
    const v4 = ipv4ToInt(ip);
    if (v4 >= 0) {
      this.lookupV4(v4, visit);
      return;
    }
    if (this.v6Lengths.length === 0) return;
    const words = ipv6ToWords(ip);
    if (!words) return;
    for (const len of this.v6Lengths) {
      const set = this.v6.get(len)?.get(v6Key(words, len));
      if (set) for (const item of set) visit(item);
    }
  }

  lookupV4(ip: number, visit: (item: T) => void): void {
    const byLength = this.v4ByLength;
    const mask = this.v4Mask;
    const top = ip >>> 16;
    if (mask !== null && (this.v4Any![top >>> 5]! & (1 << (top & 31))) !== 0) {
      // Longest first, as the lengths list: bit 16 is /32, bit 0 is /16.
      let bits = mask[top]!;
      while (bits !== 0) {
        const bit = 31 - Math.clz32(bits);
        bits ^= 1 << bit;
        const len = bit + 16;
        const list = byLength[len]?.get(len === 32 ? ip | 0 : ip & (-1 << (32 - len)));
        if (list) for (let j = 0; j < list.length; j++) visit(list[j]!);
      }
    }
    const short = this.v4Short;
    for (let i = 0; i < short.length; i++) {
      const len = short[i]!;
      const list = byLength[len]?.get(len === 0 ? 0 : ip & (-1 << (32 - len)));
      if (list) for (let j = 0; j < list.length; j++) visit(list[j]!);
    }
  }
}

function v6Key(words: readonly number[], len: number): string {
  let key = '';
  for (let i = 0; i < 4; i++) {
    const bits = Math.max(0, Math.min(32, len - i * 32));
    const w = words[i] ?? 0;
    const masked = bits === 0 ? 0 : bits === 32 ? w : w - (w % 2 ** (32 - bits));
    key += `${masked.toString(16)}:`;
  }
  return key;
}
