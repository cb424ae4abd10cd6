import { META_SPECS } from './meta-specs.js';
import { SCO_SPECS } from './sco-specs.js';
import { SDO_SPECS } from './sdo-specs.js';
import { SRO_SPECS } from './sro-specs.js';
import type { TypeSpec } from './type-spec.js';
import { defineType } from './type-spec.js';

/** Every STIX 2.1 type's spec, by type name. */
export const TYPE_SPECS: ReadonlyMap<string, TypeSpec> = new Map(
  [...SDO_SPECS, ...SRO_SPECS, ...SCO_SPECS, ...META_SPECS].map((spec) => [spec.type, spec]),
);

/**
 * Specs for objects whose type STIX does not define (`x-` custom types, types introduced by new-sdo/
 * new-sco/new-sro extension definitions): only their common properties are checked.
 */
export const OPEN_SPECS = {
  sdo: defineType('custom object', 'sdo', { properties: {} }),
  sco: defineType('custom observable', 'sco', { properties: {} }),
} as const;
