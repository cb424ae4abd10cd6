import type { Kysely } from 'kysely';
import { forbidden, notFound } from '../../errors.js';
import { canSee } from '../../policy/visibility.js';
import type { UserViewer } from '../../policy/viewer.js';
import type { Database } from '../schema.js';
import type { Store } from '../store.js';
import { recordDeletion } from './change-log.js';
import { advanceDeletionEpoch } from './visible-id-cache.js';

export interface DeleteResult {
  id: string;
  lineages: string[];
  versions: number;
}

/**
 * Deletes an object the viewer's organisation owns (an admin: every lineage) by writing a tombstone
 * and flagging its versions deleted. Rows are kept: deletion is a record, never a lost row.
 */
export async function deleteObject(
  store: Store,
  viewer: UserViewer,
  id: string,
  reason: string | null,
  now = new Date().toISOString(),
): Promise<DeleteResult> {
  if (viewer.readOnly || viewer.role === 'reader')
    throw forbidden('your role or key cannot delete objects', 'read_only');
  return store.writeTransaction(async (trx) => {
    const rows = await trx
      .selectFrom('objects')
      .select(['seq', 'type', 'owner_org', 'distribution', 'tlp', 'deleted'])
      .where('id', '=', id)
      .execute();
    const live = rows.filter((r) => r.deleted === 0);
    const mine = live.filter((r) => viewer.role === 'admin' || r.owner_org === viewer.orgId);
    if (mine.length === 0) {
      const visible = live.some((r) =>
        canSee(viewer, { ownerOrg: r.owner_org, distribution: r.distribution }),
      );
      if (visible)
        throw forbidden(`${id} belongs to another organisation; only its owner deletes it`, 'not_owner');
      throw notFound(`object ${id}`);
    }
    const owners = [...new Set(mine.map((r) => r.owner_org))];
    for (const owner of owners) {
      const distribution = mine.filter((r) => r.owner_org === owner).at(-1)!.distribution;
      await trx
        .insertInto('tombstones')
        .values({ id, owner_org: owner, deleted_at: now, deleted_by: viewer.userId, distribution, reason })
        .onConflict((oc) => oc.doNothing())
        .execute();
      const lineage = mine.filter((r) => r.owner_org === owner);
      // The live stream's deletion event, numbered in the objects' sequence (src/stream).
      await recordDeletion(store, trx, {
        id,
        type: lineage[0]!.type,
        ownerOrg: owner,
        distributions: lineage.map((r) => r.distribution),
        tlp: lineage.at(-1)!.tlp,
        at: now,
        reason,
      });
    }
    await trx
      .updateTable('objects')
      .set({ deleted: 1, is_head: 0 })
      .where('id', '=', id)
      .where('owner_org', 'in', owners)
      .execute();
    await recomputeHead(trx, id);
    // Caches of visible ids in every process and node learn of the deletion from this counter.
    await advanceDeletionEpoch(trx);
    return { id, lineages: owners, versions: mine.length };
  });
}

async function recomputeHead(trx: Kysely<Database>, id: string): Promise<void> {
  const head = await trx
    .selectFrom('objects')
    .select('seq')
    .where('id', '=', id)
    .where('deleted', '=', 0)
    .orderBy('vorder', 'desc')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  await trx
    .updateTable('objects')
    .set({ is_head: 0 })
    .where('id', '=', id)
    .where('is_head', '=', 1)
    .execute();
  if (head !== undefined)
    await trx.updateTable('objects').set({ is_head: 1 }).where('seq', '=', head.seq).execute();
}
