import { Migrator } from 'kysely';
import type { Kysely, Migration } from 'kysely';
import { initialMigration } from './migrations/0001-initial.js';
import { taxiiJobsMigration } from './migrations/0002-taxii-jobs.js';
import { correlateMigration } from './migrations/0004-correlate.js';
import { dashboardMigration } from './migrations/0005-dashboard.js';
import { storeEpochsMigration } from './migrations/0006-store-epochs.js';
import { countsIndexOrderMigration } from './migrations/0007-counts-index-order.js';
import { operationsMigration } from './migrations/0010-operations.js';
import type { SqlDialect } from './store.js';

function migrations(dialect: SqlDialect): Record<string, Migration> {
  return {
    '0001-initial': initialMigration(dialect),
    '0002-taxii-jobs': taxiiJobsMigration(),
    '0004-correlate': correlateMigration(dialect),
    '0005-dashboard': dashboardMigration(dialect),
    '0006-store-epochs': storeEpochsMigration(),
    '0007-counts-index-order': countsIndexOrderMigration(),
    '0010-operations': operationsMigration(),
  };
}

/** Brings a database to the newest schema; run on every open so both backends stay in step. */
export async function migrateToLatest(
  db: Kysely<unknown>,
  dialect: SqlDialect,
  schema?: string,
): Promise<void> {
  const migrator = new Migrator({
    db,
    // Without this Kysely looks for its tables in every schema and mixes up stores sharing a database.
    ...(schema === undefined ? {} : { migrationTableSchema: schema }),
    provider: { getMigrations: () => Promise.resolve(migrations(dialect)) },
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(
      `database migration ${failed} failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`,
      {
        cause: error,
      },
    );
  }
}
