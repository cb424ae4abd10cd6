import type { Check } from '../checks/check.js';
import { dictionary, enumOf, listOf, string, timestamp } from '../checks/primitives.js';
import { ref } from '../checks/refs.js';
import { describeValue, isPlainObject, joinPath, where } from '../issues.js';
import { EXTENSION_TYPES } from './extension-types.js';
import { markingDefinitionRule } from './marking-rules.js';
import type { TypeSpec } from './type-spec.js';
import { defineType } from './type-spec.js';

/** The `definition` object is checked by the marking rule, which knows the definition_type. */
const definition: Check = (value, path, out) => {
  if (!isPlainObject(value))
    out.error(
      path,
      'invalid_type',
      `Expected a marking definition (JSON object) ${where(path)}, found ${describeValue(value)}.`,
    );
};

/** Language content `contents`: language tag → object of translated properties (§7.1). */
const contents = dictionary((value, path, out) => {
  if (!isPlainObject(value)) {
    out.error(
      path,
      'invalid_type',
      `Expected the translated properties (JSON object) ${where(path)}, found ${describeValue(value)}.`,
    );
  } else if (Object.keys(value).length === 0) {
    out.error(path, 'empty_dictionary', `The translations ${where(path)} are empty.`);
  }
});

const translatable = ref({
  accepts: (type) => type !== 'bundle' && type !== 'language-content',
  description: 'a STIX object other than a bundle or language content',
});

/** marking-definition, language-content and extension-definition (§7). */
export const META_SPECS: readonly TypeSpec[] = [
  defineType('marking-definition', 'marking-definition', {
    properties: { name: string, definition_type: string, definition },
    rule: markingDefinitionRule,
  }),
  defineType('language-content', 'language-content', {
    properties: { object_ref: translatable, object_modified: timestamp, contents },
    required: ['object_ref', 'contents'],
  }),
  defineType('extension-definition', 'extension-definition', {
    properties: {
      name: string,
      description: string,
      schema: string,
      version: string,
      extension_types: listOf(enumOf(EXTENSION_TYPES)),
      extension_properties: listOf(string),
    },
    required: ['name', 'schema', 'version', 'extension_types'],
    rule: (obj, path, out) => {
      const types = obj.extension_types;
      if (
        obj.extension_properties !== undefined &&
        !(Array.isArray(types) && types.includes('toplevel-property-extension'))
      ) {
        out.error(
          joinPath(path, 'extension_properties'),
          'constraint_violation',
          `extension_properties is only allowed for a toplevel-property-extension (${where(path)}).`,
        );
      }
    },
  }),
];
