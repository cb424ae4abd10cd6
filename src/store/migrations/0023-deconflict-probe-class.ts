import type { Kysely } from 'kysely';

/**
 * Deconfliction (src/deconflict): `deconflict_hashes.probe_class`, the network length class of a
 * hashed network (`ip4/24`), so checks probe only lengths in use. Rows from before stay null, and
 * while any IP interest has a null class, checks probe every length as before.
 */
export function deconflictProbeClassMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('deconflict_hashes').addColumn('probe_class', 'text').execute();
    },
  };
}
