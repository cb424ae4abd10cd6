import { describe, expect, it } from 'vitest';
import { TLP_MARKINGS, validateObject } from '../../stix/index.js';
import { attr, CTX, event, EVENT_UUID, OWNER, uuidN } from './misp-builders.fixture.js';
import { convertMispEvent } from './convert-misp-event.js';
import { PAP_MARKINGS } from './pap.js';

const REPORT = `report--${EVENT_UUID}`;

describe('convertMispEvent: envelopes and the report', () => {
  it('reads {Event}, a bare event, a list and {response: [...]} alike', () => {
    const wrapped = convertMispEvent(
      event({ Attribute: [attr(1, 'domain', 'a.example.com', { to_ids: true })] }),
      CTX,
    );
    const bare = convertMispEvent(
      event({ Attribute: [attr(1, 'domain', 'a.example.com', { to_ids: true })] }).Event,
      CTX,
    );
    const listed = convertMispEvent(
      [event({ Attribute: [attr(1, 'domain', 'a.example.com', { to_ids: true })] })],
      CTX,
    );
    const response = convertMispEvent(
      { response: [event({ Attribute: [attr(1, 'domain', 'a.example.com', { to_ids: true })] })] },
      CTX,
    );
    expect(wrapped.objects).toHaveLength(2);
    expect(bare.objects).toEqual(wrapped.objects);
    expect(listed.objects).toEqual(wrapped.objects);
    expect(response.objects).toEqual(wrapped.objects);
  });

  it('makes a deterministic report: name, times, published, refs, MISP reference', () => {
    const r = convertMispEvent(
      event({ Attribute: [attr(1, 'domain', 'a.example.com', { to_ids: true })] }),
      CTX,
    );
    const report = r.objects.find((o) => o.object.type === 'report')?.object;
    expect(report).toMatchObject({
      id: REPORT,
      name: 'Test event',
      created: '2024-03-01T00:00:00.000Z',
      modified: '2024-03-02T17:20:00.000Z',
      published: '2024-03-02T17:21:40.000Z',
      report_types: ['threat-report'],
      object_refs: [`indicator--${uuidN(1)}`],
      created_by_ref: OWNER,
      x_misp_threat_level_id: 2,
      x_misp_analysis: 2,
      x_misp_orgc: { name: 'ACME CERT', uuid: '11111111-2222-4333-8444-555555555555' },
    });
    expect(report?.external_references).toContainEqual({
      source_name: 'misp',
      external_id: EVENT_UUID,
      description: 'MISP event',
    });
  });

  it('is idempotent: converting twice gives deep-equal output', () => {
    const input = event({
      Attribute: [
        attr(1, 'ip-dst', '192.0.2.1'),
        attr(2, 'md5', '0749bae92ca336a02c83d126e04ec628', { to_ids: true }),
      ],
    });
    expect(convertMispEvent(input, CTX)).toEqual(
      convertMispEvent(structuredClone(input), { ...CTX, now: '2030-01-01T00:00:00.000Z' }),
    );
  });

  it('an empty event still gives a valid report (referring to its author) and a warning', () => {
    const r = convertMispEvent(event(), CTX);
    const report = r.objects[0]?.object;
    expect(report?.object_refs).toEqual([OWNER]);
    expect(validateObject(report).errors).toEqual([]);
    expect(r.warnings.map((w) => w.code)).toContain('empty_event');
  });
});

describe('convertMispEvent: malformed input is reported by path, the rest converts', () => {
  it.each([
    ['a number', 42, 'not_misp'],
    ['null', null, 'not_misp'],
    ['an object without an event', { hello: 1 }, 'not_misp'],
    ['text that is not JSON', '{"Event":', 'invalid_json'],
  ])('%s → one error, no objects', (_what, input, code) => {
    const r = convertMispEvent(input, CTX);
    expect(r.objects).toEqual([]);
    expect(r.errors.map((e) => e.code)).toEqual([code]);
  });

  it('each bad attribute is an error at its path; the good ones convert', () => {
    const r = convertMispEvent(
      event({
        Attribute: [
          attr(1, 'domain', 'ok.example.com', { to_ids: true }),
          { uuid: uuidN(2), value: 'x' },
          attr(3, 'ip-dst', ''),
          attr(4, 'ip-dst', 'not-an-ip'),
          { ...attr(5, 'domain', 'b.example.com'), uuid: 'nope' },
          { ...attr(6, 'domain', 'c.example.com'), timestamp: 'yesterday' },
          'just a string',
          attr(8, 'ip-dst|port', '192.0.2.1|99999'),
          attr(9, 'url', 'http://fine.example.com/', { to_ids: true }),
        ],
      }),
      CTX,
    );
    expect(r.errors.map((e) => [e.code, e.path])).toEqual([
      ['missing_type', 'Event.Attribute[1].type'],
      ['missing_value', 'Event.Attribute[2].value'],
      ['invalid_value', 'Event.Attribute[3].value'],
      ['invalid_uuid', 'Event.Attribute[4].uuid'],
      ['invalid_timestamp', 'Event.Attribute[5].timestamp'],
      ['invalid_type', 'Event.Attribute[6]'],
      ['invalid_value', 'Event.Attribute[7].value'],
    ]);
    const ids = r.objects.map((o) => o.object.id);
    expect(ids).toEqual([`indicator--${uuidN(1)}`, `indicator--${uuidN(9)}`, REPORT]);
    expect(r.objects.find((o) => o.object.type === 'report')?.object.object_refs).toEqual(ids.slice(0, 2));
  });

  it('a bad event uuid or timestamp fails that event only', () => {
    const good = event({ Attribute: [attr(1, 'domain', 'ok.example.com')] });
    const badUuid = { Event: { ...event().Event, uuid: 'x' } };
    const badTime = {
      Event: { ...event().Event, uuid: '5f1e0c2a-1b2c-4d3e-8f40-000000000000', timestamp: '-5' },
    };
    const r = convertMispEvent([badUuid, good, badTime], CTX);
    expect(r.errors.map((e) => [e.code, e.path])).toEqual([
      ['invalid_uuid', '[0].Event.uuid'],
      ['invalid_timestamp', '[2].Event.timestamp'],
    ]);
    expect(r.objects.some((o) => o.object.id === REPORT)).toBe(true);
  });

  it('an object with a bad attribute is not emitted at all', () => {
    const r = convertMispEvent(
      event({
        Object: [
          {
            uuid: uuidN(50),
            name: 'file',
            Attribute: [
              attr(51, 'filename', 'a.exe', { object_relation: 'filename', to_ids: true }),
              attr(52, 'md5', 'zzz', { object_relation: 'md5', to_ids: true }),
            ],
          },
        ],
      }),
      CTX,
    );
    expect(r.errors.map((e) => e.path)).toEqual(['Event.Object[0].Attribute[1].value']);
    expect(r.objects.map((o) => o.object.type)).toEqual(['report']);
  });
});

describe('convertMispEvent: distribution', () => {
  const groups = [
    { id: 'sg-ops', uuid: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee', name: 'Operation partners' },
    { id: 'sg-banks', name: 'Banks' },
  ];

  it('maps 0 → organisation, 1–3 → community, 5 → the event, absent → the event', () => {
    const r = convertMispEvent(
      event({
        distribution: '0',
        Attribute: [
          attr(1, 'domain', 'a.example.com', { distribution: '1' }),
          attr(2, 'domain', 'b.example.com', { distribution: 3 }),
          attr(3, 'domain', 'c.example.com', { distribution: '5' }),
          attr(4, 'domain', 'd.example.com'),
        ],
      }),
      CTX,
    );
    const of = (id: string) => r.objects.find((o) => o.object.id === id)?.distribution;
    expect(of(`observed-data--${uuidN(1)}`)).toBe('community');
    expect(of(`observed-data--${uuidN(2)}`)).toBe('community');
    expect(of(`observed-data--${uuidN(3)}`)).toBe('organisation');
    expect(of(`observed-data--${uuidN(4)}`)).toBe('organisation');
    expect(of(REPORT)).toBe('organisation');
  });

  it('4 → group:<id>, matched by uuid then by name; 5 inherits the group', () => {
    const r = convertMispEvent(
      event({
        distribution: '4',
        SharingGroup: { uuid: 'AAAAAAAA-BBBB-4CCC-8DDD-EEEEEEEEEEEE', name: 'renamed there' },
        Attribute: [
          attr(1, 'domain', 'a.example.com', { distribution: '4', SharingGroup: { name: 'Banks' } }),
          attr(2, 'domain', 'b.example.com', { distribution: '5' }),
        ],
      }),
      { ...CTX, sharingGroups: groups },
    );
    const of = (id: string) => r.objects.find((o) => o.object.id === id)?.distribution;
    expect(of(REPORT)).toBe('group:sg-ops');
    expect(of(`observed-data--${uuidN(1)}`)).toBe('group:sg-banks');
    expect(of(`observed-data--${uuidN(2)}`)).toBe('group:sg-ops');
  });

  it('an unknown sharing group is an error for that item only, with a clear message', () => {
    const r = convertMispEvent(
      event({
        distribution: '1',
        Attribute: [
          attr(1, 'domain', 'a.example.com', {
            distribution: '4',
            SharingGroup: { uuid: '99999999-bbbb-4ccc-8ddd-eeeeeeeeeeee', name: 'Elsewhere' },
          }),
          attr(2, 'domain', 'b.example.com'),
        ],
      }),
      { ...CTX, sharingGroups: groups },
    );
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({
      code: 'unknown_sharing_group',
      path: 'Event.Attribute[0].SharingGroup',
    });
    expect(r.errors[0]?.message).toContain('Elsewhere');
    expect(r.objects.map((o) => o.object.id)).toContain(`observed-data--${uuidN(2)}`);
  });
});

describe('convertMispEvent: tags, galaxies, objects, references, sightings', () => {
  it('TLP and PAP tags become marking refs (attribute tags win per kind), other tags labels', () => {
    const r = convertMispEvent(
      event({
        Tag: [{ name: 'tlp:amber' }, { name: 'PAP:RED' }, { name: 'osint:source-type="blog-post"' }],
        Attribute: [
          attr(1, 'domain', 'a.example.com', {
            to_ids: true,
            Tag: [{ name: 'TLP:GREEN' }, { name: 'kill-chain:delivery' }],
          }),
          attr(2, 'domain', 'b.example.com', { to_ids: true, Tag: [{ name: 'PAP:white' }] }),
        ],
      }),
      CTX,
    );
    const get = (id: string) => r.objects.find((o) => o.object.id === id)?.object;
    expect(get(REPORT)?.object_marking_refs).toEqual([TLP_MARKINGS.amber.id, PAP_MARKINGS.red.id]);
    expect(get(REPORT)?.labels).toEqual(['osint:source-type="blog-post"']);
    expect(get(`indicator--${uuidN(1)}`)?.object_marking_refs).toEqual([
      PAP_MARKINGS.red.id,
      TLP_MARKINGS.green.id,
    ]);
    expect(get(`indicator--${uuidN(1)}`)?.labels).toEqual([
      'misp:category="Other"',
      'misp:type="domain"',
      'kill-chain:delivery',
    ]);
    expect(get(`indicator--${uuidN(2)}`)?.object_marking_refs).toEqual([
      TLP_MARKINGS.amber.id,
      PAP_MARKINGS.clear.id,
    ]);
  });

  it('galaxy clusters become SDOs with ATT&CK ids; actors use malware; attribute clusters are indicated', () => {
    const cluster = (uuid: string, type: string, value: string, meta: Record<string, unknown> = {}) => ({
      uuid,
      type,
      value,
      tag_name: `misp-galaxy:${type}="${value}"`,
      description: `${value} description`,
      meta,
    });
    const r = convertMispEvent(
      event({
        Tag: [{ name: 'misp-galaxy:threat-actor="Sofacy"' }, { name: 'misp-galaxy:sector="Finance"' }],
        Galaxy: [
          {
            uuid: uuidN(900),
            type: 'threat-actor',
            GalaxyCluster: [
              cluster(uuidN(901), 'threat-actor', 'Sofacy', { synonyms: ['APT28', 'Fancy Bear'] }),
            ],
          },
          {
            uuid: uuidN(910),
            type: 'mitre-attack-pattern',
            GalaxyCluster: [
              cluster(uuidN(911), 'mitre-attack-pattern', 'Spearphishing Link - T1566.002', {
                external_id: ['T1566.002'],
              }),
            ],
          },
          { uuid: uuidN(920), type: 'sector', GalaxyCluster: [cluster(uuidN(921), 'sector', 'Finance')] },
        ],
        Attribute: [
          attr(1, 'sha1', '77b0c41b7d340b8a3d903f21347bbf06aa766b5b', {
            to_ids: true,
            Galaxy: [
              {
                type: 'mitre-malware',
                GalaxyCluster: [
                  cluster(uuidN(931), 'mitre-malware', 'CHOPSTICK', {
                    uuid: ['ccd61dfc-b03f-4689-8c18-7c97eab08472'],
                    refs: ['https://attack.mitre.org/software/S0023'],
                  }),
                ],
              },
            ],
          }),
        ],
      }),
      CTX,
    );
    expect(r.errors).toEqual([]);
    const by = (type: string) => r.objects.filter((o) => o.object.type === type).map((o) => o.object);
    expect(by('threat-actor')[0]).toMatchObject({
      id: `threat-actor--${uuidN(901)}`,
      name: 'Sofacy',
      aliases: ['APT28', 'Fancy Bear'],
    });
    expect(by('attack-pattern')[0]).toMatchObject({
      name: 'Spearphishing Link',
      external_references: [{ source_name: 'mitre-attack', external_id: 'T1566.002' }],
    });
    // MITRE's own STIX id when the cluster carries it, so it meets the ATT&CK bundle's object.
    expect(by('malware')[0]).toMatchObject({
      id: 'malware--ccd61dfc-b03f-4689-8c18-7c97eab08472',
      is_family: true,
    });
    expect(by('malware')[0]?.external_references).toContainEqual({
      source_name: 'mitre-attack',
      external_id: 'S0023',
    });
    const rels = by('relationship').map((o) => [o.source_ref, o.relationship_type, o.target_ref]);
    expect(rels).toContainEqual([
      `indicator--${uuidN(1)}`,
      'indicates',
      'malware--ccd61dfc-b03f-4689-8c18-7c97eab08472',
    ]);
    expect(rels).toContainEqual([`threat-actor--${uuidN(901)}`, 'uses', `attack-pattern--${uuidN(911)}`]);
    const report = by('report')[0];
    expect(report?.labels).toEqual(['misp-galaxy:sector="Finance"']);
    for (const o of r.objects) expect(validateObject(o.object).errors).toEqual([]);
  });

  it('MISP objects: one indicator with AND-ed comparisons; extra attributes kept; references become relationships', () => {
    const r = convertMispEvent(
      event({
        Object: [
          {
            uuid: uuidN(100),
            name: 'file',
            'meta-category': 'file',
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
              attr(103, 'size-in-bytes', '1234', { object_relation: 'size-in-bytes' }),
              attr(104, 'text', 'Malicious', { object_relation: 'state' }),
            ],
            ObjectReference: [
              { uuid: uuidN(190), referenced_uuid: uuidN(200), relationship_type: 'communicates-with' },
              { uuid: uuidN(191), referenced_uuid: uuidN(999), relationship_type: 'drops' },
            ],
          },
          {
            uuid: uuidN(200),
            name: 'domain-ip',
            Attribute: [
              attr(201, 'domain', 'servicecdp.com', { object_relation: 'domain' }),
              attr(202, 'ip-dst', '87.236.211.182', { object_relation: 'ip' }),
            ],
          },
          {
            uuid: uuidN(300),
            name: 'ip-port',
            Attribute: [
              attr(301, 'ip-dst', '192.0.2.5', { object_relation: 'ip-dst', to_ids: true }),
              attr(302, 'port', '8080', { object_relation: 'dst-port', to_ids: true }),
            ],
          },
          {
            uuid: uuidN(400),
            name: 'email',
            Attribute: [
              attr(401, 'email-src', 'a@example.com', { object_relation: 'from', to_ids: true }),
              attr(402, 'email-dst', 'b@example.com', { object_relation: 'to', to_ids: true }),
              attr(403, 'email-subject', 'Hi', { object_relation: 'subject', to_ids: true }),
            ],
          },
          {
            uuid: uuidN(500),
            name: 'url',
            Attribute: [
              attr(501, 'url', 'https://x.example.com/a', { object_relation: 'url', to_ids: true }),
              attr(502, 'domain', 'x.example.com', { object_relation: 'domain' }),
            ],
          },
          {
            uuid: uuidN(600),
            name: 'weird-template',
            Attribute: [attr(601, 'domain', 'w.example.com', { object_relation: 'd' })],
          },
        ],
      }),
      CTX,
    );
    expect(r.errors).toEqual([]);
    expect(r.warnings.map((w) => [w.code, w.path])).toEqual([
      ['unmapped_object', 'Event.Object[5].name'],
      ['unresolved_reference', 'Event.Object[0].ObjectReference[1]'],
    ]);
    const get = (id: string) => r.objects.find((o) => o.object.id === id)?.object;
    const file = get(`indicator--${uuidN(100)}`);
    expect(file?.pattern).toBe(
      "[file:name = 'Bulletin.doc' AND file:hashes.'SHA-1' = '68064fc152e23d56e541714af52651cb4ba81aaf' AND file:size = 1234]",
    );
    expect(file?.x_misp_object).toEqual({ name: 'file', meta_category: 'file' });
    expect(file?.x_misp_attributes).toEqual([
      {
        object_relation: 'state',
        type: 'text',
        value: 'Malicious',
        category: 'Other',
        to_ids: false,
        uuid: uuidN(104),
      },
    ]);
    const domainIp = get(`observed-data--${uuidN(200)}`);
    const domain = get(domainIp?.object_refs instanceof Array ? (domainIp.object_refs[0] as string) : '');
    expect(domain).toMatchObject({ type: 'domain-name', value: 'servicecdp.com' });
    expect(get(`indicator--${uuidN(300)}`)?.pattern).toBe(
      "[network-traffic:dst_ref.value = '192.0.2.5' AND network-traffic:dst_port = 8080]",
    );
    expect(get(`indicator--${uuidN(400)}`)?.pattern).toBe(
      "[email-message:from_ref.value = 'a@example.com' AND email-message:to_refs[*].value = 'b@example.com' AND email-message:subject = 'Hi']",
    );
    expect(get(`indicator--${uuidN(500)}`)?.pattern).toBe("[url:value = 'https://x.example.com/a']");
    expect(get(`observed-data--${uuidN(601)}`)).toBeDefined();
    expect(get(`relationship--${uuidN(190)}`)).toMatchObject({
      relationship_type: 'communicates-with',
      source_ref: `indicator--${uuidN(100)}`,
      target_ref: `observed-data--${uuidN(200)}`,
    });
    for (const o of r.objects) expect(validateObject(o.object).errors).toEqual([]);
  });

  it('sightings become STIX sightings; false positives are flagged', () => {
    const r = convertMispEvent(
      event({
        Attribute: [
          attr(1, 'ip-dst', '192.0.2.1', {
            to_ids: true,
            Sighting: [
              {
                uuid: uuidN(70),
                type: '0',
                date_sighting: '1709500000',
                source: 'sensor-1',
                Organisation: { name: 'Bank A', uuid: uuidN(71) },
              },
            ],
          }),
        ],
        Sighting: [
          { uuid: uuidN(72), attribute_uuid: uuidN(1), type: '1', date_sighting: 1709600000 },
          { uuid: uuidN(73), attribute_uuid: uuidN(5), type: '0', date_sighting: 1709600000 },
        ],
      }),
      CTX,
    );
    const sightings = r.objects.filter((o) => o.object.type === 'sighting').map((o) => o.object);
    expect(sightings).toHaveLength(2);
    expect(sightings.find((s) => s.id === `sighting--${uuidN(70)}`)).toMatchObject({
      sighting_of_ref: `indicator--${uuidN(1)}`,
      count: 1,
      first_seen: '2024-03-03T21:06:40.000Z',
      x_misp_sighting_type: 'sighting',
      x_misp_source: 'sensor-1',
      x_misp_organisation: { name: 'Bank A', uuid: uuidN(71) },
    });
    expect(sightings.find((s) => s.id === `sighting--${uuidN(72)}`)).toMatchObject({
      x_misp_sighting_type: 'false-positive',
      x_accord_false_positive: true,
    });
    expect(r.errors.map((e) => [e.code, e.path])).toEqual([
      ['unknown_reference', 'Event.Sighting[1].attribute_uuid'],
    ]);
    for (const s of sightings) expect(validateObject(s).errors).toEqual([]);
  });
});
