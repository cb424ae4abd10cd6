import type { Check } from '../checks/check.js';
import { externalReference } from '../checks/common-types.js';
import { granularMarking } from '../checks/granular-marking.js';
import {
  boolean,
  handledElsewhere,
  integer,
  languageTag,
  listOf,
  millisecondTimestamp,
  string,
} from '../checks/primitives.js';
import { ref, refs, refTypes } from '../checks/refs.js';
import { describeValue, where } from '../issues.js';

const specVersion: Check = (value, path, out) => {
  if (value === '2.1') return;
  if (typeof value === 'string') {
    out.error(
      path,
      'unsupported_spec_version',
      `spec_version "${value.slice(0, 20)}" ${where(path)} is not supported; Accord reads STIX 2.1 ("2.1").`,
    );
  } else {
    out.error(
      path,
      'invalid_type',
      `Expected spec_version "2.1" ${where(path)}, found ${describeValue(value)}.`,
    );
  }
};

/** Checks of the common properties (§3.2), shared by every object that may carry them. */
export const COMMON_CHECKS: Readonly<Record<string, Check>> = {
  type: handledElsewhere,
  id: handledElsewhere,
  extensions: handledElsewhere,
  spec_version: specVersion,
  created_by_ref: ref(refTypes('identity')),
  created: millisecondTimestamp,
  modified: millisecondTimestamp,
  revoked: boolean,
  labels: listOf(string),
  confidence: integer(0, 100),
  lang: languageTag,
  external_references: listOf(externalReference),
  object_marking_refs: refs(refTypes('marking-definition')),
  granular_markings: listOf(granularMarking),
  defanged: boolean,
};

/** Which common properties each kind of object may (allowed) and must (required) carry (§3.1 table). */
export type CommonKind = 'sdo' | 'sco' | 'language-content' | 'marking-definition' | 'extension-definition';

interface CommonRule {
  readonly allowed: readonly string[];
  readonly required: readonly string[];
}

const MARKINGS = ['object_marking_refs', 'granular_markings'];

export const COMMON_BY_KIND: Readonly<Record<CommonKind, CommonRule>> = {
  // SROs follow the same table as SDOs.
  sdo: {
    allowed: [
      'type',
      'spec_version',
      'id',
      'created_by_ref',
      'created',
      'modified',
      'revoked',
      'labels',
      'confidence',
      'lang',
      'external_references',
      ...MARKINGS,
      'extensions',
    ],
    required: ['type', 'spec_version', 'id', 'created', 'modified'],
  },
  sco: {
    allowed: ['type', 'spec_version', 'id', ...MARKINGS, 'defanged', 'extensions'],
    required: ['type', 'id'],
  },
  'language-content': {
    allowed: [
      'type',
      'spec_version',
      'id',
      'created_by_ref',
      'created',
      'modified',
      'revoked',
      'labels',
      'confidence',
      'external_references',
      ...MARKINGS,
      'extensions',
    ],
    required: ['type', 'spec_version', 'id', 'created', 'modified'],
  },
  'marking-definition': {
    allowed: [
      'type',
      'spec_version',
      'id',
      'created_by_ref',
      'created',
      'external_references',
      ...MARKINGS,
      'extensions',
    ],
    required: ['type', 'spec_version', 'id', 'created'],
  },
  'extension-definition': {
    allowed: [
      'type',
      'spec_version',
      'id',
      'created_by_ref',
      'created',
      'modified',
      'revoked',
      'labels',
      'external_references',
      ...MARKINGS,
    ],
    required: ['type', 'spec_version', 'id', 'created', 'modified', 'created_by_ref'],
  },
};
