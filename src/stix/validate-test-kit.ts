import { fixtureObject } from './every-type.fixture.js';
import type { ValidationResult } from './types.js';
import { validateObject } from './validate-object.js';

/** Test support: one row of a "mutate a valid fixture object, expect this error" table. */
export interface ErrorCase {
  readonly type: string;
  readonly why: string;
  readonly mutate: (obj: Record<string, unknown>) => void;
  readonly code: string;
  readonly path: string;
}

/** Applies the row's mutation to a fresh fixture object and validates it. */
export function runCase(row: Pick<ErrorCase, 'type' | 'mutate'>): ValidationResult {
  const obj = fixtureObject(row.type);
  row.mutate(obj);
  return validateObject(obj);
}

/** `code path` pairs of a result's errors, for readable assertion failures. */
export function errorKeys(result: ValidationResult): string[] {
  return result.errors.map((issue) => `${issue.code} ${issue.path}`);
}

export const SOME_ID = {
  identity: 'identity--5b1f7a4e-9a61-4b43-8f0c-2a0f4b8e6c11',
  malware: 'malware--0c7b5e0a-3f1e-4d8b-9b3a-7d2e9f6c4a21',
  bundle: 'bundle--6c3f4e2a-1b7d-4c9e-8a5f-3e2d1c0b9a87',
  sighting: 'sighting--7e6d5c4b-3a29-4817-a6f5-e4d3c2b1a098',
  markingDefinition: 'marking-definition--2f1e0d9c-8b7a-4695-8483-7261504f3e2d',
  url: 'url--3a2b1c0d-9e8f-5a6b-8c7d-6e5f4a3b2c1d',
  ipv4: 'ipv4-addr--4b3c2d1e-0f9a-5b8c-9d7e-6f5a4b3c2d1e',
  file: 'file--5c4d3e2f-1a0b-5c9d-8e7f-6a5b4c3d2e1f',
  report: 'report--6d5e4f3a-2b1c-4d0e-9f8a-7b6c5d4e3f2a',
} as const;
