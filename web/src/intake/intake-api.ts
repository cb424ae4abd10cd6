import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, query } from '../api/client.js';

/** The shapes of GET /api/v1/intake/inbox and its acts (src/http/intake/intake-triage.schema.ts). */
export const GROUPINGS = ['url', 'sender', 'campaign'] as const;
export type Grouping = (typeof GROUPINGS)[number];
export const STATUSES = ['open', 'new', 'promoted', 'benign', 'all'] as const;
export type StatusFilter = (typeof STATUSES)[number];

export interface InboxReport {
  id: string;
  kind: string;
  received: string;
  status: string;
  subject: string | null;
  sender: string | null;
  campaign: string | null;
  contact: string | null;
  partner: string | null;
  stix_report_id: string;
  values: { kind: string; value: string }[];
}

export interface InboxGroup {
  key: string;
  label: string;
  count: number;
  first: string;
  last: string;
  reports: InboxReport[];
}

export interface Inbox {
  triage: { allowed: boolean; reason: string | null };
  counts: { new: number; promoted: number; benign: number };
  groups: InboxGroup[];
  /** Groups and distinct reports of the whole filter, across all pages. */
  total: { groups: number; reports: number };
  page: { size: number; next: string | null; previous: string | null };
}

export interface PromoteResult {
  reports: number;
  indicators: { id: string; kind: string; value: string; status: string }[];
}

export const INBOX = '/api/v1/intake/inbox';
/** Groups per page; the server pages them (keyset over a snapshot), so every report is reachable. */
export const INBOX_PAGE = 20;
/** Every inbox query starts with this key, so a triage act refreshes all of them. */
export const INBOX_KEY = ['intake-inbox'] as const;

/** One page of the inbox; `cursor` is page.next or page.previous of the page shown, else the first. */
export const useInbox = (group: Grouping, status: StatusFilter, cursor: string | undefined) =>
  useQuery({
    queryKey: [...INBOX_KEY, group, status, cursor ?? ''],
    queryFn: () => api<Inbox>(`${INBOX}${query({ group, status, size: INBOX_PAGE, cursor })}`),
    placeholderData: keepPreviousData,
    retry: false,
  });

/** How many reports of the inbox match the status filter, by the server's counts. */
export function matching(counts: Inbox['counts'], status: StatusFilter): number {
  if (status === 'open') return counts.new + counts.promoted;
  if (status === 'all') return counts.new + counts.promoted + counts.benign;
  return counts[status];
}
