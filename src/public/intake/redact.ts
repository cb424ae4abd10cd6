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
export class Redactor {
  private readonly patterns: RegExp[] = [];

  constructor(addresses: readonly string[]) {
    const locals = new Set<string>();
    const full = new Set<string>();
    for (const a of addresses) {
      const at = a.lastIndexOf('@');
      if (at <= 0) continue;
      full.add(a.slice(0, at));
      if (at >= 3) locals.add(a.slice(0, at));
    }
    for (const local of full)
      this.patterns.push(new RegExp(`(?<![\\p{L}\\p{N}._%+-])${escapeRegExp(local)}(?=@)`, 'giu'));
    const words = [...locals].sort((a, b) => b.length - a.length).map(escapeRegExp);
    if (words.length > 0)
      this.patterns.push(
        new RegExp(`(?<![\\p{L}\\p{N}._%+-])(?:${words.join('|')})(?![\\p{L}\\p{N}_])`, 'giu'),
      );
  }

  redact(text: string): string {
    let out = text;
    for (const p of this.patterns) out = out.replace(p, TOKEN);
    return out;
  }

  /** True for an address redact() produced, so it is never taken for an indicator. */
  static isRedacted(address: string): boolean {
    return address.toUpperCase().startsWith(`${TOKEN}@`);
  }
}
