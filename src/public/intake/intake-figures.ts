import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';

const WEEK_MS = 7 * 24 * 3600 * 1000;

/**
 * The public figures of intake over the last seven days: counts only, across every report, so that
 * nothing of any report's content (values, subjects, senders) can be read from them.
 */
export async function intakeFigures(db: Kysely<Database>, now = new Date()) {
  const since = new Date(now.getTime() - WEEK_MS).toISOString();
  const rows = await db
    .selectFrom('public_intake_reports')
    .select(['status', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('received', '>=', since)
    .groupBy('status')
    .execute();
  const n = (s: string) => Number(rows.find((r) => r.status === s)?.n ?? 0);
  const urls = await db
    .selectFrom('public_intake_values')
    .innerJoin('public_intake_reports', 'public_intake_reports.id', 'public_intake_values.report_id')
    .select((eb) => eb.fn.count<number | string>('public_intake_values.value').distinct().as('n'))
    .where('public_intake_reports.received', '>=', since)
    .where('public_intake_values.kind', '=', 'url')
    .executeTakeFirst();
  return {
    since,
    reports: n('new') + n('benign') + n('promoted'),
    urls: Number(urls?.n ?? 0),
    promoted: n('promoted'),
    benign: n('benign'),
  };
}

/** Reports received in `[from, to)` and how many were promoted to intelligence: counts only. */
export async function intakePeriodFigures(db: Kysely<Database>, from: string, to: string) {
  const rows = await db
    .selectFrom('public_intake_reports')
    .select(['status', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('received', '>=', from)
    .where('received', '<', to)
    .groupBy('status')
    .execute();
  const n = (s: string) => Number(rows.find((r) => r.status === s)?.n ?? 0);
  return { reports: n('new') + n('benign') + n('promoted'), promoted: n('promoted') };
}
