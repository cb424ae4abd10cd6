/** Word shingles of a note: what note-text similarity compares. */
export const SHINGLE_WORDS = 5;

/** Lower-case words of letters and digits (any script), at most `limit` of them. */
export function words(text: string, limit = 20_000): string[] {
  const out: string[] = [];
  for (const m of text.toLowerCase().matchAll(/[\p{L}\p{N}]+/gu)) {
    out.push(m[0]);
    if (out.length >= limit) break;
  }
  return out;
}

/** The distinct runs of SHINGLE_WORDS consecutive words, joined by spaces. */
export function shingles(text: string): Set<string> {
  const w = words(text);
  const out = new Set<string>();
  for (let i = 0; i + SHINGLE_WORDS <= w.length; i++) out.add(w.slice(i, i + SHINGLE_WORDS).join(' '));
  return out;
}

/**
 * The words of a text as `words` gives them, and for each whether it was written with a capital
 * (`Ryuk`, `CONTI`, `LockBit`): a family name in prose is a proper noun.
 */
export function casedWords(text: string, limit = 20_000): { words: string[]; capital: boolean[] } {
  const out: string[] = [];
  const capital: boolean[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    const lower = m[0].toLowerCase();
    out.push(lower);
    capital.push(lower !== m[0]);
    if (out.length >= limit) break;
  }
  return { words: out, capital };
}
