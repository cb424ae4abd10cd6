import type { Kysely } from 'kysely';
import type { Viewer } from '../../../policy/viewer.js';
import { visibleCurrent } from '../../../store/objects/visible-versions.js';
import type { Database } from '../../../store/schema.js';
import { compareGroups, groupInbox } from './group-inbox.js';
import type { Groupable, Grouping, InboxGroup } from './group-inbox.js';
import { encodeInboxCursor } from './inbox-cursor.js';
import type { GroupMark, InboxCursor, Snapshot } from './inbox-cursor.js';
import { inboxRows } from './inbox-rows.js';
import type { InboxReport, InboxStatus } from './inbox-rows.js';

/** The most reports one group lists on a page (the most one triage act takes); `count` is all of them. */
export const REPORTS_PER_GROUP = 1000;
const CHUNK = 500;

export interface InboxPageQuery {
  statuses: readonly InboxStatus[];
  group: Grouping;
  /** Groups per page. */
  size: number;
  /** `group/status`, bound into the cursors so a cursor is only used with the query it came from. */
  filter: string;
  cursor?: InboxCursor;
}

export interface InboxPage {
  groups: InboxGroup[];
  total: { groups: number; reports: number };
  next: string | null;
  previous: string | null;
}

type Light = Groupable;

/**
 * One page of the inbox's groups, as `viewer` may see it (every read through visibleCurrent, as
 * inboxRows does: an entry is visible exactly when its STIX report is).
 *
 * Why the groups are computed here and not by SQL: a report's URL-host groups come from the WHATWG
 * URL parser and normaliseDomain (public-suffix aware), which neither SQLite nor PostgreSQL can
 * express. So each page reads light rows (ids, dates, sender, campaign, subject, URL and domain
 * values) of the whole filter, groups and orders them in the process, and only the page's groups get
 * their full reports. Paging is still keyset, not offset: a cursor holds the snapshot (the newest
 * report when the walk began: later reports are left to the next walk, so none shifts a page) and
 * the place of the last (or first) group shown in the total order compareGroups; the next page is
 * the groups strictly after it. A group that vanishes between pages (all of it triaged out of the
 * filter) therefore shifts nothing, where an offset would skip a group.
 */
export async function inboxPage(db: Kysely<Database>, viewer: Viewer, q: InboxPageQuery): Promise<InboxPage> {
  const upTo = q.cursor?.upTo ?? (await newest(db, viewer, q.statuses));
  if (upTo === null) return { groups: [], total: { groups: 0, reports: 0 }, next: null, previous: null };
  const light = await lightRows(db, viewer, q.statuses, upTo, q.group === 'url');
  const all = groupInbox(light, q.group);
  const mark = q.cursor?.mark;
  let from = 0;
  let to = Math.min(all.length, q.size);
  if (mark !== undefined && q.cursor?.side === 'after') {
    from = firstAfter(all, mark);
    to = Math.min(all.length, from + q.size);
  } else if (mark !== undefined) {
    to = firstAfter(all, mark, true);
    from = Math.max(0, to - q.size);
  }
  const shown = all.slice(from, to);
  const cursor = (side: 'after' | 'before', g: InboxGroup<Light>) =>
    encodeInboxCursor({ filter: q.filter, upTo, side, mark: { count: g.count, last: g.last, key: g.key } });
  return {
    groups: await withReports(db, viewer, q.statuses, shown),
    total: { groups: all.length, reports: light.length },
    next: to < all.length && shown.length > 0 ? cursor('after', shown[shown.length - 1]!) : null,
    previous: from > 0 && shown.length > 0 ? cursor('before', shown[0]!) : null,
  };
}

/** The index of the first group after `mark` in the order (or, `atOrAfter`, not before it). */
function firstAfter(all: readonly InboxGroup<Light>[], mark: GroupMark, atOrAfter = false): number {
  const i = all.findIndex((g) => (atOrAfter ? compareGroups(g, mark) >= 0 : compareGroups(g, mark) > 0));
  return i === -1 ? all.length : i;
}

const visibleEntries = (db: Kysely<Database>, viewer: Viewer, statuses: readonly InboxStatus[]) =>
  visibleCurrent(db, viewer)
    .innerJoin('public_intake_reports as r', 'r.stix_report_id', 'o.id')
    .where('r.status', 'in', [...statuses]);

/** The newest visible entry of the filter: the snapshot a walk of the pages reads. */
async function newest(
  db: Kysely<Database>,
  viewer: Viewer,
  statuses: readonly InboxStatus[],
): Promise<Snapshot | null> {
  const row = await visibleEntries(db, viewer, statuses)
    .select(['r.received', 'r.id'])
    .orderBy('r.received', 'desc')
    .orderBy('r.id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row === undefined ? null : { received: row.received, id: row.id };
}

async function lightRows(
  db: Kysely<Database>,
  viewer: Viewer,
  statuses: readonly InboxStatus[],
  upTo: Snapshot,
  withValues: boolean,
): Promise<Light[]> {
  const inSnapshot = () =>
    visibleEntries(db, viewer, statuses).where((eb) =>
      eb.or([
        eb('r.received', '<', upTo.received),
        eb.and([eb('r.received', '=', upTo.received), eb('r.id', '<=', upTo.id)]),
      ]),
    );
  const rows = await inSnapshot()
    .select(['r.id', 'r.kind', 'r.received', 'r.subject', 'r.sender', 'r.campaign'])
    .orderBy('r.received', 'desc')
    .orderBy('r.id')
    .execute();
  const values = new Map<string, { kind: string; value: string }[]>();
  if (withValues)
    for (const v of await inSnapshot()
      .innerJoin('public_intake_values as v', 'v.report_id', 'r.id')
      .where('v.kind', 'in', ['url', 'domain'])
      .select(['v.report_id', 'v.kind', 'v.value'])
      .execute()) {
      const list = values.get(v.report_id);
      if (list === undefined) values.set(v.report_id, [{ kind: v.kind, value: v.value }]);
      else list.push({ kind: v.kind, value: v.value });
    }
  return rows.map((r) => ({ ...r, values: values.get(r.id) ?? [] }));
}

/** The page's groups with their full reports (newest first, at most REPORTS_PER_GROUP each). */
async function withReports(
  db: Kysely<Database>,
  viewer: Viewer,
  statuses: readonly InboxStatus[],
  shown: readonly InboxGroup<Light>[],
): Promise<InboxGroup[]> {
  const ids = [...new Set(shown.flatMap((g) => g.reports.slice(0, REPORTS_PER_GROUP).map((r) => r.id)))];
  const full = new Map<string, InboxReport>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    for (const r of await inboxRows(db, viewer, { statuses, ids: chunk, limit: chunk.length }))
      full.set(r.id, r);
  }
  return shown.map((g) => ({
    ...g,
    reports: g.reports
      .slice(0, REPORTS_PER_GROUP)
      .map((r) => full.get(r.id))
      .filter((r): r is InboxReport => r !== undefined),
  }));
}
