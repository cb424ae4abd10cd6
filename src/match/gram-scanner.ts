/** Shortest gram: literals shorter than this go to the Aho-Corasick automaton instead. */
export const GRAM = 4;
/** Longest gram: longer grams collide less with ordinary text (fewer confirmations). */
export const LONG_GRAM = 6;
/** Filter bits: 2^18 bits = 32 KiB, small enough to stay in cache while a log is scanned. */
const FILTER_BITS = 18;
const B = 31;
const WORD = /[\p{L}\p{N}]/u;

/** The two filter bits of a gram hash (top bits of two multiplicative mixes). */
function slotOf(h: number): number {
  return Math.imul(h, 0x9e3779b1) >>> (32 - FILTER_BITS);
}
function slot2Of(h: number): number {
  return Math.imul(h, 0x85ebca6b) >>> (32 - FILTER_BITS);
}

/**
 * Finds which of many literals (each at least `gram` characters) occur in a text. Every literal is
 * filed under one of its `gram`-character substrings, preferring letters and digits and the least
 * used filter slot; that gram sets two bits of a 32 KiB filter. A scan rolls a hash over the
 * text's grams and reads those two bits per position; only when both are set (a real gram, or
 * about one position in ten thousand) does it confirm the literals filed there with `startsWith`.
 * An Aho-Corasick automaton over thousands of literals walks a table of a megabyte or more, a
 * cache miss per character; here a 40-character URL reads a small array that stays in cache, and
 * two bits rather than one keep confirmations, each a few cache misses, rare.
 */
export class GramScanner {
  private readonly filter = new Int32Array(1 << (FILTER_BITS - 5));
  /** Per first filter slot: literal indices and the offset of their gram, flattened as pairs. */
  private readonly bySlot = new Map<number, number[]>();
  /** B^(gram - 1), to drop the first character when rolling. */
  private readonly top: number;

  constructor(
    private readonly literals: readonly string[],
    private readonly gram: number = GRAM,
  ) {
    let top = 1;
    for (let i = 1; i < gram; i++) top = Math.imul(top, B);
    this.top = top;
    literals.forEach((lit, idx) => {
      if (lit.length < gram) throw new Error(`literal shorter than ${String(gram)} characters`);
      let best = 0;
      let bestCost = Infinity;
      for (let at = 0; at + gram <= lit.length; at++) {
        // Punctuation (`/`, `.`, `:`) recurs in every URL and path: prefer grams of letters and digits.
        let cost = this.bySlot.get(slotOf(this.hash(lit, at)))?.length ?? 0;
        for (let i = at; i < at + gram; i++) if (!WORD.test(lit[i]!)) cost += 1000;
        if (cost < bestCost) {
          best = at;
          bestCost = cost;
        }
      }
      const h = this.hash(lit, best);
      const slot = slotOf(h);
      let list = this.bySlot.get(slot);
      if (list === undefined) this.bySlot.set(slot, (list = []));
      list.push(idx, best);
      this.setBit(slot);
      this.setBit(slot2Of(h));
    });
  }

  private hash(s: string, at: number): number {
    let h = 0;
    for (let i = at; i < at + this.gram; i++) h = (Math.imul(h, B) + s.charCodeAt(i)) | 0;
    return h;
  }

  private setBit(bit: number): void {
    this.filter[bit >>> 5] = this.filter[bit >>> 5]! | (1 << (bit & 31));
  }

  /**
   * Appends to `out` the index of every literal occurring in `text` (once per occurrence) and
   * returns how many it appended; no callback, so a scan allocates nothing.
   */
  scanInto(text: string, out: number[]): number {
    const n = text.length;
    const gram = this.gram;
    if (n < gram) return 0;
    const start = out.length;
    const filter = this.filter;
    const top = this.top;
    let h = 0;
    for (let i = 0; i < gram; i++) h = (Math.imul(h, B) + text.charCodeAt(i)) | 0;
    for (let i = 0; ; i++) {
      const s1 = Math.imul(h, 0x9e3779b1) >>> (32 - FILTER_BITS);
      if ((filter[s1 >>> 5]! & (1 << (s1 & 31))) !== 0) {
        const s2 = Math.imul(h, 0x85ebca6b) >>> (32 - FILTER_BITS);
        if ((filter[s2 >>> 5]! & (1 << (s2 & 31))) !== 0) this.confirm(text, i, s1, out);
      }
      if (i + gram >= n) break;
      // Roll: drop text[i], take text[i + gram].
      h = (Math.imul(h - Math.imul(text.charCodeAt(i), top), B) + text.charCodeAt(i + gram)) | 0;
    }
    return out.length - start;
  }

  /** Literals filed under `slot` whose gram would sit at `at` in `text`, checked in full. */
  private confirm(text: string, at: number, slot: number, out: number[]): void {
    const list = this.bySlot.get(slot);
    // Both bits may be set by two different grams: then nothing is filed under the first.
    if (list === undefined) return;
    for (let j = 0; j < list.length; j += 2) {
      const idx = list[j]!;
      const from = at - list[j + 1]!;
      const lit = this.literals[idx]!;
      if (from >= 0 && from + lit.length <= text.length && text.startsWith(lit, from)) out.push(idx);
    }
  }
}
