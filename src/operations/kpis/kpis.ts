import type { Kysely } from 'kysely';
import type { Viewer } from '../../policy/viewer.js';
import type { Database } from '../../store/schema.js';
import { operationAccess } from '../operation-access.js';
import type { OutcomeCounts } from '../outcomes/outcomes.js';
import { loadOutcomes } from '../outcomes/outcomes.js';
import { ACTIONS, TARGET_STATUSES } from '../target-status.js';

/** Actions that take a target out of criminal use. */
export const TAKEDOWN_ACTIONS: readonly string[] = ['taken-down', 'seized', 'sinkholed'];

export interface OperationKpis {
  operationId: string;
  targets: number;
  byStatus: Record<string, number>;
  byJurisdiction: { country: string | null; targets: number; reported: number; takenDown: number }[];
  /** Targets reported in a CAR (or beyond). */
  reported: number;
  /** Targets actioned with a take-down, seizure or sinkhole. */
  takenDown: number;
  /** takenDown / reported, 0..1; null before anything is reported. */
  takedownRate: number | null;
  actions: Record<string, number>;
  /** Median hours from `reported` to `actioned`/`not-actioned`; null when nothing was actioned. */
  medianHoursReportToAction: number | null;
  cars: { generated: number; issued: number; acknowledged: number };
  outcomes: OutcomeCounts;
}

/** The operation's figures for its participants and administrators; `not_found` for anyone else. */
export async function operationKpis(
  db: Kysely<Database>,
  viewer: Viewer,
  operationId: string,
): Promise<OperationKpis> {
  const access = await operationAccess(db, viewer, operationId);
  const opId = access.operation.id;
  const rows = await db
    .selectFrom('operation_targets')
    .select(['id', 'status', 'country', 'reported_at', 'actioned_at'])
    .where('operation_id', '=', opId)
    .execute();
  const actioned = await db
    .selectFrom('operation_target_history as h')
    .innerJoin('operation_targets as t', 't.id', 'h.target_id')
    .select(['h.target_id', 'h.detail'])
    .where('t.operation_id', '=', opId)
    .where('h.to_status', '=', 'actioned')
    .execute();
  const actionOf = new Map(actioned.map((a) => [a.target_id, a.detail ?? 'other']));
  const byStatus = Object.fromEntries(TARGET_STATUSES.map((s) => [s, 0])) as Record<string, number>;
  const actions = Object.fromEntries(ACTIONS.map((s) => [s, 0])) as Record<string, number>;
  const byCountry = new Map<string | null, { targets: number; reported: number; takenDown: number }>();
  const delays: number[] = [];
  let reported = 0;
  let takenDown = 0;
  for (const r of rows) {
    byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
    const c = byCountry.get(r.country) ?? { targets: 0, reported: 0, takenDown: 0 };
    c.targets++;
    const action = actionOf.get(r.id);
    if (action !== undefined) actions[action] = (actions[action] ?? 0) + 1;
    if (r.reported_at !== null) {
      reported++;
      c.reported++;
    }
    if (action !== undefined && TAKEDOWN_ACTIONS.includes(action)) {
      takenDown++;
      c.takenDown++;
    }
    if (r.reported_at !== null && r.actioned_at !== null)
      delays.push((Date.parse(r.actioned_at) - Date.parse(r.reported_at)) / 3_600_000);
    byCountry.set(r.country, c);
  }
  const cars = await db
    .selectFrom('operation_cars as c')
    .leftJoin('operation_car_recipients as r', 'r.car_id', 'c.id')
    .select((eb) => [
      eb.fn.count<number | string>('c.id').distinct().as('generated'),
      eb.fn.count<number | string>('r.org_id').as('issued'),
      eb.fn.count<number | string>('r.acknowledged').as('acknowledged'),
    ])
    .where('c.operation_id', '=', opId)
    .executeTakeFirstOrThrow();
  return {
    operationId: opId,
    targets: rows.length,
    byStatus,
    byJurisdiction: [...byCountry]
      .map(([country, c]) => ({ country, ...c }))
      .sort((a, b) => b.targets - a.targets || (a.country ?? '~').localeCompare(b.country ?? '~')),
    reported,
    takenDown,
    takedownRate: reported === 0 ? null : takenDown / reported,
    actions,
    medianHoursReportToAction: median(delays),
    cars: {
      generated: Number(cars.generated),
      issued: Number(cars.issued),
      acknowledged: Number(cars.acknowledged),
    },
    outcomes: await loadOutcomes(db, opId),
  };
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
