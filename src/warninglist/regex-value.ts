import { compileSafeRegex } from '../pattern/safe-regex.js';
import type { RegexResult } from '../pattern/safe-regex.js';

const DELIMITED = /^\/([\s\S]*)\/([a-zA-Z]*)$/;

/**
 * A MISP regex warninglist value, written PHP-style (`/^foo\.example$/i`) or bare. Flags become
 * inline PCRE flags so the pattern module's safe compiler (which refuses catastrophic backtracking
 * shapes) can vet it: these run on every imported value.
 */
export function compileWarninglistRegex(value: string): RegexResult {
  const m = DELIMITED.exec(value);
  if (m === null) return compileSafeRegex(value);
  const flags = m[2]!;
  if (/[^ims]/.test(flags))
    return { ok: false, message: `unsupported regex flags "${flags}" (only i, m, s)` };
  return compileSafeRegex(flags === '' ? m[1]! : `(?${flags})${m[1]!}`);
}
