/**
 * Default sid range: 1,100,000,000 - 2,099,999,999. Above the ranges public rule sets use (Snort/Talos
 * below 1M, local rules 1M-2M, Emerging Threats 2M-3M, ...) and below 2^31 for tools that keep sids in a
 * signed int. A range this wide keeps hash collisions rare even for millions of rules, so probing stays
 * cheap and almost every sid depends on its key alone.
 */
export const DEFAULT_SID_BASE = 1_100_000_000;
export const DEFAULT_SID_RANGE = 1_000_000_000;

/** FNV-1a, 32 bits: fast, stable across runs and platforms, good enough spread for sids. */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * Stable sids: a rule's sid is `base + hash(key) mod range`, where the key is the indicator id plus the
 * rule variant, so the same indicator gets the same sid in every export and a new version only bumps rev.
 * When two keys collide within one export, the later one (in export order) probes upward, wrapping
 * inside the range, to the next free sid: deterministic for the same input, and never a duplicate.
 */
export class SidAllocator {
  /** Offsets from base, not sids: offsets stay small integers (V8 Smis), so a Set of millions stays cheap. */
  private readonly used = new Set<number>();

  constructor(
    private readonly base: number = DEFAULT_SID_BASE,
    private readonly range: number = DEFAULT_SID_RANGE,
  ) {
    if (
      !Number.isInteger(base) ||
      !Number.isInteger(range) ||
      base < 1 ||
      range < 1 ||
      base + range > 2 ** 32
    ) {
      throw new Error(`invalid sid range: base ${base}, size ${range}`);
    }
  }

  /** The sid a key gets when nothing collides with it. */
  preferred(key: string): number {
    return this.base + (fnv1a32(key) % this.range);
  }

  allocate(key: string): number {
    if (this.used.size >= this.range) {
      throw new Error(`sid range exhausted: ${this.range} sids from ${this.base} are all in use`);
    }
    let offset = fnv1a32(key) % this.range;
    while (this.used.has(offset)) offset = (offset + 1) % this.range;
    this.used.add(offset);
    return this.base + offset;
  }
}
