import { describe, expect, it } from 'vitest';
import { recordToEvent } from '../match/index.js';
import { matchEvent } from './match-lines.js';
import type { MatchRecord } from './match-result.js';
import { MatchRun } from './match-run.js';
import { addToViewerIndex, emptyViewerIndex } from './viewer-index.js';

const indicator = (id: string, pattern: string) => ({
  id,
  name: `name of ${id}`,
  pattern,
  ownerOrg: 'identity--owner',
  distribution: 'community',
  tlp: 'green',
  observable: null,
});

describe('matchEvent (the per-record step of accord match)', () => {
  it('emits records with their fields in the printed order, multi-record hits with every line', async () => {
    const built = emptyViewerIndex(0);
    addToViewerIndex(built, indicator('indicator--ip', "[ipv4-addr:value = '198.51.100.7']"), 'Owner');
    addToViewerIndex(
      built,
      indicator('indicator--seq', "[domain-name:value = 'x.test'] FOLLOWEDBY [ipv4-addr:value = '10.0.0.9']"),
      'Owner',
    );
    const out: MatchRecord[] = [];
    const map = { fields: { ip: 'ipv4-addr:value', q: 'domain-name:value' }, time: 'ts' };
    const run = new MatchRun(built, {
      input: 'jsonl',
      fieldMap: map,
      onMatch: (m) => {
        out.push(m);
      },
    });
    const records = [
      { ts: 1, ip: '198.51.100.7' },
      { ts: 2, q: 'x.test' },
      { ts: 3, ip: '10.0.0.9' },
    ];
    for (const [i, rec] of records.entries()) {
      const pending = matchEvent(run, recordToEvent(rec, map), i + 1, rec, i === 2 ? 'conn.log' : undefined);
      expect(pending).toBeUndefined();
    }
    expect(out.map((m) => JSON.stringify(m))).toEqual([
      '{"line":1,"event":{"ts":1,"ip":"198.51.100.7"},"indicator":{"id":"indicator--ip","name":"name of indicator--ip"},"owner_org":"identity--owner","owner_name":"Owner","tlp":"green"}',
      '{"source":"conn.log","line":3,"lines":[2,3],"event":{"ts":3,"ip":"10.0.0.9"},"indicator":{"id":"indicator--seq","name":"name of indicator--seq"},"owner_org":"identity--owner","owner_name":"Owner","tlp":"green"}',
    ]);
    expect(run.tally.byIndicator.get('indicator--seq')?.first).toBe(3000);
    // A consumer that returns promises is awaited, one match after the other.
    const slow: string[] = [];
    const asyncRun = new MatchRun(built, {
      input: 'values',
      onMatch: async (m) => {
        await new Promise((r) => setTimeout(r, 1));
        slow.push(m.indicator.id);
      },
    });
    const pending = matchEvent(
      asyncRun,
      { values: { 'ipv4-addr:value': '198.51.100.7' } },
      1,
      '198.51.100.7',
    );
    expect(pending).toBeInstanceOf(Promise);
    await pending;
    expect(slow).toEqual(['indicator--ip']);
  });
});
