import { htmlText } from './html-text.js';
import { MappedTextBuilder } from './mapped-text.js';
import type { MappedText } from './mapped-text.js';

// Headers that carry message plumbing, not indicators: their ids look like e-mail addresses
// (`<abc@mail.example>`) and their signatures like hashes.
const SKIPPED_HEADERS = new Set([
  'message-id',
  'references',
  'in-reply-to',
  'content-type',
  'content-transfer-encoding',
  'content-disposition',
  'content-id',
  'mime-version',
  'date',
  'dkim-signature',
  'arc-seal',
  'arc-message-signature',
  'arc-authentication-results',
  'thread-index',
  'x-ms-exchange-crosstenant-id',
]);
const MAX_DEPTH = 8;

interface Part {
  headers: Map<string, string>;
  /** Header text worth scanning (skipped headers removed), with offsets. */
  headerText: MappedText;
  body: MappedText;
}

function splitPart(text: MappedText): Part {
  const m = /\r?\n\r?\n/.exec(text.text);
  const headEnd = m === null ? text.length : m.index;
  const bodyStart = m === null ? text.length : m.index + m[0].length;
  const headers = new Map<string, string>();
  const kept = new MappedTextBuilder();
  // A header runs until the next line that does not start with blank space (RFC 5322 folding).
  for (const h of text.text.slice(0, headEnd).matchAll(/^([!-9;-~]+):([^\n]*(?:\n[ \t][^\n]*)*)/gm)) {
    const name = h[1]!.toLowerCase();
    headers.set(name, h[2]!.replace(/\r?\n[ \t]+/g, ' ').trim());
    if (!SKIPPED_HEADERS.has(name))
      kept.append(text, h.index, h.index + h[0].length).push('\n', text.origin(h.index));
  }
  return { headers, headerText: kept.build(text.origin(headEnd)), body: text.slice(bodyStart) };
}

/** Quoted-printable: soft line breaks removed, `=XX` runs decoded as UTF-8 (mapped to their first `=`). */
export function decodeQuotedPrintable(text: MappedText): MappedText {
  const soft = text.replace(/=\r?\n/g, () => '');
  return soft.replace(/(?:=[0-9A-Fa-f]{2})+/g, (g) => {
    const bytes = Buffer.from(g[0]!.replaceAll('=', ''), 'hex');
    return new TextDecoder('utf-8').decode(bytes);
  });
}

function decodeBase64(text: MappedText): MappedText {
  const decoded = Buffer.from(text.text.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64').toString('utf8');
  return new MappedTextBuilder().push(decoded, text.origin(0)).build(text.origin(text.length));
}

function bodyText(part: Part, depth: number, out: MappedTextBuilder): void {
  const contentType = part.headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary\s*=\s*(?:"([^"]+)"|([^\s;]+))/i.exec(contentType);
  if (/^multipart\//i.test(contentType) && boundary !== null && depth < MAX_DEPTH) {
    const marker = `--${boundary[1] ?? boundary[2]!}`;
    const pieces = part.body.text.split(marker);
    let at = 0;
    for (const [i, piece] of pieces.entries()) {
      const start = at;
      at += piece.length + marker.length;
      // Before the first marker is the preamble; a piece starting with `--` follows the closing marker.
      if (i === 0 || piece.startsWith('--')) continue;
      const skipNewline = /^\r?\n/.exec(piece)?.[0].length ?? 0;
      partText(part.body.slice(start + skipNewline, start + piece.length), depth + 1, out, false);
    }
    return;
  }
  if (
    /^(?:image|audio|video|font)\//i.test(contentType) ||
    /^application\/(?!.*(?:json|xml|text))/i.test(contentType)
  )
    return;
  const encoding = (part.headers.get('content-transfer-encoding') ?? '').toLowerCase();
  let body = part.body;
  if (encoding === 'quoted-printable') body = decodeQuotedPrintable(body);
  else if (encoding === 'base64') body = decodeBase64(body);
  if (/^text\/html/i.test(contentType)) body = htmlText(body);
  out.append(body, 0, body.length).push('\n', body.origin(body.length));
}

function partText(text: MappedText, depth: number, out: MappedTextBuilder, withHeaders: boolean): void {
  const part = splitPart(text);
  if (withHeaders) out.append(part.headerText, 0, part.headerText.length);
  bodyText(part, depth, out);
}

/**
 * The text of an RFC 5322 message worth scanning: headers except message plumbing (Message-ID,
 * DKIM...), then each text part of the body decoded (quoted-printable, base64, HTML); attachments
 * that are not text are left out.
 */
export function emailText(message: MappedText): MappedText {
  const out = new MappedTextBuilder();
  partText(message, 0, out, true);
  return out.build(message.origin(message.length));
}
