import type { VictimNotifications } from './victim-notifications.js';

/**
 * One abuse report in X-ARF v4 JSON (the `Version: 4` format of ReporterInfo and Report that abuse
 * desks parse): class `Activity`, type `Compromised`, the victim as Source with its SourceType.
 */
export interface XarfReport {
  Version: '4';
  ReporterInfo: { ReporterOrg: string; ReporterOrgDomain?: string; ReporterOrgEmail?: string };
  Disclosure: boolean;
  Report: {
    ReportClass: 'Activity';
    Category: 'Compromised';
    ReportType: 'Compromised' | 'Victim';
    Date: string;
    SourceType: 'IPv4' | 'IPv6' | 'IPv4-CIDR' | 'IPv6-CIDR' | 'Domain' | 'URI' | 'Identity';
    Source: string;
    Ongoing: boolean;
    Description: string;
  };
}

function sourceType(kind: string, value: string): XarfReport['Report']['SourceType'] {
  switch (kind) {
    case 'ipv4':
      return 'IPv4';
    case 'ipv6':
      return 'IPv6';
    case 'cidr':
      return value.includes(':') ? 'IPv6-CIDR' : 'IPv4-CIDR';
    case 'domain':
      return 'Domain';
    case 'url':
      return 'URI';
    default:
      return 'Identity';
  }
}

export function xarfReport(t: {
  reporter: string;
  operation: string;
  kind: string;
  value: string;
  date: string;
}): XarfReport {
  const host = t.kind !== 'victim-group';
  return {
    Version: '4',
    ReporterInfo: { ReporterOrg: t.reporter },
    Disclosure: false,
    Report: {
      ReportClass: 'Activity',
      Category: 'Compromised',
      ReportType: host ? 'Compromised' : 'Victim',
      Date: t.date,
      SourceType: sourceType(t.kind, t.value),
      Source: t.value,
      Ongoing: true,
      Description: host
        ? `This host was found compromised during a law-enforcement operation; please notify its owner and help clean it.`
        : `Victims identified during a law-enforcement operation; please notify them.`,
    },
  };
}

const csvCell = (v: string | number | null) => {
  const s = v === null ? '' : String(v);
  // Quote every cell, and defuse formulas for spreadsheets.
  return `"${(/^[=+\-@\t\r]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"`;
};

/** The same notifications as CSV, one line per victim, with its recipient. */
export function notificationsCsv(n: VictimNotifications): string {
  const lines = ['recipient_type,recipient,asn,country,source_type,source,date'];
  for (const b of n.recipients)
    for (const r of b.reports)
      lines.push(
        [
          b.recipient.type,
          b.recipient.name,
          b.recipient.asn,
          b.recipient.country,
          r.Report.SourceType,
          r.Report.Source,
          r.Report.Date,
        ]
          .map(csvCell)
          .join(','),
      );
  return `${lines.join('\n')}\n`;
}
