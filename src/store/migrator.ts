import { Migrator } from 'kysely';
import type { Kysely, Migration } from 'kysely';
import { initialMigration } from './migrations/0001-initial.js';
import { taxiiJobsMigration } from './migrations/0002-taxii-jobs.js';
import { correlateMigration } from './migrations/0004-correlate.js';
import { dashboardMigration } from './migrations/0005-dashboard.js';
import { storeEpochsMigration } from './migrations/0006-store-epochs.js';
import { countsIndexOrderMigration } from './migrations/0007-counts-index-order.js';
import { reportsMigration } from './migrations/0050-reports.js';
import { publicMigration } from './migrations/0030-public.js';
import { publicSharesMigration } from './migrations/0031-public-shares.js';
import { publicAdvisoriesMigration } from './migrations/0032-public-advisories.js';
import { publicIntakeMigration } from './migrations/0033-public-intake.js';
import { publicIdentifyCountsMigration } from './migrations/0034-public-identify-counts.js';
import { deconflictMigration } from './migrations/0020-deconflict.js';
import { streamMigration } from './migrations/0040-stream.js';
import { subscriptionsMigration } from './migrations/0041-subscriptions.js';
import { operationsMigration } from './migrations/0010-operations.js';
import { pssMigration } from './migrations/0021-pss.js';
import { operationCarsMigration } from './migrations/0011-operation-cars.js';
import { federationMigration } from './migrations/0045-federation.js';
import type { SqlDialect } from './store.js';

function migrations(dialect: SqlDialect): Record<string, Migration> {
  return {
    '0001-initial': initialMigration(dialect),
    '0002-taxii-jobs': taxiiJobsMigration(),
    '0004-correlate': correlateMigration(dialect),
    '0005-dashboard': dashboardMigration(dialect),
    '0006-store-epochs': storeEpochsMigration(),
    '0007-counts-index-order': countsIndexOrderMigration(),
    '0050-reports': reportsMigration(),
    '0030-public': publicMigration(),
    '0031-public-shares': publicSharesMigration(),
    '0032-public-advisories': publicAdvisoriesMigration(),
    '0033-public-intake': publicIntakeMigration(),
    '0034-public-identify-counts': publicIdentifyCountsMigration(),
    '0020-deconflict': deconflictMigration(dialect),
    '0040-stream': streamMigration(),
    '0041-subscriptions': subscriptionsMigration(),
    '0010-operations': operationsMigration(),
    '0021-pss': pssMigration(),
    '0011-operation-cars': operationCarsMigration(),
    '0045-federation': federationMigration(),
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
    // Features add migrations in numbered ranges of their own, so a store may have a later one already.
    allowUnorderedMigrations: true,
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
