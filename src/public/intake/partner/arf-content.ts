import { invalidInput } from '../../../errors.js';
import { detectObservable } from '../../../observable/index.js';
import type { Observable } from '../../../observable/index.js';
import { emailContent } from '../email-content.js';
import type { IntakeContent } from '../intake-values.js';
import { bytesOf, readMime, reduceEmail } from '../parse-email.js';
import type { ParsedEmail } from '../parse-email.js';
import { feedbackFields } from './feedback-fields.js';

const REQUIRED = ['feedback-type', 'user-agent', 'version'] as const;
const FEEDBACK_TYPES = new Set(['abuse', 'fraud', 'virus', 'other', 'not-spam', 'auth-failure', 'dmarc']);

const refused = (message: string) => invalidInput('invalid_arf', `not an ARF report (RFC 5965): ${message}`);

/**
 * An ARF report (RFC 5965: multipart/report; report-type=feedback-report) as intake content: the
 * machine-readable part's fields (Source-IP, Reported-Domain, Reported-URI, Original-Mail-From) as
 * values, the returned message (message/rfc822 or text/rfc822-headers) read like a reported e-mail,
 * with Original-Rcpt-To and the original's recipients redacted as the reporter. Errors name the
 * MIME part (`invalid_arf`, 400), or are the e-mail parser's own.
 */
export async function arfContent(raw: Uint8Array | string, partnerOrg: string): Promise<IntakeContent> {
  // The report's own headers may be only its Content-Type (a multipart/report body posted as such).
  const mime = await readMime(raw, false);
  const type = mime.headers.find((h) => h.key === 'content-type')?.value ?? '';
  if (!/^\s*multipart\/report\b/i.test(type) || !/report-type\s*=\s*"?feedback-report"?/i.test(type))
    throw refused(
      `the top-level Content-Type is "${type.slice(0, 100)}"; expected multipart/report; report-type=feedback-report`,
    );
  const partIndex = mime.attachments.findIndex((a) => a.mimeType === 'message/feedback-report');
  if (partIndex < 0) throw refused('no message/feedback-report part (the second part of the report)');
  const part = new TextDecoder().decode(bytesOf(mime.attachments[partIndex]!.content));
  const { fields, badLine } = feedbackFields(part);
  const at = 'in the message/feedback-report part';
  if (badLine !== null) throw refused(`${at}, line ${String(badLine)} is not a "Field: value" line`);
  for (const name of REQUIRED)
    if ((fields.get(name) ?? []).length !== 1) throw refused(`${at}, ${name} must appear exactly once`);
  const feedbackType = fields.get('feedback-type')![0]!.toLowerCase();
  if (!FEEDBACK_TYPES.has(feedbackType))
    throw refused(
      `${at}, Feedback-Type "${feedbackType.slice(0, 40)}" is not one RFC 5965 / 6591 / 7489 registers`,
    );
  if (fields.get('version')![0] !== '1') throw refused(`${at}, Version must be 1`);

  const original = mime.attachments.find((a) =>
    ['message/rfc822', 'text/rfc822-headers'].includes(a.mimeType),
  );
  const rcptTo = (fields.get('original-rcpt-to') ?? []).map((a) => a.replace(/[<>]/g, '').trim());
  let email: ParsedEmail | null = null;
  if (original !== undefined) {
    const inner = await readMime(bytesOf(original.content)).catch((e: unknown) => {
      if (e instanceof Error) e.message = `the ${original.mimeType} part of the ARF report: ${e.message}`;
      throw e;
    });
    email = reduceEmail(inner);
  }
  const known: Observable[] = [];
  for (const name of ['source-ip', 'reported-domain', 'reported-uri', 'original-mail-from'])
    for (const v of fields.get(name) ?? []) {
      const o = detectObservable(v.replace(/^<|>$/g, '').replace(/^mailto:/i, ''));
      if (o !== null) known.push(o);
    }
  const base = emailContent(
    email ?? {
      ...reduceEmail(mime),
      from: null,
      replyTo: [],
      headerText: '',
      attachments: [],
      text: '',
      html: '',
    },
    { reporter: rcptTo },
    'arf',
  );
  return {
    ...base,
    subject:
      `${feedbackType}${email === null || email.subject === '' ? '' : `: ${base.subject ?? ''}`}`.slice(
        0,
        200,
      ),
    sender: email?.from ?? fields.get('original-mail-from')?.[0] ?? null,
    known: [...known, ...base.known],
    partnerOrg,
  };
}
