import type { ValidationIssue } from '../stix/types.js';

export type ObjectStatus = 'created' | 'duplicate' | 'invalid' | 'refused' | 'rejected';

/** What happened to one object of an import (STYLE.md habit 7: batches return results). */
export interface ObjectResult {
  index: number;
  id: string | null;
  status: ObjectStatus;
  errors: ValidationIssue[];
  warnings: ValidationIssue[];
}

export interface ImportSummary {
  total: number;
  created: number;
  duplicate: number;
  invalid: number;
  refused: number;
  /** Objects that were valid but not written because `strict` rejected the whole bundle. */
  rejected: number;
  /** A problem with the input as a whole (not JSON, not a bundle, truncated): nothing after it was read. */
  fatal?: { code: string; message: string; line?: number; column?: number };
}

export function emptySummary(): ImportSummary {
  return { total: 0, created: 0, duplicate: 0, invalid: 0, refused: 0, rejected: 0 };
}

export function countResult(summary: ImportSummary, result: ObjectResult): void {
  summary.total++;
  summary[result.status]++;
}
