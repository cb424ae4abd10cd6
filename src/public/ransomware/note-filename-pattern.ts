/**
 * The galaxy writes variable parts of note file names many ways: `[victim_id]`, `<random>`,
 * `#COMPUTER-NAME#`, `{id}`, `*`, and regex fragments such as `[0-9]{4}` or `(bmp|htm)`. This turns
 * such a name into a whole-name matcher, or null when what is left is too vague to mean anything.
 */
const PLACEHOLDER =
  /\[[^\]]*\](?:\{\d+(?:,\d*)?\}|[+*])?|<[^>]*>|#[A-Z][A-Z_-]*#|\{[^}]*\}|\([^)]*\|[^)]*\)|\*/g;

/** Fewest literal characters a pattern must keep (`<random>.txt` keeps 4 and is refused). */
export const MIN_LITERAL = 6;

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function isPatternName(name: string): boolean {
  PLACEHOLDER.lastIndex = 0;
  return PLACEHOLDER.test(name);
}

export function noteNamePattern(name: string): RegExp | null {
  const parts = name
    .trim()
    .split(PLACEHOLDER)
    .map((p) => p.toLowerCase());
  const literal = parts.join('');
  if (literal.replace(/[^\p{L}\p{N}]/gu, '').length < MIN_LITERAL) return null;
  return new RegExp(`^${parts.map(escape).join('.*')}$`, 's');
}

/** A file name as compared: lower-case, trimmed, without a directory. */
export function normaliseNoteName(name: string): string {
  const parts = name.trim().split(/[\\/]/);
  return parts[parts.length - 1]!.trim().toLowerCase();
}
