import type { PatternError } from './ast.js';
import { errorAt } from './position.js';
import { checkTimestamp } from './timestamp.js';

export const KEYWORDS = [
  'AND',
  'OR',
  'NOT',
  'FOLLOWEDBY',
  'LIKE',
  'MATCHES',
  'ISSUPERSET',
  'ISSUBSET',
  'EXISTS',
  'LAST',
  'IN',
  'START',
  'STOP',
  'SECONDS',
  'WITHIN',
  'REPEATS',
  'TIMES',
] as const;
export type Keyword = (typeof KEYWORDS)[number];
const KEYWORD_SET = new Set<string>(KEYWORDS);

export type Punct = '=' | '!=' | '<' | '<=' | '>' | '>=' | ':' | '.' | ',' | '(' | ')' | '[' | ']' | '*';

export type Token =
  | { kind: 'int'; text: string; value: number; start: number; end: number }
  | { kind: 'float'; text: string; value: number; start: number; end: number }
  | { kind: 'string'; text: string; value: string; start: number; end: number }
  | { kind: 'bool'; text: string; value: boolean; start: number; end: number }
  | { kind: 'binary' | 'hex' | 'timestamp'; text: string; value: string; start: number; end: number }
  /** `hyphen` marks IdentifierWithHyphen, allowed only as an object type. */
  | { kind: 'ident'; text: string; value: string; hyphen: boolean; start: number; end: number }
  | { kind: 'keyword'; text: Keyword; value: Keyword; start: number; end: number }
  | { kind: 'punct'; text: Punct; value: Punct; start: number; end: number }
  | { kind: 'eof'; text: ''; value: ''; start: number; end: number };

export type LexResult = { ok: true; tokens: Token[] } | { ok: false; error: PatternError };

// eslint-disable-next-line no-control-regex -- vertical tab and form feed are whitespace in the grammar
const WS = /[ \t\r\n\u000B\u000C\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const HEX = /^(?:[0-9A-Fa-f]{2})*$/;
const IDENT_START = /[A-Za-z_]/;
const IDENT_PART = /[A-Za-z0-9_-]/;
const DIGIT = /[0-9]/;

/** Reads a quoted body starting at the opening quote; returns the decoded text and end offset. */
function readQuoted(src: string, quote: number): { value: string; end: number } | { bad: number } {
  let out = '';
  let i = quote + 1;
  while (i < src.length) {
    const c = src[i]!;
    if (c === "'") return { value: out, end: i + 1 };
    if (c === '\\') {
      const n = src[i + 1];
      if (n === "'" || n === '\\') {
        out += n;
        i += 2;
        continue;
      }
      return { bad: i };
    }
    out += c;
    i++;
  }
  return { bad: src.length };
}

/** Hand-written lexer for the STIX 2.1 patterning grammar; never throws. */
export function lex(src: string): LexResult {
  const tokens: Token[] = [];
  let i = 0;
  const fail = (at: number, message: string, expected: string[] = []): LexResult => ({
    ok: false,
    error: errorAt(src, at, message, expected),
  });
  while (i < src.length) {
    const c = src[i]!;
    if (WS.test(c)) {
      i++;
      continue;
    }
    if (c === '/' && src[i + 1] === '*') {
      const close = src.indexOf('*/', i + 2);
      if (close < 0) return fail(i, 'unterminated comment');
      i = close + 2;
      continue;
    }
    if (c === '/' && src[i + 1] === '/') {
      while (i < src.length && src[i] !== '\n' && src[i] !== '\r') i++;
      continue;
    }
    const start = i;
    if ((c === 'b' || c === 'h' || c === 't') && src[i + 1] === "'") {
      const q = readQuoted(src, i + 1);
      if ('bad' in q) return fail(start, 'unterminated or malformed literal');
      const kind = c === 'b' ? 'binary' : c === 'h' ? 'hex' : 'timestamp';
      const ok =
        kind === 'binary'
          ? BASE64.test(q.value)
          : kind === 'hex'
            ? HEX.test(q.value)
            : checkTimestamp(q.value).lexical;
      if (!ok) {
        const what = {
          binary: 'base64 binary',
          hex: 'hex (even number of hex digits)',
          timestamp: 'timestamp',
        }[kind];
        return fail(start, `invalid ${what} literal ${src.slice(start, q.end)}`);
      }
      tokens.push({ kind, text: src.slice(start, q.end), value: q.value, start, end: q.end });
      i = q.end;
      continue;
    }
    if (c === "'") {
      const q = readQuoted(src, i);
      if ('bad' in q) {
        return fail(
          q.bad,
          q.bad >= src.length ? 'unterminated string' : "invalid escape: only \\' and \\\\ are allowed",
        );
      }
      tokens.push({ kind: 'string', text: src.slice(start, q.end), value: q.value, start, end: q.end });
      i = q.end;
      continue;
    }
    if (IDENT_START.test(c)) {
      let j = i + 1;
      while (j < src.length && IDENT_PART.test(src[j]!)) j++;
      const text = src.slice(i, j);
      i = j;
      if (text === 'true' || text === 'false') {
        tokens.push({ kind: 'bool', text, value: text === 'true', start, end: j });
      } else if (KEYWORD_SET.has(text)) {
        tokens.push({ kind: 'keyword', text: text as Keyword, value: text as Keyword, start, end: j });
      } else {
        tokens.push({ kind: 'ident', text, value: text, hyphen: text.includes('-'), start, end: j });
      }
      continue;
    }
    const num = /^[+-]?(?:\d*\.\d+|0|[1-9]\d*)/.exec(src.slice(i, i + 400));
    if ((DIGIT.test(c) || c === '.' || c === '+' || c === '-') && num) {
      const text = num[0];
      const j = i + text.length;
      if (j < src.length && (DIGIT.test(src[j]!) || IDENT_START.test(src[j]!))) {
        return fail(start, `malformed number near ${src.slice(start, j + 1)}`);
      }
      const kind = text.includes('.') ? 'float' : 'int';
      tokens.push({ kind, text, value: Number(text), start, end: j });
      i = j;
      continue;
    }
    const two = src.slice(i, i + 2);
    if (two === '!=' || two === '<=' || two === '>=' || two === '==' || two === '<>') {
      const p: Punct = two === '==' ? '=' : two === '<>' ? '!=' : two;
      tokens.push({ kind: 'punct', text: p, value: p, start, end: i + 2 });
      i += 2;
      continue;
    }
    if ('=<>:.,()[]*'.includes(c)) {
      const p = c as Punct;
      tokens.push({ kind: 'punct', text: p, value: p, start, end: i + 1 });
      i++;
      continue;
    }
    return fail(i, `unexpected character ${JSON.stringify(c)}`);
  }
  tokens.push({ kind: 'eof', text: '', value: '', start: src.length, end: src.length });
  return { ok: true, tokens };
}
