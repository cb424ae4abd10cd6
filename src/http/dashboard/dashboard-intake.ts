import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Viewer } from '../../policy/viewer.js';
import { visibleVersions } from '../../store/objects/visible-versions.js';
import type { Database } from '../../store/schema.js';

const DAY_MS = 86_400_000;

/** The `days` calendar days ending today (UTC), oldest first, as YYYY-MM-DD. */
export function lastDays(days: number, now: Date): string[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Array.from({ length: days }, (_, i) =>
    new Date(today - (days - 1 - i) * DAY_MS).toISOString().slice(0, 10),
  );
}

/** Visible versions added per day (YYYY-MM-DD) and organisation, from day `since` on. */
export function intakeQuery(db: Kysely<Database>, viewer: Viewer, since: string) {
  // Spelt as the expression index of migration 0005, so both the range and the grouping read it.
  const day = sql<string>`substr(${sql.ref('o.date_added')}, 1, 10)`;
  return visibleVersions(db, viewer)
    .where(day, '>=', since)
    .select([day.as('day'), 'o.owner_org', (eb) => eb.fn.countAll<number | string>().as('n')])
    .groupBy([day, 'o.owner_org']);
}

/** Visible versions added per day per contributing organisation over the last `days` days. */
export async function dashboardIntake(db: Kysely<Database>, viewer: Viewer, now: Date, days = 30) {
  const dayList = lastDays(days, now);
  const rows = await intakeQuery(db, viewer, dayList[0]!).execute();
  const orgIds = [...new Set(rows.map((r) => r.owner_org))];
  const names = new Map<string, string>();
  if (orgIds.length > 0) {
    const orgs = await db
      .selectFrom('organisations')
      .select(['id', 'name'])
      .where('id', 'in', orgIds)
      .execute();
    for (const o of orgs) names.set(o.id, o.name);
  }
  const index = new Map(dayList.map((d, i) => [d, i]));
  const series = new Map<string, number[]>();
  for (const row of rows) {
    const at = index.get(row.day);
    if (at === undefined) continue;
    let counts = series.get(row.owner_org);
    if (counts === undefined) series.set(row.owner_org, (counts = dayList.map(() => 0)));
    counts[at] = Number(row.n);
  }
  return {
    days: dayList,
    series: [...series.entries()]
      .map(([orgId, counts]) => ({ org_id: orgId, name: names.get(orgId) ?? orgId, counts }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}
