import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';

/** How far (in `objects.seq`) the derived index `name` has caught up; 0 before its first run. */
export async function indexPosition(db: Kysely<Database>, name: string): Promise<number> {
  const row = await db
    .selectFrom('derived_index_state')
    .select('seq')
    .where('name', '=', name)
    .executeTakeFirst();
  return row === undefined ? 0 : row.seq;
}

/** Moves `name` forward to `seq`, never back: two nodes catching up at once both end at the furthest. */
export async function advanceIndex(db: Kysely<Database>, name: string, seq: number): Promise<void> {
  await db
    .insertInto('derived_index_state')
    .values({ name, seq })
    .onConflict((oc) =>
      oc
        .column('name')
        .doUpdateSet({ seq: (eb) => eb.ref('excluded.seq') })
        .where('derived_index_state.seq', '<', seq),
    )
    .execute();
}

/**
 * Brings a derived index up to the newest stored version, one window of `seq`s per transaction.
 * `build` reads the window `(from, to]` and returns a writer for what it derived; reading happens
 * outside the transaction, so a SQLite reader never upgrades to a writer mid-snapshot. Versions get
 * their `seq` in commit order (the store's write lock), so a window below the newest seq is final.
 * Rows are keyed by seq and written idempotently: a window done twice changes nothing.
 */
export async function catchUp(
  db: Kysely<Database>,
  name: string,
  build: (from: number, to: number) => Promise<(trx: Kysely<Database>) => Promise<void>>,
  window = 50_000,
): Promise<void> {
  const top = await db
    .selectFrom('objects')
    .select((eb) => eb.fn.max<number | null>('seq').as('m'))
    .executeTakeFirst();
  const newest = top?.m ?? 0;
  let from = await indexPosition(db, name);
  while (from < newest) {
    const to = Math.min(newest, from + window);
    const write = await build(from, to);
    const apply = async (trx: Kysely<Database>) => {
      await write(trx);
      await advanceIndex(trx, name, to);
    };
    // Inside a caller's transaction (an export running in one) the writes simply join it.
    if (db.isTransaction) await apply(db);
    else await db.transaction().execute(apply);
    from = to;
  }
}
