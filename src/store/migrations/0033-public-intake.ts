import type { Kysely } from 'kysely';

/**
 * Report intake of the public portal (src/public/intake): which organisation receives the reports, one
 * row per report (its triage state and the STIX report it was stored as), and the values extracted from
 * it, by which analysts group reports (same URL, same sender, same campaign).
 */
export function publicIntakeMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('public_intake_settings')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('updated', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('public_intake_reports')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('org_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('received', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('stix_report_id', 'text', (c) => c.notNull())
        .addColumn('subject', 'text')
        .addColumn('sender', 'text')
        .addColumn('campaign', 'text')
        .addColumn('contact', 'text')
        .addColumn('partner_org', 'text')
        .addColumn('triaged', 'text')
        .addColumn('triaged_by', 'text')
        .execute();
      await db.schema
        .createIndex('public_intake_reports_received')
        .on('public_intake_reports')
        .columns(['org_id', 'received'])
        .execute();
      await db.schema
        .createTable('public_intake_values')
        .addColumn('report_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('value', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('public_intake_values_pk', ['report_id', 'kind', 'value'])
        .execute();
      await db.schema
        .createIndex('public_intake_values_value')
        .on('public_intake_values')
        .columns(['kind', 'value'])
        .execute();
    },
  };
}
