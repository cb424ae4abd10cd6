import type { Insertable, Kysely } from 'kysely';
import type { Database, ObjectsTable, ObservablesTable } from './schema.js';

const CHUNK = 400;

/** Multi-row inserts through Kysely: the bulk path for backends with cheap round trips per statement. */
export async function kyselyInsertObjectRows(
  trx: Kysely<Database>,
  rows: readonly Insertable<ObjectsTable>[],
): Promise<number[]> {
  const seqs: number[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) {
    const part = rows.slice(i, i + CHUNK);
    const returned = await trx
      .insertInto('objects')
      .values(part)
      .returning(['seq', 'id', 'owner_org', 'version'])
      .execute();
    // RETURNING order is not promised by SQL, so map rows back by their unique key.
    const byKey = new Map(returned.map((r) => [`${r.id}\u0000${r.owner_org}\u0000${r.version}`, r.seq]));
    for (const row of part) seqs.push(byKey.get(`${row.id}\u0000${row.owner_org}\u0000${row.version}`)!);
  }
  return seqs;
}

export async function kyselyInsertObservableRows(
  trx: Kysely<Database>,
  rows: readonly ObservablesTable[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await trx
      .insertInto('observables')
      .values(rows.slice(i, i + CHUNK))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}
