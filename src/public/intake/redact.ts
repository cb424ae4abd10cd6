const TOKEN = 'REDACTED';

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * RFC 6590 redaction of the reporter's own identity: each of their addresses becomes
 * `REDACTED@domain` (the domain stays, as the RFC suggests, so the targeted provider is still known)
 * and their local part on its own (a greeting, a tracking parameter) becomes `REDACTED`. Local parts
 * shorter than three characters are left, as they would match ordinary words.
 */
/** Characters that make a match part of a longer address or word when they come before / after it. */
const BEFORE = /[\p{L}\p{N}._%+-]/u;
const AFTER = /[\p{L}\p{N}_]/u;

export class Redactor {
  /** One case-insensitive alternation of every local part, longest first; boundaries checked per match. */
  private readonly pattern: RegExp | null;
  private readonly words = new Set<string>();

  constructor(addresses: readonly string[]) {
    const full = new Set<string>();
    for (const a of addresses) {
      const at = a.lastIndexOf('@');
      if (at <= 0) continue;
      const local = a.slice(0, at).toLowerCase();
      full.add(local);
      if (at >= 3) this.words.add(local);
    }
    const all = [...full].sort((a, b) => b.length - a.length).map(escapeRegExp);
    // Without the u flag and property classes the pattern compiles in microseconds, per message.
    this.pattern = all.length === 0 ? null : new RegExp(all.join('|'), 'gi');
  }

  redact(text: string): string {
    if (this.pattern === null) return text;
    return text.replace(this.pattern, (match: string, offset: number) => {
      const prev = offset > 0 ? text[offset - 1]! : '';
      if (prev !== '' && BEFORE.test(prev)) return match;
      const next = text[offset + match.length] ?? '';
      if (next === '@') return TOKEN;
      if (this.words.has(match.toLowerCase()) && (next === '' || !AFTER.test(next))) return TOKEN;
      return match;
    });
  }

  /** True for an address redact() produced, so it is never taken for an indicator. */
  static isRedacted(address: string): boolean {
    return address.toUpperCase().startsWith(`${TOKEN}@`);
  }
}
