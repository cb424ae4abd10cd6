import type { Kysely } from 'kysely';

/**
 * Triage of report intake (src/public/intake/triage): which indicator each promoted value became, so
 * the portal's "URLs taken down" can be counted from those indicators' later revocation.
 */
export function intakeTriageMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('public_intake_promotions')
        .addColumn('report_id', 'text', (c) => c.notNull())
        .addColumn('indicator_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('promoted', 'text', (c) => c.notNull())
        .addColumn('promoted_by', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('public_intake_promotions_pk', ['report_id', 'indicator_id'])
        .execute();
      await db.schema
        .createIndex('public_intake_promotions_indicator')
        .on('public_intake_promotions')
        .columns(['indicator_id'])
        .execute();
      await db.schema
        .createIndex('public_intake_reports_status')
        .on('public_intake_reports')
        .columns(['org_id', 'status'])
        .execute();
    },
  };
}
