import type { Kysely } from 'kysely';
import { audienceKey } from '../../policy/visibility.js';
import type { Viewer } from '../../policy/viewer.js';
import type { Database } from '../schema.js';
import { deletionEpoch, visibleIdCache } from './visible-id-cache.js';
import { visibleVersions } from './visible-versions.js';

/**
 * Which of `ids` the viewer may see at least one version of. Ids the rule already granted this
 * viewer's audience since the last deletion come from the store's `VisibleIdCache`; the rest are
 * asked of the database through `visibleVersions`. `epoch`: the deletion epoch the caller read
 * before anything it relies on here (a TAXII page reads it once); read here when not given.
 */
export async function visibleIds(
  db: Kysely<Database>,
  viewer: Viewer,
  ids: Iterable<string>,
  epoch?: number,
): Promise<Set<string>> {
  const all = new Set(ids);
  const out = new Set<string>();
  if (all.size === 0) return out;
  const cache = visibleIdCache(db);
  if (cache !== undefined) epoch ??= await deletionEpoch(db);
  epoch ??= 0;
  const audience = audienceKey(viewer);
  const known = cache?.known(epoch, audience);
  const ask: string[] = [];
  for (const id of all) {
    if (known?.has(id) === true) out.add(id);
    else ask.push(id);
  }
  const found: string[] = [];
  for (let i = 0; i < ask.length; i += 500) {
    const rows = await visibleVersions(db, viewer)
      .where('o.id', 'in', ask.slice(i, i + 500))
      .select('o.id')
      .distinct()
      .execute();
    for (const r of rows) found.push(r.id);
  }
  for (const id of found) out.add(id);
  cache?.add(epoch, audience, found);
  return out;
}
