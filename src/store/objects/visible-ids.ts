import type { Kysely } from 'kysely';
import type { Viewer } from '../../policy/viewer.js';
import type { Database } from '../schema.js';
import { visibleVersions } from './visible-versions.js';

/** Which of `ids` the viewer may see at least one version of. */
export async function visibleIds(
  db: Kysely<Database>,
  viewer: Viewer,
  ids: Iterable<string>,
): Promise<Set<string>> {
  const all = [...new Set(ids)];
  const out = new Set<string>();
  for (let i = 0; i < all.length; i += 500) {
    const rows = await visibleVersions(db, viewer)
      .where('o.id', 'in', all.slice(i, i + 500))
      .select('o.id')
      .distinct()
      .execute();
    for (const r of rows) out.add(r.id);
  }
  return out;
}
