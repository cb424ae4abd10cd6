import { boolean, integer, pattern, string, timestamp } from '../checks/primitives.js';
import type { RefTarget } from '../checks/refs.js';
import { ref, refFamilies, refs, refTypes } from '../checks/refs.js';
import { timeOrder } from './rules.js';
import type { TypeSpec } from './type-spec.js';
import { defineType } from './type-spec.js';

/** Relationship ends are SDOs or SCOs (§5.1); custom and extension-defined types are accepted too. */
const relationshipEnd: RefTarget = refFamilies('SDO', 'SCO');

/** The 2 STIX Relationship Objects (§5). */
export const SRO_SPECS: readonly TypeSpec[] = [
  defineType('relationship', 'sdo', {
    properties: {
      relationship_type: pattern(
        /^[a-z0-9-]+$/,
        'a relationship type of lowercase letters, digits and hyphens',
      ),
      description: string,
      source_ref: ref(relationshipEnd),
      target_ref: ref(relationshipEnd),
      start_time: timestamp,
      stop_time: timestamp,
    },
    required: ['relationship_type', 'source_ref', 'target_ref'],
    // §5.1: "stop_time … MUST be later than the start_time".
    rule: timeOrder('start_time', 'stop_time', true),
  }),
  defineType('sighting', 'sdo', {
    properties: {
      description: string,
      first_seen: timestamp,
      last_seen: timestamp,
      count: integer(0, 999_999_999),
      sighting_of_ref: ref(refFamilies('SDO')),
      observed_data_refs: refs(refTypes('observed-data')),
      where_sighted_refs: refs(refTypes('identity', 'location')),
      summary: boolean,
    },
    required: ['sighting_of_ref'],
    rule: timeOrder('first_seen', 'last_seen'),
  }),
];
