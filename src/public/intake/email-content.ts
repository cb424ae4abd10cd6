import { htmlText } from '../../ingest/text/html-text.js';
import { MappedText } from '../../ingest/text/mapped-text.js';
import type { ParsedEmail } from './parse-email.js';
import { Redactor } from './redact.js';
import type { IntakeContent } from './intake-values.js';

export interface ReporterChoice {
  /** The reporter's own address(es), removed from what is kept unless they leave a contact. */
  reporter?: readonly string[];
  /** A contact the reporter chose to leave: then nothing of theirs is redacted. */
  contact?: string | undefined;
  comment?: string | undefined;
}

/**
 * A parsed e-mail as intake content: the header lines worth scanning, the plain text (or the HTML's
 * text and links) and the comment, with the recipients' addresses redacted (RFC 6590) unless the
 * reporter left a contact; the attachments as SHA-256 values; the sender and Reply-To as values.
 */
export function emailContent(
  email: ParsedEmail,
  choice: ReporterChoice,
  kind: IntakeContent['kind'] = 'email',
): IntakeContent {
  const reporter = [...email.recipients, ...(choice.reporter ?? []).map((a) => a.toLowerCase())];
  const redactor = new Redactor(choice.contact === undefined ? reporter : []);
  const html = email.html === '' ? '' : htmlText(MappedText.of(email.html)).text;
  const body = email.text.trim() === '' ? html : email.text;
  const text = [email.headerText, body, choice.comment ?? ''].filter((t) => t !== '').join('\n\n');
  const known = [...(email.from === null ? [] : [email.from]), ...email.replyTo].map((value) => ({
    kind: 'email' as const,
    value,
  }));
  return {
    kind,
    subject: redactor.redact(email.subject),
    sender: email.from,
    text: redactor.redact(text),
    known: [...known, ...email.attachments.map((a) => ({ kind: 'sha256' as const, value: a.sha256 }))],
    reporter,
    contact: choice.contact ?? null,
    partnerOrg: null,
  };
}
