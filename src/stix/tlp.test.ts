import { describe, expect, it } from 'vitest';
import { TLP1_MARKINGS, TLP2_EXTENSION_ID, TLP_LEVELS, TLP_MARKINGS, tlpLevelFromMarkingRef } from './tlp.js';
import { validateObject } from './validate-object.js';

describe('TLP marking definitions', () => {
  it('carry the ids OASIS publishes for TLP 2.0 (cti-stix-common-objects)', () => {
    expect(TLP_MARKINGS.clear.id).toBe('marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487');
    expect(TLP_MARKINGS.green.id).toBe('marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb');
    expect(TLP_MARKINGS.amber.id).toBe('marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421');
    expect(TLP_MARKINGS['amber+strict'].id).toBe('marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003');
    expect(TLP_MARKINGS.red.id).toBe('marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1');
  });

  it('are the published objects, down to name and extension', () => {
    expect(TLP_MARKINGS['amber+strict']).toEqual({
      type: 'marking-definition',
      spec_version: '2.1',
      id: 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
      created: '2022-10-01T00:00:00.000Z',
      name: 'TLP:AMBER+STRICT',
      extensions: {
        'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d': {
          extension_type: 'property-extension',
          tlp_2_0: 'amber+strict',
        },
      },
    });
    expect(TLP1_MARKINGS.white).toEqual({
      type: 'marking-definition',
      spec_version: '2.1',
      id: 'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9',
      created: '2017-01-20T00:00:00.000Z',
      definition_type: 'tlp',
      name: 'TLP:WHITE',
      definition: { tlp: 'white' },
    });
    expect(TLP2_EXTENSION_ID).toBe('extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d');
  });

  it('all validate without errors or warnings', () => {
    for (const marking of [...Object.values(TLP_MARKINGS), ...Object.values(TLP1_MARKINGS)]) {
      expect(validateObject(marking)).toEqual({ valid: true, errors: [], warnings: [] });
    }
  });
});

describe('tlpLevelFromMarkingRef', () => {
  it('maps every TLP 2.0 id to its level', () => {
    for (const level of TLP_LEVELS) expect(tlpLevelFromMarkingRef(TLP_MARKINGS[level].id)).toBe(level);
  });

  it('reads TLP 1.0, with WHITE as CLEAR', () => {
    expect(tlpLevelFromMarkingRef(TLP1_MARKINGS.white.id)).toBe('clear');
    expect(tlpLevelFromMarkingRef(TLP1_MARKINGS.green.id)).toBe('green');
    expect(tlpLevelFromMarkingRef(TLP1_MARKINGS.amber.id)).toBe('amber');
    expect(tlpLevelFromMarkingRef(TLP1_MARKINGS.red.id)).toBe('red');
  });

  it('knows nothing else', () => {
    expect(
      tlpLevelFromMarkingRef('marking-definition--fa42a846-8d90-4e51-bc29-71d5b4802168'),
    ).toBeUndefined();
    expect(tlpLevelFromMarkingRef('amber')).toBeUndefined();
  });
});
