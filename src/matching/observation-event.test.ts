import { describe, expect, it } from 'vitest';
import { MatchIndex } from '../match/index.js';
import { observationEvent } from './observation-event.js';

const obs = {
  id: 'observed-data--1',
  first_observed: '2026-11-01T00:00:00Z',
  last_observed: '2026-11-01T00:00:00Z',
  number_observed: 1,
  objects: {
    '0': { type: 'ipv4-addr', value: '198.18.5.5' },
    '1': { type: 'network-traffic', dst_ref: '0', dst_port: 443, protocols: ['tcp', 'tls'] },
    '2': { type: 'file', hashes: { 'SHA-256': 'AB'.repeat(32) }, name: 'x.exe' },
  },
};

describe('observationEvent', () => {
  it('flattens SCOs into pattern paths, following references', () => {
    const values = observationEvent(obs).values as Map<string, string[]>;
    expect(values.get('ipv4-addr:value')).toEqual(['198.18.5.5']);
    expect(values.get('network-traffic:dst_ref.value')).toEqual(['198.18.5.5']);
    expect(values.get('network-traffic:dst_port')).toEqual(['443']);
    expect(values.get('network-traffic:protocols[*]')).toEqual(['tcp', 'tls']);
    expect(values.get('network-traffic:protocols[1]')).toEqual(['tls']);
    expect(values.get("file:hashes.'SHA-256'")).toEqual(['AB'.repeat(32)]);
  });

  it('lets the index nominate by those paths', () => {
    const index = new MatchIndex();
    index.add({ id: 'a', pattern: "[network-traffic:dst_ref.value = '198.18.5.5']" });
    index.add({ id: 'b', pattern: `[file:hashes.'SHA-256' = '${'ab'.repeat(32)}']` });
    index.add({ id: 'c', pattern: "[network-traffic:protocols[*] = 'tls']" });
    index.add({ id: 'd', pattern: "[ipv4-addr:value = '198.18.5.6']" });
    expect(
      index
        .match(observationEvent(obs))
        .map((h) => h.id)
        .sort(),
    ).toEqual(['a', 'b', 'c']);
  });

  it('stays bounded on reference cycles', () => {
    const cyclic = {
      ...obs,
      objects: { a: { type: 'x-loop', next_ref: 'b' }, b: { type: 'x-loop', next_ref: 'a' } },
    };
    const values = observationEvent(cyclic).values as Map<string, string[]>;
    expect([...values.keys()].every((k) => k.split('next_ref').length <= 6)).toBe(true);
  });
});
