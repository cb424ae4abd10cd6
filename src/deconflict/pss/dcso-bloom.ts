/**
 * A Bloom filter in the DCSO bloom binary format (`dcso-v1` in the private-search-set meta format),
 * written from its description: a header of six little-endian 64-bit words — version flags (1),
 * capacity n, false-positive rate p (IEEE 754 double), hash count k, bit count m, elements added N —
 * then ceil(m/64) little-endian 64-bit words of bits (bit i is bit i%64 of word i/64), then optional
 * free data. The k indexes of a value come from one 64-bit FNV-1 hash h: x₀ = h, xᵢ = xᵢ₋₁ + xᵢ₋₁·i
 * (mod 2^64), index xᵢ mod m. m = ⌈n·|ln p| / ln²2⌉, k = ⌈ln 2 · m / n⌉.
 *
 * 64-bit arithmetic runs on two 32-bit halves: FNV's prime is 2^40 + 0x1b3, so a multiply is a
 * shift and a small product, with no BigInt in the hot loop.
 */
const HEADER_BYTES = 48;
const TWO32 = 0x1_0000_0000;
/** Filters are sized for this fraction of the declared rate (see `create`). */
const SIZING_MARGIN = 0.5;

export class DcsoBloom {
  /** Elements added that set at least one new bit (the format's N). */
  count = 0;
  private readonly words: Uint32Array; // two per 64-bit word, low half first
  private readonly idx: Float64Array;
  private readonly pow32: number; // 2^32 mod m
  /** m ≤ 2^26: (x mod m)·(2^32 mod m) stays exact in a double; larger filters take BigInt. */
  private readonly small: boolean;

  private constructor(
    readonly capacity: number,
    readonly fpRate: number,
    readonly k: number,
    readonly m: number,
    words?: Uint32Array,
  ) {
    if (m > 2 ** 40) throw new Error(`bloom filter of ${String(m)} bits is too large`);
    this.words = words ?? new Uint32Array(Math.ceil(m / 64) * 2);
    this.idx = new Float64Array(k);
    this.pow32 = TWO32 % m;
    this.small = m <= 2 ** 26;
  }

  /**
   * An empty filter for `capacity` values that keeps its false-positive rate within `fpRate`.
   * The format's own sizing (m = ⌈n·|ln p| / ln²2⌉) assumes independent hashes; the DCSO index
   * sequence multiplies one hash by (i+1)!, so with an even m whole residues go unused (measured 7.7%
   * at a declared 1%). Sizing here takes an odd m, computed for p/2, which measures below p; readers
   * take m and k from the header, so the file stays dcso-v1 and declares `fpRate`.
   */
  static create(capacity: number, fpRate: number): DcsoBloom {
    if (!(Number.isInteger(capacity) && capacity > 0)) throw new Error('capacity must be a positive integer');
    if (!(fpRate > 0 && fpRate < 1)) throw new Error('false-positive rate must be between 0 and 1');
    const m = Math.ceil(Math.abs((capacity * Math.log(fpRate * SIZING_MARGIN)) / Math.LN2 ** 2)) | 1;
    const k = Math.ceil((Math.LN2 * m) / capacity);
    return new DcsoBloom(capacity, fpRate, k, m);
  }

  /** Reads the binary format (extra data after the bit words is ignored). */
  static read(buf: Uint8Array): DcsoBloom {
    if (buf.length < HEADER_BYTES) throw new Error('bloom filter: shorter than its header');
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    const u64 = (i: number) => view.getUint32(i * 8, true) + view.getUint32(i * 8 + 4, true) * TWO32;
    if ((view.getUint32(0, true) & 0xff) !== 1) throw new Error('bloom filter: version is not 1 (dcso-v1)');
    const [n, p, k, m, count] = [u64(1), view.getFloat64(16, true), u64(3), u64(4), u64(5)];
    if (m === 0 || k === 0 || k > 64) throw new Error('bloom filter: impossible dimensions');
    const bytes = Math.ceil(m / 64) * 8;
    if (buf.length < HEADER_BYTES + bytes) throw new Error('bloom filter: bits truncated');
    const words = new Uint32Array(bytes / 4);
    for (let i = 0; i < words.length; i++) words[i] = view.getUint32(HEADER_BYTES + i * 4, true);
    const filter = new DcsoBloom(n, p, k, m, words);
    filter.count = count;
    return filter;
  }

  /** The binary format. */
  write(): Buffer {
    const out = Buffer.alloc(HEADER_BYTES + this.words.length * 4);
    const put64 = (i: number, v: number) => {
      out.writeUInt32LE(v % TWO32, i * 8);
      out.writeUInt32LE(Math.floor(v / TWO32), i * 8 + 4);
    };
    put64(0, 1);
    put64(1, this.capacity);
    out.writeDoubleLE(this.fpRate, 16);
    put64(3, this.k);
    put64(4, this.m);
    put64(5, this.count);
    for (let i = 0; i < this.words.length; i++) out.writeUInt32LE(this.words[i]!, HEADER_BYTES + i * 4);
    return out;
  }

  /** Computes the k bit indexes of `value` into this.idx. */
  private fingerprint(value: Uint8Array): void {
    // FNV-1 64: offset basis 0xcbf29ce484222325; per byte multiply by the prime, then xor.
    let hi = 0xcbf29ce4;
    let lo = 0x84222325;
    for (let i = 0; i < value.length; i++) {
      const l = lo * 0x1b3;
      const carry = Math.floor(l / TWO32);
      hi = (hi * 0x1b3 + carry + ((lo << 8) >>> 0)) % TWO32;
      lo = ((l % TWO32) ^ value[i]!) >>> 0;
    }
    let xh = hi;
    let xl = lo;
    const m = this.m;
    for (let i = 0; i < this.k; i++) {
      // x = x + x * i (mod 2^64)
      const pl = xl * i;
      const ph = xh * i + Math.floor(pl / TWO32);
      const sl = xl + (pl % TWO32);
      xl = sl % TWO32;
      xh = (xh + ph + Math.floor(sl / TWO32)) % TWO32;
      this.idx[i] = this.small
        ? ((((xh % m) * this.pow32) % m) + xl) % m
        : Number((BigInt(xh) * 0x1_0000_0000n + BigInt(xl)) % BigInt(m));
    }
  }

  /** Adds a value (its UTF-8 bytes when a string). */
  add(value: Uint8Array | string): void {
    this.fingerprint(typeof value === 'string' ? Buffer.from(value) : value);
    let fresh = false;
    for (let i = 0; i < this.k; i++) {
      const bit = this.idx[i]!;
      const word = Math.floor(bit / 32);
      const mask = 1 << (bit % 32);
      if ((this.words[word]! & mask) === 0) {
        fresh = true;
        this.words[word] = this.words[word]! | mask;
      }
    }
    if (fresh) this.count++;
  }

  /** Whether the value may be in the set (false: certainly not). */
  has(value: Uint8Array | string): boolean {
    this.fingerprint(typeof value === 'string' ? Buffer.from(value) : value);
    for (let i = 0; i < this.k; i++) {
      const bit = this.idx[i]!;
      if ((this.words[Math.floor(bit / 32)]! & (1 << (bit % 32))) === 0) return false;
    }
    return true;
  }
}
