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
}

export interface PromoteResult {
  reports: number;
  indicators: { id: string; kind: string; value: string; status: string }[];
}

export const INBOX = '/api/v1/intake/inbox';
/** The most reports the inbox endpoint lists at once (newest first); the page says when more exist. */
export const INBOX_LIMIT = 1000;
/** Every inbox query starts with this key, so a triage act refreshes all of them. */
export const INBOX_KEY = ['intake-inbox'] as const;

export const useInbox = (group: Grouping, status: StatusFilter) =>
  useQuery({
    queryKey: [...INBOX_KEY, group, status],
    queryFn: () => api<Inbox>(`${INBOX}${query({ group, status, limit: INBOX_LIMIT })}`),
    placeholderData: keepPreviousData,
    retry: false,
  });

/** How many reports of the inbox match the status filter, by the server's counts. */
export function matching(counts: Inbox['counts'], status: StatusFilter): number {
  if (status === 'open') return counts.new + counts.promoted;
  if (status === 'all') return counts.new + counts.promoted + counts.benign;
  return counts[status];
}
