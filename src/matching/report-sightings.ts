import { AccordError, forbidden } from '../errors.js';
import type { TlpLevel } from '../policy/tlp.js';
import { canWriteObjects } from '../policy/viewer.js';
import type { UserViewer } from '../policy/viewer.js';
import { reportSighting } from '../sightings/report-sighting.js';
import type { Store } from '../store/store.js';
import type { SightingTally } from './sighting-tally.js';

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

/**
 * Records one STIX sighting per matched indicator of a run (its count, first and last seen, seen by
 * the caller's organisation) through `reportSighting`, the same path as `POST /api/v1/sightings`:
 * owned by the caller, sent to the narrowest audience that reaches the indicator's owner
 * (`sightingAudience`), refused with the reason when none exists, never widened.
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
  for (const t of tally.byIndicator.values()) {
    const count = Math.min(t.count, 999_999_999);
    const base = { indicator: t.indicator.id, count };
    try {
      const [posted] = await reportSighting(
        store,
        viewer,
        {
          indicator_id: t.indicator.id,
          count,
          first_seen: new Date(t.first).toISOString(),
          last_seen: new Date(t.last).toISOString(),
          tlp: opts.tlp,
        },
        now,
      );
      if (posted?.status === 'created')
        results.push({
          ...base,
          status: 'created',
          sighting: posted.id ?? '',
          distribution: posted.distribution ?? '',
        });
      else results.push({ ...base, status: 'refused', reason: posted?.message ?? 'not written' });
    } catch (error) {
      // E.g. the indicator was deleted or unshared between the match and the report.
      if (!(error instanceof AccordError)) throw error;
      results.push({ ...base, status: 'refused', reason: `${error.code}: ${error.message}` });
    }
  }
  return results;
}
