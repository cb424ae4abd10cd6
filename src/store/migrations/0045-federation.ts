import type { Kysely } from 'kysely';

/**
 * Federation (src/federation): this store's instance id, the connected peers with their sealed
 * secret, rule and cursors, and the origin of every lineage received from a peer (loop prevention,
 * withdrawal) — one row per (object id, owner organisation).
 */
export function federationMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('federation_instance')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('created', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('federation_peers')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('instance_id', 'text', (c) => c.notNull().unique())
        .addColumn('direction', 'text', (c) => c.notNull())
        .addColumn('secret', 'text', (c) => c.notNull())
        .addColumn('rule', 'text', (c) => c.notNull())
        .addColumn('speaks_for', 'text', (c) => c.notNull())
        .addColumn('sent_seq', 'bigint', (c) => c.notNull())
        .addColumn('received_seq', 'bigint', (c) => c.notNull())
        .addColumn('remote_high', 'bigint', (c) => c.notNull())
        .addColumn('local_high', 'bigint', (c) => c.notNull())
        .addColumn('last_pull_at', 'text')
        .addColumn('last_served_at', 'text')
        .addColumn('created', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('federation_errors')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('peer_id', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('message', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('federation_errors_peer')
        .on('federation_errors')
        .columns(['peer_id', 'at'])
        .execute();
      await db.schema
        .createTable('federation_origins')
        .addColumn('object_id', 'text', (c) => c.notNull())
        .addColumn('owner_org', 'text', (c) => c.notNull())
        .addColumn('origin_instance', 'text', (c) => c.notNull())
        .addColumn('received_from', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('federation_origins_pk', ['object_id', 'owner_org'])
        .execute();
    },
  };
}
