/**
 * Every id a stored STIX JSON text references through `*_ref` / `*_refs` properties, at any depth,
 * found in the text without parsing it; undefined when the text is one the scan cannot be sure of
 * (a `\u` escape, which could spell a key, an escape inside a referenced id, a `*_refs` array holding
 * anything but plain strings), so the caller parses it instead.
 *
 * Why the text is enough: outside strings JSON has no `_`, and inside a string every `"` is escaped,
 * so `_ref"` followed by `:` can only be the end of a key named `…_ref`. The scan therefore finds every
 * reference `redactObject` could remove, and possibly more (it does not stop at depth 32): a superset,
 * which is the safe direction for deciding that nothing needs removing.
 */
export function scanReferences(text: string): string[] | undefined {
  if (text.includes('\\u')) return undefined;
  const ids: string[] = [];
  for (let at = text.indexOf('_ref'); at !== -1; at = text.indexOf('_ref', at + 4)) {
    let end = at + 4;
    const plural = text.charCodeAt(end) === S;
    if (plural) end++;
    if (text.charCodeAt(end) !== QUOTE) continue;
    const colon = skipSpace(text, end + 1);
    if (text.charCodeAt(colon) !== COLON) continue;
    const value = skipSpace(text, colon + 1);
    const found = plural ? readIdList(text, value, ids) : readId(text, value, ids);
    if (!found) return undefined;
  }
  return ids;
}

const S = 115;
const QUOTE = 34;
const COLON = 58;
const COMMA = 44;
const OPEN = 91;
const CLOSE = 93;

function skipSpace(text: string, from: number): number {
  let i = from;
  for (let c = text.charCodeAt(i); c === 32 || c === 9 || c === 10 || c === 13; c = text.charCodeAt(++i));
  return i;
}

/** The string at `from` (appended to `ids`), or the end of the string; -1 when it holds an escape. */
function readString(text: string, from: number, ids: string[]): number {
  const close = text.indexOf('"', from + 1);
  if (close === -1) return -1;
  const id = text.slice(from + 1, close);
  if (id.includes('\\')) return -1;
  ids.push(id);
  return close + 1;
}

/** A `*_ref` value: a string is a reference; anything else holds none (nested keys are scanned). */
function readId(text: string, from: number, ids: string[]): boolean {
  return text.charCodeAt(from) !== QUOTE || readString(text, from, ids) !== -1;
}

/** A `*_refs` value: an array of plain strings; not an array holds no reference. */
function readIdList(text: string, from: number, ids: string[]): boolean {
  if (text.charCodeAt(from) !== OPEN) return true;
  let i = skipSpace(text, from + 1);
  if (text.charCodeAt(i) === CLOSE) return true;
  for (;;) {
    if (text.charCodeAt(i) !== QUOTE) return false;
    i = readString(text, i, ids);
    if (i === -1) return false;
    i = skipSpace(text, i);
    const c = text.charCodeAt(i);
    if (c === CLOSE) return true;
    if (c !== COMMA) return false;
    i = skipSpace(text, i + 1);
  }
}
