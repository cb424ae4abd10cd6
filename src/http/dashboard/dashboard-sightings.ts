import type { Kysely } from 'kysely';
import { presentVersions } from '../../present/present-objects.js';
import type { UserViewer } from '../../policy/viewer.js';
import { STORED_VERSION_COLUMNS, toStoredVersion } from '../../store/objects/read-objects.js';
import { visibleCurrent } from '../../store/objects/visible-versions.js';
import type { Database } from '../../store/schema.js';
import type { SqlDialect } from '../../store/store.js';
import { jsonText } from '../../store/json-sql.js';

/** The newest visible sightings of indicators my organisation contributed, so it learns what its intel achieved. */
export async function dashboardSightings(
  db: Kysely<Database>,
  dialect: SqlDialect,
  viewer: UserViewer,
  limit = 20,
) {
  const rows = await visibleCurrent(db, viewer)
    .where('o.type', '=', 'sighting')
    .innerJoin('objects as i', (join) =>
      join
        .on('i.id', '=', jsonText(dialect, 'o.data', 'sighting_of_ref'))
        .on('i.owner_org', '=', viewer.orgId)
        .on('i.is_head', '=', 1)
        .on('i.deleted', '=', 0),
    )
    .select([...STORED_VERSION_COLUMNS, 'i.data as indicator_data'])
    .orderBy('o.date_added', 'desc')
    .orderBy('o.seq', 'desc')
    .limit(limit)
    .execute();
  const presented = await presentVersions(db, viewer, rows.map(toStoredVersion));
  return presented.map(({ object, meta }, i) => {
    const indicator = JSON.parse(rows[i]!.indicator_data) as {
      id: string;
      name?: unknown;
      pattern?: unknown;
    };
    const str = (v: unknown) => (typeof v === 'string' ? v : null);
    const where = Array.isArray(object.where_sighted_refs) ? object.where_sighted_refs : [];
    return {
      id: object.id,
      indicator_id: indicator.id,
      indicator_name: str(indicator.name) ?? str(indicator.pattern) ?? indicator.id,
      count: typeof object.count === 'number' ? object.count : null,
      last_seen: str(object.last_seen),
      date_added: meta.date_added,
      where_sighted: where.filter((w): w is string => typeof w === 'string'),
    };
  });
}
