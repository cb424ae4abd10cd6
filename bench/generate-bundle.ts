import { computeScoId } from '../src/stix/index.js';
import type { StixObject } from '../src/stix/types.js';
import { Random } from './random.js';

const TLP = {
  green: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
  clear: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
};
const FAMILIES = [
  'Emotet',
  'QakBot',
  'IcedID',
  'Cobalt Strike',
  'AsyncRAT',
  'LockBit',
  'BlackCat',
  'Mirai',
  'Gafgyt',
  'FluBot',
];
const TLDS = ['com', 'net', 'org', 'ru', 'top', 'xyz', 'info', 'co.uk'];

function timestamp(r: Random): string {
  const ms = Date.UTC(2025, 0, 1) + r.int(365 * 24 * 3600) * 1000;
  return new Date(ms).toISOString();
}

/**
 * Realistic threat-intel objects from a fixed seed: indicators with patterns, SCOs, malware and threat
 * actors, relationships, reports with object_refs, TLP markings. Yields objects one by one so a bundle
 * of any size can be written as a stream.
 */
export function* generateObjects(count: number, seed = 42): Generator<StixObject> {
  const r = new Random(seed);
  const identity = `identity--${r.uuid()}`;
  const malwareIds: string[] = [];
  const recent: string[] = [];
  yield {
    type: 'identity',
    spec_version: '2.1',
    id: identity,
    created: '2025-01-01T00:00:00.000Z',
    modified: '2025-01-01T00:00:00.000Z',
    name: 'Example Telecom CTI',
    identity_class: 'organization',
  };
  for (let i = 1; i < count; i++) {
    const roll = r.next();
    const created = timestamp(r);
    const base = { spec_version: '2.1', created, modified: created };
    let object: StixObject;
    if (roll < 0.4) {
      const kind = r.int(4);
      const value =
        kind === 0
          ? `${r.int(223) + 1}.${r.int(256)}.${r.int(256)}.${r.int(256)}`
          : kind === 1
            ? `${r.hex(10)}.${r.pick(TLDS)}`
            : kind === 2
              ? `http://${r.hex(8)}.${r.pick(TLDS)}/${r.hex(6)}/gate.php`
              : r.hex(64);
      const pattern =
        kind === 0
          ? `[ipv4-addr:value = '${value}']`
          : kind === 1
            ? `[domain-name:value = '${value}']`
            : kind === 2
              ? `[url:value = '${value}']`
              : `[file:hashes.'SHA-256' = '${value}']`;
      object = {
        type: 'indicator',
        ...base,
        id: `indicator--${r.uuid()}`,
        created_by_ref: identity,
        name: `${r.pick(FAMILIES)} ${['C2', 'payload', 'dropper', 'phishing'][kind]!} ${value}`,
        description: 'Observed in telecom network telemetry and confirmed by sandbox analysis.',
        indicator_types: ['malicious-activity'],
        pattern,
        pattern_type: 'stix',
        valid_from: created,
        confidence: r.int(100),
        labels: [r.pick(FAMILIES).toLowerCase()],
        object_marking_refs: [r.next() < 0.7 ? TLP.green : TLP.clear],
      };
    } else if (roll < 0.65) {
      const kind = r.int(3);
      const sco: StixObject =
        kind === 0
          ? {
              type: 'ipv4-addr',
              spec_version: '2.1',
              id: '',
              value: `${r.int(223) + 1}.${r.int(256)}.${r.int(256)}.${r.int(256)}`,
            }
          : kind === 1
            ? { type: 'domain-name', spec_version: '2.1', id: '', value: `${r.hex(10)}.${r.pick(TLDS)}` }
            : {
                type: 'file',
                spec_version: '2.1',
                id: '',
                hashes: { 'SHA-256': r.hex(64), MD5: r.hex(32) },
                name: `${r.hex(6)}.exe`,
              };
      sco.id = computeScoId(sco)!;
      object = sco;
    } else if (roll < 0.67) {
      object = {
        type: 'malware',
        ...base,
        id: `malware--${r.uuid()}`,
        created_by_ref: identity,
        name: r.pick(FAMILIES),
        is_family: true,
        malware_types: ['trojan'],
        object_marking_refs: [TLP.green],
      };
      malwareIds.push(object.id);
    } else if (roll < 0.68) {
      object = {
        type: 'threat-actor',
        ...base,
        id: `threat-actor--${r.uuid()}`,
        created_by_ref: identity,
        name: `TA${r.int(1000)}`,
        threat_actor_types: ['crime-syndicate'],
        x_accord_bench: { region: 'EU' },
      };
    } else if (roll < 0.98 && recent.length > 1 && malwareIds.length > 0) {
      object = {
        type: 'relationship',
        ...base,
        id: `relationship--${r.uuid()}`,
        created_by_ref: identity,
        relationship_type: 'indicates',
        source_ref: r.pick(recent),
        target_ref: r.pick(malwareIds),
      };
    } else {
      object = {
        type: 'report',
        ...base,
        id: `report--${r.uuid()}`,
        created_by_ref: identity,
        name: `Weekly botnet report ${i}`,
        report_types: ['threat-report'],
        published: created,
        object_refs: recent.length > 0 ? recent.slice(-20) : [identity],
        object_marking_refs: [TLP.green],
      };
    }
    if (object.type === 'indicator') {
      recent.push(object.id);
      if (recent.length > 200) recent.shift();
    }
    yield object;
  }
}

/** The bundle as text chunks (a few hundred objects per chunk). */
export function* bundleChunks(count: number, seed = 42): Generator<string> {
  yield `{"type":"bundle","id":"bundle--6b1c2c1e-8f3a-4a5b-9c7d-0e1f2a3b4c5d","objects":[\n`;
  let first = true;
  let buffer: string[] = [];
  for (const object of generateObjects(count, seed)) {
    buffer.push(JSON.stringify(object));
    if (buffer.length === 500) {
      yield `${first ? '' : ',\n'}${buffer.join(',\n')}`;
      first = false;
      buffer = [];
    }
  }
  if (buffer.length > 0) yield `${first ? '' : ',\n'}${buffer.join(',\n')}`;
  yield '\n]}\n';
}
