import type { ExpressionBuilder, Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Viewer } from '../../policy/viewer.js';
import { visibleFilter } from '../../policy/visibility.js';
import type { Database } from '../schema.js';

type O = ExpressionBuilder<Database & { o: Database['objects'] }, 'o'>;

/**
 * The only way Accord reads object versions: every version `viewer` may see (not deleted), as
 * `objects as o`. Callers add their own filters, ordering and paging on top.
 */
export function visibleVersions(db: Kysely<Database>, viewer: Viewer) {
  return db.selectFrom('objects as o').where('o.deleted', '=', 0).where(visibleFilter(viewer, 'o'));
}

/**
 * Whether `viewer` may see another version of the same id on one side of this one: after it (`'>'`) or
 * before it (`'<'`), by version order and then by seq. The current version is the one with no visible
 * version after it; TAXII's `match[version]=first` is the one with none before it.
 */
export function visibleVersionBeyond(viewer: Viewer, side: '>' | '<') {
  return (eb: O) =>
    eb.exists(
      eb
        .selectFrom('objects as n')
        .select(sql`1`.as('one'))
        .whereRef('n.id', '=', 'o.id')
        .where('n.deleted', '=', 0)
        .where(visibleFilter(viewer, 'n'))
        .where((inner) =>
          inner.or([
            inner('n.vorder', side, inner.ref('o.vorder')),
            inner.and([
              inner('n.vorder', '=', inner.ref('o.vorder')),
              inner('n.seq', side, inner.ref('o.seq')),
            ]),
          ]),
        ),
    );
}

/**
 * Narrows `visibleVersions` to the newest version of each id that the viewer may see. Usually that is
 * the head; when a newer version went to a narrower audience, the viewer keeps the newest one they saw.
 */
export function currentForViewer(viewer: Viewer) {
  const newer = visibleVersionBeyond(viewer, '>');
  return (eb: O) => eb.or([eb('o.is_head', '=', 1), eb.not(newer(eb))]);
}

/** The newest visible versions, one per id. */
export function visibleCurrent(db: Kysely<Database>, viewer: Viewer) {
  return visibleVersions(db, viewer).where(currentForViewer(viewer));
}
