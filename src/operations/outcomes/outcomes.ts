import type { Kysely } from 'kysely';
import { z } from 'zod';
import { auditOk, auditedWrite } from '../../audit/audited-write.js';
import type { UserViewer } from '../../policy/viewer.js';
import type { Database } from '../../store/schema.js';
import type { Store } from '../../store/store.js';
import { operationAccess, requireOperationLead } from '../operation-access.js';
import { parseInput } from '../operations.js';

/** What the lead counts by hand, because it happens outside Accord (a search warrant, an arrest). */
export const OUTCOME_KINDS = ['arrests', 'searches', 'seizures', 'notifications', 'assetsFrozenEur'] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];
export type OutcomeCounts = Record<OutcomeKind, number>;

const Count = z.number().int().min(0).max(1_000_000_000_000);
export const OutcomesInput = z
  .object(
    Object.fromEntries(OUTCOME_KINDS.map((k) => [k, Count.optional()])) as Record<
      OutcomeKind,
      z.ZodOptional<typeof Count>
    >,
  )
  .strict();
export type OutcomesInput = z.input<typeof OutcomesInput>;

export async function loadOutcomes(db: Kysely<Database>, operationId: string): Promise<OutcomeCounts> {
  const rows = await db
    .selectFrom('operation_outcomes')
    .select(['kind', 'count'])
    .where('operation_id', '=', operationId)
    .execute();
  const counts = Object.fromEntries(OUTCOME_KINDS.map((k) => [k, 0])) as OutcomeCounts;
  for (const r of rows)
    if ((OUTCOME_KINDS as readonly string[]).includes(r.kind)) counts[r.kind as OutcomeKind] = r.count;
  return counts;
}

/** The lead sets outcome counts (only the ones named change), audited with the values before. */
export async function setOutcomes(
  store: Store,
  actor: UserViewer,
  operationId: string,
  raw: OutcomesInput,
  now: string = new Date().toISOString(),
): Promise<OutcomeCounts> {
  const input = parseInput(OutcomesInput, raw, 'body');
  return await auditedWrite(
    store,
    actor,
    { action: 'operation.outcomes', target: operationId },
    async (trx) => {
      const access = await operationAccess(trx, actor, operationId);
      requireOperationLead(access, actor, 'enter outcome counts');
      const opId = access.operation.id;
      const before = await loadOutcomes(trx, opId);
      for (const kind of OUTCOME_KINDS) {
        const count = input[kind];
        if (count === undefined) continue;
        await trx
          .deleteFrom('operation_outcomes')
          .where('operation_id', '=', opId)
          .where('kind', '=', kind)
          .execute();
        await trx
          .insertInto('operation_outcomes')
          .values({ operation_id: opId, kind, count, updated: now, updated_by: actor.userId })
          .execute();
      }
      const after = await loadOutcomes(trx, opId);
      await auditOk(trx, actor, 'operation.outcomes', opId, { before, after });
      return after;
    },
  );
}
