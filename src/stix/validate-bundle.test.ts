import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EVERY_TYPE_BUNDLE, fixtureObject } from './every-type.fixture.js';
import { validateBundle } from './validate-bundle.js';
import { errorKeys } from './validate-test-kit.js';

const MITRE_ICS = new URL('../../../shared/data/mitre-ics-attack.json', import.meta.url);
const hasMitre = existsSync(MITRE_ICS);
if (!hasMitre) console.warn('skipped: ../shared/data/mitre-ics-attack.json not present');

describe('validateBundle', () => {
  it('accepts the every-type fixture with no errors and no warnings', () => {
    expect(validateBundle(EVERY_TYPE_BUNDLE)).toEqual({ valid: true, errors: [], warnings: [] });
  });

  it('reports object problems under objects[i]', () => {
    const bundle = structuredClone(EVERY_TYPE_BUNDLE);
    const index = bundle.objects.findIndex((obj) => obj.type === 'indicator');
    bundle.objects[index]!.modified = '2020-01-01T00:00:00.000Z';
    bundle.objects[index]!.pattern_type = 7;
    expect(errorKeys(validateBundle(bundle))).toEqual([
      `invalid_type objects[${index}].pattern_type`,
      `modified_before_created objects[${index}].modified`,
    ]);
  });

  it('needs type bundle, a bundle id and an objects list', () => {
    expect(errorKeys(validateBundle({}))).toEqual([
      'missing_property type',
      'missing_property id',
      'missing_property objects',
    ]);
    expect(
      errorKeys(
        validateBundle({ type: 'report', id: 'report--8f4c1e2d-3b5a-4c6d-9e7f-0a1b2c3d4e5f', objects: {} }),
      ),
    ).toEqual(['invalid_value type', 'invalid_id id', 'invalid_type objects']);
  });

  it('warns about an empty bundle and a 2.0 spec_version, and rejects unknown bundle properties', () => {
    const result = validateBundle({
      type: 'bundle',
      id: 'bundle--8f4c1e2d-3b5a-4c6d-9e7f-0a1b2c3d4e5f',
      spec_version: '2.0',
      objects: [],
      name: 'x',
      x_source: 'feed',
    });
    expect(errorKeys(result)).toEqual(['unknown_property name']);
    expect(result.warnings.map((w) => `${w.code} ${w.path}`)).toEqual([
      'empty_list objects',
      'deprecated_property spec_version',
    ]);
  });

  it('warns when the same object version appears twice', () => {
    const malware = fixtureObject('malware');
    const result = validateBundle({
      type: 'bundle',
      id: 'bundle--8f4c1e2d-3b5a-4c6d-9e7f-0a1b2c3d4e5f',
      objects: [malware, malware, { ...malware, modified: '2024-03-09T00:00:00.000Z' }],
    });
    expect(result.valid).toBe(true);
    expect(result.warnings.map((w) => `${w.code} ${w.path}`)).toEqual(['duplicate_object objects[1]']);
  });

  it('reports non-object entries and keeps going', () => {
    const result = validateBundle({
      type: 'bundle',
      id: 'bundle--8f4c1e2d-3b5a-4c6d-9e7f-0a1b2c3d4e5f',
      objects: [null, 'indicator', fixtureObject('tool'), []],
    });
    expect(errorKeys(result)).toEqual([
      'invalid_type objects[0]',
      'invalid_type objects[1]',
      'invalid_type objects[3]',
    ]);
  });
});

describe.skipIf(!hasMitre)('MITRE ATT&CK for ICS (real data, custom x-mitre-* types)', () => {
  it('validates with zero errors and zero warnings', () => {
    const bundle: unknown = JSON.parse(readFileSync(MITRE_ICS, 'utf8'));
    const result = validateBundle(bundle);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.valid).toBe(true);
  });
});
