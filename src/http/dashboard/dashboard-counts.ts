import type { Kysely } from 'kysely';
import type { Viewer } from '../../policy/viewer.js';
import { visibleCurrent } from '../../store/objects/visible-versions.js';
import type { Database } from '../../store/schema.js';

/** Visible current objects by type and by TLP; one grouped scan each. */
export async function dashboardCounts(db: Kysely<Database>, viewer: Viewer) {
  const [types, tlps] = await Promise.all([
    visibleCurrent(db, viewer)
      .select(['o.type', (eb) => eb.fn.countAll<number | string>().as('n')])
      .groupBy('o.type')
      .execute(),
    visibleCurrent(db, viewer)
      .select(['o.tlp', (eb) => eb.fn.countAll<number | string>().as('n')])
      .groupBy('o.tlp')
      .execute(),
  ]);
  const byType = types
    .map((r) => ({ type: r.type, count: Number(r.n) }))
    .sort((a, b) => b.count - a.count || a.type.localeCompare(b.type));
  const byTlp = tlps
    .map((r) => ({ tlp: r.tlp ?? 'none', count: Number(r.n) }))
    .sort((a, b) => b.count - a.count || a.tlp.localeCompare(b.tlp));
  return { byType, byTlp, total: byType.reduce((sum, t) => sum + t.count, 0) };
}
