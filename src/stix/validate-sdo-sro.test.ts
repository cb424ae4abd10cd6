import { describe, expect, it } from 'vitest';
import type { ErrorCase } from './validate-test-kit.js';
import { SOME_ID, errorKeys, runCase } from './validate-test-kit.js';

const TS = '2024-03-01T00:00:00.000Z';

/** Per-type rules from the STIX 2.1 specification: each row breaks one rule of a valid fixture object. */
const SDO_CASES: ErrorCase[] = [
  {
    type: 'attack-pattern',
    why: 'name not a string',
    mutate: (o) => (o.name = 42),
    code: 'invalid_type',
    path: 'name',
  },
  {
    type: 'attack-pattern',
    why: 'kill chain phase without phase_name',
    mutate: (o) => (o.kill_chain_phases = [{ kill_chain_name: 'mitre-attack' }]),
    code: 'missing_property',
    path: 'kill_chain_phases[0].phase_name',
  },
  {
    type: 'attack-pattern',
    why: 'CAPEC id of the wrong shape',
    mutate: (o) => (o.external_references = [{ source_name: 'capec', external_id: '98' }]),
    code: 'invalid_value',
    path: 'external_references[0].external_id',
  },
  {
    type: 'campaign',
    why: 'aliases not a list',
    mutate: (o) => (o.aliases = 'Parcel wave'),
    code: 'invalid_type',
    path: 'aliases',
  },
  {
    type: 'campaign',
    why: 'empty aliases',
    mutate: (o) => (o.aliases = []),
    code: 'empty_list',
    path: 'aliases',
  },
  {
    type: 'campaign',
    why: 'last_seen before first_seen',
    mutate: (o) => (o.last_seen = '2023-01-01T00:00:00Z'),
    code: 'invalid_time_order',
    path: 'last_seen',
  },
  {
    type: 'course-of-action',
    why: 'description not a string',
    mutate: (o) => (o.description = ['x']),
    code: 'invalid_type',
    path: 'description',
  },
  {
    type: 'grouping',
    why: 'object_refs to a bundle',
    mutate: (o) => (o.object_refs = [SOME_ID.bundle]),
    code: 'invalid_ref_type',
    path: 'object_refs[0]',
  },
  {
    type: 'grouping',
    why: 'object_refs not identifiers',
    mutate: (o) => (o.object_refs = ['indicator 7']),
    code: 'invalid_id',
    path: 'object_refs[0]',
  },
  {
    type: 'identity',
    why: 'sectors not a list',
    mutate: (o) => (o.sectors = 'telecommunications'),
    code: 'invalid_type',
    path: 'sectors',
  },
  {
    type: 'incident',
    why: 'kill chain phase not an object',
    mutate: (o) => (o.kill_chain_phases = ['initial-access']),
    code: 'invalid_type',
    path: 'kill_chain_phases[0]',
  },
  {
    type: 'indicator',
    why: 'valid_from without Z',
    mutate: (o) => (o.valid_from = '2024-02-28T10:00:00'),
    code: 'invalid_timestamp',
    path: 'valid_from',
  },
  {
    type: 'indicator',
    why: 'valid_until equal to valid_from',
    mutate: (o) => (o.valid_until = o.valid_from),
    code: 'invalid_time_order',
    path: 'valid_until',
  },
  {
    type: 'indicator',
    why: 'pattern not a string',
    mutate: (o) => (o.pattern = { value: 'x' }),
    code: 'invalid_type',
    path: 'pattern',
  },
  {
    type: 'infrastructure',
    why: 'last_seen before first_seen',
    mutate: (o) => (o.last_seen = '2024-01-04T23:59:59.999Z'),
    code: 'invalid_time_order',
    path: 'last_seen',
  },
  {
    type: 'intrusion-set',
    why: 'goals item not a string',
    mutate: (o) => (o.goals = [1]),
    code: 'invalid_type',
    path: 'goals[0]',
  },
  {
    type: 'location',
    why: 'latitude out of range',
    mutate: (o) => (o.latitude = 91),
    code: 'invalid_value',
    path: 'latitude',
  },
  {
    type: 'location',
    why: 'latitude without longitude',
    mutate: (o) => delete o.longitude,
    code: 'constraint_violation',
    path: 'longitude',
  },
  {
    type: 'location',
    why: 'no region, country or coordinates',
    mutate: (o) => {
      delete o.region;
      delete o.country;
      delete o.latitude;
      delete o.longitude;
      delete o.precision;
    },
    code: 'constraint_violation',
    path: '',
  },
  {
    type: 'malware',
    why: 'is_family as a string',
    mutate: (o) => (o.is_family = 'true'),
    code: 'invalid_type',
    path: 'is_family',
  },
  {
    type: 'malware',
    why: 'family without a name',
    mutate: (o) => delete o.name,
    code: 'missing_property',
    path: 'name',
  },
  {
    type: 'malware',
    why: 'sample_refs to a URL',
    mutate: (o) => (o.sample_refs = [SOME_ID.url]),
    code: 'invalid_ref_type',
    path: 'sample_refs[0]',
  },
  {
    type: 'malware',
    why: 'operating_system_refs to an identity',
    mutate: (o) => (o.operating_system_refs = [SOME_ID.identity]),
    code: 'invalid_ref_type',
    path: 'operating_system_refs[0]',
  },
  {
    type: 'malware-analysis',
    why: 'neither result nor analysis_sco_refs',
    mutate: (o) => {
      delete o.result;
      delete o.analysis_sco_refs;
    },
    code: 'constraint_violation',
    path: '',
  },
  {
    type: 'malware-analysis',
    why: 'sample_ref to an IP address',
    mutate: (o) => (o.sample_ref = SOME_ID.ipv4),
    code: 'invalid_ref_type',
    path: 'sample_ref',
  },
  {
    type: 'malware-analysis',
    why: 'analysis_sco_refs to an SDO',
    mutate: (o) => (o.analysis_sco_refs = [SOME_ID.malware]),
    code: 'invalid_ref_type',
    path: 'analysis_sco_refs[0]',
  },
  {
    type: 'note',
    why: 'object_refs a single string',
    mutate: (o) => (o.object_refs = SOME_ID.report),
    code: 'invalid_type',
    path: 'object_refs',
  },
  {
    type: 'observed-data',
    why: 'number_observed 0',
    mutate: (o) => (o.number_observed = 0),
    code: 'invalid_value',
    path: 'number_observed',
  },
  {
    type: 'observed-data',
    why: 'number_observed above 999,999,999',
    mutate: (o) => (o.number_observed = 1_000_000_000),
    code: 'invalid_value',
    path: 'number_observed',
  },
  {
    type: 'observed-data',
    why: 'both objects and object_refs',
    mutate: (o) => (o.objects = { '0': { type: 'ipv4-addr', value: '203.0.113.45' } }),
    code: 'constraint_violation',
    path: '',
  },
  {
    type: 'observed-data',
    why: 'neither objects nor object_refs',
    mutate: (o) => delete o.object_refs,
    code: 'constraint_violation',
    path: '',
  },
  {
    type: 'observed-data',
    why: 'object_refs to an SDO',
    mutate: (o) => (o.object_refs = [SOME_ID.malware]),
    code: 'invalid_ref_type',
    path: 'object_refs[0]',
  },
  {
    type: 'observed-data',
    why: 'last_observed before first_observed',
    mutate: (o) => (o.last_observed = '2024-02-28T03:12:43.999Z'),
    code: 'invalid_time_order',
    path: 'last_observed',
  },
  {
    type: 'opinion',
    why: 'opinion outside the closed enumeration',
    mutate: (o) => (o.opinion = 'maybe'),
    code: 'not_in_vocabulary',
    path: 'opinion',
  },
  {
    type: 'report',
    why: 'published in month 13',
    mutate: (o) => (o.published = '2024-13-01T00:00:00Z'),
    code: 'invalid_timestamp',
    path: 'published',
  },
  {
    type: 'threat-actor',
    why: 'roles not a list',
    mutate: (o) => (o.roles = 'malware-author'),
    code: 'invalid_type',
    path: 'roles',
  },
  {
    type: 'tool',
    why: 'tool_version not a string',
    mutate: (o) => (o.tool_version = 1.4),
    code: 'invalid_type',
    path: 'tool_version',
  },
  {
    type: 'vulnerability',
    why: 'CVE id of the wrong shape',
    mutate: (o) => (o.external_references = [{ source_name: 'cve', external_id: 'CVE-23-4863' }]),
    code: 'invalid_value',
    path: 'external_references[0].external_id',
  },
  {
    type: 'vulnerability',
    why: 'external reference with only a source_name',
    mutate: (o) => (o.external_references = [{ source_name: 'nvd' }]),
    code: 'constraint_violation',
    path: 'external_references[0]',
  },
  {
    type: 'vulnerability',
    why: 'external reference hash with an unknown algorithm',
    mutate: (o) =>
      (o.external_references = [
        { source_name: 'nvd', url: 'https://nvd.example', hashes: { CRC32: 'abcd' } },
      ]),
    code: 'not_in_vocabulary',
    path: 'external_references[0].hashes.CRC32',
  },
];

const SRO_CASES: ErrorCase[] = [
  {
    type: 'relationship',
    why: 'source_ref to a marking definition',
    mutate: (o) => (o.source_ref = SOME_ID.markingDefinition),
    code: 'invalid_ref_type',
    path: 'source_ref',
  },
  {
    type: 'relationship',
    why: 'target_ref to a sighting',
    mutate: (o) => (o.target_ref = SOME_ID.sighting),
    code: 'invalid_ref_type',
    path: 'target_ref',
  },
  {
    type: 'relationship',
    why: 'relationship_type with capitals',
    mutate: (o) => (o.relationship_type = 'Uses'),
    code: 'invalid_value',
    path: 'relationship_type',
  },
  {
    type: 'relationship',
    why: 'stop_time equal to start_time',
    mutate: (o) => {
      o.start_time = TS;
      o.stop_time = TS;
    },
    code: 'invalid_time_order',
    path: 'stop_time',
  },
  {
    type: 'sighting',
    why: 'sighting_of_ref to an SCO',
    mutate: (o) => (o.sighting_of_ref = SOME_ID.ipv4),
    code: 'invalid_ref_type',
    path: 'sighting_of_ref',
  },
  {
    type: 'sighting',
    why: 'where_sighted_refs to malware',
    mutate: (o) => (o.where_sighted_refs = [SOME_ID.malware]),
    code: 'invalid_ref_type',
    path: 'where_sighted_refs[0]',
  },
  {
    type: 'sighting',
    why: 'observed_data_refs to a report',
    mutate: (o) => (o.observed_data_refs = [SOME_ID.report]),
    code: 'invalid_ref_type',
    path: 'observed_data_refs[0]',
  },
  {
    type: 'sighting',
    why: 'negative count',
    mutate: (o) => (o.count = -1),
    code: 'invalid_value',
    path: 'count',
  },
  {
    type: 'sighting',
    why: 'summary as a string',
    mutate: (o) => (o.summary = 'no'),
    code: 'invalid_type',
    path: 'summary',
  },
];

describe.each([
  ['SDOs', SDO_CASES],
  ['SROs', SRO_CASES],
])('%s: per-type rules', (_family, cases) => {
  it.each(cases)('$type: $why → $code at "$path"', (row) => {
    const result = runCase(row);
    expect(result.valid).toBe(false);
    expect(errorKeys(result)).toContain(`${row.code} ${row.path}`);
  });
});
