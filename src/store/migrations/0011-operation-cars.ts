import type { Kysely } from 'kysely';

/**
 * Cyber Activity Reports and outcomes (issue 16): the grading scale of each contribution (`4x4` or
 * `admiralty`), the sharing group through which an issued CAR reaches its recipients, and the outcome
 * counts (arrests, seizures, notifications, ...) the lead enters for an operation.
 */
export function operationCarsMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('operation_contributions').addColumn('grade_scale', 'text').execute();
      await db.schema.alterTable('operation_cars').addColumn('group_id', 'text').execute();
      await db.schema
        .createTable('operation_outcomes')
        .addColumn('operation_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addColumn('updated', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('operation_outcomes_pk', ['operation_id', 'kind'])
        .execute();
    },
  };
}
