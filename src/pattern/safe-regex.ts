/**
 * MATCHES uses PCRE syntax; we run it as a JS RegExp. A backtracking engine can take exponential
 * time on patterns like `(a+)+$`, so before compiling we refuse the shapes that cause it: a
 * repeated group that itself contains a quantifier (unless both are bounded), or a repeated
 * alternation whose branches can start with the same character. Subjects longer than MAX_SUBJECT are not tested (no match), which
 * bounds the remaining polynomial cases.
 */
export const MAX_SUBJECT = 8192;

export type RegexResult = { ok: true; regex: RegExp } | { ok: false; message: string };

interface Group {
  quantified: boolean;
  /** Contains a quantifier without an upper bound (`*`, `+`, `{n,}`). */
  unbounded: boolean;
  alternation: boolean;
  firsts: string[];
  atStart: boolean;
}

/** Where the scan of a quantifier ends and whether it repeats more than once. */
function quantifierAt(src: string, i: number): { end: number; repeats: boolean; unbounded: boolean } | null {
  const c = src[i];
  if (c === '*' || c === '+') return { end: i + 1, repeats: true, unbounded: true };
  if (c === '?') return { end: i + 1, repeats: false, unbounded: false };
  if (c === '{') {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(i, i + 32));
    if (!m) return null;
    const max = m[2] === undefined ? Number(m[1]) : m[3] === '' ? Infinity : Number(m[3]);
    return { end: i + m[0].length, repeats: max > 1, unbounded: max === Infinity };
  }
  return null;
}

/** Finds the catastrophic-backtracking shapes; returns a reason or null when the pattern is safe. */
export function backtrackingRisk(src: string): string | null {
  const stack: Group[] = [
    { quantified: false, unbounded: false, alternation: false, firsts: [], atStart: true },
  ];
  let i = 0;
  while (i < src.length) {
    const top = stack[stack.length - 1]!;
    const c = src[i]!;
    let atomEnd = i + 1;
    let first: string | null = null;
    let closed: Group | null = null;
    if (c === '\\') {
      atomEnd = i + 2;
      first = /[A-Za-z]/.test(src[i + 1] ?? '') ? null : (src[i + 1] ?? null);
    } else if (c === '[') {
      let j = i + 1;
      if (src[j] === '^') j++;
      if (src[j] === ']') j++;
      while (j < src.length && src[j] !== ']') j += src[j] === '\\' ? 2 : 1;
      atomEnd = j + 1;
    } else if (c === '(') {
      if (src[i + 1] === '?') {
        const m = /^\(\?(?:[:=!]|<[=!]|<[A-Za-z_]\w*>)/.exec(src.slice(i, i + 40));
        atomEnd = i + (m ? m[0].length : 2);
      }
      stack.push({ quantified: false, unbounded: false, alternation: false, firsts: [], atStart: true });
      i = atomEnd;
      continue;
    } else if (c === ')') {
      if (stack.length > 1) closed = stack.pop()!;
    } else if (c === '|') {
      top.alternation = true;
      top.atStart = true;
      i++;
      continue;
    } else if (!'^$.'.includes(c)) {
      first = c;
    }
    const target = stack[stack.length - 1]!;
    if (closed === null && target.atStart && c !== '^') {
      target.firsts.push(first ?? '\u0000any');
      target.atStart = false;
    } else if (closed !== null && target.atStart) {
      target.firsts.push(...closed.firsts);
      target.atStart = false;
    }
    const q = quantifierAt(src, atomEnd);
    if (q) {
      if (closed && q.repeats) {
        // Bounded inside bounded (`(\.\d{1,3}){3}`) stays polynomial and small; anything unbounded does not.
        if (closed.quantified && (q.unbounded || closed.unbounded)) {
          return 'a repeated group contains a quantifier (nested quantifiers)';
        }
        if (closed.alternation && new Set(closed.firsts).size < closed.firsts.length) {
          return 'a repeated alternation has branches that can start alike';
        }
        if (closed.alternation && closed.firsts.includes('\u0000any')) {
          return 'a repeated alternation has a branch starting with a character class';
        }
      }
      target.quantified = true;
      if (q.unbounded) target.unbounded = true;
      atomEnd = q.end;
      if (src[atomEnd] === '?' || src[atomEnd] === '+') atomEnd++;
    }
    if (closed?.quantified) target.quantified = true;
    if (closed?.unbounded) target.unbounded = true;
    i = atomEnd;
  }
  return null;
}

/** Compiles a PCRE-style pattern for MATCHES, refusing risky or unsupported ones. */
export function compileSafeRegex(pcre: string): RegexResult {
  let src = pcre.normalize('NFC');
  let flags = 'u';
  // PCRE's leading inline flags have no JS equivalent in Node 20: lift them to RegExp flags.
  const inline = /^\(\?([imsx]+)\)/.exec(src);
  if (inline) {
    if (inline[1]!.includes('x')) return { ok: false, message: 'the (?x) flag is not supported' };
    flags += [...new Set(inline[1])].join('');
    src = src.slice(inline[0].length);
  }
  const risk = backtrackingRisk(src);
  if (risk) return { ok: false, message: `regular expression refused: ${risk}` };
  try {
    return { ok: true, regex: new RegExp(src, flags) };
  } catch {
    try {
      // PCRE allows escaping any punctuation (`\@`); JS only does so outside unicode mode.
      return { ok: true, regex: new RegExp(src, flags.replace('u', '')) };
    } catch (e) {
      return {
        ok: false,
        message: `invalid regular expression: ${e instanceof Error ? e.message : String(e)}`,
      };
    }
  }
}
