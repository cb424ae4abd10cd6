import { describe, expect, it } from 'vitest';
import { EVERY_TYPE_BUNDLE, fixtureObject } from './every-type.fixture.js';
import { validateObject } from './validate-object.js';
import { errorKeys } from './validate-test-kit.js';

const SDO_COMMON = ['type', 'spec_version', 'id', 'created', 'modified'];

/** Required properties per type, written out from the STIX 2.1 specification (not from our tables). */
const REQUIRED: Record<string, readonly string[]> = {
  'attack-pattern': [...SDO_COMMON, 'name'],
  campaign: [...SDO_COMMON, 'name'],
  'course-of-action': [...SDO_COMMON, 'name'],
  grouping: [...SDO_COMMON, 'context', 'object_refs'],
  identity: [...SDO_COMMON, 'name'],
  incident: [...SDO_COMMON, 'name'],
  indicator: [...SDO_COMMON, 'pattern', 'pattern_type', 'valid_from'],
  infrastructure: [...SDO_COMMON, 'name'],
  'intrusion-set': [...SDO_COMMON, 'name'],
  location: SDO_COMMON,
  malware: [...SDO_COMMON, 'is_family'],
  'malware-analysis': [...SDO_COMMON, 'product'],
  note: [...SDO_COMMON, 'content', 'object_refs'],
  'observed-data': [...SDO_COMMON, 'first_observed', 'last_observed', 'number_observed'],
  opinion: [...SDO_COMMON, 'opinion', 'object_refs'],
  report: [...SDO_COMMON, 'name', 'published', 'object_refs'],
  'threat-actor': [...SDO_COMMON, 'name'],
  tool: [...SDO_COMMON, 'name'],
  vulnerability: [...SDO_COMMON, 'name'],
  relationship: [...SDO_COMMON, 'relationship_type', 'source_ref', 'target_ref'],
  sighting: [...SDO_COMMON, 'sighting_of_ref'],
  artifact: ['type', 'id'],
  'autonomous-system': ['type', 'id', 'number'],
  directory: ['type', 'id', 'path'],
  'domain-name': ['type', 'id', 'value'],
  'email-addr': ['type', 'id', 'value'],
  'email-message': ['type', 'id', 'is_multipart'],
  file: ['type', 'id'],
  'ipv4-addr': ['type', 'id', 'value'],
  'ipv6-addr': ['type', 'id', 'value'],
  'mac-addr': ['type', 'id', 'value'],
  mutex: ['type', 'id', 'name'],
  'network-traffic': ['type', 'id', 'protocols'],
  process: ['type', 'id'],
  software: ['type', 'id', 'name'],
  url: ['type', 'id', 'value'],
  'user-account': ['type', 'id'],
  'windows-registry-key': ['type', 'id'],
  'x509-certificate': ['type', 'id'],
  'marking-definition': ['type', 'spec_version', 'id', 'created'],
  'language-content': [...SDO_COMMON, 'object_ref', 'contents'],
  'extension-definition': [...SDO_COMMON, 'created_by_ref', 'name', 'schema', 'version', 'extension_types'],
};

const ROWS = Object.entries(REQUIRED).flatMap(([type, names]) => names.map((name) => [type, name] as const));

describe('required properties', () => {
  it.each(ROWS)('%s without %s is missing_property', (type, name) => {
    const obj = fixtureObject(type);
    expect(obj[name], `fixture ${type} should have ${name}`).toBeDefined();
    Reflect.deleteProperty(obj, name);
    const result = validateObject(obj);
    expect(result.valid).toBe(false);
    expect(errorKeys(result)).toContain(`missing_property ${name}`);
  });

  it('the fixture holds one of each type in the table, all valid on their own', () => {
    for (const type of Object.keys(REQUIRED)) {
      expect(validateObject(fixtureObject(type)), type).toEqual({ valid: true, errors: [], warnings: [] });
    }
    expect(EVERY_TYPE_BUNDLE.objects.length).toBeGreaterThanOrEqual(Object.keys(REQUIRED).length);
  });
});
