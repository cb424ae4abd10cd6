import type { ValidationIssue } from './types.js';

/**
 * The stable machine codes the validator reports. Callers (HTTP error catalogue, import results) may
 * switch on these; the `message` beside each is for people and may change.
 */
export const ISSUE_CODES = [
  'invalid_type',
  'missing_property',
  'unknown_property',
  'forbidden_property',
  'unknown_type',
  'invalid_id',
  'invalid_ref_type',
  'invalid_timestamp',
  'invalid_value',
  'not_in_vocabulary',
  'empty_list',
  'empty_dictionary',
  'invalid_dictionary_key',
  'invalid_hash',
  'invalid_selector',
  'invalid_extension',
  'invalid_tlp_marking',
  'unsupported_spec_version',
  'modified_before_created',
  'invalid_time_order',
  'constraint_violation',
  'too_deep',
  // warnings only
  'sco_id_mismatch',
  'timestamp_precision',
  'deprecated_property',
  'invalid_property_name',
  'duplicate_object',
] as const;
export type IssueCode = (typeof ISSUE_CODES)[number];

/** Collects problems without throwing, so a caller sees every problem of an input at once. */
export class Issues {
  readonly errors: ValidationIssue[] = [];
  readonly warnings: ValidationIssue[] = [];

  error(path: string, code: IssueCode, message: string): void {
    this.errors.push({ path, code, message });
  }

  warn(path: string, code: IssueCode, message: string): void {
    this.warnings.push({ path, code, message });
  }
}

/** `objects[3]` + `modified` → `objects[3].modified`; numbers become `[n]`. */
export function joinPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  return base === '' ? key : `${base}.${key}`;
}

/** Where a problem is, in words: "at objects[3].modified" or "at the top level". */
export function where(path: string): string {
  return path === '' ? 'at the top level' : `at ${path}`;
}

/** A short description of what a value is, for messages such as "expected a string but found a number". */
export function describeValue(value: unknown): string {
  if (value === null) return 'null (STIX does not allow null values)';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return 'a string';
    case 'number':
      return Number.isInteger(value) ? 'an integer' : 'a number';
    case 'boolean':
      return 'a boolean';
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
