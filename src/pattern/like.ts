/**
 * SQL-style LIKE (`%` any run, `_` one character) compiled to an anchored RegExp. Matching is over
 * NFC-normalised text so canonically equivalent strings match, as the reference matcher does.
 */
export function likeToRegExp(like: string): RegExp {
  let src = '^';
  for (const ch of like.normalize('NFC')) {
    if (ch === '%') src += '[^]*';
    else if (ch === '_') src += '[^]';
    else src += ch.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
  }
  return new RegExp(`${src}$`, 'u');
}
