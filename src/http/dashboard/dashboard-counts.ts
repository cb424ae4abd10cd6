import type { Kysely } from 'kysely';
import type { Viewer } from '../../policy/viewer.js';
import { visibleCurrent } from '../../store/objects/visible-versions.js';
import type { Database } from '../../store/schema.js';

/** Visible current objects per (type, TLP): a scan of migration 0005's covering index, in its order. */
export function countsQuery(db: Kysely<Database>, viewer: Viewer) {
  return visibleCurrent(db, viewer)
    .select(['o.type', 'o.tlp', (eb) => eb.fn.countAll<number | string>().as('n')])
    .groupBy(['o.type', 'o.tlp']);
}

/** Visible current objects by type and by TLP, from one grouped scan (type × TLP), summed both ways. */
export async function dashboardCounts(db: Kysely<Database>, viewer: Viewer) {
  const rows = await countsQuery(db, viewer).execute();
  const types = new Map<string, number>();
  const tlps = new Map<string, number>();
  for (const r of rows) {
    const n = Number(r.n);
    types.set(r.type, (types.get(r.type) ?? 0) + n);
    tlps.set(r.tlp ?? 'none', (tlps.get(r.tlp ?? 'none') ?? 0) + n);
  }
  const sorted = <K extends string>(m: Map<string, number>, key: K) =>
    [...m.entries()]
      .map(([k, count]) => ({ [key]: k, count }) as Record<K, string> & { count: number })
      .sort((a, b) => b.count - a.count || a[key].localeCompare(b[key]));
  const byType = sorted(types, 'type');
  return { byType, byTlp: sorted(tlps, 'tlp'), total: byType.reduce((sum, t) => sum + t.count, 0) };
}
