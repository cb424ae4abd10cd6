import { forbidden, notFound } from '../../../errors.js';
import { canWriteObjects } from '../../../policy/viewer.js';
import type { UserViewer } from '../../../policy/viewer.js';
import type { Store } from '../../../store/store.js';
import { requireIntakeOrganisation } from '../intake-organisation.js';
import { INBOX_STATUSES, inboxRows } from './inbox-rows.js';
import type { InboxReport } from './inbox-rows.js';

/**
 * The reports a triage act names, read through the visibility rule: all must be visible to the
 * analyst (else 404, naming none that is not), and the analyst must be a writer of the intake
 * organisation, whose name the promoted indicators carry.
 */
export async function triageTargets(
  store: Store,
  viewer: UserViewer,
  ids: readonly string[],
): Promise<InboxReport[]> {
  const org = await requireIntakeOrganisation(store.db);
  const reports = await inboxRows(store.db, viewer, { statuses: INBOX_STATUSES, ids, limit: ids.length });
  const found = new Set(reports.map((r) => r.id));
  const missing = [...new Set(ids)].filter((id) => !found.has(id));
  if (missing.length > 0) throw notFound(`inbox report ${missing[0]!}`);
  if (viewer.orgId !== org || !canWriteObjects(viewer))
    throw forbidden('only contributors of the intake organisation triage its inbox', 'not_intake_analyst');
  return reports;
}
