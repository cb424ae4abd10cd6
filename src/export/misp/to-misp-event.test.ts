import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ATTRIBUTE_CASES } from '../../ingest/misp/attribute-cases.fixture.js';
import { convertMispEvent } from '../../ingest/misp/convert-misp-event.js';
import { attr, CTX, event, EVENT_UUID, uuidN } from '../../ingest/misp/misp-builders.fixture.js';
import { PAP_MARKINGS } from '../../ingest/misp/pap.js';
import { TLP_MARKINGS } from '../../stix/index.js';
import type { StixObject } from '../../stix/types.js';
import type { MispAttributeOut, MispEventDocument } from './misp-format.js';
import { toMispEvent } from './to-misp-event.js';

function stixOf(input: unknown): StixObject[] {
  const r = convertMispEvent(input, CTX);
  expect(r.errors).toEqual([]);
  return r.objects.map((o) => o.object);
}

function exportEvent(objects: StixObject[], skipped: string[] = []): MispEventDocument {
  const report = objects.find((o) => o.type === 'report');
  if (report === undefined) throw new Error('no report');
  return toMispEvent(report, objects, { onSkip: (id, why) => skipped.push(`${id}: ${why}`) });
}

function essentials(a: { type?: unknown; value?: unknown; to_ids?: unknown; category?: unknown }): string {
  return JSON.stringify([a.type, a.value, a.to_ids === true || a.to_ids === '1', a.category]);
}

const sortById = (xs: StixObject[]) => [...xs].sort((a, b) => (a.id < b.id ? -1 : 1));

describe('MISP round trip: event → STIX → toMispEvent → STIX', () => {
  const attributes = [
    ...ATTRIBUTE_CASES.map((c, i) =>
      attr(i + 1, c.type, c.value, { category: c.category, to_ids: true, comment: `case ${String(i)}` }),
    ),
    ...ATTRIBUTE_CASES.filter((c) => c.type !== 'link').map((c, i) =>
      attr(i + 100, c.type, c.value, { category: c.category, to_ids: false }),
    ),
    attr(200, 'text', 'Some analysis', { category: 'Other' }),
    attr(201, 'comment', 'A comment', { category: 'Other' }),
    attr(202, 'vulnerability', 'CVE-2021-44228', { category: 'External analysis' }),
    attr(203, 'link', 'https://example.org/analysis', { category: 'External analysis' }),
    attr(204, 'ip-src', '198.51.100.77', {
      category: 'Attribution',
      to_ids: true,
      Tag: [{ name: 'tlp:red' }, { name: 'actor:infra' }],
    }),
  ];
  const input = event({
    Tag: [{ name: 'tlp:amber' }, { name: 'PAP:GREEN' }, { name: 'source:osint' }],
    Attribute: attributes,
  });

  it('keeps every mapped attribute: type, value, to_ids, category (and uuid, comment, tags)', () => {
    const skipped: string[] = [];
    const out = exportEvent(stixOf(input), skipped);
    expect(skipped).toEqual([]);
    expect(out.Event.Attribute.map(essentials).sort()).toEqual(attributes.map(essentials).sort());
    const byUuid = new Map(out.Event.Attribute.map((a) => [a.uuid, a]));
    for (const a of attributes.filter((x) => x.type !== 'link'))
      expect(byUuid.get(a.uuid as string), String(a.type)).toBeDefined();
    expect(byUuid.get(uuidN(1))?.comment).toBe('case 0');
    expect(byUuid.get(uuidN(204))?.Tag).toEqual([
      { name: 'PAP:GREEN' },
      { name: 'tlp:red' },
      { name: 'actor:infra' },
    ]);
    expect(out.Event.Tag).toEqual([{ name: 'tlp:amber' }, { name: 'PAP:GREEN' }, { name: 'source:osint' }]);
    expect(out.Event).toMatchObject({
      uuid: EVENT_UUID,
      info: 'Test event',
      date: '2024-03-01',
      timestamp: '1709400000',
      publish_timestamp: '1709400100',
      threat_level_id: '2',
      analysis: '2',
      Orgc: { name: 'ACME CERT' },
    });
  });

  it('converting the exported event again gives the same STIX objects', () => {
    const first = stixOf(input);
    const second = stixOf(exportEvent(first));
    expect(sortById(second)).toEqual(sortById(first));
  });

  it('MISP objects come back as objects with their relations, kept attributes and references', () => {
    const objectsInput = event({
      Object: [
        {
          uuid: uuidN(100),
          name: 'file',
          'meta-category': 'file',
          comment: 'dropper',
          Attribute: [
            attr(101, 'filename', 'Bulletin.doc', {
              object_relation: 'filename',
              to_ids: true,
              category: 'Payload delivery',
            }),
            attr(102, 'sha1', '68064fc152e23d56e541714af52651cb4ba81aaf', {
              object_relation: 'sha1',
              to_ids: true,
              category: 'Payload delivery',
            }),
            attr(104, 'text', 'Malicious', { object_relation: 'state', category: 'Other' }),
          ],
          ObjectReference: [
            { uuid: uuidN(190), referenced_uuid: uuidN(200), relationship_type: 'communicates-with' },
          ],
        },
        {
          uuid: uuidN(200),
          name: 'domain-ip',
          Attribute: [
            attr(201, 'domain', 'servicecdp.com', {
              object_relation: 'domain',
              category: 'Network activity',
            }),
            attr(202, 'ip-dst', '87.236.211.182', { object_relation: 'ip', category: 'Network activity' }),
          ],
        },
        {
          uuid: uuidN(300),
          name: 'ip-port',
          Attribute: [
            attr(301, 'ip-dst', '192.0.2.5', {
              object_relation: 'ip-dst',
              to_ids: true,
              category: 'Network activity',
            }),
            attr(302, 'port', '8080', {
              object_relation: 'dst-port',
              to_ids: true,
              category: 'Network activity',
            }),
          ],
        },
      ],
    });
    const first = stixOf(objectsInput);
    const out = exportEvent(first);
    expect(out.Event.Attribute).toEqual([]);
    const file = out.Event.Object.find((o) => o.uuid === uuidN(100));
    expect(file).toMatchObject({ name: 'file', 'meta-category': 'file', comment: 'dropper' });
    expect(file?.Attribute.map((a) => [a.object_relation, a.type, a.value, a.to_ids, a.category])).toEqual([
      ['filename', 'filename', 'Bulletin.doc', true, 'Payload delivery'],
      ['sha1', 'sha1', '68064fc152e23d56e541714af52651cb4ba81aaf', true, 'Payload delivery'],
      ['state', 'text', 'Malicious', false, 'Other'],
    ]);
    expect(file?.ObjectReference).toEqual([
      expect.objectContaining({
        uuid: uuidN(190),
        referenced_uuid: uuidN(200),
        relationship_type: 'communicates-with',
      }),
    ]);
    const domainIp = out.Event.Object.find((o) => o.uuid === uuidN(200));
    expect(domainIp?.Attribute.map((a) => [a.object_relation, a.type, a.value, a.to_ids])).toEqual([
      ['domain', 'domain', 'servicecdp.com', false],
      ['ip', 'ip-dst', '87.236.211.182', false],
    ]);
    expect(sortById(stixOf(out))).toEqual(sortById(first));
  });

  it('galaxies and sightings come back', () => {
    const first = stixOf(
      event({
        Galaxy: [
          {
            type: 'mitre-malware',
            GalaxyCluster: [
              {
                uuid: uuidN(931),
                type: 'mitre-malware',
                value: 'CHOPSTICK',
                tag_name: 'misp-galaxy:mitre-malware="CHOPSTICK"',
                meta: { synonyms: ['X-Agent'], refs: ['https://attack.mitre.org/software/S0023'] },
              },
            ],
          },
        ],
        Attribute: [
          attr(1, 'ip-dst', '192.0.2.1', {
            to_ids: true,
            category: 'Network activity',
            Sighting: [{ uuid: uuidN(70), type: '1', date_sighting: '1709500000', source: 'ids' }],
          }),
        ],
      }),
    );
    const out = exportEvent(first);
    expect(out.Event.Galaxy).toEqual([
      {
        name: 'mitre-malware',
        type: 'mitre-malware',
        GalaxyCluster: [
          {
            uuid: uuidN(931),
            type: 'mitre-malware',
            value: 'CHOPSTICK',
            tag_name: 'misp-galaxy:mitre-malware="CHOPSTICK"',
            meta: {
              synonyms: ['X-Agent'],
              refs: ['https://attack.mitre.org/software/S0023'],
              external_id: ['S0023'],
            },
          },
        ],
      },
    ]);
    expect(out.Event.Tag).toContainEqual({ name: 'misp-galaxy:mitre-malware="CHOPSTICK"' });
    expect(out.Event.Attribute[0]?.Sighting).toEqual([
      { uuid: uuidN(70), type: '1', date_sighting: '1709500000', source: 'ids' },
    ]);
    expect(sortById(stixOf(out))).toEqual(sortById(first));
  });
});

describe('toMispEvent on STIX from elsewhere', () => {
  const owner = 'identity--0b7a3c1e-6a55-4a6e-9f0e-2f4b8c9d1e2f';
  const base = {
    spec_version: '2.1',
    created: '2024-01-01T00:00:00.000Z',
    modified: '2024-01-02T00:00:00.000Z',
    created_by_ref: owner,
  };
  const ip = {
    type: 'ipv4-addr',
    spec_version: '2.1',
    id: 'ipv4-addr--ff0f1b8e-3c6e-5b5c-9d5b-1a0e0b3c1d2e',
    value: '203.0.113.1',
  };
  const objects: StixObject[] = [
    {
      ...base,
      type: 'indicator',
      id: 'indicator--11111111-1111-4111-8111-111111111111',
      pattern: "[domain-name:value = 'x.example.com']",
      pattern_type: 'stix',
      valid_from: '2024-01-01T00:00:00Z',
      object_marking_refs: [TLP_MARKINGS.green.id, PAP_MARKINGS.amber.id],
    },
    {
      ...base,
      type: 'indicator',
      id: 'indicator--22222222-2222-4222-8222-222222222222',
      pattern: "[domain-name:value = 'a.example.com'] OR [domain-name:value = 'b.example.com']",
      pattern_type: 'stix',
      valid_from: '2024-01-01T00:00:00Z',
    },
    {
      ...base,
      type: 'indicator',
      id: 'indicator--33333333-3333-4333-8333-333333333333',
      pattern: 'alert tcp any any',
      pattern_type: 'snort',
      valid_from: '2024-01-01T00:00:00Z',
    },
    ip,
    { ...base, type: 'identity', id: 'identity--44444444-4444-4444-8444-444444444444', name: 'Someone' },
  ];
  const report: StixObject = {
    ...base,
    type: 'report',
    id: 'report--55555555-5555-4555-8555-555555555555',
    name: 'Foreign',
    published: '2024-01-03T00:00:00Z',
    object_refs: objects.map((o) => o.id),
  };

  it('maps what MISP can hold, and says why the rest is skipped', () => {
    const skipped: string[] = [];
    const out = toMispEvent(report, objects, {
      onSkip: (id, why) => skipped.push(`${id}: ${why}`),
      distribution: 'group:sg-1',
      sharingGroups: [{ id: 'sg-1', uuid: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee', name: 'Ops' }],
    });
    const attrs: MispAttributeOut[] = out.Event.Attribute;
    expect(attrs.map((a) => [a.type, a.value, a.to_ids, a.category])).toEqual([
      ['domain', 'x.example.com', true, 'Network activity'],
      ['ip-dst', '203.0.113.1', false, 'Network activity'],
    ]);
    expect(attrs[0]?.Tag).toEqual([{ name: 'tlp:green' }, { name: 'PAP:AMBER' }]);
    expect(attrs[0]?.first_seen).toBe('2024-01-01T00:00:00Z');
    expect(skipped.map((s) => s.split(':')[0])).toEqual([
      'indicator--22222222-2222-4222-8222-222222222222',
      'indicator--33333333-3333-4333-8333-333333333333',
      'identity--44444444-4444-4444-8444-444444444444',
    ]);
    expect(out.Event).toMatchObject({
      distribution: '4',
      SharingGroup: { uuid: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee', name: 'Ops' },
      Orgc: { name: 'Accord', uuid: '0b7a3c1e-6a55-4a6e-9f0e-2f4b8c9d1e2f' },
      date: '2024-01-03',
      analysis: '2',
      threat_level_id: '4',
    });
  });
});

const SEDNIT = new URL('../../../../shared/data/misp/circl-osint-sednit-event.json', import.meta.url);
const XORIST = new URL('../../../../shared/data/misp/circl-osint-xorist-event.json', import.meta.url);
const present = existsSync(SEDNIT) && existsSync(XORIST);
if (!present) console.warn('skipped: ../shared/data/misp CIRCL events not present');

describe.skipIf(!present)('round trip of the real CIRCL events', () => {
  it.each([
    ['Xorist', XORIST],
    ['Sednit', SEDNIT],
  ])(
    '%s: attributes keep type, value, to_ids, category; objects their attributes; STIX is unchanged',
    (_name, url) => {
      const raw = JSON.parse(readFileSync(url, 'utf8')) as { Event?: Record<string, unknown> } & Record<
        string,
        unknown
      >;
      const original = (raw.Event ?? raw) as {
        Attribute: Array<Record<string, unknown>>;
        Object?: Array<{ uuid: string; Attribute: Array<Record<string, unknown>> }>;
      };
      const first = stixOf(raw);
      const skipped: string[] = [];
      const out = exportEvent(first, skipped);
      expect(skipped).toEqual([]);
      expect(out.Event.Attribute.map(essentials).sort()).toEqual(original.Attribute.map(essentials).sort());
      for (const o of original.Object ?? []) {
        const back = out.Event.Object.find((x) => x.uuid === o.uuid);
        const rows = (a: {
          object_relation?: unknown;
          type?: unknown;
          value?: unknown;
          category?: unknown;
        }) => JSON.stringify([a.object_relation, a.type, a.value, a.category]);
        expect(back?.Attribute.map(rows).sort(), o.uuid).toEqual(o.Attribute.map(rows).sort());
      }
      expect(sortById(stixOf(out))).toEqual(sortById(first));
    },
  );
});
