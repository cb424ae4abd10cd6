import { describe, expect, it } from 'vitest';
import { fixtureObject } from './every-type.fixture.js';
import { TLP1_MARKINGS, TLP2_EXTENSION_ID, TLP_MARKINGS } from './tlp.js';
import { validateObject } from './validate-object.js';
import { SOME_ID, errorKeys } from './validate-test-kit.js';

const EXT = 'extension-definition--d83fce45-ef58-4c6c-a3f4-1fbc32e98c6e';
const NEW_SDO = {
  type: 'acme-case',
  spec_version: '2.1',
  id: 'acme-case--8f4c1e2d-3b5a-4c6d-9e7f-0a1b2c3d4e5f',
  created: '2024-03-01T00:00:00.000Z',
  modified: '2024-03-01T00:00:00.000Z',
  case_number: 'EC3-2024-118',
  suspects: 3,
  extensions: { [EXT]: { extension_type: 'new-sdo' } },
};

describe('extensions', () => {
  it('keeps the properties of a property extension', () => {
    const obj = fixtureObject('indicator');
    obj.extensions = { [EXT]: { extension_type: 'property-extension', anything: { goes: [1, 2] } } };
    expect(validateObject(obj)).toEqual({ valid: true, errors: [], warnings: [] });
  });

  it('needs an extension_type from the enumeration', () => {
    const obj = fixtureObject('indicator');
    obj.extensions = { [EXT]: { subscriber_reports: 3 } };
    expect(errorKeys(validateObject(obj))).toEqual([`missing_property extensions.${EXT}.extension_type`]);
    obj.extensions = { [EXT]: { extension_type: 'plugin' } };
    expect(errorKeys(validateObject(obj))).toEqual([`not_in_vocabulary extensions.${EXT}.extension_type`]);
  });

  it('rejects keys that are neither extension-definition ids nor …-ext names', () => {
    const obj = fixtureObject('indicator');
    obj.extensions = {
      'extension-definition--42': { extension_type: 'property-extension' },
      telecom: { a: 1 },
    };
    expect(errorKeys(validateObject(obj))).toEqual([
      'invalid_extension extensions.extension-definition--42',
      'invalid_extension extensions.telecom',
    ]);
  });

  it('rejects an empty extensions dictionary', () => {
    const obj = fixtureObject('indicator');
    obj.extensions = {};
    expect(errorKeys(validateObject(obj))).toEqual(['empty_dictionary extensions']);
  });

  it('accepts a new object type declared by a new-sdo extension, checking only its common properties', () => {
    expect(validateObject(NEW_SDO)).toEqual({ valid: true, errors: [], warnings: [] });
    expect(errorKeys(validateObject({ ...NEW_SDO, modified: '2024-02-01T00:00:00.000Z' }))).toEqual([
      'modified_before_created modified',
    ]);
    const { spec_version: _dropped, ...withoutVersion } = NEW_SDO;
    expect(errorKeys(validateObject(withoutVersion))).toEqual(['missing_property spec_version']);
  });

  it('accepts a new SCO type declared by a new-sco extension', () => {
    const sco = {
      type: 'imsi',
      id: 'imsi--1b2c3d4e-5f6a-5b7c-8d9e-0f1a2b3c4d5e',
      value: '204080123456789',
      extensions: { [EXT]: { extension_type: 'new-sco' } },
    };
    expect(validateObject(sco)).toEqual({ valid: true, errors: [], warnings: [] });
  });

  it('rejects an unknown non-x- type without such an extension', () => {
    const { extensions: _dropped, ...plain } = NEW_SDO;
    expect(errorKeys(validateObject(plain))).toEqual(['unknown_type type']);
  });

  it('allows top-level extension properties only with a toplevel-property-extension', () => {
    const obj = fixtureObject('indicator');
    obj.subscriber_reports = 1342;
    expect(errorKeys(validateObject(obj))).toEqual(['unknown_property subscriber_reports']);
    obj.extensions = { [EXT]: { extension_type: 'toplevel-property-extension' } };
    expect(validateObject(obj)).toEqual({ valid: true, errors: [], warnings: [] });
  });
});

describe('custom x- object types', () => {
  it('check common properties only, and keep everything else', () => {
    const obj = fixtureObject('x-accord-takedown-request');
    obj.tactic_refs = ['not even an id'];
    expect(validateObject(obj)).toEqual({ valid: true, errors: [], warnings: [] });
    obj.created_by_ref = SOME_ID.malware;
    obj.modified = '2020-01-01T00:00:00.000Z';
    expect(errorKeys(validateObject(obj))).toEqual([
      'invalid_ref_type created_by_ref',
      'modified_before_created modified',
    ]);
  });

  it('must still have a valid id of their own type', () => {
    const obj = fixtureObject('x-accord-takedown-request');
    obj.id = SOME_ID.report;
    expect(errorKeys(validateObject(obj))).toEqual(['invalid_id id']);
  });

  it('reject malformed type names', () => {
    expect(
      errorKeys(validateObject({ type: 'X-Acme', id: 'X-Acme--8f4c1e2d-3b5a-4c6d-9e7f-0a1b2c3d4e5f' })),
    ).toEqual(['invalid_value type']);
  });
});

describe('granular markings', () => {
  const report = () => fixtureObject('report');

  it('need selectors that point into the object', () => {
    const obj = report();
    obj.granular_markings = [
      {
        selectors: ['summary', 'labels.[5]', 'object_refs.[0]', 'external_references.[0].url'],
        marking_ref: TLP_MARKINGS.red.id,
      },
    ];
    expect(errorKeys(validateObject(obj))).toEqual([
      'invalid_selector granular_markings[0].selectors[0]',
      'invalid_selector granular_markings[0].selectors[1]',
      'invalid_selector granular_markings[0].selectors[3]',
    ]);
  });

  it('need exactly one of marking_ref and lang', () => {
    const obj = report();
    obj.granular_markings = [{ selectors: ['name'] }];
    expect(errorKeys(validateObject(obj))).toEqual(['missing_property granular_markings[0]']);
    obj.granular_markings = [{ selectors: ['name'], lang: 'de', marking_ref: TLP_MARKINGS.red.id }];
    expect(errorKeys(validateObject(obj))).toEqual(['constraint_violation granular_markings[0]']);
  });

  it('must reference a marking definition', () => {
    const obj = report();
    obj.granular_markings = [{ selectors: ['name'], marking_ref: SOME_ID.identity }];
    expect(errorKeys(validateObject(obj))).toEqual(['invalid_ref_type granular_markings[0].marking_ref']);
  });
});

describe('marking definitions', () => {
  it('statement markings need a statement', () => {
    const obj = fixtureObject('marking-definition');
    delete obj.extensions;
    Object.assign(obj, {
      id: 'marking-definition--2f1e0d9c-8b7a-4695-8483-7261504f3e2d',
      definition_type: 'statement',
      definition: { text: 'x' },
    });
    delete obj.name;
    expect(errorKeys(validateObject(obj))).toEqual([
      'unknown_property definition.text',
      'missing_property definition.statement',
    ]);
  });

  it('need definition_type and definition unless extensions carry the marking', () => {
    const obj = {
      type: 'marking-definition',
      spec_version: '2.1',
      id: 'marking-definition--2f1e0d9c-8b7a-4695-8483-7261504f3e2d',
      created: '2024-01-01T00:00:00.000Z',
    };
    expect(errorKeys(validateObject(obj))).toEqual([
      'missing_property definition_type',
      'missing_property definition',
    ]);
  });

  it('TLP 2.0: the official id must carry its own level', () => {
    const obj = structuredClone(TLP_MARKINGS.amber) as Record<string, unknown>;
    obj.extensions = { [TLP2_EXTENSION_ID]: { extension_type: 'property-extension', tlp_2_0: 'red' } };
    expect(errorKeys(validateObject(obj))).toEqual([`invalid_tlp_marking extensions.${TLP2_EXTENSION_ID}`]);
  });

  it('TLP 2.0: a look-alike with its own id is refused', () => {
    const obj = {
      ...structuredClone(TLP_MARKINGS.green),
      id: 'marking-definition--2f1e0d9c-8b7a-4695-8483-7261504f3e2d',
    };
    expect(errorKeys(validateObject(obj))).toEqual(['invalid_tlp_marking id']);
  });

  it('TLP 2.0: the level must be one of the five', () => {
    const obj = structuredClone(TLP_MARKINGS.clear) as Record<string, unknown>;
    obj.extensions = { [TLP2_EXTENSION_ID]: { extension_type: 'property-extension', tlp_2_0: 'white' } };
    expect(errorKeys(validateObject(obj))).toEqual([
      `not_in_vocabulary extensions.${TLP2_EXTENSION_ID}.tlp_2_0`,
    ]);
  });

  it('TLP 1.0: only the four official objects may use definition_type tlp', () => {
    const fake = {
      ...structuredClone(TLP1_MARKINGS.amber),
      id: 'marking-definition--2f1e0d9c-8b7a-4695-8483-7261504f3e2d',
    };
    expect(errorKeys(validateObject(fake))).toEqual(['invalid_tlp_marking id']);
    const wrongLevel = { ...structuredClone(TLP1_MARKINGS.white), definition: { tlp: 'red' } };
    expect(errorKeys(validateObject(wrongLevel))).toEqual(['invalid_tlp_marking definition']);
  });
});

describe('meta objects', () => {
  it('language content may not translate a bundle, and contents map languages to objects', () => {
    const obj = fixtureObject('language-content');
    obj.object_ref = SOME_ID.bundle;
    obj.contents = { de: 'SmishLoader-Botnetz' };
    expect(errorKeys(validateObject(obj))).toEqual([
      'invalid_ref_type object_ref',
      'invalid_type contents.de',
    ]);
  });

  it('extension definitions take types from the enumeration and extension_properties only for top-level extensions', () => {
    const obj = fixtureObject('extension-definition');
    obj.extension_types = ['plugin'];
    obj.extension_properties = ['subscriber_reports'];
    expect(errorKeys(validateObject(obj))).toEqual([
      'not_in_vocabulary extension_types[0]',
      'constraint_violation extension_properties',
    ]);
    obj.extension_types = ['toplevel-property-extension'];
    expect(validateObject(obj).valid).toBe(true);
  });
});

describe('deprecated observed-data objects', () => {
  it('is accepted with a warning', () => {
    const obj = fixtureObject('observed-data');
    delete obj.object_refs;
    obj.objects = { '0': { type: 'ipv4-addr', value: '203.0.113.45' } };
    const result = validateObject(obj);
    expect(result.valid).toBe(true);
    expect(result.warnings.map((w) => `${w.code} ${w.path}`)).toEqual(['deprecated_property objects']);
  });
});
