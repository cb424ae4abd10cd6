/**
 * The longest literal run every match of a regular expression must contain, for an Aho-Corasick
 * prefilter (`^/admin/evil\.php$` -> `/admin/evil.php`). Returns '' when none can be proved:
 * top-level alternation, case-insensitive flags, or only classes and groups.
 */
export function requiredLiteral(src: string): string {
  if (src.startsWith('(?')) return '';
  let best = '';
  let run = '';
  let depth = 0;
  const flush = (): void => {
    if (run.length > best.length) best = run;
    run = '';
  };
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (depth > 0) {
      if (c === '\\') i++;
      else if (c === '(') depth++;
      else if (c === ')') depth--;
      else if (c === '[') i = skipClass(src, i);
      continue;
    }
    let lit: string | null = null;
    if (c === '\\') {
      const n = src[i + 1] ?? '';
      i++;
      if (/[A-Za-z0-9]/.test(n)) {
        flush();
        continue;
      }
      lit = n;
    } else if (c === '|') return '';
    else if (c === '(') {
      flush();
      depth++;
      continue;
    } else if (c === '[') {
      flush();
      i = skipClass(src, i);
      continue;
    } else if ('.^$'.includes(c)) {
      flush();
      continue;
    } else if ('*+?{'.includes(c)) {
      // A quantifier applies to the previous atom, already handled below; skip its text.
      flush();
      if (c === '{') {
        const m = /^\{\d*,?\d*\}/.exec(src.slice(i, i + 32));
        if (m) i += m[0].length - 1;
      }
      continue;
    } else lit = c;
    const q = src[i + 1];
    if (q === '*' || q === '?' || q === '{') {
      flush();
    } else if (q === '+') {
      run += lit;
      flush();
    } else run += lit;
  }
  flush();
  return best;
}

function skipClass(src: string, i: number): number {
  let j = i + 1;
  if (src[j] === '^') j++;
  if (src[j] === ']') j++;
  while (j < src.length && src[j] !== ']') j += src[j] === '\\' ? 2 : 1;
  return j;
}

/** The longest literal piece of a LIKE pattern (between `%`/`_` wildcards). */
export function likeLiteral(like: string): string {
  return like.split(/[%_]/).reduce((a, b) => (b.length > a.length ? b : a), '');
}
