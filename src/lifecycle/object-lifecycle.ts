import type { Kysely } from 'kysely';
import type { ObservableKind } from '../observable/kind.js';
import type { Viewer } from '../policy/viewer.js';
import { lastSightings } from '../sightings/visible-sightings.js';
import { visibleCurrent } from '../store/objects/visible-versions.js';
import type { Database } from '../store/schema.js';
import type { StixObject } from '../stix/types.js';
import { DEFAULT_DECAY_THRESHOLD, decayModel, decayScore } from './decay.js';
import type { DecayOptions } from './decay.js';
import { indicatorKind } from './is-live.js';
import { warninglistHits } from './warninglist-hits.js';
import type { ObservableWarning } from './warninglist-hits.js';

export interface ObjectLifecycle {
  id: string;
  type: string;
  /** Null for objects that do not decay (everything but indicators). */
  decay_score: number | null;
  decay_threshold: number;
  decay_model: { kind: string | null; lifetime_days: number; decay_speed: number } | null;
  last_sighting: string | null;
  /** Inside `valid_from`..`valid_until` (always true for objects without them). */
  valid: boolean;
  expired: boolean;
  revoked: boolean;
  /** Would be matched and exported by default: valid, not revoked, not decayed, not warninglisted. */
  live: boolean;
  warninglists: ObservableWarning[];
}

/**
 * The lifecycle of the newest version of `id` the viewer may see: decay score (from the sightings the
 * viewer may see), validity, revocation and the warninglists its values are on.
 */
export async function objectLifecycle(
  db: Kysely<Database>,
  viewer: Viewer,
  id: string,
  now: string = new Date().toISOString(),
  options: DecayOptions & { threshold?: number } = {},
): Promise<ObjectLifecycle | undefined> {
  const row = await visibleCurrent(db, viewer)
    .where('o.id', '=', id)
    .select(['o.seq', 'o.type', 'o.data', 'o.date_added', 'o.revoked'])
    .executeTakeFirst();
  if (row === undefined) return undefined;
  const object = JSON.parse(row.data) as StixObject;
  const values = await db
    .selectFrom('observables')
    .select(['kind', 'value'])
    .where('object_seq', '=', row.seq)
    .execute();
  const warninglists = warninglistHits(
    values.map((v) => ({ kind: v.kind as ObservableKind, value: v.value })),
  );
  const at = Date.parse(now);
  const from = typeof object.valid_from === 'string' ? Date.parse(object.valid_from) : NaN;
  const until = typeof object.valid_until === 'string' ? Date.parse(object.valid_until) : NaN;
  const expired = until <= at;
  const valid = !(from > at) && !expired;
  const revoked = row.revoked === 1;
  const threshold = options.threshold ?? DEFAULT_DECAY_THRESHOLD;
  let decay: number | null = null;
  let model: ObjectLifecycle['decay_model'] = null;
  let last: string | null = null;
  if (row.type === 'indicator') {
    const kind = indicatorKind(object);
    last = (await lastSightings(db, viewer, [id])).get(id) ?? null;
    decay = decayScore(object, kind, last, at, { ...options, receivedAt: row.date_added });
    const m = decayModel(kind, options);
    model = { kind, lifetime_days: m.lifetimeDays, decay_speed: m.decaySpeed };
  }
  return {
    id,
    type: row.type,
    decay_score: decay,
    decay_threshold: threshold,
    decay_model: model,
    last_sighting: last,
    valid,
    expired,
    revoked,
    live: valid && !revoked && warninglists.length === 0 && (decay === null || decay >= threshold),
    warninglists,
  };
}
