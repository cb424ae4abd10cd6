/** Characters per gram: literals shorter than this go to the Aho-Corasick automaton instead. */
export const GRAM = 4;
/** Filter bits: 2^18 bits = 32 KiB, small enough to stay in cache while a log is scanned. */
const FILTER_BITS = 18;
const B = 31;
const B3 = B * B * B;
const WORD = /[\p{L}\p{N}]/u;

/** Filter slot of a gram hash (the top bits of a multiplicative mix). */
function slotOf(h: number): number {
  return Math.imul(h, 0x9e3779b1) >>> (32 - FILTER_BITS);
}

function gramHash(s: string, at: number): number {
  let h = 0;
  for (let i = at; i < at + GRAM; i++) h = (Math.imul(h, B) + s.charCodeAt(i)) | 0;
  return h;
}

/**
 * Finds which of many literals (each at least GRAM characters) occur in a text. Every literal is
 * filed under one of its GRAM-character substrings, the one whose filter slot holds the fewest
 * literals so far; a scan rolls a hash over the text's grams, reads one bit of a 32 KiB filter per
 * position and, only when it is set, confirms the few literals filed there with `startsWith`.
 * An Aho-Corasick automaton over thousands of literals walks a multi-megabyte transition table, a
 * cache miss per character; here a 40-character URL costs 37 reads of an array that stays in cache.
 */
export class GramScanner {
  private readonly filter = new Int32Array(1 << (FILTER_BITS - 5));
  /** Per filter slot: literal indices and the offset of their gram, flattened as pairs. */
  private readonly bySlot = new Map<number, number[]>();

  constructor(private readonly literals: readonly string[]) {
    literals.forEach((lit, idx) => {
      if (lit.length < GRAM) throw new Error(`literal shorter than ${String(GRAM)} characters`);
      let best = 0;
      let bestSize = Infinity;
      for (let at = 0; at + GRAM <= lit.length; at++) {
        // Punctuation (`/`, `.`, `:`) recurs in every URL and path: prefer grams of letters and digits.
        let size = this.bySlot.get(slotOf(gramHash(lit, at)))?.length ?? 0;
        for (let i = at; i < at + GRAM; i++) if (!WORD.test(lit[i]!)) size += 1000;
        if (size < bestSize) {
          best = at;
          bestSize = size;
        }
      }
      const slot = slotOf(gramHash(lit, best));
      let list = this.bySlot.get(slot);
      if (list === undefined) this.bySlot.set(slot, (list = []));
      list.push(idx, best);
      this.filter[slot >>> 5] = this.filter[slot >>> 5]! | (1 << (slot & 31));
    });
  }

  /**
   * Appends to `out` the index of every literal occurring in `text` (once per occurrence) and
   * returns how many it appended; no callback, so a scan allocates nothing.
   */
  scanInto(text: string, out: number[]): number {
    const n = text.length;
    if (n < GRAM) return 0;
    const start = out.length;
    const filter = this.filter;
    let h = 0;
    for (let i = 0; i < GRAM; i++) h = (Math.imul(h, B) + text.charCodeAt(i)) | 0;
    for (let i = 0; ; i++) {
      const slot = Math.imul(h, 0x9e3779b1) >>> (32 - FILTER_BITS);
      if ((filter[slot >>> 5]! & (1 << (slot & 31))) !== 0) this.confirm(text, i, slot, out);
      if (i + GRAM >= n) break;
      // Roll: drop text[i], take text[i + GRAM].
      h = (Math.imul(h - Math.imul(text.charCodeAt(i), B3), B) + text.charCodeAt(i + GRAM)) | 0;
    }
    return out.length - start;
  }

  /** Literals filed under `slot` whose gram would sit at `at` in `text`, checked in full. */
  private confirm(text: string, at: number, slot: number, out: number[]): void {
    const list = this.bySlot.get(slot)!;
    for (let j = 0; j < list.length; j += 2) {
      const idx = list[j]!;
      const from = at - list[j + 1]!;
      const lit = this.literals[idx]!;
      if (from >= 0 && from + lit.length <= text.length && text.startsWith(lit, from)) out.push(idx);
    }
  }
}
