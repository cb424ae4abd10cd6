import { normaliseDomain } from '../../../observable/index.js';
import type { InboxReport } from './inbox-rows.js';

export const GROUPINGS = ['url', 'sender', 'campaign', 'none'] as const;
export type Grouping = (typeof GROUPINGS)[number];

/** What grouping reads of a report (inbox-page.ts groups light rows, the rest full reports). */
export type Groupable = Pick<
  InboxReport,
  'id' | 'kind' | 'received' | 'subject' | 'sender' | 'campaign' | 'values'
>;

export interface InboxGroup<R extends Groupable = InboxReport> {
  /** `url:<host>`, `sender:<address>`, `campaign:<digest>`, `report:<id>`, or `none:` for reports with no key. */
  key: string;
  label: string;
  count: number;
  first: string;
  last: string;
  reports: R[];
}

function hostOf(url: string): string | null {
  try {
    const host = new URL(url).hostname;
    return host === '' ? null : (normaliseDomain(host) ?? host.toLowerCase());
  } catch {
    return null;
  }
}

/** The group keys of one report: the hosts of its URLs (else its domains), its sender, its campaign. */
function keysOf(r: Groupable, by: Grouping): { key: string; label: string }[] {
  if (by === 'none') return [{ key: `report:${r.id}`, label: r.subject ?? r.kind }];
  if (by === 'sender') return r.sender === null ? [] : [{ key: `sender:${r.sender}`, label: r.sender }];
  if (by === 'campaign')
    return r.campaign === null ? [] : [{ key: `campaign:${r.campaign}`, label: r.subject ?? r.campaign }];
  const hosts = r.values.filter((v) => v.kind === 'url').map((v) => hostOf(v.value));
  const domains = hosts.some((h) => h !== null)
    ? hosts.filter((h): h is string => h !== null)
    : r.values.filter((v) => v.kind === 'domain').map((v) => v.value);
  return [...new Set(domains)].map((d) => ({ key: `url:${d}`, label: d }));
}

/**
 * Groups inbox reports by URL host, sender or campaign, largest group first. A report with several
 * URL hosts is in each of their groups; one with no key for the grouping is in the `none:` group.
 */
export function groupInbox<R extends Groupable>(reports: readonly R[], by: Grouping): InboxGroup<R>[] {
  const groups = new Map<string, InboxGroup<R>>();
  for (const r of reports) {
    const keys = keysOf(r, by);
    for (const { key, label } of keys.length === 0 ? [{ key: 'none:', label: `no ${by}` }] : keys) {
      const g = groups.get(key) ?? { key, label, count: 0, first: r.received, last: r.received, reports: [] };
      g.count++;
      g.reports.push(r);
      if (r.received < g.first) g.first = r.received;
      if (r.received > g.last) g.last = r.received;
      groups.set(key, g);
    }
  }
  return [...groups.values()].sort(compareGroups);
}

/** The inbox order: largest group first, then the most recently seen, then by key (a total order). */
export function compareGroups(
  a: Pick<InboxGroup, 'count' | 'last' | 'key'>,
  b: Pick<InboxGroup, 'count' | 'last' | 'key'>,
): number {
  if (a.count !== b.count) return b.count - a.count;
  if (a.last !== b.last) return a.last > b.last ? -1 : 1;
  return a.key === b.key ? 0 : a.key < b.key ? -1 : 1;
}
