import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMispFeedManifest, planFeedImport } from './feed-import-plan.js';
import type { MispEventDocument } from './misp-format.js';
import { mispFeedHashes, mispFeedManifest } from './misp-feed.js';

const E1 = '5f1e0c2a-1b2c-4d3e-8f40-112233445566';
const E2 = '6a2f1d3b-2c3d-4e4f-9a51-223344556677';

function doc(
  uuid: string,
  timestamp: string,
  attributes: Array<[string, string]>,
  objectAttributes: Array<[string, string]> = [],
): MispEventDocument {
  const attribute = ([type, value]: [string, string], i: number) => ({
    uuid: `${uuid.slice(0, 24)}${String(i).padStart(12, '0')}`,
    type,
    value,
    category: 'Other',
    to_ids: true,
    timestamp,
    distribution: '5',
  });
  return {
    Event: {
      uuid,
      info: `Event ${uuid.slice(0, 4)}`,
      date: '2024-03-01',
      timestamp,
      publish_timestamp: timestamp,
      published: true,
      analysis: '2',
      threat_level_id: '3',
      Orgc: { name: 'ACME', uuid: '11111111-2222-4333-8444-555555555555' },
      Tag: [{ name: 'tlp:clear' }],
      Attribute: attributes.map(attribute),
      Object:
        objectAttributes.length === 0
          ? []
          : [
              {
                uuid: `${uuid.slice(0, 24)}999999999999`,
                name: 'file',
                timestamp,
                distribution: '5',
                Attribute: objectAttributes.map(attribute),
              },
            ],
      Galaxy: [],
    },
  };
}

describe('MISP feed files', () => {
  it('manifest.json: one entry per event uuid with the fields MISP reads', () => {
    expect(mispFeedManifest([doc(E1, '1709400000', []), doc(E2, '1709500000', [])])).toEqual({
      [E1]: {
        info: 'Event 5f1e',
        date: '2024-03-01',
        analysis: 2,
        threat_level_id: 3,
        timestamp: 1709400000,
        Orgc: { name: 'ACME', uuid: '11111111-2222-4333-8444-555555555555' },
        Tag: [{ name: 'tlp:clear' }],
      },
      [E2]: {
        info: 'Event 6a2f',
        date: '2024-03-01',
        analysis: 2,
        threat_level_id: 3,
        timestamp: 1709500000,
        Orgc: { name: 'ACME', uuid: '11111111-2222-4333-8444-555555555555' },
        Tag: [{ name: 'tlp:clear' }],
      },
    });
  });

  it('hashes.csv: md5 of each value (composite values part by part, object attributes too), event uuid', () => {
    const csv = mispFeedHashes([
      doc(
        E1,
        '1',
        [
          ['domain', 'evil.example.com'],
          ['filename|md5', 'a.exe|0749bae92ca336a02c83d126e04ec628'],
        ],
        [['filename', 'a.exe']],
      ),
    ]);
    expect(csv).toBe(
      [
        `9d42b2c741d5950da44fff2f96953162,${E1}`,
        `2c3ccd32927839768639b88829a5c04a,${E1}`,
        `420b3bc35ca39aff2c3ce0b218d936ef,${E1}`,
        `2c3ccd32927839768639b88829a5c04a,${E1}`,
        '',
      ].join('\n'),
    );
  });

  it('parseMispFeedManifest reads our own manifest back, and what MISP writes (strings)', () => {
    const manifest = mispFeedManifest([doc(E1, '1709400000', [])]);
    expect(parseMispFeedManifest(JSON.stringify(manifest))).toEqual({ manifest, errors: [] });
    const parsed = parseMispFeedManifest({
      [E2.toUpperCase()]: {
        info: 'x',
        date: '2024-01-01',
        analysis: '1',
        threat_level_id: '2',
        timestamp: '1700000000',
        Orgc: { name: 'O', uuid: 'u' },
      },
    });
    expect(parsed.errors).toEqual([]);
    expect(parsed.manifest[E2]).toMatchObject({
      analysis: 1,
      threat_level_id: 2,
      timestamp: 1700000000,
      Tag: [],
    });
  });

  it('parseMispFeedManifest reports each bad entry by path and keeps the good ones', () => {
    const parsed = parseMispFeedManifest({
      'not-a-uuid': { timestamp: 1 },
      [E1]: { info: 'no time' },
      [E2]: 'x',
      '7b3a2e4c-3d4e-4f50-8b62-334455667788': { timestamp: 5 },
    });
    expect(parsed.errors.map((e) => [e.code, e.path])).toEqual([
      ['invalid_uuid', '["not-a-uuid"]'],
      ['invalid_timestamp', `["${E1}"].timestamp`],
      ['invalid_type', `["${E2}"]`],
    ]);
    expect(Object.keys(parsed.manifest)).toEqual(['7b3a2e4c-3d4e-4f50-8b62-334455667788']);
    expect(parseMispFeedManifest('[1,2]').errors[0]?.code).toBe('invalid_manifest');
    expect(parseMispFeedManifest('{').errors[0]?.code).toBe('invalid_json');
  });

  it('planFeedImport fetches new and changed events, oldest first', () => {
    const { manifest } = parseMispFeedManifest({
      [E1]: { timestamp: 300 },
      [E2]: { timestamp: 100 },
      '7b3a2e4c-3d4e-4f50-8b62-334455667788': { timestamp: 200 },
    });
    expect(planFeedImport(manifest, {})).toEqual([E2, '7b3a2e4c-3d4e-4f50-8b62-334455667788', E1]);
    expect(
      planFeedImport(manifest, { [E1]: 300, [E2]: 99, '7b3a2e4c-3d4e-4f50-8b62-334455667788': 200 }),
    ).toEqual([E2]);
  });

  it('planFeedImport: after recording every planned timestamp, nothing is left to fetch', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.uuid(), fc.nat(2_000_000_000)),
        fc.dictionary(fc.uuid(), fc.nat(2_000_000_000)),
        (times, seen) => {
          const { manifest, errors } = parseMispFeedManifest(
            Object.fromEntries(Object.entries(times).map(([u, t]) => [u, { timestamp: t }])),
          );
          expect(errors).toEqual([]);
          const lastSeen: Record<string, number> = { ...seen };
          const plan = planFeedImport(manifest, lastSeen);
          for (const uuid of plan) lastSeen[uuid] = manifest[uuid]?.timestamp ?? 0;
          expect(planFeedImport(manifest, lastSeen)).toEqual([]);
        },
      ),
    );
  });
});
