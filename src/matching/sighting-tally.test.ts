import { describe, expect, it } from 'vitest';
import { SightingTally } from './sighting-tally.js';
import type { IndicatorInfo } from './viewer-index.js';

function info(id: string): IndicatorInfo {
  return {
    id,
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
    const tally = new SightingTally();
    const a = info('indicator--a');
    const b = info('indicator--b');
    tally.add(a, 2000);
    tally.add(b, 1500);
    tally.add(a, 1000);
    tally.add(a, 3000);
    expect(tally.size).toBe(2);
    expect(tally.byIndicator.get('indicator--a')).toMatchObject({ count: 3, first: 1000, last: 3000 });
    expect(tally.byIndicator.get('indicator--b')).toMatchObject({ count: 1, first: 1500, last: 1500 });
  });

  it('merges two info objects of the same indicator into one sighting', () => {
    const tally = new SightingTally();
    tally.add(info('indicator--a'), 2000);
    tally.add(info('indicator--a'), 500);
    expect(tally.size).toBe(1);
    expect(tally.byIndicator.get('indicator--a')).toMatchObject({ count: 2, first: 500, last: 2000 });
  });
});
