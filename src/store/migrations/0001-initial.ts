import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { SqlDialect } from '../store.js';

/** The first schema. `dialect` only picks the auto-increment column type. */
export function initialMigration(dialect: SqlDialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('objects')
        .addColumn('seq', dialect === 'postgres' ? 'bigserial' : 'integer', (c) =>
          dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('version', 'text', (c) => c.notNull())
        .addColumn('vorder', 'text', (c) => c.notNull())
        .addColumn('created', 'text')
        .addColumn('modified', 'text')
        .addColumn('date_added', 'text', (c) => c.notNull())
        .addColumn('created_by_ref', 'text')
        .addColumn('owner_org', 'text', (c) => c.notNull())
        .addColumn('distribution', 'text', (c) => c.notNull())
        .addColumn('tlp', 'text')
        .addColumn('pap', 'text')
        .addColumn('revoked', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('is_head', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('search_text', 'text', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        // Also the index for every lookup by id (id is its first column).
        .addUniqueConstraint('objects_lineage_version', ['id', 'owner_org', 'version'])
        .execute();
      await db.schema.createIndex('objects_type').on('objects').columns(['type', 'seq']).execute();
      await db.schema.createIndex('objects_modified').on('objects').column('modified').execute();
      await db.schema.createIndex('objects_date_added').on('objects').column('date_added').execute();
      await db.schema.createIndex('objects_created_by').on('objects').column('created_by_ref').execute();
      await db.schema.createIndex('objects_owner').on('objects').columns(['owner_org', 'seq']).execute();

      await db.schema
        .createTable('tombstones')
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('owner_org', 'text', (c) => c.notNull())
        .addColumn('deleted_at', 'text', (c) => c.notNull())
        .addColumn('deleted_by', 'text', (c) => c.notNull())
        .addColumn('distribution', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addPrimaryKeyConstraint('tombstones_pk', ['id', 'owner_org'])
        .execute();

      await db.schema
        .createTable('observables')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('object_seq', 'bigint', (c) => c.notNull())
        .addColumn('object_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('observables_pk', ['kind', 'value', 'object_seq'])
        .execute();
      await db.schema.createIndex('observables_seq').on('observables').column('object_seq').execute();

      await db.schema
        .createTable('organisations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('sector', 'text')
        .addColumn('country', 'text')
        .addColumn('default_distribution', 'text', (c) => c.notNull())
        .addColumn('default_tlp', 'text', (c) => c.notNull())
        .addColumn('created', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text')
        .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('api_keys')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('prefix', 'text', (c) => c.notNull())
        .addColumn('secret_sha256', 'text', (c) => c.notNull().unique())
        .addColumn('last4', 'text', (c) => c.notNull())
        .addColumn('name', 'text')
        .addColumn('read_only', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('expires_at', 'text')
        .addColumn('last_used_at', 'text')
        .addColumn('revoked_at', 'text')
        .addColumn('created', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('sharing_groups')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('description', 'text')
        .addColumn('owner_org', 'text', (c) => c.notNull().references('organisations.id'))
        .addColumn('created', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('group_members')
        .addColumn('group_id', 'text', (c) => c.notNull().references('sharing_groups.id'))
        .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
        .addColumn('added', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('group_members_pk', ['group_id', 'org_id'])
        .execute();
      await db.schema.createIndex('group_members_org').on('group_members').column('org_id').execute();

      await db.schema
        .createTable('audit_log')
        .addColumn('seq', 'bigint', (c) => c.primaryKey())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor', 'text')
        .addColumn('actor_org', 'text')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('target', 'text')
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('details', 'text', (c) => c.notNull())
        .addColumn('prev_hash', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();

      await db.schema
        .createTable('settings')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
      // Keeps the statement-level planner honest on SQLite for the visibility subqueries.
      if (dialect === 'sqlite') await sql`PRAGMA optimize`.execute(db);
    },
  };
}
