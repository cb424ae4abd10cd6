import type { Kysely } from 'kysely';

/**
 * Range look-ups (src/deconflict/range): `range_hashes`, the SHA-256 of each range-set value keyed
 * by (prefix, kind), so `GET /api/v1/range/{kind}/{prefix}` reads one bucket through the primary key.
 * A derived index: it fills itself from the observable index on the first look-up.
 */
export function rangeHashesMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('range_hashes')
        .addColumn('prefix', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('suffix', 'text', (c) => c.notNull())
        .addColumn('object_seq', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('range_hashes_pk', ['prefix', 'kind', 'suffix', 'object_seq'])
        .execute();
    },
  };
}
