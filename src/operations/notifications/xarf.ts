import { createHash } from 'node:crypto';
import type { VictimNotifications } from './victim-notifications.js';

/** The reporting organisation as XARF v4 `contact_info`: all three fields are required. */
export interface XarfContact {
  org: string;
  contact: string;
  domain: string;
}

/** The XARF release whose schemas the reports follow (xarf.org, xarf-spec tag v4.2.0). */
export const XARF_VERSION = '4.2.0' as const;

/**
 * One abuse report in XARF v4 (`xarf-core.json` plus the `infrastructure` type schemas): a compromised
 * host or site found during an operation. Hosts (addresses, networks) are reported as `botnet` — the
 * victim machines a takedown finds talking to its C2 — and sites (domains, URLs) as a
 * `compromised_server`; a victim group, which names no host, is reported like a botnet member with
 * its identifier as the source.
 */
export type XarfReport = {
  xarf_version: typeof XARF_VERSION;
  report_id: string;
  timestamp: string;
  reporter: XarfContact;
  sender: XarfContact;
  source_identifier: string;
  category: 'infrastructure';
  evidence_source: 'threat_intelligence';
  confidence?: number;
  description: string;
  tags: string[];
} & (
  { type: 'botnet'; compromise_evidence: string } | { type: 'compromised_server'; compromise_method: string }
);

/**
 * A UUID in the version-4 layout derived from the operation and the target, so that regenerating the
 * notifications gives every report the id it had, and recipients can de-duplicate them (XARF asks for
 * a UUID v4 `report_id` "for tracking and deduplication").
 */
function reportId(operationId: string, targetId: string): string {
  const h = createHash('sha256').update(`${operationId}\u0000${targetId}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x40;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** `namespace:predicate` tags as XARF constrains them (lower case, a limited alphabet). */
function tag(namespace: string, value: string): string | undefined {
  const predicate = value
    .toLowerCase()
    .replace(/[^a-z0-9_+.-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '');
  return predicate === '' ? undefined : `${namespace}:${predicate}`;
}

const SITE_KINDS = new Set(['domain', 'url']);

export function xarfReport(t: {
  reporter: XarfContact;
  operationId: string;
  operationCode: string;
  targetId: string;
  kind: string;
  value: string;
  /** When the target was first reported: the time of the observed compromise. */
  firstSeen: string;
}): XarfReport {
  const common = {
    xarf_version: XARF_VERSION,
    report_id: reportId(t.operationId, t.targetId),
    timestamp: t.firstSeen,
    reporter: t.reporter,
    sender: t.reporter,
    source_identifier: t.value,
    category: 'infrastructure' as const,
    evidence_source: 'threat_intelligence' as const,
    tags: [tag('operation', t.operationCode), tag('target', t.kind)].filter((x) => x !== undefined),
  };
  if (SITE_KINDS.has(t.kind))
    return {
      ...common,
      type: 'compromised_server',
      compromise_method: 'unknown: found serving malicious content or C2 in operation intelligence',
      description:
        'This site was found compromised during a law-enforcement operation; please notify its owner and help clean it.',
    };
  return {
    ...common,
    type: 'botnet',
    compromise_evidence:
      t.kind === 'victim-group'
        ? 'Named as a victim in intelligence consolidated by a law-enforcement operation'
        : 'Seen in infrastructure of a law-enforcement operation (C2 communication or hosting)',
    description:
      t.kind === 'victim-group'
        ? 'Victims identified during a law-enforcement operation; please notify them.'
        : 'This host was found compromised during a law-enforcement operation; please notify its owner and help clean it.',
  };
}

const csvCell = (v: string | number | null) => {
  const s = v === null ? '' : String(v);
  // Quote every cell, and defuse formulas for spreadsheets.
  return `"${(/^[=+\-@\t\r]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"`;
};

/** The same notifications as CSV, one line per victim, with its recipient. */
export function notificationsCsv(n: VictimNotifications): string {
  const lines = ['recipient_type,recipient,asn,country,report_id,type,source,first_seen'];
  for (const b of n.recipients)
    for (const r of b.reports)
      lines.push(
        [
          b.recipient.type,
          b.recipient.name,
          b.recipient.asn,
          b.recipient.country,
          r.report_id,
          r.type,
          r.source_identifier,
          r.timestamp,
        ]
          .map(csvCell)
          .join(','),
      );
  return `${lines.join('\n')}\n`;
}
