import type { InboxGroup } from './intake-api.js';

export type GroupState = 'all' | 'some' | 'none';

/** Whether all, some or none of a group's reports are selected. */
export function groupState(group: InboxGroup, selected: ReadonlySet<string>): GroupState {
  const n = group.reports.filter((r) => selected.has(r.id)).length;
  return n === 0 ? 'none' : n === group.reports.length ? 'all' : 'some';
}

/** Selects a whole group, or clears it when it was wholly selected (a report may sit in several). */
export function toggleGroup(group: InboxGroup, selected: ReadonlySet<string>): Set<string> {
  const next = new Set(selected);
  const all = groupState(group, selected) === 'all';
  for (const r of group.reports) {
    if (all) next.delete(r.id);
    else next.add(r.id);
  }
  return next;
}

export function toggleReport(id: string, selected: ReadonlySet<string>): Set<string> {
  const next = new Set(selected);
  if (!next.delete(id)) next.add(id);
  return next;
}

/** The selection reduced to reports the inbox still lists (after a triage act or a new filter). */
export function keepListed(groups: readonly InboxGroup[], selected: ReadonlySet<string>): Set<string> {
  const listed = new Set(groups.flatMap((g) => g.reports.map((r) => r.id)));
  return new Set([...selected].filter((id) => listed.has(id)));
}

/** Distinct reports across groups (a report with several URL hosts is in each host's group). */
export function distinctReports(groups: readonly InboxGroup[]): number {
  return new Set(groups.flatMap((g) => g.reports.map((r) => r.id))).size;
}
