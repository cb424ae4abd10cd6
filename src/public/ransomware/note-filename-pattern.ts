/**
 * The galaxy writes variable parts of note file names many ways: `[victim_id]`, `<random>`,
 * `#COMPUTER-NAME#`, `{id}`, `*`, and regex fragments such as `[0-9]{4}` or `(bmp|htm)`. This turns
 * such a name into a whole-name matcher, or null when what is left is too vague to mean anything.
 *
 * A placeholder matches only what it says: one that gives a length (`<5_chars>`, `[3_random_chars]`,
 * `[A-Z0-9]{4-8}`) that many characters, one of digits (`<number>`, `[0-9]`) digits, any other
 * (`[victim_id]`, `<random>`) one or more characters but no dot, so `README<number>.txt` is not taken
 * for every `readme….txt`; only `*` and placeholders standing for a file name (`<encrypted_filename>`)
 * may span dots.
 */
const PLACEHOLDER =
  /\[[^\]]*\](?:\{\d+(?:[,-]\d*)?\}|[+*])?|<[^>]*>|#[A-Z][A-Z_-]*#|\{[^}]*\}|\([^)]*\|[^)]*\)|\*/g;

/**
 * `#…#` is the galaxy's way of writing a machine's or a time's value (`#COMPUTER-NAME#`), but some
 * notes are literally called `#RECOVERY_FILES#.txt`: only words that name a value make it a placeholder.
 */
const HASH_VALUE = /^#[A-Z_-]*(?:NAME|TIME|DATE|ID|USER|RANDOM|COMPUTER|HOST|NUMBER|PC)[A-Z_-]*#$/;

/** Fewest literal characters a pattern must keep (`<random>.txt` keeps 4 and is refused). */
export const MIN_LITERAL = 6;

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function placeholders(name: string): RegExpExecArray[] {
  PLACEHOLDER.lastIndex = 0;
  return [...name.matchAll(PLACEHOLDER)].filter((m) => !m[0].startsWith('#') || HASH_VALUE.test(m[0]));
}

export function isPatternName(name: string): boolean {
  return placeholders(name).length > 0;
}

/** The regular expression one placeholder stands for. */
function placeholderSource(p: string): string {
  if (p === '*') return '.*';
  const lower = p.toLowerCase();
  const alternatives = /^\(([^)]*\|[^)]*)\)$/.exec(p);
  if (alternatives !== null)
    return `(?:${alternatives[1]!
      .toLowerCase()
      .split('|')
      .map((a) => escape(a))
      .join('|')})`;
  if (/file.?name|extension/.test(lower)) return '.+';
  const unit = /\[0-9\]|number|digit/.test(lower) ? '\\d' : '[^.]';
  const count =
    /\{(\d+)(?:[,-](\d*))?\}/.exec(lower) ??
    /(\d+)[_ ]*(?:random[_ ]*)?(?:chars?|characters?|letters?|numbers?|digits?)/.exec(lower);
  if (count !== null) {
    const [, least, most] = count;
    return most === undefined ? `${unit}{${least!}}` : `${unit}{${least!},${most}}`;
  }
  return `${unit}+`;
}

export function noteNamePattern(name: string): RegExp | null {
  const trimmed = name.trim();
  const found = placeholders(trimmed);
  const literal: string[] = [];
  let source = '';
  let at = 0;
  for (const m of found) {
    const text = trimmed.slice(at, m.index).toLowerCase();
    literal.push(text);
    source += escape(text) + placeholderSource(m[0]);
    at = m.index + m[0].length;
  }
  const tail = trimmed.slice(at).toLowerCase();
  literal.push(tail);
  source += escape(tail);
  if (literal.join('').replace(/[^\p{L}\p{N}]/gu, '').length < MIN_LITERAL) return null;
  return new RegExp(`^${source}$`, 's');
}

/** A file name as compared: lower-case, trimmed, without a directory. */
export function normaliseNoteName(name: string): string {
  const parts = name.trim().split(/[\\/]/);
  return parts[parts.length - 1]!.trim().toLowerCase();
}
