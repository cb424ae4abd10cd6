import type { Kysely } from 'kysely';
import type { Viewer } from '../../../policy/viewer.js';
import { visibleCurrent } from '../../../store/objects/visible-versions.js';
import type { Database } from '../../../store/schema.js';

export const INBOX_STATUSES = ['new', 'promoted', 'benign'] as const;
export type InboxStatus = (typeof INBOX_STATUSES)[number];

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
  stixReportId: string;
  values: { kind: string; value: string }[];
}

/**
 * The inbox entries `viewer` may see: each entry is visible exactly when the STIX report it was stored
 * as is (the one visibility rule, through visibleCurrent), so only the intake organisation (and
 * administrators, as everywhere) reads the inbox. Newest first, at most `limit`.
 */
export async function inboxRows(
  db: Kysely<Database>,
  viewer: Viewer,
  opts: { statuses: readonly InboxStatus[]; ids?: readonly string[]; limit: number },
): Promise<InboxReport[]> {
  let q = visibleCurrent(db, viewer)
    .innerJoin('public_intake_reports as r', 'r.stix_report_id', 'o.id')
    .where('r.status', 'in', [...opts.statuses])
    .select([
      'r.id',
      'r.kind',
      'r.received',
      'r.status',
      'r.subject',
      'r.sender',
      'r.campaign',
      'r.contact',
      'r.partner_org',
      'r.stix_report_id',
    ])
    .orderBy('r.received', 'desc')
    .orderBy('r.id')
    .limit(opts.limit);
  if (opts.ids !== undefined) q = q.where('r.id', 'in', opts.ids.length === 0 ? [''] : [...opts.ids]);
  const rows = await q.execute();
  const values = new Map<string, { kind: string; value: string }[]>();
  for (let i = 0; i < rows.length; i += 500) {
    const ids = rows.slice(i, i + 500).map((r) => r.id);
    const found = await db
      .selectFrom('public_intake_values')
      .select(['report_id', 'kind', 'value'])
      .where('report_id', 'in', ids)
      .execute();
    for (const v of found) values.set(v.report_id, [...(values.get(v.report_id) ?? []), v]);
  }
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    received: r.received,
    status: r.status,
    subject: r.subject,
    sender: r.sender,
    campaign: r.campaign,
    contact: r.contact,
    partner: r.partner_org,
    stixReportId: r.stix_report_id,
    values: (values.get(r.id) ?? []).map(({ kind, value }) => ({ kind, value })),
  }));
}

/** How many entries of each status `viewer` may see (benign ones are hidden by default, but counted). */
export async function inboxCounts(
  db: Kysely<Database>,
  viewer: Viewer,
): Promise<Record<InboxStatus, number>> {
  const rows = await visibleCurrent(db, viewer)
    .innerJoin('public_intake_reports as r', 'r.stix_report_id', 'o.id')
    .select(['r.status', (eb) => eb.fn.countAll<number | string>().as('n')])
    .groupBy('r.status')
    .execute();
  const n = (s: string) => Number(rows.find((r) => r.status === s)?.n ?? 0);
  return { new: n('new'), promoted: n('promoted'), benign: n('benign') };
}
