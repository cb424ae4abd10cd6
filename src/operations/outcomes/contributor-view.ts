import type { Kysely } from 'kysely';
import type { Viewer } from '../../policy/viewer.js';
import type { Database } from '../../store/schema.js';
import { TAKEDOWN_ACTIONS } from '../kpis/kpis.js';

export interface KindOutcome {
  contributed: number;
  reported: number;
  actioned: number;
  takenDown: number;
}

export interface ContributionOutcome {
  /** Null, with `name` and `code`, when the organisation no longer takes part in the operation. */
  operationId: string | null;
  code: string | null;
  name: string | null;
  totals: KindOutcome;
  byKind: Record<string, KindOutcome>;
  /** "120 of your targets reported, 85 taken down". */
  summary: string;
}

const blank = (): KindOutcome => ({ contributed: 0, reported: 0, actioned: 0, takenDown: 0 });

/**
 * What came of the viewer's organisation's own contributions, per operation: only targets it
 * contributed, counted by its own credit, never other partners' data. The operation is named only when
 * the organisation takes part in it (operations' names are for participants).
 */
export async function contributionOutcomes(
  db: Kysely<Database>,
  viewer: Viewer,
): Promise<ContributionOutcome[]> {
  if (viewer.kind !== 'user') return [];
  const rows = await db
    .selectFrom('operation_contributions as c')
    .innerJoin('operation_targets as t', 't.id', 'c.target_id')
    .select(['c.operation_id', 't.id', 't.kind', 't.reported_at', 't.actioned_at', 't.status'])
    .where('c.org_id', '=', viewer.orgId)
    .execute();
  if (rows.length === 0) return [];
  const opIds = [...new Set(rows.map((r) => r.operation_id))];
  const named = await db
    .selectFrom('operations as op')
    .innerJoin('operation_participants as p', 'p.operation_id', 'op.id')
    .select(['op.id', 'op.code', 'op.name'])
    .where('p.org_id', '=', viewer.orgId)
    .where('op.id', 'in', opIds)
    .execute();
  const names = new Map(named.map((n) => [n.id, n]));
  const takedowns = new Set<string>();
  const ids = rows.map((r) => r.id);
  for (let i = 0; i < ids.length; i += 500) {
    const hits = await db
      .selectFrom('operation_target_history')
      .select('target_id')
      .where('target_id', 'in', ids.slice(i, i + 500))
      .where('to_status', '=', 'actioned')
      .where('detail', 'in', [...TAKEDOWN_ACTIONS])
      .execute();
    for (const h of hits) takedowns.add(h.target_id);
  }
  const byOp = new Map<string, { totals: KindOutcome; byKind: Record<string, KindOutcome> }>();
  for (const r of rows) {
    const entry = byOp.get(r.operation_id) ?? { totals: blank(), byKind: {} };
    const kind = (entry.byKind[r.kind] ??= blank());
    for (const k of [entry.totals, kind]) {
      k.contributed++;
      if (r.reported_at !== null) k.reported++;
      if (r.status === 'actioned' || (r.status === 'outcome-confirmed' && r.actioned_at !== null))
        k.actioned++;
      if (takedowns.has(r.id)) k.takenDown++;
    }
    byOp.set(r.operation_id, entry);
  }
  return [...byOp].map(([opId, e]) => {
    const n = names.get(opId);
    return {
      operationId: n?.id ?? null,
      code: n?.code ?? null,
      name: n?.name ?? null,
      ...e,
      summary: `${e.totals.reported} of your ${e.totals.contributed} targets reported, ${e.totals.takenDown} taken down`,
    };
  });
}
