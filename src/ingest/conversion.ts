import type { Distribution } from '../policy/distribution.js';
import type { StixObject } from '../stix/types.js';

/**
 * What every format converter (MISP, CSV, text, ...) receives: who the objects will belong to and the
 * clock to use when the source carries no timestamp. Converters never touch the store.
 */
export interface ConversionContext {
  /** STIX identity id of the owner organisation; converters set it as `created_by_ref`. */
  ownerIdentityId: string;
  /** ISO timestamp used for `created`/`modified` when the source has none. */
  now: string;
  /** A short label for the source (file name, feed name) used in descriptions and external references. */
  source?: string;
}

/** One STIX object produced by a converter, with the distribution its source asked for, if any. */
export interface ConvertedObject {
  object: StixObject;
  /** Per-object distribution from the source (e.g. a MISP attribute's distribution). */
  distribution?: Distribution;
}

/** A problem in the input, located by JSON path or by line and column. */
export interface ConversionIssue {
  code: string;
  message: string;
  path?: string;
  line?: number;
  column?: number;
}

/** Converters return results; they never throw halfway (STYLE.md habit 7). */
export interface ConversionResult {
  objects: ConvertedObject[];
  errors: ConversionIssue[];
  warnings: ConversionIssue[];
}
