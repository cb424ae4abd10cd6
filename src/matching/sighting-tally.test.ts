import { describe, expect, it } from 'vitest';
import { SightingTally } from './sighting-tally.js';
import type { IndicatorInfo } from './viewer-index.js';

function info(id: string, slot = 0, index = 1): IndicatorInfo {
  return {
    id,
    slot,
    index,
    name: id,
    pattern: "[domain-name:value = 'a.accord-test.xyz']",
    ownerOrg: 'identity--org',
    ownerName: 'Org',
    distribution: 'community',
    tlp: 'green',
    observable: null,
  };
}

describe('SightingTally', () => {
  it('counts matches per indicator with the first and last time seen', () => {
    const tally = new SightingTally(1);
    const a = info('indicator--a', 0);
    const b = info('indicator--b', 1);
    tally.add(a, 2000);
    tally.add(b, 1500);
    tally.add(a, 1000);
    tally.add(a, 3000);
    expect(tally.size).toBe(2);
    expect(tally.byIndicator.get('indicator--a')).toMatchObject({ count: 3, first: 1000, last: 3000 });
    expect(tally.byIndicator.get('indicator--b')).toMatchObject({ count: 1, first: 1500, last: 1500 });
  });

  it('merges two info objects of the same indicator into one sighting', () => {
    const tally = new SightingTally(1);
    tally.add(info('indicator--a'), 2000);
    tally.add(info('indicator--a'), 500);
    expect(tally.size).toBe(1);
    expect(tally.byIndicator.get('indicator--a')).toMatchObject({ count: 2, first: 500, last: 2000 });
  });

  it('keeps indicators of two indexes apart when their slots coincide', () => {
    const tally = new SightingTally(1);
    const a = info('indicator--a', 0, 1);
    const b = info('indicator--b', 0, 2);
    tally.add(a, 1000);
    tally.add(b, 2000);
    tally.add(b, 3000);
    tally.add(a, 4000);
    expect(tally.size).toBe(2);
    expect(tally.byIndicator.get('indicator--a')).toMatchObject({ count: 2, first: 1000, last: 4000 });
    expect(tally.byIndicator.get('indicator--b')).toMatchObject({ count: 2, first: 2000, last: 3000 });
  });
});
