import { ACCORD_NAMESPACE, uuidv5 } from '../accord-id.js';
import { computeScoId } from '../../stix/index.js';
import type { StixObject } from '../../stix/types.js';
import type { StixComparison } from './stix-comparison.js';

/** An SCO with its deterministic STIX id (§2.9), so one value is one object whoever sends it. */
export function makeSco(type: string, fields: Record<string, unknown>): StixObject {
  const draft: StixObject = { type, spec_version: '2.1', id: '', ...fields };
  const id = computeScoId(draft) ?? `${type}--${uuidv5(JSON.stringify(fields), ACCORD_NAMESPACE)}`;
  return { type, spec_version: '2.1', id, ...fields };
}

export const CUSTOM_SCO_TYPE = 'x-misp-attribute';

/**
 * A MISP value that has no STIX Cyber-observable (btc, ja3, unknown types, ...) as a custom SCO,
 * id derived from type and value, so it is kept, correlates with itself and comes back out.
 */
export function customSco(mispType: string, value: string): StixObject {
  const id = `${CUSTOM_SCO_TYPE}--${uuidv5(`${mispType}\u0000${value}`, ACCORD_NAMESPACE)}`;
  return { type: CUSTOM_SCO_TYPE, spec_version: '2.1', id, x_misp_type: mispType, x_misp_value: value };
}

/** The comparisons that find a custom (`x-misp-attribute`) value. */
export function customComparisons(mispType: string, value: string): StixComparison[] {
  return [
    { objectType: CUSTOM_SCO_TYPE, path: 'x_misp_type', value: mispType },
    { objectType: CUSTOM_SCO_TYPE, path: 'x_misp_value', value },
  ];
}
