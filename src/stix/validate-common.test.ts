import { describe, expect, it } from 'vitest';
import { EVERY_TYPE_BUNDLE, fixtureObject } from './every-type.fixture.js';
import { META_TYPES, SCO_TYPES, SDO_TYPES, SRO_TYPES } from './object-types.js';
import { validateObject } from './validate-object.js';
import { SOME_ID, errorKeys } from './validate-test-kit.js';

const STIX_TYPES = [...SDO_TYPES, ...SRO_TYPES, ...SCO_TYPES, ...META_TYPES];
const SDO_LIKE = [...SDO_TYPES, ...SRO_TYPES];

describe('properties common to every type', () => {
  it.each(STIX_TYPES)('%s: an unknown non-custom property is rejected', (type) => {
    const obj = fixtureObject(type);
    obj.threat_score = 7;
    expect(errorKeys(validateObject(obj))).toEqual(['unknown_property threat_score']);
  });

  it.each(STIX_TYPES)('%s: x_ custom properties are kept untouched and never rejected', (type) => {
    const obj = fixtureObject(type);
    obj.x_acme_score = { nested: [1, 'two', { three: true }] };
    obj.x_acme_flag = false;
    const before = structuredClone(obj);
    expect(validateObject(obj)).toEqual({ valid: true, errors: [], warnings: [] });
    expect(obj).toEqual(before);
  });

  it.each(STIX_TYPES)('%s: an id of another type is invalid_id', (type) => {
    const obj = fixtureObject(type);
    obj.id = type === 'identity' ? SOME_ID.malware : SOME_ID.identity;
    expect(errorKeys(validateObject(obj))).toContain('invalid_id id');
  });

  it.each(STIX_TYPES)('%s: a malformed id is invalid_id', (type) => {
    const obj = fixtureObject(type);
    obj.id = `${type}--1234`;
    expect(errorKeys(validateObject(obj))).toContain('invalid_id id');
  });

  it.each(STIX_TYPES)('%s: spec_version 2.0 is unsupported', (type) => {
    const obj = fixtureObject(type);
    obj.spec_version = '2.0';
    expect(errorKeys(validateObject(obj))).toContain('unsupported_spec_version spec_version');
  });

  it.each(STIX_TYPES)('%s: null values are rejected', (type) => {
    const obj = fixtureObject(type);
    obj.spec_version = null;
    const result = validateObject(obj);
    expect(errorKeys(result)).toContain('invalid_type spec_version');
    expect(result.errors[0]?.message).toMatch(/null/);
  });

  it.each(STIX_TYPES)('%s: object_marking_refs must point to marking definitions', (type) => {
    const obj = fixtureObject(type);
    obj.object_marking_refs = [SOME_ID.identity];
    expect(errorKeys(validateObject(obj))).toContain('invalid_ref_type object_marking_refs[0]');
  });
});

describe('SDOs and SROs', () => {
  it.each(SDO_LIKE)('%s: modified before created is modified_before_created', (type) => {
    const obj = fixtureObject(type);
    obj.created = '2024-06-01T00:00:00.000Z';
    obj.modified = '2024-05-31T23:59:59.999Z';
    expect(errorKeys(validateObject(obj))).toEqual(['modified_before_created modified']);
  });

  it.each(SDO_LIKE)('%s: a timestamp without Z is invalid_timestamp', (type) => {
    const obj = fixtureObject(type);
    obj.created = '2024-01-01T00:00:00.000';
    obj.modified = '2024-01-01T00:00:00.000+01:00';
    expect(errorKeys(validateObject(obj))).toEqual([
      'invalid_timestamp created',
      'invalid_timestamp modified',
    ]);
  });

  it.each(SDO_LIKE)('%s: month 13 is invalid_timestamp', (type) => {
    const obj = fixtureObject(type);
    obj.modified = '2024-13-01T00:00:00.000Z';
    expect(errorKeys(validateObject(obj))).toEqual(['invalid_timestamp modified']);
  });

  it.each(SDO_LIKE)('%s: defanged does not apply (forbidden_property)', (type) => {
    const obj = fixtureObject(type);
    obj.defanged = true;
    expect(errorKeys(validateObject(obj))).toEqual(['forbidden_property defanged']);
  });

  it.each(SDO_LIKE)('%s: confidence must be an integer from 0 to 100', (type) => {
    const obj = fixtureObject(type);
    obj.confidence = 101;
    expect(errorKeys(validateObject(obj))).toEqual(['invalid_value confidence']);
    obj.confidence = 50.5;
    expect(errorKeys(validateObject(obj))).toEqual(['invalid_type confidence']);
    obj.confidence = 0;
    expect(validateObject(obj).valid).toBe(true);
  });

  it.each(SDO_LIKE)('%s: created_by_ref must point to an identity', (type) => {
    const obj = fixtureObject(type);
    obj.created_by_ref = SOME_ID.malware;
    expect(errorKeys(validateObject(obj))).toEqual(['invalid_ref_type created_by_ref']);
  });

  it.each(SDO_LIKE)('%s: labels must be a non-empty list of strings', (type) => {
    const obj = fixtureObject(type);
    delete obj.granular_markings; // the report's markings select labels.[1]
    obj.labels = [];
    expect(errorKeys(validateObject(obj))).toEqual(['empty_list labels']);
    obj.labels = ['ok', 3];
    expect(errorKeys(validateObject(obj))).toEqual(['invalid_type labels[1]']);
  });

  it('created/modified with less than millisecond precision is only a warning', () => {
    const obj = fixtureObject('campaign');
    obj.created = '2024-01-23T09:00:00Z';
    const result = validateObject(obj);
    expect(result.valid).toBe(true);
    expect(result.warnings.map((w) => `${w.code} ${w.path}`)).toEqual(['timestamp_precision created']);
  });
});

describe('SCOs', () => {
  const NOT_FOR_SCOS = [
    'created',
    'modified',
    'created_by_ref',
    'revoked',
    'labels',
    'confidence',
    'lang',
    'external_references',
  ];
  const rows = [...SCO_TYPES].flatMap((type) => NOT_FOR_SCOS.map((name) => [type, name] as const));

  it.each(rows)('%s: %s does not apply (forbidden_property)', (type, name) => {
    const donor = fixtureObject('indicator');
    const obj = fixtureObject(type);
    obj[name] =
      donor[name] ??
      (name === 'lang'
        ? 'en'
        : name === 'revoked'
          ? false
          : name === 'labels'
            ? ['x']
            : [{ source_name: 'a', url: 'https://a.example' }]);
    expect(errorKeys(validateObject(obj))).toEqual([`forbidden_property ${name}`]);
  });

  it.each([...SCO_TYPES])('%s: defanged must be a boolean', (type) => {
    const obj = fixtureObject(type);
    obj.defanged = 'yes';
    expect(errorKeys(validateObject(obj))).toEqual(['invalid_type defanged']);
  });

  it.each([...SCO_TYPES].filter((type) => type !== 'process'))(
    '%s: an id that is not the deterministic one is only a warning',
    (type) => {
      const obj = fixtureObject(type);
      obj.id = `${type}--4a0c2b5e-7d1f-4e3a-9b6c-8d2e0f1a3b5c`;
      const result = validateObject(obj);
      expect(result.valid).toBe(true);
      expect(result.warnings.map((w) => `${w.code} ${w.path}`)).toEqual(['sco_id_mismatch id']);
    },
  );
});

describe('meta objects', () => {
  it.each([
    ['marking-definition', 'modified'],
    ['marking-definition', 'revoked'],
    ['marking-definition', 'labels'],
    ['marking-definition', 'confidence'],
    ['marking-definition', 'lang'],
    ['language-content', 'lang'],
    ['extension-definition', 'confidence'],
    ['extension-definition', 'lang'],
    ['extension-definition', 'defanged'],
  ])('%s: %s does not apply (forbidden_property)', (type, name) => {
    const obj = fixtureObject(type);
    obj[name] = {
      modified: '2024-12-01T00:00:00.000Z',
      revoked: true,
      labels: ['x'],
      confidence: 5,
      lang: 'en',
      defanged: false,
    }[name];
    expect(errorKeys(validateObject(obj))).toEqual([`forbidden_property ${name}`]);
  });

  it('extension-definition may not itself carry extensions', () => {
    const obj = fixtureObject('extension-definition');
    obj.extensions = { 'x-acme-ext': { a: 1 } };
    expect(errorKeys(validateObject(obj))).toEqual(['forbidden_property extensions']);
  });
});

describe('the fixture', () => {
  it('has every STIX type, a custom x- type and the features the brief lists', () => {
    const types = new Set(EVERY_TYPE_BUNDLE.objects.map((obj) => obj.type as string));
    for (const type of STIX_TYPES) expect(types.has(type), type).toBe(true);
    expect([...types].some((type) => type.startsWith('x-'))).toBe(true);
    const text = JSON.stringify(EVERY_TYPE_BUNDLE);
    const has = (fragment: string) => text.includes(fragment);
    expect(has('"tlp_2_0":"amber"')).toBe(true);
    expect(has('"definition_type":"statement"')).toBe(true);
    expect(has('"extension_type":"property-extension","subscriber_reports"')).toBe(true);
    expect(has('"granular_markings"')).toBe(true);
    expect(has('"http-request-ext"')).toBe(true);
    expect(
      EVERY_TYPE_BUNDLE.objects.filter((obj) => Object.keys(obj).some((key) => key.startsWith('x_'))).length,
    ).toBeGreaterThanOrEqual(3);
  });
});
