import { describe, expect, it } from 'vitest';
import { isValidStixId, isValidTypeName, parseRefType } from './identifier.js';

describe('isValidStixId / parseRefType', () => {
  it.each([
    ['indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f', 'indicator'],
    ['x-mitre-tactic--69da72d2-f550-41c5-ab9e-e8255707f28a', 'x-mitre-tactic'],
    ['ipv4-addr--ff26c055-6336-5bc5-b98d-13d6226742dd', 'ipv4-addr'],
    ['identity--1621D4D4-B67D-11E3-9670-F01FAF20D111', 'identity'],
    ['bundle--0190f7c5-3b0e-7cc2-9d6a-0a1b2c3d4e5f', 'bundle'],
  ])('accepts %s', (id, type) => {
    expect(isValidStixId(id)).toBe(true);
    expect(parseRefType(id)).toBe(type);
  });

  it.each([
    ['no uuid', 'indicator--'],
    ['single hyphen', 'indicator-8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f'],
    ['uppercase type', 'Indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f'],
    ['version 0 (nil uuid)', 'indicator--00000000-0000-0000-0000-000000000000'],
    ['wrong variant', 'indicator--8e2e2d2b-17d4-4cbf-c38f-98ee46b3cd3f'],
    ['short uuid', 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3'],
    ['trailing text', 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f '],
    ['underscore in type', 'attack_pattern--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f'],
  ])('rejects %s', (_why, id) => {
    expect(isValidStixId(id)).toBe(false);
    expect(parseRefType(id)).toBeUndefined();
  });

  it('rejects non-strings', () => {
    for (const value of [null, 3, {}, ['indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f']])
      expect(isValidStixId(value)).toBe(false);
  });
});

describe('isValidTypeName', () => {
  it('follows the STIX type-name rule', () => {
    expect(isValidTypeName('x-mitre-data-source')).toBe(true);
    expect(isValidTypeName('ab')).toBe(false);
    expect(isValidTypeName('x--double')).toBe(false);
    expect(isValidTypeName('-x-lead')).toBe(false);
    expect(isValidTypeName('x-Upper')).toBe(false);
    expect(isValidTypeName('a'.repeat(251))).toBe(false);
  });
});
