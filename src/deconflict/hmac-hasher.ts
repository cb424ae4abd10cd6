import { createHash, createHmac } from 'node:crypto';

const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);
const IV = new Int32Array([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
]);
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Messages longer than this many UTF-8 bytes go to node:crypto (no value to check comes near it). */
const MAX_BYTES = 4096;

/**
 * HMAC-SHA-256 (RFC 2104, FIPS 180-4) under one key, for hashing thousands of short values a check:
 * the key's inner and outer pad blocks are compressed once, so a value of up to 55 bytes costs two
 * compressions and no object, where createHmac costs four compressions, a native object and a hex
 * string per value. The digest stays in `out` (eight big-endian words): a check reads the 52-bit
 * head for its pre-filter and makes the hex text only of the few that may hit. Its output is
 * checked against node:crypto's createHmac (hmac-hasher.test.ts), and longer inputs than any
 * value (4 KB) are handed to node:crypto.
 */
export class HmacHasher {
  /** The last digest, as eight 32-bit words (big-endian order of the SHA-256 output). */
  readonly out = new Int32Array(8);
  private readonly inner = new Int32Array(8);
  private readonly outer = new Int32Array(8);
  private readonly w = new Int32Array(64);
  private readonly block = new Uint8Array(64);
  private readonly bytes = new Uint8Array(MAX_BYTES + 128);
  private readonly encoder = new TextEncoder();

  constructor(private readonly key: Uint8Array) {
    let k = Uint8Array.from(key);
    if (k.length > 64) k = createHash('sha256').update(k).digest();
    const pad = new Uint8Array(64);
    for (const [state, fill] of [
      [this.inner, 0x36],
      [this.outer, 0x5c],
    ] as const) {
      pad.fill(fill);
      for (let i = 0; i < k.length; i++) pad[i] = k[i]! ^ fill;
      state.set(IV);
      this.compress(state, pad, 0);
    }
  }

  /** Hashes `text` (as UTF-8) into `out`. */
  hash(text: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    if (text.length * 3 > MAX_BYTES) {
      const digest = createHmac('sha256', this.key).update(text, 'utf8').digest();
      for (let i = 0; i < 8; i++) this.out[i] = digest.readInt32BE(i * 4);
      return;
    }
    const { written } = this.encoder.encodeInto(text, this.bytes);
    const state = this.out;
    state.set(this.inner);
    this.finish(state, this.bytes, written, 64);
    // Outer: the 32-byte inner digest, padded, after the outer pad block.
    const b = this.block;
    for (let i = 0; i < 8; i++) {
      const v = state[i]!;
      b[i * 4] = v >>> 24;
      b[i * 4 + 1] = v >>> 16;
      b[i * 4 + 2] = v >>> 8;
      b[i * 4 + 3] = v;
    }
    b[32] = 0x80;
    b.fill(0, 33, 62);
    b[62] = 0x03; // (64 + 32) * 8 = 768 bits
    b[63] = 0x00;
    state.set(this.outer);
    this.compress(state, b, 0);
  }

  /** The first 13 hex digits (52 bits) of the last digest, as hashHead gives them. */
  head(): number {
    return (this.out[0]! >>> 0) * 0x100000 + (this.out[1]! >>> 12);
  }

  /** The last digest as 64 lower-case hex digits. */
  hex(): string {
    let s = '';
    for (let i = 0; i < 8; i++) {
      const v = this.out[i]!;
      s += HEX[(v >>> 24) & 255]! + HEX[(v >>> 16) & 255]! + HEX[(v >>> 8) & 255]! + HEX[v & 255]!;
    }
    return s;
  }

  /** Pads `length` message bytes (after `prior` bytes already compressed) and compresses them. */
  private finish(state: Int32Array, data: Uint8Array, length: number, prior: number): void {
    const bits = (prior + length) * 8;
    let end = length + 1;
    data[length] = 0x80;
    while (end % 64 !== 56) data[end++] = 0;
    // Lengths here stay far below 2^32 bits: the high word is zero.
    data[end++] = 0;
    data[end++] = 0;
    data[end++] = 0;
    data[end++] = 0;
    data[end++] = bits >>> 24;
    data[end++] = bits >>> 16;
    data[end++] = bits >>> 8;
    data[end++] = bits;
    for (let at = 0; at < end; at += 64) this.compress(state, data, at);
  }

  private compress(state: Int32Array, data: Uint8Array, at: number): void {
    const w = this.w;
    for (let i = 0; i < 16; i++) {
      const j = at + i * 4;
      w[i] = (data[j]! << 24) | (data[j + 1]! << 16) | (data[j + 2]! << 8) | data[j + 3]!;
    }
    for (let i = 16; i < 64; i++) {
      const x = w[i - 15]!;
      const y = w[i - 2]!;
      const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) | 0;
    }
    let a = state[0]!;
    let b = state[1]!;
    let c = state[2]!;
    let d = state[3]!;
    let e = state[4]!;
    let f = state[5]!;
    let g = state[6]!;
    let h = state[7]!;
    for (let i = 0; i < 64; i++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const t1 = (h + S1 + ((e & f) ^ (~e & g)) + K[i]! + w[i]!) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      h = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    state[0] = (state[0]! + a) | 0;
    state[1] = (state[1]! + b) | 0;
    state[2] = (state[2]! + c) | 0;
    state[3] = (state[3]! + d) | 0;
    state[4] = (state[4]! + e) | 0;
    state[5] = (state[5]! + f) | 0;
    state[6] = (state[6]! + g) | 0;
    state[7] = (state[7]! + h) | 0;
  }
}
