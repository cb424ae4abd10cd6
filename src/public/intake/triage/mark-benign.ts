import { appendAudit } from '../../../audit/index.js';
import type { UserViewer } from '../../../policy/viewer.js';
import type { Store } from '../../../store/store.js';
import { triageTargets } from './triage-access.js';

/**
 * Marks reports benign: kept (with their STIX report), hidden from the inbox's default view and
 * counted apart; audited. A promoted report stays promoted (its indicators exist).
 */
export async function markBenign(
  store: Store,
  viewer: UserViewer,
  ids: readonly string[],
  now = new Date(),
): Promise<{ marked: number }> {
  const reports = await triageTargets(store, viewer, ids);
  const target = reports.filter((r) => r.status === 'new').map((r) => r.id);
  await store.writeTransaction(async (trx) => {
    if (target.length > 0)
      await trx
        .updateTable('public_intake_reports')
        .set({ status: 'benign', triaged: now.toISOString(), triaged_by: viewer.userId })
        .where('id', 'in', target)
        .where('status', '=', 'new')
        .execute();
    await appendAudit(trx, {
      actor: viewer.userId,
      actorOrg: viewer.orgId,
      action: 'intake.benign',
      target: target.join(',').slice(0, 500) || '(none)',
      outcome: 'ok',
      details: { reports: target },
    });
  });
  return { marked: target.length };
}
