import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { forbidden } from '../errors.js';
import { importStix } from '../ingest/import-service.js';
import type { Distribution } from '../policy/distribution.js';
import type { TlpLevel } from '../policy/tlp.js';
import { canWriteObjects } from '../policy/viewer.js';
import type { UserViewer } from '../policy/viewer.js';
import type { Store } from '../store/store.js';
import { sightingAudience } from './sighting-audience.js';
import type { SightingTally, Tally } from './sighting-tally.js';

/** What happened to the sighting of one matched indicator. */
export interface SightingResult {
  indicator: string;
  status: 'created' | 'refused';
  sighting?: string;
  distribution?: string;
  count: number;
  reason?: string;
}

export interface ReportOptions {
  /** TLP for the sightings; default AMBER inside an organisation or group, GREEN for the community. */
  tlp?: TlpLevel;
  now?: number;
}

/** Refuses early (before any matching) when the caller could not write a sighting at all. */
export function assertCanReportSightings(viewer: UserViewer): void {
  if (!canWriteObjects(viewer))
    throw forbidden('your role or API key is read-only: it cannot report sightings', 'read_only');
}

function sightingObject(viewer: UserViewer, t: Tally, now: string) {
  return {
    type: 'sighting',
    spec_version: '2.1',
    id: `sighting--${randomUUID()}`,
    created: now,
    modified: now,
    created_by_ref: viewer.orgId,
    sighting_of_ref: t.indicator.id,
    count: Math.min(t.count, 999_999_999),
    first_seen: new Date(t.first).toISOString(),
    last_seen: new Date(t.last).toISOString(),
    where_sighted_refs: [viewer.orgId],
  };
}

/**
 * Records one STIX sighting per matched indicator (count, first and last seen, seen by the caller's
 * organisation), owned by the caller, through the normal import path and its write rules. Each goes
 * to the audience `sightingAudience` picks; an indicator with no acceptable audience is refused
 * with the reason, never shared wider.
 */
export async function reportSightings(
  store: Store,
  viewer: UserViewer,
  tally: SightingTally,
  opts: ReportOptions = {},
): Promise<SightingResult[]> {
  assertCanReportSightings(viewer);
  const now = new Date(opts.now ?? Date.now()).toISOString();
  const results: SightingResult[] = [];
  const byAudience = new Map<Distribution, { tally: Tally; object: ReturnType<typeof sightingObject> }[]>();
  for (const t of tally.byIndicator.values()) {
    const audience = await sightingAudience(store.db, viewer, t.indicator);
    if (!audience.ok) {
      results.push({ indicator: t.indicator.id, status: 'refused', count: t.count, reason: audience.reason });
      continue;
    }
    const list = byAudience.get(audience.distribution) ?? [];
    list.push({ tally: t, object: sightingObject(viewer, t, now) });
    byAudience.set(audience.distribution, list);
  }
  for (const [distribution, items] of byAudience) {
    const tlp = opts.tlp ?? (distribution === 'community' ? 'green' : 'amber');
    const outcome = new Map<number, { ok: boolean; reason?: string }>();
    const summary = await importStix(
      store,
      viewer,
      Readable.from([
        JSON.stringify({
          type: 'bundle',
          id: `bundle--${randomUUID()}`,
          objects: items.map((i) => i.object),
        }),
      ]),
      {
        source: 'match',
        distribution,
        tlp,
        onResult: (r) => {
          const ok = r.status === 'created' || r.status === 'duplicate';
          const reason = r.errors.map((e) => `${e.code}: ${e.message}`).join('; ');
          outcome.set(r.index, ok ? { ok } : { ok, reason: reason || r.status });
        },
      },
    );
    items.forEach((item, i) => {
      const o = outcome.get(i) ?? { ok: false, reason: summary.fatal?.message ?? 'not written' };
      results.push({
        indicator: item.tally.indicator.id,
        count: item.tally.count,
        ...(o.ok
          ? { status: 'created', sighting: item.object.id, distribution }
          : { status: 'refused', reason: o.reason ?? 'not written' }),
      });
    });
  }
  return results;
}
