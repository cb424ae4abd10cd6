import { describe, expect, it } from 'vitest';
import { convertMispEvent } from '../../ingest/misp/convert-misp-event.js';
import type { StixObject } from '../../stix/types.js';
import { syntheticMispEvents } from './synthetic-events.js';

const A = 'identity--0b7a3c1e-6a55-4a6e-9f0e-2f4b8c9d1e2f';
const B = 'identity--1c8b4d2f-7b66-4b7f-8a1f-3a5c9d0e2f3a';

function indicator(n: number, owner: string, modified: string, value: string): StixObject {
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    created: modified,
    modified,
    created_by_ref: owner,
    pattern: `[domain-name:value = '${value}']`,
    pattern_type: 'stix',
    valid_from: modified,
  };
}

describe('syntheticMispEvents', () => {
  const orphans = [
    indicator(1, A, '2024-05-01T10:00:00.000Z', 'a.example.com'),
    indicator(2, A, '2024-05-01T23:59:59.000Z', 'b.example.com'),
    indicator(3, A, '2024-05-02T00:00:00.000Z', 'c.example.com'),
    indicator(4, B, '2024-05-01T12:00:00.000Z', 'd.example.com'),
  ];

  it('makes one event per owner organisation and UTC day, with stable uuids', () => {
    const events = syntheticMispEvents(orphans, [], { ownerName: (id) => (id === A ? 'Telco' : undefined) });
    expect(events.map((e) => [e.Event.date, e.Event.Attribute.map((a) => a.value)])).toEqual([
      ['2024-05-01', ['a.example.com', 'b.example.com']],
      ['2024-05-01', ['d.example.com']],
      ['2024-05-02', ['c.example.com']],
    ]);
    expect(events[0]?.Event.info).toBe('Accord: objects shared by Telco on 2024-05-01');
    expect(events[0]?.Event.timestamp).toBe(String(Date.parse('2024-05-01T23:59:59Z') / 1000));
    const again = syntheticMispEvents([...orphans].reverse(), []);
    expect(again.map((e) => e.Event.uuid)).toEqual(events.map((e) => e.Event.uuid));
    expect(new Set(events.map((e) => e.Event.uuid)).size).toBe(3);
  });

  it('synthetic events are MISP events Accord itself can import', () => {
    const [first] = syntheticMispEvents(orphans, []);
    const r = convertMispEvent(first, { ownerIdentityId: A, now: '2024-06-01T00:00:00.000Z' });
    expect(r.errors).toEqual([]);
    expect(r.objects.filter((o) => o.object.type === 'indicator').map((o) => o.object.pattern)).toEqual([
      "[domain-name:value = 'a.example.com']",
      "[domain-name:value = 'b.example.com']",
    ]);
  });
});
