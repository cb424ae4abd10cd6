import { MappedTextBuilder } from './mapped-text.js';
import type { MappedText } from './mapped-text.js';

const NAMED: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  sol: '/',
  colon: ':',
  period: '.',
  commat: '@',
  lsqb: '[',
  rsqb: ']',
  lpar: '(',
  rpar: ')',
  num: '#',
  percnt: '%',
  quest: '?',
  equals: '=',
};
const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]{2,8}));/g;
// Tags after which text does not continue the same word; any other tag (b, span, a...) joins.
const INLINE = new Set([
  'a',
  'abbr',
  'b',
  'bdi',
  'bdo',
  'code',
  'em',
  'font',
  'i',
  'kbd',
  'mark',
  's',
  'samp',
  'small',
  'span',
  'strong',
  'sub',
  'sup',
  'tt',
  'u',
  'var',
  'wbr',
]);
const TAG =
  /<!--[\s\S]*?(?:-->|$)|<(script|style)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)|<\/?([a-zA-Z][a-zA-Z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|<![^>]*>/gi;
const HREF = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))/gi;

function codePoint(n: number): string {
  return n > 0 && n <= 0x10ffff && (n < 0xd800 || n > 0xdfff) ? String.fromCodePoint(n) : '\ufffd';
}

/** Decodes character references (`&amp;`, `&#46;`, `&#x2e;`); unknown names are left as they are. */
export function decodeEntities(text: MappedText): MappedText {
  return text.replace(ENTITY, (g) => {
    if (g[1] !== undefined) return codePoint(Number(g[1]));
    if (g[2] !== undefined) return codePoint(parseInt(g[2], 16));
    return NAMED[g[3]!.toLowerCase()] ?? g[0]!;
  });
}

/**
 * The readable text of an HTML document with offsets kept: comments, scripts and styles dropped,
 * block tags turned into line breaks, entities decoded, and each link's `href` added as text right
 * after its tag, since reports often show a friendly label and put the indicator in the link.
 */
export function htmlText(html: MappedText): MappedText {
  const out = new MappedTextBuilder();
  let last = 0;
  for (const m of html.text.matchAll(TAG)) {
    const text = decodeEntities(html.slice(last, m.index));
    out.append(text, 0, text.length);
    last = m.index + m[0].length;
    const name = m[2]?.toLowerCase();
    if (name === undefined || !INLINE.has(name)) out.push('\n', html.origin(m.index));
    const attributes = m[3];
    if (attributes === undefined) continue;
    const attributesStart = m.index + m[0].indexOf(attributes, 1 + (m[2]?.length ?? 0));
    for (const href of attributes.matchAll(HREF)) {
      const value = href[1] ?? href[2] ?? href[3] ?? '';
      const start =
        attributesStart + href.index + href[0].length - value.length - (href[3] === undefined ? 1 : 0);
      out.push(' ', html.origin(start));
      const decoded = decodeEntities(html.slice(start, start + value.length));
      out.append(decoded, 0, decoded.length);
      out.push(' ', html.origin(start + value.length));
    }
  }
  const rest = decodeEntities(html.slice(last));
  out.append(rest, 0, rest.length);
  return out.build(html.origin(html.length));
}
