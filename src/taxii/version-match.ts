import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import { sql } from 'kysely';
import type { Viewer } from '../policy/viewer.js';
import { visibleFilter } from '../policy/visibility.js';
import { currentForViewer, visibleVersionBeyond } from '../store/objects/visible-versions.js';
import type { Database } from '../store/schema.js';
import type { VersionMatch } from './taxii-query.js';

type O = ExpressionBuilder<Database & { o: Database['objects'] }, 'o'>;

/** The oldest version of each id the viewer may see: the mirror image of `currentForViewer`. */
export function firstForViewer(viewer: Viewer) {
  const older = visibleVersionBeyond(viewer, '<');
  return (eb: O) => eb.not(older(eb));
}

/**
 * One row per (id, version) even when two organisations' lineages hold the same version: the first
 * visible copy stands for both, so TAXII never lists a version twice.
 */
export function firstCopyOfVersion(viewer: Viewer) {
  return (eb: O) =>
    eb.not(
      eb.exists(
        eb
          .selectFrom('objects as d')
          .select(sql`1`.as('one'))
          .whereRef('d.id', '=', 'o.id')
          .whereRef('d.version', '=', 'o.version')
          .whereRef('d.seq', '<', 'o.seq')
          .where('d.deleted', '=', 0)
          .where(visibleFilter(viewer, 'd')),
      ),
    );
}

/** `match[version]` as a predicate over `objects as o`; undefined when every version qualifies. */
export function versionPredicate(viewer: Viewer, match: VersionMatch) {
  if (match.all) return undefined;
  return (eb: O): Expression<SqlBool> => {
    const terms: Expression<SqlBool>[] = [];
    if (match.last) terms.push(currentForViewer(viewer)(eb));
    if (match.first) terms.push(firstForViewer(viewer)(eb));
    if (match.timestamps.length > 0) terms.push(eb('o.version', 'in', match.timestamps));
    return eb.or(terms);
  };
}
