import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import type { Store } from '../../store/store.js';
import type { Identification } from './identify.js';
import { loadRansomwareDatabase } from './ransomware-database.js';

/**
 * Counts one identification request: its day, its outcome and, when identified, the family. The
 * visitor's evidence is never passed here, so none of it can be kept.
 */
export async function countIdentification(
  store: Store,
  result: Pick<Identification, 'status' | 'candidates'>,
  now = new Date(),
): Promise<void> {
  const row = {
    day: now.toISOString().slice(0, 10),
    status: result.status,
    galaxy_uuid: result.status === 'identified' ? (result.candidates[0]?.galaxy_uuid ?? '') : '',
    n: 1,
  };
  await store.writeTransaction((trx) =>
    trx
      .insertInto('public_identify_counts')
      .values(row)
      .onConflict((oc) =>
        oc
          .columns(['day', 'status', 'galaxy_uuid'])
          .doUpdateSet((eb) => ({ n: eb('public_identify_counts.n', '+', 1) })),
      )
      .execute(),
  );
}

export interface IdentifyFigures {
  requests: number;
  identified: number;
  not_identified: number;
  /** Distinct families identified. */
  families: number;
  /** Of those, families with a free decryptor in the decryptor table in force. */
  families_with_decryptor: number;
  /** families_with_decryptor / families, 0..1; null when none was identified. */
  decryptor_coverage: number | null;
}

/** The portal's identification figures for the days in `[from, to)`. */
export async function identifyFigures(store: Store, from: string, to: string): Promise<IdentifyFigures> {
  const db: Kysely<Database> = store.db;
  const rows = await db
    .selectFrom('public_identify_counts')
    .select(['status', 'galaxy_uuid', (eb) => eb.fn.sum<number | string>('n').as('n')])
    .where('day', '>=', from.slice(0, 10))
    .where('day', '<', to.slice(0, 10))
    .groupBy(['status', 'galaxy_uuid'])
    .execute();
  const { tables } = await loadRansomwareDatabase(store);
  const sum = (pick: (r: (typeof rows)[number]) => boolean) =>
    rows.filter(pick).reduce((s, r) => s + Number(r.n), 0);
  const families = new Set(
    rows.filter((r) => r.status === 'identified' && r.galaxy_uuid !== '').map((r) => r.galaxy_uuid),
  );
  const covered = [...families].filter((f) => tables.decryptors.has(f)).length;
  return {
    requests: sum(() => true),
    identified: sum((r) => r.status === 'identified'),
    not_identified: sum((r) => r.status !== 'identified'),
    families: families.size,
    families_with_decryptor: covered,
    decryptor_coverage: families.size === 0 ? null : Math.round((covered / families.size) * 1000) / 1000,
  };
}
