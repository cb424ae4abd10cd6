import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Database } from '../schema.js';
import type { Store } from '../store.js';

/**
 * Takes the next number of the objects' sequence for a change that is not a new version. Called
 * inside the write lock, so the number orders the change with every version in commit order.
 */
export async function reserveSeq(store: Store, trx: Kysely<Database>): Promise<number> {
  if (store.dialect === 'postgres') {
    const { rows } = await sql<{
      seq: number | string;
    }>`select nextval(pg_get_serial_sequence('objects', 'seq')) as seq`.execute(trx);
    return Number(rows[0]!.seq);
  }
  // AUTOINCREMENT keeps its high-water mark in sqlite_sequence (created with the first insert).
  await sql`insert into sqlite_sequence (name, seq)
    select 'objects', coalesce((select max(seq) from objects), 0)
    where not exists (select 1 from sqlite_sequence where name = 'objects')`.execute(trx);
  const { rows } = await sql<{
    seq: number;
  }>`update sqlite_sequence set seq = seq + 1 where name = 'objects' returning seq`.execute(trx);
  return rows[0]!.seq;
}

export interface DeletedLineage {
  id: string;
  type: string;
  ownerOrg: string;
  distributions: readonly string[];
  tlp: string | null;
  at: string;
  reason: string | null;
}

/** Records a lineage's deletion in `stream_changes`, in the caller's write transaction. */
export async function recordDeletion(
  store: Store,
  trx: Kysely<Database>,
  lineage: DeletedLineage,
): Promise<number> {
  const seq = await reserveSeq(store, trx);
  await trx
    .insertInto('stream_changes')
    .values({
      seq,
      kind: 'deleted',
      object_id: lineage.id,
      object_type: lineage.type,
      owner_org: lineage.ownerOrg,
      audiences: JSON.stringify([...new Set(lineage.distributions)].sort()),
      tlp: lineage.tlp,
      at: lineage.at,
      reason: lineage.reason,
    })
    .execute();
  return seq;
}
