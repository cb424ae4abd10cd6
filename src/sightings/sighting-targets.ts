import type { Kysely } from 'kysely';
import { invalidInput, notFound } from '../errors.js';
import { detectObservable } from '../observable/index.js';
import type { Viewer } from '../policy/viewer.js';
import { visibleCurrent } from '../store/objects/visible-versions.js';
import type { Database } from '../store/schema.js';
import { isScoType } from '../stix/index.js';

export interface SightingTarget {
  id: string;
  ownerOrg: string;
  distribution: string;
  tlp: string | null;
}

/** At most this many indicators are sighted by one value (several partners may each hold one). */
const MAX_TARGETS = 100;

/**
 * What a posted sighting is of: the named object, or every current indicator `viewer` may see whose
 * indexed value equals `value` (refanged and typed as in a search box). Only what the viewer sees.
 */
export async function sightingTargets(
  db: Kysely<Database>,
  viewer: Viewer,
  by: { id: string } | { value: string },
): Promise<SightingTarget[]> {
  const columns = ['o.id', 'o.owner_org', 'o.distribution', 'o.tlp', 'o.type'] as const;
  if ('id' in by) {
    const row = await visibleCurrent(db, viewer).where('o.id', '=', by.id).select(columns).executeTakeFirst();
    if (row === undefined) throw notFound(`object ${by.id}`);
    if (isScoType(row.type) || row.type === 'relationship' || row.type === 'sighting')
      throw invalidInput(
        'invalid_sighting_target',
        `a sighting is of an indicator or another SDO, not a ${row.type}`,
      );
    return [{ id: row.id, ownerOrg: row.owner_org, distribution: row.distribution, tlp: row.tlp }];
  }
  const observable = detectObservable(by.value);
  if (observable === null)
    throw invalidInput(
      'unrecognised_value',
      `"${by.value.slice(0, 200)}" is no IP, domain, URL, hash or other known value`,
    );
  const rows = await visibleCurrent(db, viewer)
    .innerJoin('observables as x', 'x.object_seq', 'o.seq')
    .where('x.kind', '=', observable.kind)
    .where('x.value', '=', observable.value)
    .where('o.type', '=', 'indicator')
    .where('o.revoked', '=', 0)
    .select(columns)
    .orderBy('o.seq')
    .limit(MAX_TARGETS)
    .execute();
  if (rows.length === 0) throw notFound(`an indicator of ${observable.kind} ${observable.value}`);
  return rows.map((r) => ({ id: r.id, ownerOrg: r.owner_org, distribution: r.distribution, tlp: r.tlp }));
}
