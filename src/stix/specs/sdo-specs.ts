import { atLeastOneOf } from '../checks/embedded.js';
import { killChainPhase } from '../checks/common-types.js';
import {
  boolean,
  enumOf,
  float,
  integer,
  listOf,
  openVocab,
  string,
  timestamp,
} from '../checks/primitives.js';
import { ANY_OBJECT, ref, refFamilies, refs, refTypes } from '../checks/refs.js';
import { joinPath, where } from '../issues.js';
import { allRules, exactlyOneOf, requiresAll, timeOrder } from './rules.js';
import type { TypeSpec } from './type-spec.js';
import { defineType } from './type-spec.js';

const strings = listOf(string);
const vocabList = listOf(openVocab);
const killChain = listOf(killChainPhase);
const seen = timeOrder('first_seen', 'last_seen');
const software = ref(refTypes('software'));

/** The 19 STIX Domain Objects (§4). Vocabularies marked "-ov" in the spec are open: any string passes. */
export const SDO_SPECS: readonly TypeSpec[] = [
  defineType('attack-pattern', 'sdo', {
    properties: { name: string, description: string, aliases: strings, kill_chain_phases: killChain },
    required: ['name'],
  }),
  defineType('campaign', 'sdo', {
    properties: {
      name: string,
      description: string,
      aliases: strings,
      first_seen: timestamp,
      last_seen: timestamp,
      objective: string,
    },
    required: ['name'],
    rule: seen,
  }),
  defineType('course-of-action', 'sdo', {
    properties: { name: string, description: string },
    required: ['name'],
  }),
  defineType('grouping', 'sdo', {
    properties: { name: string, description: string, context: openVocab, object_refs: refs(ANY_OBJECT) },
    required: ['context', 'object_refs'],
  }),
  defineType('identity', 'sdo', {
    properties: {
      name: string,
      description: string,
      roles: strings,
      identity_class: openVocab,
      sectors: vocabList,
      contact_information: string,
    },
    required: ['name'],
  }),
  defineType('incident', 'sdo', {
    properties: { name: string, description: string, kill_chain_phases: killChain },
    required: ['name'],
  }),
  defineType('indicator', 'sdo', {
    properties: {
      name: string,
      description: string,
      indicator_types: vocabList,
      pattern: string,
      pattern_type: openVocab,
      pattern_version: string,
      valid_from: timestamp,
      valid_until: timestamp,
      kill_chain_phases: killChain,
    },
    required: ['pattern', 'pattern_type', 'valid_from'],
    // §4.7: "valid_until … MUST be greater than the valid_from value".
    rule: timeOrder('valid_from', 'valid_until', true),
  }),
  defineType('infrastructure', 'sdo', {
    properties: {
      name: string,
      description: string,
      infrastructure_types: vocabList,
      aliases: strings,
      kill_chain_phases: killChain,
      first_seen: timestamp,
      last_seen: timestamp,
    },
    required: ['name'],
    rule: seen,
  }),
  defineType('intrusion-set', 'sdo', {
    properties: {
      name: string,
      description: string,
      aliases: strings,
      first_seen: timestamp,
      last_seen: timestamp,
      goals: strings,
      resource_level: openVocab,
      primary_motivation: openVocab,
      secondary_motivations: vocabList,
    },
    required: ['name'],
    rule: seen,
  }),
  defineType('location', 'sdo', {
    properties: {
      name: string,
      description: string,
      latitude: float(-90, 90),
      longitude: float(-180, 180),
      precision: float(0),
      region: openVocab,
      country: string,
      administrative_area: string,
      city: string,
      street_address: string,
      postal_code: string,
    },
    rule: allRules(
      requiresAll('latitude', ['longitude'], 'location'),
      requiresAll('longitude', ['latitude'], 'location'),
      requiresAll('precision', ['latitude', 'longitude'], 'location'),
      (obj, path, out) => {
        if (
          obj.region === undefined &&
          obj.country === undefined &&
          (obj.latitude === undefined || obj.longitude === undefined)
        ) {
          out.error(
            path,
            'constraint_violation',
            `A location needs region, country, or latitude and longitude (${where(path)}).`,
          );
        }
      },
    ),
  }),
  defineType('malware', 'sdo', {
    properties: {
      name: string,
      description: string,
      malware_types: vocabList,
      is_family: boolean,
      aliases: strings,
      kill_chain_phases: killChain,
      first_seen: timestamp,
      last_seen: timestamp,
      operating_system_refs: listOf(software),
      architecture_execution_envs: vocabList,
      implementation_languages: vocabList,
      capabilities: vocabList,
      sample_refs: refs(refTypes('artifact', 'file')),
    },
    required: ['is_family'],
    rule: allRules(seen, (obj, path, out) => {
      if (obj.is_family === true && obj.name === undefined) {
        out.error(
          joinPath(path, 'name'),
          'missing_property',
          `A malware family (is_family true) needs a name (${where(path)}).`,
        );
      }
    }),
  }),
  defineType('malware-analysis', 'sdo', {
    properties: {
      product: string,
      version: string,
      host_vm_ref: software,
      operating_system_ref: software,
      installed_software_refs: listOf(software),
      configuration_version: string,
      modules: strings,
      analysis_engine_version: string,
      analysis_definition_version: string,
      submitted: timestamp,
      analysis_started: timestamp,
      analysis_ended: timestamp,
      result_name: string,
      result: openVocab,
      analysis_sco_refs: refs(refFamilies('SCO')),
      sample_ref: ref(refTypes('file', 'network-traffic', 'artifact')),
    },
    required: ['product'],
    rule: atLeastOneOf(['result', 'analysis_sco_refs'], 'malware analysis'),
  }),
  defineType('note', 'sdo', {
    properties: { abstract: string, content: string, authors: strings, object_refs: refs(ANY_OBJECT) },
    required: ['content', 'object_refs'],
  }),
  defineType('observed-data', 'sdo', {
    properties: {
      first_observed: timestamp,
      last_observed: timestamp,
      number_observed: integer(1, 999_999_999),
      // The deprecated embedded container holds SCOs keyed by local ids; kept, only its shape checked.
      objects: (value, path, out) => {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) {
          out.error(
            path,
            'invalid_type',
            `Expected the deprecated observable container (a JSON object) ${where(path)}.`,
          );
        }
      },
      object_refs: refs(refFamilies('SCO', 'SRO')),
    },
    required: ['first_observed', 'last_observed', 'number_observed'],
    deprecated: ['objects'],
    rule: allRules(
      timeOrder('first_observed', 'last_observed'),
      exactlyOneOf(['object_refs', 'objects'], 'observed-data'),
    ),
  }),
  defineType('opinion', 'sdo', {
    properties: {
      explanation: string,
      authors: strings,
      opinion: enumOf(['strongly-disagree', 'disagree', 'neutral', 'agree', 'strongly-agree']),
      object_refs: refs(ANY_OBJECT),
    },
    required: ['opinion', 'object_refs'],
  }),
  defineType('report', 'sdo', {
    properties: {
      name: string,
      description: string,
      report_types: vocabList,
      published: timestamp,
      object_refs: refs(ANY_OBJECT),
    },
    required: ['name', 'published', 'object_refs'],
  }),
  defineType('threat-actor', 'sdo', {
    properties: {
      name: string,
      description: string,
      threat_actor_types: vocabList,
      aliases: strings,
      first_seen: timestamp,
      last_seen: timestamp,
      roles: vocabList,
      goals: strings,
      sophistication: openVocab,
      resource_level: openVocab,
      primary_motivation: openVocab,
      secondary_motivations: vocabList,
      personal_motivations: vocabList,
    },
    required: ['name'],
    rule: seen,
  }),
  defineType('tool', 'sdo', {
    properties: {
      name: string,
      description: string,
      tool_types: vocabList,
      aliases: strings,
      kill_chain_phases: killChain,
      tool_version: string,
    },
    required: ['name'],
  }),
  defineType('vulnerability', 'sdo', {
    properties: { name: string, description: string },
    required: ['name'],
  }),
];
