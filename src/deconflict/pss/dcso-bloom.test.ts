import { describe, expect, it } from 'vitest';
import { DcsoBloom } from './dcso-bloom.js';

/** FNV-1 64 and the DCSO index sequence written the slow, obvious way, to check the fast one. */
function referenceIndexes(value: string, k: number, m: number): number[] {
  const mask = (1n << 64n) - 1n;
  let h = 0xcbf29ce484222325n;
  for (const b of Buffer.from(value)) h = ((h * 0x100000001b3n) & mask) ^ BigInt(b);
  const out: number[] = [];
  let x = h;
  for (let i = 0n; i < BigInt(k); i++) {
    x = (x + x * i) & mask;
    out.push(Number(x % BigInt(m)));
  }
  return out;
}

/** A small deterministic generator (mulberry32), so the statistical test is reproducible. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('DcsoBloom', () => {
  it('sizes the filter as the format says', () => {
    const f = DcsoBloom.create(10_000, 0.001);
    expect(f.m).toBe(Math.ceil((10_000 * Math.abs(Math.log(0.0005))) / Math.LN2 ** 2) | 1);
    expect(f.m % 2).toBe(1);
    expect(f.k).toBe(11);
  });

  it('sets exactly the bits of the FNV-1 index sequence', () => {
    for (const m of [1000, 14_377_588, 2 ** 27 + 3]) {
      const f = DcsoBloom.create(1, 0.5);
      // A filter of m bits and k = 7, read back from a handmade header.
      const header = Buffer.alloc(48 + Math.ceil(m / 64) * 8);
      header.writeUInt32LE(1, 0);
      header.writeUInt32LE(100, 8);
      header.writeDoubleLE(0.01, 16);
      header.writeUInt32LE(7, 24);
      header.writeUInt32LE(m % 2 ** 32, 32);
      header.writeUInt32LE(Math.floor(m / 2 ** 32), 36);
      const g = DcsoBloom.read(header);
      for (const v of [
        '',
        'a',
        'foobar',
        'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      ]) {
        g.add(v);
        const bytes = g.write();
        for (const bit of referenceIndexes(v, 7, m)) {
          const word = bytes.readBigUInt64LE(48 + Math.floor(bit / 64) * 8);
          expect((word >> BigInt(bit % 64)) & 1n).toBe(1n);
        }
      }
      expect(f.has('anything')).toBe(false);
    }
  });

  it('round-trips through the binary format', () => {
    const f = DcsoBloom.create(1000, 0.01);
    for (let i = 0; i < 500; i++) f.add(`value-${String(i)}`);
    const g = DcsoBloom.read(f.write());
    expect([g.capacity, g.fpRate, g.k, g.m, g.count]).toEqual([f.capacity, f.fpRate, f.k, f.m, f.count]);
    for (let i = 0; i < 500; i++) expect(g.has(`value-${String(i)}`)).toBe(true);
    expect(() => DcsoBloom.read(Buffer.alloc(10))).toThrow(/header/);
    const bad = f.write();
    bad[0] = 2;
    expect(() => DcsoBloom.read(bad)).toThrow(/version/);
  });

  it('keeps its measured false-positive rate within the declared rate (fixed seed)', () => {
    const random = rng(20261207);
    const hex = () => Array.from({ length: 8 }, () => Math.floor(random() * 2 ** 32).toString(16)).join('');
    for (const [n, p] of [
      [20_000, 0.01],
      [50_000, 0.001],
      [30_000, 0.05],
    ] as const) {
      const f = DcsoBloom.create(n, p);
      const members = new Set<string>();
      while (members.size < n) members.add(hex());
      for (const v of members) f.add(v);
      for (const v of members) expect(f.has(v)).toBe(true);
      const probes = 200_000;
      let fp = 0;
      for (let i = 0; i < probes; i++) {
        const v = `probe:${hex()}`;
        if (f.has(v)) fp++;
      }
      // Filled to capacity, the rate is at most p; allow 3 standard deviations of sampling noise.
      const bound = p + 3 * Math.sqrt((p * (1 - p)) / probes);
      expect(fp / probes).toBeLessThanOrEqual(bound);
    }
  });
});
