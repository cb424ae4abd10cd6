import { describe, expect, it } from 'vitest';
import {
  META_TYPES,
  SCO_TYPES,
  SDO_TYPES,
  SRO_TYPES,
  isMetaType,
  isScoType,
  isSdoType,
  isSroType,
  objectCategory,
} from './object-types.js';
import { versionKey } from './version-key.js';

describe('object categories', () => {
  it('has the 19 SDOs, 2 SROs, 18 SCOs and 3 meta objects of STIX 2.1', () => {
    expect([SDO_TYPES.size, SRO_TYPES.size, SCO_TYPES.size, META_TYPES.size]).toEqual([19, 2, 18, 3]);
  });

  it('classifies types', () => {
    expect(objectCategory('malware-analysis')).toBe('sdo');
    expect(objectCategory('sighting')).toBe('sro');
    expect(objectCategory('x509-certificate')).toBe('sco');
    expect(objectCategory('language-content')).toBe('meta');
    expect(objectCategory('x-mitre-tactic')).toBe('custom');
    expect(objectCategory('bundle')).toBe('unknown');
    expect(objectCategory('action')).toBe('unknown');
    expect([
      isSdoType('tool'),
      isSroType('relationship'),
      isScoType('url'),
      isMetaType('extension-definition'),
    ]).toEqual([true, true, true, true]);
    expect([isSdoType('url'), isSroType('tool'), isScoType('relationship'), isMetaType('identity')]).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('versionKey', () => {
  it('is modified, else created, else null', () => {
    expect(versionKey({ created: '2024-01-01T00:00:00.000Z', modified: '2024-02-01T00:00:00.000Z' })).toBe(
      '2024-02-01T00:00:00.000Z',
    );
    expect(versionKey({ created: '2022-10-01T00:00:00.000Z' })).toBe('2022-10-01T00:00:00.000Z');
    expect(versionKey({})).toBeNull();
    expect(versionKey({ modified: 5 })).toBeNull();
  });
});
