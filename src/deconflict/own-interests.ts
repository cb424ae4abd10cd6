import { auditOk, auditedWrite } from '../audit/index.js';
import { forbidden, notFound } from '../errors.js';
import { canWriteObjects } from '../policy/viewer.js';
import type { UserViewer } from '../policy/viewer.js';
import { openValues } from '../secrets/index.js';
import type { Store } from '../store/store.js';

/** One of the viewer's organisation's interests, in clear: only its owner ever gets this. */
export interface OwnInterest {
  id: string;
  kind: string;
  value: string;
  case_ref: string;
  contact: string;
  sensitivity: string;
  notify_owner: boolean;
  expires_at: string;
  expired: boolean;
  created: string;
  created_by: string;
}

/** The interests of the viewer's own organisation, newest first; no path lists another's. */
export async function listOwnInterests(
  store: Store,
  viewer: UserViewer,
  now: Date = new Date(),
): Promise<OwnInterest[]> {
  const rows = await store.db
    .selectFrom('deconflict_interests')
    .selectAll()
    .where('owner_org', '=', viewer.orgId)
    .orderBy('created', 'desc')
    .orderBy('id')
    .execute();
  const at = now.toISOString();
  return Promise.all(
    rows.map(async (r) => {
      const open = await openValues(
        store,
        { value: r.sealed_value, caseRef: r.sealed_case },
        `interest ${r.id}`,
      );
      return {
        id: r.id,
        kind: r.kind,
        value: open.value,
        case_ref: open.caseRef,
        contact: r.contact,
        sensitivity: r.sensitivity,
        notify_owner: r.notify === 1,
        expires_at: r.expires_at,
        expired: r.expires_at <= at,
        created: r.created,
        created_by: r.created_by,
      };
    }),
  );
}

/**
 * Removes one interest of the viewer's organisation. Another organisation's interest is "not found",
 * exactly like one that does not exist, so removal probes nothing.
 */
export async function removeInterest(store: Store, viewer: UserViewer, id: string): Promise<void> {
  if (!canWriteObjects(viewer)) throw forbidden('removing interests needs a role that may write');
  await auditedWrite(store, viewer, { action: 'deconflict.remove', target: id }, async (trx) => {
    const row = await trx
      .selectFrom('deconflict_interests')
      .select('id')
      .where('id', '=', id)
      .where('owner_org', '=', viewer.orgId)
      .executeTakeFirst();
    if (row === undefined) throw notFound('interest');
    await trx.deleteFrom('deconflict_hashes').where('interest_id', '=', id).execute();
    await trx.deleteFrom('deconflict_notifications').where('interest_id', '=', id).execute();
    await trx.deleteFrom('deconflict_interests').where('id', '=', id).execute();
    await auditOk(trx, viewer, 'deconflict.remove', id);
  });
}

export interface InterestNotification {
  interest_id: string;
  checker_org: string;
  checker_org_name: string | null;
  checker_user: string;
  checker_email: string | null;
  checked_at: string;
}

/** Checks that hit the viewer's organisation's interests: who checked, when (newest first). */
export async function listNotifications(
  store: Store,
  viewer: UserViewer,
  limit = 1000,
): Promise<InterestNotification[]> {
  const rows = await store.db
    .selectFrom('deconflict_notifications as n')
    .leftJoin('organisations as o', 'o.id', 'n.checker_org')
    .leftJoin('users as u', 'u.id', 'n.checker_user')
    .select(['n.interest_id', 'n.checker_org', 'o.name', 'n.checker_user', 'u.email', 'n.checked_at'])
    .where('n.owner_org', '=', viewer.orgId)
    .orderBy('n.checked_at', 'desc')
    .orderBy('n.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    interest_id: r.interest_id,
    checker_org: r.checker_org,
    checker_org_name: r.name,
    checker_user: r.checker_user,
    checker_email: r.email,
    checked_at: r.checked_at,
  }));
}
