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
