export type { GranularMarking, StixBundle, StixObject, ValidationIssue, ValidationResult } from './types.js';
export { validateObject } from './validate-object.js';
export { validateBundle } from './validate-bundle.js';
export { computeScoId, ID_CONTRIBUTING_PROPERTIES, SCO_ID_NAMESPACE } from './sco-id.js';
export { canonicalJson } from './canonical-json.js';
export { uuidv5 } from './uuid-v5.js';
export { isValidStixId, parseRefType, isValidTypeName } from './identifier.js';
export { isStixTimestamp, compareTimestamps } from './timestamp.js';
export { versionKey } from './version-key.js';
export { ISSUE_CODES } from './issues.js';
export type { IssueCode } from './issues.js';
export {
  META_TYPES,
  SCO_TYPES,
  SDO_TYPES,
  SRO_TYPES,
  isCustomType,
  isMetaType,
  isScoType,
  isSdoType,
  isSroType,
  objectCategory,
} from './object-types.js';
export type { ObjectCategory, StixCategory } from './object-types.js';
export {
  TLP1_MARKINGS,
  TLP1_MARKING_IDS,
  TLP2_EXTENSION_ID,
  TLP2_MARKING_IDS,
  TLP_LEVELS,
  TLP_MARKINGS,
  isTlpLevel,
  tlpLevelFromMarkingRef,
} from './tlp.js';
export type { Tlp1Level, TlpLevel, TlpMarkingDefinition } from './tlp.js';
