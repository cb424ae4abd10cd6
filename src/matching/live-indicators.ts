import type { Kysely } from 'kysely';
import { patternObservable } from '../correlate/pattern-observable.js';
import { isLive } from '../lifecycle/is-live.js';
import type { Observable } from '../observable/index.js';
import type { Viewer } from '../policy/viewer.js';
import { lastSightings } from '../sightings/visible-sightings.js';
import { applyFilters } from '../store/objects/read-objects.js';
import { visibleCurrent } from '../store/objects/visible-versions.js';
import type { Database } from '../store/schema.js';
import type { StixObject } from '../stix/types.js';

/** One indicator the viewer may see, with what a match result names. */
export interface LiveIndicator {
  id: string;
  name: string | null;
  pattern: string;
  validFrom?: string;
  validUntil?: string;
  ownerOrg: string;
  distribution: string;
  tlp: string | null;
  /** The value a single-comparison pattern stands for (null for anything more complex). */
  observable: Observable | null;
}

const PAGE = 2000;

function text(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** Valid now: `valid_from <= now < valid_until`; unparsable bounds are treated as absent. */
export function validAt(validFrom: string | undefined, validUntil: string | undefined, now: number): boolean {
  const from = validFrom === undefined ? NaN : Date.parse(validFrom);
  const until = validUntil === undefined ? NaN : Date.parse(validUntil);
  return !(from > now) && !(until <= now);
}

/**
 * Every current, non-revoked, valid, not decayed STIX-pattern indicator `viewer` may see, read
 * through the one visibility rule (`visibleCurrent`) and keyset-paged on seq so memory holds one
 * page of rows.
 */
export async function* liveIndicators(
  db: Kysely<Database>,
  viewer: Viewer,
  now: number = Date.now(),
): AsyncGenerator<LiveIndicator> {
  let after = 0;
  for (;;) {
    const rows = await applyFilters(visibleCurrent(db, viewer), {
      types: ['indicator'],
      includeRevoked: false,
    })
      .where('o.seq', '>', after)
      .select(['o.seq', 'o.id', 'o.owner_org', 'o.distribution', 'o.tlp', 'o.date_added', 'o.data'])
      .orderBy('o.seq')
      .limit(PAGE)
      .execute();
    // Decay dates from the newest sighting this viewer may see (as the defender feeds do): one lookup a page.
    const sighted = await lastSightings(
      db,
      viewer,
      rows.map((r) => r.id),
    );
    for (const row of rows) {
      const o = JSON.parse(row.data) as StixObject;
      const pattern = text(o.pattern);
      const type = text(o.pattern_type) ?? 'stix';
      if (pattern === undefined || type !== 'stix' || typeof o.id !== 'string') continue;
      const validFrom = text(o.valid_from);
      const validUntil = text(o.valid_until);
      // Valid now and not decayed (src/lifecycle); arriving here counts as fresh news for decay.
      if (!validAt(validFrom, validUntil, now)) continue;
      const observable = patternObservable(pattern);
      if (
        !isLive(o, now, {
          receivedAt: row.date_added,
          lastSighting: sighted.get(row.id),
          kind: observable?.kind ?? null,
        })
      )
        continue;
      yield {
        id: o.id,
        name: text(o.name) ?? null,
        pattern,
        ...(validFrom === undefined ? {} : { validFrom }),
        ...(validUntil === undefined ? {} : { validUntil }),
        ownerOrg: row.owner_org,
        distribution: row.distribution,
        tlp: row.tlp,
        observable,
      };
    }
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1]!.seq;
  }
}
