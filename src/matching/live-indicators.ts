import type { Kysely } from 'kysely';
import type { Viewer } from '../policy/viewer.js';
import { applyFilters } from '../store/objects/read-objects.js';
import { visibleCurrent } from '../store/objects/visible-versions.js';
import type { Database } from '../store/schema.js';

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
 * Every current, non-revoked, valid STIX-pattern indicator `viewer` may see, read through the one
 * visibility rule (`visibleCurrent`) and keyset-paged on seq so memory holds one page of rows.
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
      .select(['o.seq', 'o.owner_org', 'o.distribution', 'o.tlp', 'o.data'])
      .orderBy('o.seq')
      .limit(PAGE)
      .execute();
    for (const row of rows) {
      const o = JSON.parse(row.data) as Record<string, unknown>;
      const pattern = text(o.pattern);
      const type = text(o.pattern_type) ?? 'stix';
      if (pattern === undefined || type !== 'stix' || typeof o.id !== 'string') continue;
      const validFrom = text(o.valid_from);
      const validUntil = text(o.valid_until);
      if (!validAt(validFrom, validUntil, now)) continue;
      yield {
        id: o.id,
        name: text(o.name) ?? null,
        pattern,
        ...(validFrom === undefined ? {} : { validFrom }),
        ...(validUntil === undefined ? {} : { validUntil }),
        ownerOrg: row.owner_org,
        distribution: row.distribution,
        tlp: row.tlp,
      };
    }
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1]!.seq;
  }
}
