/** One defanging convention and what it stands for. Shared with the text extractor, which keeps offsets. */
export interface RefangRule {
  pattern: RegExp;
  /** Gets the match and its groups (`[0]` is the whole match). */
  replace: (groups: readonly string[]) => string;
}

/**
 * Defanging conventions seen in reports and feeds (iocextract, CyberChef, vendor advisories). Order
 * matters: `[://]` before `[:]`. Each pattern is global; the scheme ones are case-insensitive.
 */
export const REFANG_RULES: readonly RefangRule[] = [
  { pattern: /\bh(?:xx|\*\*)p(s?)(?!\w)/gi, replace: (g) => `http${g[1]!.toLowerCase()}` },
  { pattern: /\bfxp(s?)(?=:|\[:|\(:|\{:)/gi, replace: (g) => `ftp${g[1]!.toLowerCase()}` },
  { pattern: /\[:\/\/\]|\(:\/\/\)|\{:\/\/\}|:\[\/\/\]|\[:\]\/\//g, replace: () => '://' },
  { pattern: /\[:\]|\(:\)|\{:\}/g, replace: () => ':' },
  { pattern: /\[\/\]/g, replace: () => '/' },
  { pattern: / ?(?:\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)|\{dot\}) ?/gi, replace: () => '.' },
  { pattern: /\\\./g, replace: () => '.' },
  { pattern: / ?(?:\[at\]|\(at\)|\{at\}|\[@\]|\(@\)|\{@\}) ?/gi, replace: () => '@' },
];

/** Undoes defanging: `hxxps://evil[.]com` -> `https://evil.com`, `a[at]b[.]org` -> `a@b.org`. */
export function refang(text: string): string {
  let out = text;
  for (const rule of REFANG_RULES) {
    // String.replace passes (match, ...groups, offset, input): the groups are all but the last two.
    out = out.replace(rule.pattern, (...args: unknown[]) => rule.replace(args.slice(0, -2) as string[]));
  }
  return out;
}
