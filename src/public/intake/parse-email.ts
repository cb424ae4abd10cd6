import { createHash } from 'node:crypto';
import PostalMime from 'postal-mime';
import type { Address, Email } from 'postal-mime';
import { invalidInput, payloadTooLarge } from '../../errors.js';
import { INTAKE_LIMITS } from './intake-limits.js';

/** A reported e-mail reduced to what intake keeps: addresses, text, attachment digests. */
export interface ParsedEmail {
  from: string | null;
  replyTo: string[];
  /** Every recipient address (To, Cc, Bcc, Delivered-To, X-Original-To): the reporter, to redact. */
  recipients: string[];
  subject: string;
  /** Header lines worth scanning for indicators (Received, Return-Path, ...), unfolded. */
  headerText: string;
  text: string;
  html: string;
  attachments: { filename: string | null; mimeType: string; size: number; sha256: string }[];
}

const RECIPIENT_HEADERS = new Set(['to', 'cc', 'bcc', 'delivered-to', 'x-original-to', 'envelope-to']);

function mailboxes(list: readonly Address[] | Address | undefined): string[] {
  if (list === undefined) return [];
  // Array.isArray does not narrow a readonly array; say what each branch is.
  const all: readonly Address[] = Array.isArray(list) ? (list as readonly Address[]) : [list as Address];
  return all.flatMap((a) => (a.group === undefined ? [a.address] : a.group.map((m) => m.address)));
}

function addressesIn(value: string): string[] {
  return [...value.matchAll(/[^\s<>,;:"()[\]]+@[^\s<>,;:"()[\]]+/g)].map((m) => m[0]);
}

const PARSER_LIMITS: Record<string, string> = {
  EMAXNESTINGDEPTH: `MIME parts are nested deeper than ${String(INTAKE_LIMITS.nesting)} levels`,
  EMAXHEADERSIZE: `the headers are larger than ${String(INTAKE_LIMITS.headerBytes)} bytes`,
  EMAXPARTCOUNT: `the message has more than ${String(INTAKE_LIMITS.parts)} MIME parts`,
  EMAXFORWARDEDADDRESSES: 'the forwarded messages hold too many addresses',
};

export function bytesOf(content: ArrayBuffer | Uint8Array | string): Uint8Array {
  if (typeof content === 'string') return Buffer.from(content, 'utf8');
  return content instanceof Uint8Array ? content : new Uint8Array(content);
}

/**
 * Reads a raw e-mail (RFC 5322 + MIME) with postal-mime under the intake limits. Throws a 400
 * (`malformed_email`, `email_too_complex`) or 413 naming what was wrong; never returns half a message.
 */
export async function readMime(raw: Uint8Array | string, needHeaders = true): Promise<Email> {
  const size = typeof raw === 'string' ? Buffer.byteLength(raw, 'utf8') : raw.byteLength;
  if (size > INTAKE_LIMITS.emailBytes)
    throw payloadTooLarge(`the e-mail is ${String(size)} bytes; at most ${String(INTAKE_LIMITS.emailBytes)}`);
  let email: Email;
  try {
    email = await new PostalMime({
      attachmentEncoding: 'arraybuffer',
      maxNestingDepth: INTAKE_LIMITS.nesting,
      maxHeadersSize: INTAKE_LIMITS.headerBytes,
      maxPartCount: INTAKE_LIMITS.parts,
      maxRfc822NestingDepth: INTAKE_LIMITS.rfc822Nesting,
    }).parse(raw);
  } catch (e) {
    const code = (e as { code?: string }).code;
    const limit = code === undefined ? undefined : PARSER_LIMITS[code];
    if (limit !== undefined) throw invalidInput('email_too_complex', `e-mail refused: ${limit}`);
    throw invalidInput('malformed_email', `the e-mail could not be parsed as MIME: ${(e as Error).message}`);
  }
  if (
    needHeaders &&
    (email.headers.length === 0 ||
      !email.headers.some((h) => ['from', 'subject', 'received', 'to'].includes(h.key)))
  )
    throw invalidInput(
      'malformed_email',
      'this is not an e-mail: no From, To, Subject or Received header was found (paste the headers too)',
    );
  if (email.attachments.some((a) => a.rfc822DepthExceeded === true))
    throw invalidInput(
      'email_too_complex',
      `e-mail refused: attached messages are nested deeper than ${String(INTAKE_LIMITS.rfc822Nesting)} levels`,
    );
  if (email.attachments.length > INTAKE_LIMITS.attachments)
    throw invalidInput(
      'email_too_complex',
      `e-mail refused: ${String(email.attachments.length)} attachments; at most ${String(INTAKE_LIMITS.attachments)}`,
    );
  return email;
}

/** A raw e-mail reduced to what intake keeps (readMime's errors, and 413 for a too large attachment). */
export async function parseEmail(raw: Uint8Array | string): Promise<ParsedEmail> {
  return reduceEmail(await readMime(raw));
}

/** What intake keeps of a message postal-mime read: addresses, text, attachment digests. */
export function reduceEmail(email: Email): ParsedEmail {
  const attachments = email.attachments.map((a, i) => {
    const bytes = bytesOf(a.content);
    if (bytes.byteLength > INTAKE_LIMITS.attachmentBytes)
      throw payloadTooLarge(
        `attachment ${String(i + 1)} (${a.filename ?? 'unnamed'}) is ${String(bytes.byteLength)} bytes; at most ${String(INTAKE_LIMITS.attachmentBytes)}`,
      );
    return {
      filename: a.filename,
      mimeType: a.mimeType,
      size: bytes.byteLength,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    };
  });
  const recipients = new Set<string>(mailboxes(email.to).concat(mailboxes(email.cc), mailboxes(email.bcc)));
  const scanned: string[] = [];
  for (const h of email.headers) {
    if (RECIPIENT_HEADERS.has(h.key)) for (const a of addressesIn(h.value)) recipients.add(a);
    else if (
      [
        'received',
        'return-path',
        'reply-to',
        'from',
        'sender',
        'x-originating-ip',
        'list-unsubscribe',
      ].includes(h.key)
    )
      scanned.push(`${h.key}: ${h.value}`);
  }
  return {
    from: mailboxes(email.from)[0] ?? null,
    replyTo: mailboxes(email.replyTo),
    recipients: [...recipients].filter((a) => a.length > 0).map((a) => a.toLowerCase()),
    subject: email.subject ?? '',
    headerText: scanned.join('\n'),
    text: email.text ?? '',
    html: email.html ?? '',
    attachments,
  };
}
