import { describe, expect, it } from 'vitest';
import type { InboxGroup, InboxReport } from './intake-api.js';
import { distinctReports, groupState, keepListed, toggleGroup, toggleReport } from './selection.js';

const report = (id: string): InboxReport => ({
  id,
  kind: 'url',
  received: '2026-12-07T10:00:00.000Z',
  status: 'new',
  subject: null,
  sender: null,
  campaign: null,
  contact: null,
  partner: null,
  stix_report_id: `report--${id}`,
  values: [],
});
const group = (key: string, ids: string[]): InboxGroup => ({
  key,
  label: key,
  count: ids.length,
  first: '2026-12-07T10:00:00.000Z',
  last: '2026-12-07T10:00:00.000Z',
  reports: ids.map(report),
});

describe('inbox selection', () => {
  const bank = group('url:bank', ['a', 'b']);
  const parcel = group('url:parcel', ['b', 'c']);

  it('selects a whole group, then clears it; a partly selected group is "some"', () => {
    const one = toggleReport('a', new Set());
    expect(groupState(bank, one)).toBe('some');
    const all = toggleGroup(bank, one);
    expect([...all].sort()).toEqual(['a', 'b']);
    expect(groupState(bank, all)).toBe('all');
    expect(groupState(parcel, all)).toBe('some');
    expect(toggleGroup(bank, all).size).toBe(0);
    expect(toggleReport('a', toggleReport('a', new Set())).size).toBe(0);
  });

  it('keeps only reports still listed, and counts a report in two groups once', () => {
    expect([...keepListed([parcel], new Set(['a', 'c']))]).toEqual(['c']);
    expect(distinctReports([bank, parcel])).toBe(3);
  });
});
