import type { Kysely } from 'kysely';

/**
 * `stream_changes`: the changes that are not a new object version (today: deletions), each with a
 * `seq` drawn from the same sequence as `objects.seq` inside the write lock, so one number orders
 * every change in commit order and is the live stream's event id (src/stream). `audiences` keeps the
 * distributions the deleted lineage had, so the stream tells exactly the viewers who could see it.
 */
export function streamMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('stream_changes')
        .addColumn('seq', 'bigint', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('object_id', 'text', (c) => c.notNull())
        .addColumn('object_type', 'text', (c) => c.notNull())
        .addColumn('owner_org', 'text', (c) => c.notNull())
        .addColumn('audiences', 'text', (c) => c.notNull())
        .addColumn('tlp', 'text')
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .execute();
    },
  };
}
