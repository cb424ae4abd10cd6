import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Viewer } from '../../policy/viewer.js';
import type { Database } from '../../store/schema.js';

/**
 * A cheap validator for polling: anything that could change a feed's content changes it — a newer
 * version anywhere, a deletion, the viewer's group memberships, the query. It may change when the
 * feed did not (over-invalidation), never the other way round.
 */
export async function feedValidator(
  db: Kysely<Database>,
  viewer: Viewer,
  request: string,
): Promise<{ etag: string; lastModified: Date }> {
  const newest = await db
    .selectFrom('objects')
    .select((eb) => [eb.fn.max('seq').as('seq'), eb.fn.max('date_added').as('added')])
    .executeTakeFirst();
  const deleted = await db
    .selectFrom('tombstones')
    .select((eb) => eb.fn.max('deleted_at').as('at'))
    .executeTakeFirst();
  const who =
    viewer.kind === 'anonymous'
      ? 'anonymous'
      : `${viewer.orgId}|${viewer.role}|${[...viewer.groups].sort().join(',')}`;
  const etag = createHash('sha256')
    .update(`${String(newest?.seq ?? 0)}|${deleted?.at ?? ''}|${who}|${request}`)
    .digest('base64url')
    .slice(0, 27);
  const times = [newest?.added, deleted?.at].filter((t): t is string => typeof t === 'string').sort();
  const last = times.at(-1);
  // HTTP dates have second precision; round up so If-Modified-Since never hides a same-second change.
  const lastModified = new Date(Math.ceil((last === undefined ? 0 : Date.parse(last)) / 1000) * 1000);
  return { etag: `"${etag}"`, lastModified };
}
