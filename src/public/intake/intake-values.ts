import { createHash } from 'node:crypto';
import { extractIndicators } from '../../ingest/text/index.js';
import type { Observable } from '../../observable/index.js';
import { normaliseObservable, observableToSco } from '../../observable/index.js';
import { INTAKE_LIMITS } from './intake-limits.js';
import { Redactor } from './redact.js';

/** What one report holds once parsed and redacted: the input of every intake path. */
export interface IntakeContent {
  kind: 'email' | 'sms' | 'url' | 'xarf' | 'arf';
  /** The e-mail's subject or the SMS's first words, redacted. */
  subject: string | null;
  /** The suspected sender: an e-mail address, or an SMS sender id / number. */
  sender: string | null;
  /** The redacted text to scan (headers worth scanning, body, comment) and keep. */
  text: string;
  /** Values known without scanning: attachment digests, the reported URL, the sender. */
  known: Observable[];
  /** The reporter's own addresses: never taken as indicators. */
  reporter: readonly string[];
  contact: string | null;
  partnerOrg: string | null;
}

/**
 * The indicators of a report, deduplicated, in order of appearance, only of kinds a STIX object can
 * hold; the reporter's addresses and redacted ones are left out. At most INTAKE_LIMITS.values.
 */
export function intakeValues(content: IntakeContent): Observable[] {
  const reporter = new Set(content.reporter.map((a) => a.toLowerCase()));
  const seen = new Set<string>();
  const out: Observable[] = [];
  const scanned = extractIndicators(content.text).observables.map(({ kind, value }) => ({ kind, value }));
  for (const raw of [...content.known, ...scanned]) {
    const value = normaliseObservable(raw.kind, raw.value);
    if (value === null) continue;
    const o: Observable = { kind: raw.kind, value };
    if (o.kind === 'email' && (reporter.has(o.value) || Redactor.isRedacted(o.value))) continue;
    if (o.value.toUpperCase().includes('REDACTED@')) continue;
    const key = `${o.kind}\u0000${o.value}`;
    if (seen.has(key) || observableToSco(o) === null) continue;
    seen.add(key);
    out.push(o);
    if (out.length >= INTAKE_LIMITS.values) break;
  }
  return out;
}

/**
 * The campaign key of a report: a digest of its subject (or SMS text) with digits, case and spacing
 * folded, so "Invoice 4711 overdue" and "invoice 9 overdue" fall together. Null without text.
 */
export function campaignKey(content: IntakeContent): string | null {
  const basis = (content.subject ?? '').trim() === '' ? content.text.slice(0, 200) : content.subject!;
  const folded = basis.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();
  if (folded === '') return null;
  return createHash('sha256')
    .update(`${content.kind === 'sms' ? 'sms' : 'mail'}\u0000${folded}`)
    .digest('hex')
    .slice(0, 16);
}
