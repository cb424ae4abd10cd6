import { createHash } from 'node:crypto';
import { invalidInput, payloadTooLarge } from '../../../errors.js';
import { detectObservable } from '../../../observable/index.js';
import type { Observable } from '../../../observable/index.js';
import { joinPath, where } from '../../../stix/issues.js';
import { emailContent } from '../email-content.js';
import { INTAKE_LIMITS } from '../intake-limits.js';
import type { IntakeContent } from '../intake-values.js';
import { parseEmail } from '../parse-email.js';
import { XarfReport } from './xarf-schema.js';

/** Fields that hold the reporting parties' own data, never scanned for indicators. */
const NOT_SCANNED = new Set(['reporter', 'sender', 'evidence', '_internal', 'xarf_version', 'report_id']);

function strings(value: unknown, out: string[]): void {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value !== null && typeof value === 'object') for (const v of Object.values(value)) strings(v, out);
}

/**
 * An X-ARF v4 report as intake content. Validation errors name the JSON path of each problem
 * (`invalid_xarf`, 400); evidence of type message/rfc822 is parsed as an e-mail (with the e-mail's
 * limits and errors, located by evidence index), text evidence is scanned, other evidence is
 * kept as its SHA-256. The partner is credited as `partnerOrg`.
 */
export async function xarfContent(body: unknown, partnerOrg: string): Promise<IntakeContent> {
  const parsed = XarfReport.safeParse(body);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 20).map((i) => ({
      path: i.path.reduce<string>((p, k) => joinPath(p, typeof k === 'symbol' ? String(k) : k), ''),
      message: i.message,
    }));
    throw invalidInput(
      'invalid_xarf',
      `not an X-ARF v4 report: ${issues.map((i) => `${where(i.path)}: ${i.message}`).join('; ')}`,
      { issues },
    );
  }
  const report = parsed.data;
  const scanned: string[] = [];
  for (const [key, value] of Object.entries(report)) if (!NOT_SCANNED.has(key)) strings(value, scanned);
  const known: Observable[] = [];
  const source = detectObservable(report.source_identifier);
  if (source !== null) known.push(source);
  let subject = typeof report.subject === 'string' ? report.subject : (report.description ?? '');
  let sender = typeof report.smtp_from === 'string' ? report.smtp_from : report.source_identifier;
  const reporterAddresses = [report.reporter.contact, report.sender.contact];
  for (const [i, item] of (report.evidence ?? []).entries()) {
    const bytes = Buffer.from(item.payload, 'base64');
    const type = item.content_type.toLowerCase().split(';')[0]!.trim();
    if (type === 'message/rfc822' || type === 'text/email') {
      const email = await parseEmail(bytes).catch((e: unknown) => {
        if (e instanceof Error) e.message = `evidence[${String(i)}] (${type}): ${e.message}`;
        throw e;
      });
      const c = emailContent(email, { reporter: reporterAddresses }, 'xarf');
      scanned.push(c.text);
      known.push(...c.known);
      reporterAddresses.push(...c.reporter);
      if (subject === '') subject = c.subject ?? '';
      if (c.sender !== null && sender === report.source_identifier) sender = c.sender;
    } else if (bytes.byteLength > INTAKE_LIMITS.attachmentBytes)
      throw payloadTooLarge(
        `evidence[${String(i)}] is ${String(bytes.byteLength)} bytes; at most ${String(INTAKE_LIMITS.attachmentBytes)}`,
      );
    else if (type.startsWith('text/') || type === 'application/json') scanned.push(bytes.toString('utf8'));
    else if (!type.startsWith('image/'))
      known.push({ kind: 'sha256', value: createHash('sha256').update(bytes).digest('hex') });
  }
  return {
    kind: 'xarf',
    subject: `${report.category}/${report.type}${subject === '' ? '' : `: ${subject}`}`.slice(0, 200),
    sender,
    text: scanned.join('\n'),
    known,
    reporter: reporterAddresses.map((a) => a.toLowerCase()),
    contact: null,
    partnerOrg,
  };
}
