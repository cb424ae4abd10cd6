import type { Kysely } from 'kysely';
import { compiledOnce } from '../compiled-once.js';
import type { Database } from '../schema.js';

/**
 * The state of the `objects` table as two `store_epochs` counters (migration 0006): `versions`, moved
 * forward by every batch that adds versions (and with them moves `is_head`), and `deletions`, moved
 * by every deletion. Those are the only writes to the table, so two reads giving the same pair saw
 * the same rows. Each counter moves in the transaction of its write: a reader in any process or node
 * sees a write and its new counter together. `versions` is written on first use, so stores migrated
 * before it existed need no migration.
 */
export interface ObjectsEpoch {
  deletions: number;
  /** `deletions versions`: equal keys, equal rows. */
  key: string;
}

export async function objectsEpoch(db: Kysely<Database>): Promise<ObjectsEpoch> {
  // Read on every TAXII page: compiled once per store, as it has no parameters of its own.
  const rows = await epochRows(db);
  let deletions = 0;
  let versions = 0;
  for (const r of rows) {
    if (r.name === 'deletions') deletions = r.value;
    else versions = r.value;
  }
  return { deletions, key: `${deletions} ${versions}` };
}

const epochRows = compiledOnce((db: Kysely<Database>) =>
  db
    .selectFrom('store_epochs')
    .select(['name', 'value'])
    .where('name', 'in', ['deletions', 'versions'])
    .compile(),
);

/** Moves the versions epoch forward; called in the transaction that adds versions. */
export async function advanceVersionsEpoch(trx: Kysely<Database>): Promise<void> {
  await trx
    .insertInto('store_epochs')
    .values({ name: 'versions', value: 1 })
    .onConflict((oc) => oc.column('name').doUpdateSet((eb) => ({ value: eb('store_epochs.value', '+', 1) })))
    .execute();
}
