import type { Kysely } from 'kysely';

/**
 * Law-enforcement operations (src/operations): the operation, its participants and phases, its
 * targets with their contributors and status history, the recommended-action templates, and the
 * Cyber Activity Reports with their recipients. JSON columns are text so both backends store them alike.
 */
export function operationsMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('operations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('lead_org', 'text', (c) => c.notNull())
        .addColumn('group_id', 'text', (c) => c.notNull())
        .addColumn('tlp', 'text', (c) => c.notNull())
        .addColumn('pap', 'text')
        .addColumn('handling', 'text')
        .addColumn('created', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('operation_participants')
        .addColumn('operation_id', 'text', (c) => c.notNull())
        .addColumn('org_id', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('added', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('operation_participants_pk', ['operation_id', 'org_id'])
        .execute();
      await db.schema
        .createIndex('operation_participants_org')
        .on('operation_participants')
        .columns(['org_id', 'operation_id'])
        .execute();
      await db.schema
        .createTable('operation_phases')
        .addColumn('operation_id', 'text', (c) => c.notNull())
        .addColumn('phase', 'text', (c) => c.notNull())
        .addColumn('starts', 'text')
        .addColumn('ends', 'text')
        .addPrimaryKeyConstraint('operation_phases_pk', ['operation_id', 'phase'])
        .execute();
      await db.schema
        .createTable('operation_targets')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('operation_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('value_key', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('status_detail', 'text')
        .addColumn('country', 'text')
        .addColumn('asn', 'integer')
        .addColumn('asn_holder', 'text')
        .addColumn('jurisdiction_source', 'text')
        .addColumn('override_reason', 'text')
        .addColumn('stix_refs', 'text', (c) => c.notNull())
        .addColumn('created', 'text', (c) => c.notNull())
        .addColumn('status_changed', 'text', (c) => c.notNull())
        .addColumn('reported_at', 'text')
        .addColumn('actioned_at', 'text')
        .execute();
      await db.schema
        .createIndex('operation_targets_key')
        .unique()
        .on('operation_targets')
        .columns(['operation_id', 'kind', 'value_key'])
        .execute();
      await db.schema
        .createIndex('operation_targets_status')
        .on('operation_targets')
        .columns(['operation_id', 'status', 'created', 'id'])
        .execute();
      await db.schema
        .createIndex('operation_targets_created')
        .on('operation_targets')
        .columns(['operation_id', 'created', 'id'])
        .execute();
      await db.schema
        .createIndex('operation_targets_value')
        .on('operation_targets')
        .columns(['value_key', 'operation_id'])
        .execute();
      await db.schema
        .createTable('operation_contributions')
        .addColumn('target_id', 'text', (c) => c.notNull())
        .addColumn('org_id', 'text', (c) => c.notNull())
        .addColumn('operation_id', 'text', (c) => c.notNull())
        .addColumn('rank', 'integer', (c) => c.notNull())
        .addColumn('reported', 'text', (c) => c.notNull())
        .addColumn('reliability', 'text')
        .addColumn('credibility', 'text')
        .addPrimaryKeyConstraint('operation_contributions_pk', ['target_id', 'org_id'])
        .execute();
      await db.schema
        .createIndex('operation_contributions_org')
        .on('operation_contributions')
        .columns(['org_id', 'operation_id'])
        .execute();
      await db.schema
        .createTable('operation_target_history')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('target_id', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('actor_org', 'text')
        .addColumn('from_status', 'text')
        .addColumn('to_status', 'text', (c) => c.notNull())
        .addColumn('detail', 'text')
        .addColumn('note', 'text')
        .addColumn('evidence', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('operation_target_history_target')
        .on('operation_target_history')
        .columns(['target_id', 'at'])
        .execute();
      await db.schema
        .createTable('operation_action_templates')
        .addColumn('kind', 'text', (c) => c.primaryKey())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('updated', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('operation_cars')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('operation_id', 'text', (c) => c.notNull())
        .addColumn('country', 'text', (c) => c.notNull())
        .addColumn('report_id', 'text', (c) => c.notNull())
        .addColumn('tlp', 'text', (c) => c.notNull())
        .addColumn('target_count', 'integer', (c) => c.notNull())
        .addColumn('bundle', 'text', (c) => c.notNull())
        .addColumn('html', 'text', (c) => c.notNull())
        .addColumn('created', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('operation_cars_operation')
        .on('operation_cars')
        .columns(['operation_id', 'country'])
        .execute();
      await db.schema
        .createTable('operation_car_recipients')
        .addColumn('car_id', 'text', (c) => c.notNull())
        .addColumn('org_id', 'text', (c) => c.notNull())
        .addColumn('issued', 'text', (c) => c.notNull())
        .addColumn('issued_by', 'text', (c) => c.notNull())
        .addColumn('handling', 'text')
        .addColumn('release_authority', 'text', (c) => c.notNull())
        .addColumn('acknowledged', 'text')
        .addPrimaryKeyConstraint('operation_car_recipients_pk', ['car_id', 'org_id'])
        .execute();
    },
  };
}
