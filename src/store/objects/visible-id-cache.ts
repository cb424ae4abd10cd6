import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** About 50 MB of ids at most (an id is ~45 characters), over all audiences. */
const MAX_IDS = 500_000;

/**
 * Ids the visibility rule has already said an audience may see (`audienceKey`), so that pages which
 * keep referencing the same identities, malware and campaigns stop asking the database about them.
 *
 * Why only "visible" answers are kept, and why the deletion epoch is all that can spoil them: an id
 * is visible while one of its versions is visible and not deleted. Versions are immutable (their
 * owner and distribution never change) and new versions only add, so the one write that takes an id
 * away from an audience is a deletion (src/store/objects/delete-object.ts), and it moves the store's
 * `deletions` epoch in its own transaction. Every lookup reads that epoch from the database first, so
 * a deletion by another process (`accord` on the same SQLite file) or another node (PostgreSQL) is
 * seen by the next lookup here. What an audience reaches is part of the key: a change of groups
 * gives a new key. Ids found invisible are not kept (a later version may make them visible).
 */
export class VisibleIdCache {
  private epoch: number | undefined;
  private byAudience = new Map<string, Set<string>>();
  private size = 0;

  constructor(private readonly maxIds = MAX_IDS) {}

  /**
   * The ids known visible to `audience`, if what was learnt still holds at `epoch`. A newer epoch
   * forgets everything; an older one (a caller that read it a while ago) gets nothing and spoils
   * nothing.
   */
  known(epoch: number, audience: string): ReadonlySet<string> | undefined {
    if (this.epoch === undefined || epoch > this.epoch) this.reset(epoch);
    else if (epoch < this.epoch) return undefined;
    return this.byAudience.get(audience);
  }

  /**
   * Records ids the database found visible to `audience`, read after `epoch` was read: a deletion
   * committed in between moved the epoch past it, and the next lookup starts afresh.
   */
  add(epoch: number, audience: string, ids: Iterable<string>): void {
    if (epoch !== this.epoch) return;
    let set = this.byAudience.get(audience);
    for (const id of ids) {
      if (set?.has(id) === true) continue;
      if (this.size >= this.maxIds) {
        this.reset(epoch);
        set = undefined;
      }
      if (set === undefined) {
        set = new Set();
        this.byAudience.set(audience, set);
      }
      set.add(id);
      this.size++;
    }
  }

  /** Forgets everything; sets handed out before stay as they were (a caller may still hold one). */
  private reset(epoch: number): void {
    this.epoch = epoch;
    this.byAudience = new Map();
    this.size = 0;
  }
}

const caches = new WeakMap<Kysely<Database>, VisibleIdCache>();

/**
 * The cache of one store (its Kysely instance); none inside a transaction, whose uncommitted rows
 * may yet be rolled back.
 */
export function visibleIdCache(db: Kysely<Database>): VisibleIdCache | undefined {
  if (db.isTransaction) return undefined;
  let cache = caches.get(db);
  if (cache === undefined) {
    cache = new VisibleIdCache();
    caches.set(db, cache);
  }
  return cache;
}

/** The store's deletion epoch (migration 0006). */
export async function deletionEpoch(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('store_epochs')
    .select('value')
    .where('name', '=', 'deletions')
    .executeTakeFirst();
  return row?.value ?? 0;
}

/** Moves the deletion epoch forward; called in the transaction that deletes. */
export async function advanceDeletionEpoch(trx: Kysely<Database>): Promise<void> {
  await trx
    .updateTable('store_epochs')
    .set((eb) => ({ value: eb('value', '+', 1) }))
    .where('name', '=', 'deletions')
    .execute();
}
