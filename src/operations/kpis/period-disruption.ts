import type { Kysely } from 'kysely';
import type { Viewer } from '../../policy/viewer.js';
import type { Database } from '../../store/schema.js';
import { visibleOperationIds } from '../operation-access.js';
import { median, TAKEDOWN_ACTIONS } from './kpis.js';

/** Disruption over a period, across the operations a viewer may see. */
export interface PeriodDisruption {
  /** Operations with a target identified in the period. */
  operations: number;
  /** Targets added to those operations in the period. */
  targets_identified: number;
  /** Of those, targets actioned before the period ended. */
  targets_actioned: number;
  /** Of those, targets taken down, seized or sinkholed, over the targets identified; null without any. */
  takedown_rate: number | null;
  /** Median days from identification to action, over the actioned ones; null without any. */
  median_days_to_action: number | null;
  /** Of those, targets actioned by notifying the victim or network holder. */
  notifications: number;
}

/**
 * The period's disruption figures, over the cohort of targets identified in `[from, to)` in the
 * operations `viewer` may see (`visibleOperationIds`, the one operation access rule: participants'
 * organisations, and administrators). Null when the viewer sees no operation at all, so a report of
 * someone outside every operation carries no disruption section rather than zeros.
 */
export async function periodDisruption(
  db: Kysely<Database>,
  viewer: Viewer,
  from: string,
  to: string,
): Promise<PeriodDisruption | null> {
  const visible = await visibleOperationIds(db, viewer).execute();
  if (visible.length === 0) return null;
  const ids = visible.map((v) => v.operation_id);
  const targets = await db
    .selectFrom('operation_targets')
    .select(['id', 'operation_id', 'created', 'actioned_at'])
    .where('operation_id', 'in', ids)
    .where('created', '>=', from)
    .where('created', '<', to)
    .execute();
  const actioned = targets.filter((t) => t.actioned_at !== null && t.actioned_at < to);
  const actions =
    actioned.length === 0
      ? []
      : await db
          .selectFrom('operation_target_history')
          .select(['target_id', 'detail'])
          .where('to_status', '=', 'actioned')
          .where(
            'target_id',
            'in',
            actioned.map((t) => t.id),
          )
          .execute();
  const actionOf = new Map(actions.map((a) => [a.target_id, a.detail ?? 'other']));
  const count = (pick: (action: string) => boolean) =>
    actioned.filter((t) => pick(actionOf.get(t.id) ?? 'other')).length;
  const takenDown = count((a) => TAKEDOWN_ACTIONS.includes(a));
  const days = median(actioned.map((t) => (Date.parse(t.actioned_at!) - Date.parse(t.created)) / 86_400_000));
  return {
    operations: new Set(targets.map((t) => t.operation_id)).size,
    targets_identified: targets.length,
    targets_actioned: actioned.length,
    takedown_rate: targets.length === 0 ? null : Math.round((takenDown / targets.length) * 1000) / 1000,
    median_days_to_action: days === null ? null : Math.round(days * 10) / 10,
    notifications: count((a) => a === 'notified'),
  };
}
