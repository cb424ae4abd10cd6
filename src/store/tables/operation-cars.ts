/* Cyber Activity Reports and outcomes (migration 0011, src/operations/cars, kpis, outcomes). */

/** Lead-entered outcome counts of an operation, one row per kind (arrests, seizures, ...). */
export interface OperationOutcomesTable {
  operation_id: string;
  kind: string;
  count: number;
  updated: string;
  updated_by: string;
}

export interface OperationCarsTables {
  operation_outcomes: OperationOutcomesTable;
}

declare module './operations.js' {
  interface OperationContributionsTable {
    /** `4x4` (A/B/C/X × 1-4) or `admiralty` (A-F × 1-6); null when ungraded. Migration 0011. */
    grade_scale?: string | null;
  }
  interface OperationCarsTable {
    /** The sharing group of the CAR's recipients, created when it is first issued. Migration 0011. */
    group_id?: string | null;
  }
}
