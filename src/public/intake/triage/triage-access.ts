import type { Kysely } from 'kysely';
import { forbidden, notFound } from '../../../errors.js';
import { canWriteObjects } from '../../../policy/viewer.js';
import type { UserViewer } from '../../../policy/viewer.js';
import type { Database } from '../../../store/schema.js';
import type { Store } from '../../../store/store.js';
import { intakeOrganisation, requireIntakeOrganisation } from '../intake-organisation.js';
import { INBOX_STATUSES, inboxRows } from './inbox-rows.js';
import type { InboxReport } from './inbox-rows.js';

export interface TriageAccess {
  /** The viewer may promote and mark benign: a writer (not read-only) of the intake organisation. */
  allowed: boolean;
  /** Why not, in words for the user; null when allowed. */
  reason: string | null;
}

/**
 * The one answer to "may this user triage the intake inbox?", given to the web UI with the inbox and
 * enforced on every triage act. Reading the inbox is the visibility rule's business, not this.
 */
export async function triageAccess(db: Kysely<Database>, viewer: UserViewer): Promise<TriageAccess> {
  const org = await intakeOrganisation(db);
  if (org === null)
    return { allowed: false, reason: 'report intake is not configured: no intake organisation is chosen' };
  if (viewer.orgId !== org)
    return { allowed: false, reason: 'only contributors of the intake organisation triage its inbox' };
  if (!canWriteObjects(viewer))
    return {
      allowed: false,
      reason: 'your role or key is read-only: only contributors of the intake organisation triage its inbox',
    };
  return { allowed: true, reason: null };
}

/**
 * The reports a triage act names, read through the visibility rule: all must be visible to the
 * analyst (else 404, naming none that is not; 503 while intake is not configured), and the analyst must be allowed to triage
 * (triageAccess: a writer of the intake organisation, whose name the promoted indicators carry).
 */
export async function triageTargets(
  store: Store,
  viewer: UserViewer,
  ids: readonly string[],
): Promise<InboxReport[]> {
  await requireIntakeOrganisation(store.db);
  const reports = await inboxRows(store.db, viewer, { statuses: INBOX_STATUSES, ids, limit: ids.length });
  const found = new Set(reports.map((r) => r.id));
  const missing = [...new Set(ids)].filter((id) => !found.has(id));
  if (missing.length > 0) throw notFound(`inbox report ${missing[0]!}`);
  const access = await triageAccess(store.db, viewer);
  if (!access.allowed) throw forbidden(access.reason ?? 'not permitted', 'not_intake_analyst');
  return reports;
}
