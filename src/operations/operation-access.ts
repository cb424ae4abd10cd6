import type { Kysely } from 'kysely';
import { forbidden, notFound } from '../errors.js';
import type { Viewer } from '../policy/viewer.js';
import type { Database } from '../store/schema.js';
import type { Operation, ParticipantRole } from './operation.js';
import { toOperation } from './operation.js';

/** What a viewer holds in an operation: its role, or `admin` for an administrator who is not in it. */
export interface OperationAccess {
  operation: Operation;
  role: ParticipantRole | 'admin';
}

/**
 * THE operation access check: an operation, its name, targets, counts and reports exist for its
 * participants and administrators only. Everyone else gets the same `not_found` as for an operation
 * that does not exist, so not even its existence leaks. Membership is read from the store at each call,
 * not from the viewer's session, so removing a participant takes effect at once.
 */
export async function operationAccess(
  db: Kysely<Database>,
  viewer: Viewer,
  idOrCode: string,
): Promise<OperationAccess> {
  const missing = notFound(`operation ${idOrCode}`);
  if (viewer.kind !== 'user') throw missing;
  const row = await db
    .selectFrom('operations')
    .selectAll()
    .where((eb) => eb.or([eb('id', '=', idOrCode), eb('code', '=', idOrCode)]))
    .executeTakeFirst();
  if (row === undefined) throw missing;
  const participant = await db
    .selectFrom('operation_participants')
    .select('role')
    .where('operation_id', '=', row.id)
    .where('org_id', '=', viewer.orgId)
    .executeTakeFirst();
  if (participant !== undefined)
    return { operation: toOperation(row), role: participant.role as ParticipantRole };
  if (viewer.role === 'admin') return { operation: toOperation(row), role: 'admin' };
  throw missing;
}

/** Ids of the operations `viewer` may see (participants' organisations; every one for admins). */
export function visibleOperationIds(db: Kysely<Database>, viewer: Viewer) {
  const query = db.selectFrom('operation_participants').select('operation_id');
  if (viewer.kind !== 'user') return query.where('org_id', '=', '');
  if (viewer.role === 'admin') return db.selectFrom('operations').select('id as operation_id');
  return query.where('org_id', '=', viewer.orgId);
}

const MANAGERS: readonly string[] = ['admin', 'lead', 'participating-agency'];
const CONTRIBUTORS: readonly string[] = [...MANAGERS, 'contributing-partner'];

/** Leads, participating agencies and administrators move targets, set jurisdictions, issue CARs. */
export function requireOperationManager(access: OperationAccess, viewer: Viewer, what: string): void {
  requireWritingViewer(viewer);
  if (!MANAGERS.includes(access.role)) throw forbidden(`only the lead or a participating agency may ${what}`);
}

/** Contributing partners may also add targets; observers only read. */
export function requireOperationContributor(access: OperationAccess, viewer: Viewer, what: string): void {
  requireWritingViewer(viewer);
  if (!CONTRIBUTORS.includes(access.role)) throw forbidden(`observers may not ${what}`);
}

/** The lead organisation's users (and administrators) change the operation itself. */
export function requireOperationLead(access: OperationAccess, viewer: Viewer, what: string): void {
  requireWritingViewer(viewer);
  if (access.role !== 'lead' && access.role !== 'admin') throw forbidden(`only the lead may ${what}`);
}

function requireWritingViewer(viewer: Viewer): void {
  if (viewer.kind !== 'user') throw forbidden('sign in first');
  if (viewer.readOnly) throw forbidden('a read-only API key cannot change anything', 'read_only');
  if (viewer.role === 'reader') throw forbidden('readers cannot change operations');
}
