/** Range look-ups (k-anonymity) in compromised and victim sets. */
export { PREFIX_LENGTH, RANGE_KINDS, RANGE_SET_LABELS, SUFFIX_LENGTH, rangeHash } from './range-kinds.js';
export type { RangeKind } from './range-kinds.js';
export { MIN_DECOYS, PAD_TO, padSuffixes } from './range-padding.js';
export { rangeLookup } from './range-lookup.js';
export { inRangeSet, syncRangeHashes } from './range-index.js';
export type { RangeAnswer } from './range-lookup.js';
