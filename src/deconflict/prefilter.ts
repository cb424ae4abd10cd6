import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import type { Store } from '../store/store.js';

/** The first 13 hex digits (52 bits) of a keyed hash, as an exact integer. */
export function hashHead(hash: string): number {
  return parseInt(hash.slice(0, 13), 16);
}

interface Loaded {
  epoch: number;
  heads: Set<number>;
  /** Network length classes registered (`ip4/24`), or 'all' while a network hash has no class. */
  classes: Set<string> | 'all';
}

/** What a check needs of the stored hashes: their heads and the network lengths in use. */
export interface PrefilterState {
  heads: Set<number>;
  classes: Set<string> | 'all';
}

/**
 * An in-memory pre-filter of every stored keyed hash (52-bit heads), so a check asks the database
 * only about probes that may hit. It is never the answer: a head that matches is looked up in the
 * database, which applies owner, expiry and removal. Registrations move the `deconflict` epoch in
 * their transaction; a check reads it and reloads when it moved, so a new interest is never missed
 * on any node. Removals leave stale heads, which only cost a database look-up.
 */
export class DeconflictPrefilter {
  private readonly loaded = new WeakMap<Store, Promise<Loaded>>();

  async heads(store: Store, db: Kysely<Database> = store.db): Promise<Set<number>> {
    return (await this.state(store, db)).heads;
  }

  async state(store: Store, db: Kysely<Database> = store.db): Promise<PrefilterState> {
    const epoch = await currentEpoch(db);
    let entry = this.loaded.get(store);
    const known = entry === undefined ? undefined : await entry.catch(() => undefined);
    if (known?.epoch === epoch) return known;
    entry = load(db, epoch);
    this.loaded.set(store, entry);
    entry.catch(() => this.loaded.delete(store));
    return entry;
  }
}

async function currentEpoch(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('store_epochs')
    .select('value')
    .where('name', '=', 'deconflict')
    .executeTakeFirst();
  return row?.value ?? 0;
}

async function load(db: Kysely<Database>, epoch: number): Promise<Loaded> {
  const heads = new Set<number>();
  const page = 50_000;
  let after = '';
  for (;;) {
    const rows = await db
      .selectFrom('deconflict_hashes')
      .select('hash')
      .distinct()
      .where('hash', '>', after)
      .orderBy('hash')
      .limit(page)
      .execute();
    for (const r of rows) heads.add(hashHead(r.hash));
    if (rows.length < page) break;
    after = rows[rows.length - 1]!.hash;
  }
  const classRows = await db.selectFrom('deconflict_hashes').select('probe_class').distinct().execute();
  // Rows from before migration 0023 have no class: a legacy network interest means every length.
  const legacy = await db
    .selectFrom('deconflict_hashes as h')
    .innerJoin('deconflict_interests as i', 'i.id', 'h.interest_id')
    .select('h.hash')
    .where('h.probe_class', 'is', null)
    .where('i.kind', 'in', ['ipv4', 'ipv6', 'ipv4-cidr', 'ipv6-cidr'])
    .limit(1)
    .executeTakeFirst();
  const classes =
    legacy === undefined
      ? new Set(
          classRows.flatMap((r) =>
            r.probe_class === null || r.probe_class === undefined ? [] : [r.probe_class],
          ),
        )
      : 'all';
  return { epoch, heads, classes };
}

/** Moves the `deconflict` epoch forward, inside the registering transaction. */
export async function bumpEpoch(trx: Kysely<Database>): Promise<void> {
  await trx
    .updateTable('store_epochs')
    .set((eb) => ({ value: eb('value', '+', 1) }))
    .where('name', '=', 'deconflict')
    .execute();
}

export const prefilter = new DeconflictPrefilter();
