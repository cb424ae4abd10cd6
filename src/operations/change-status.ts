import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { auditOk, auditedWrite } from '../audit/audited-write.js';
import { notFound } from '../errors.js';
import type { UserViewer } from '../policy/viewer.js';
import type { Store } from '../store/store.js';
import { operationAccess, requireOperationManager } from './operation-access.js';
import { parseInput } from './operations.js';
import type { TargetStatus } from './target-status.js';
import { TARGET_STATUSES, checkTransition } from './target-status.js';

export const StatusChangeInput = z.object({
  targetIds: z.array(z.string().min(1)).min(1).max(20_000),
  to: z.enum(TARGET_STATUSES),
  detail: z.string().max(1000).nullish(),
  note: z.string().max(4000).nullish(),
  evidence: z.array(z.string().min(1).max(2000)).max(50).default([]),
});
export type StatusChangeInput = z.input<typeof StatusChangeInput>;

/**
 * Moves targets along their life cycle (leads and participating agencies), recording who, when, the
 * note and the evidence for each. All or nothing: one target that may not make the move refuses the
 * whole change with `illegal_transition`, and nothing is written.
 */
export async function changeTargetStatus(
  store: Store,
  actor: UserViewer,
  operationId: string,
  raw: StatusChangeInput,
  now: string = new Date().toISOString(),
): Promise<{ changed: number }> {
  const input = parseInput(StatusChangeInput, raw, 'body');
  return await auditedWrite(
    store,
    actor,
    { action: 'operation.targets.status', target: operationId },
    async (trx) => {
      const access = await operationAccess(trx, actor, operationId);
      requireOperationManager(access, actor, 'change target statuses');
      const ids = [...new Set(input.targetIds)];
      const rows: { id: string; status: string }[] = [];
      for (let i = 0; i < ids.length; i += 500)
        rows.push(
          ...(await trx
            .selectFrom('operation_targets')
            .select(['id', 'status'])
            .where('operation_id', '=', access.operation.id)
            .where('id', 'in', ids.slice(i, i + 500))
            .execute()),
        );
      const missing = ids.find((id) => !rows.some((r) => r.id === id));
      if (missing !== undefined) throw notFound(`target ${missing}`);
      let detail: string | null = null;
      for (const r of rows) detail = checkTransition(r.status as TargetStatus, input);
      const stamp =
        input.to === 'reported'
          ? { reported_at: now }
          : input.to === 'actioned' || input.to === 'not-actioned'
            ? { actioned_at: now }
            : {};
      for (let i = 0; i < ids.length; i += 500) {
        const chunk = ids.slice(i, i + 500);
        await trx
          .updateTable('operation_targets')
          .set({ status: input.to, status_detail: detail, status_changed: now, ...stamp })
          .where('operation_id', '=', access.operation.id)
          .where('id', 'in', chunk)
          .execute();
      }
      const evidence = JSON.stringify(input.evidence);
      const history = rows.map((r) => ({
        id: randomUUID(),
        target_id: r.id,
        at: now,
        actor: actor.userId,
        actor_org: actor.orgId,
        from_status: r.status,
        to_status: input.to,
        detail,
        note: input.note ?? null,
        evidence,
      }));
      for (let i = 0; i < history.length; i += 400)
        await trx
          .insertInto('operation_target_history')
          .values(history.slice(i, i + 400))
          .execute();
      await auditOk(trx, actor, 'operation.targets.status', access.operation.id, {
        to: input.to,
        detail,
        count: rows.length,
      });
      return { changed: rows.length };
    },
  );
}
