import type { Kysely } from 'kysely';
import { exportItemFromIndicator, exportItemsFromSco } from '../export/index.js';
import { DEFAULT_DECAY_THRESHOLD, decayScore } from '../lifecycle/decay.js';
import { lastSightings } from '../sightings/visible-sightings.js';
import type { ExportItem } from '../export/index.js';
import type { ObservableKind } from '../observable/kind.js';
import { TLP_LEVELS, tlpRank } from '../policy/tlp.js';
import type { TlpLevel } from '../policy/tlp.js';
import type { Viewer } from '../policy/viewer.js';
import { applyFilters } from '../store/objects/read-objects.js';
import { visibleCurrent } from '../store/objects/visible-versions.js';
import type { Database } from '../store/schema.js';
import type { StixObject } from '../stix/types.js';
import { BUILTIN_WARNINGLISTS, WarninglistIndex } from '../warninglist/index.js';

export interface DefenderFilters {
  /** STIX types to read: indicators and the SCO types that carry values. */
  types?: readonly string[];
  kinds?: readonly ObservableKind[];
  ownerOrg?: string;
  minConfidence?: number;
  label?: string;
  maxTlp?: TlpLevel;
  /** Only objects modified at or after this time. */
  since?: string;
  /** Leave out expired and not-yet-valid indicators (the default); revoked ones are always left out. */
  activeOnly?: boolean;
  /** Keep PAP:RED items in blocking formats (audited by the caller). */
  includePapRed?: boolean;
  /**
   * Leave out indicators whose decay score (src/lifecycle/decay.ts) is below this; default 20 when
   * `activeOnly`, else 0 (keep all).
   */
  minDecay?: number;
}

export const DEFENDER_TYPES = [
  'indicator',
  'ipv4-addr',
  'ipv6-addr',
  'domain-name',
  'url',
  'email-addr',
  'file',
];

const builtinWarninglists = new WarninglistIndex(BUILTIN_WARNINGLISTS);

/**
 * What a defender's feed may contain for `viewer`: their visible current indicators and SCOs, never
 * TLP:RED (no bulk exports of RED), PAP:RED only when asked for and the format is not blocking,
 * nothing warninglisted, streamed page by page as ExportItems.
 */
export async function* defenderItems(
  db: Kysely<Database>,
  viewer: Viewer,
  options: { blocking: boolean; filters: DefenderFilters; baseUrl: string; now?: string },
): AsyncGenerator<ExportItem> {
  const f = options.filters;
  const now = options.now ?? new Date().toISOString();
  const kinds = f.kinds === undefined ? undefined : new Set<string>(f.kinds);
  const owners = new Map<string, string>(
    (await db.selectFrom('organisations').select(['id', 'name']).execute()).map((o) => [o.id, o.name]),
  );
  const minDecay = f.minDecay ?? (f.activeOnly === false ? 0 : DEFAULT_DECAY_THRESHOLD);
  const allowedTlp = TLP_LEVELS.filter(
    (t) => t !== 'red' && (f.maxTlp === undefined || tlpRank(t) <= tlpRank(f.maxTlp)),
  );
  let after = 0;
  for (;;) {
    let q = applyFilters(visibleCurrent(db, viewer), {
      types: f.types ?? DEFENDER_TYPES,
      ...(f.ownerOrg === undefined ? {} : { ownerOrg: f.ownerOrg }),
      ...(f.since === undefined ? {} : { modifiedFrom: f.since }),
      // Revoked means withdrawn by the owner: never in a defender's feed, active or not.
      includeRevoked: false,
    })
      .where((eb) => eb.or([eb('o.tlp', 'is', null), eb('o.tlp', 'in', allowedTlp)]))
      .where('o.seq', '>', after);
    if (options.blocking && f.includePapRed !== true) {
      q = q.where((eb) => eb.or([eb('o.pap', 'is', null), eb('o.pap', '!=', 'red')]));
    }
    const rows = await q
      .select(['o.seq', 'o.id', 'o.type', 'o.date_added', 'o.owner_org', 'o.tlp', 'o.pap', 'o.data'])
      .orderBy('o.seq')
      .limit(1000)
      .execute();
    // Decay dates from the newest sighting this viewer may see, so one page costs one lookup.
    const sighted =
      minDecay > 0
        ? await lastSightings(
            db,
            viewer,
            rows.filter((r) => r.type === 'indicator').map((r) => r.id),
          )
        : new Map<string, string>();
    for (const row of rows) {
      const object = JSON.parse(row.data) as StixObject;
      if (!keep(object, f, now)) continue;
      const meta = {
        ownerId: row.owner_org,
        ownerName: owners.get(row.owner_org) ?? row.owner_org,
        url: `${options.baseUrl}/api/v1/objects/${object.id}`,
        ...(row.tlp === null ? {} : { tlp: row.tlp as TlpLevel }),
        ...(row.pap === null ? {} : { pap: row.pap as 'clear' | 'green' | 'amber' | 'red' }),
      };
      const items =
        object.type === 'indicator'
          ? [exportItemFromIndicator(object, meta)]
          : exportItemsFromSco(object, meta);
      for (const item of items) {
        if (item === null || (kinds !== undefined && !kinds.has(item.kind))) continue;
        if (
          minDecay > 0 &&
          object.type === 'indicator' &&
          decayScore(object, item.kind, sighted.get(object.id), now, { receivedAt: row.date_added }) <
            minDecay
        )
          continue;
        if (builtinWarninglists.check({ kind: item.kind, value: item.value }).length > 0) continue;
        yield item;
      }
    }
    if (rows.length < 1000) return;
    after = rows[rows.length - 1]!.seq;
  }
}

function keep(object: StixObject, f: DefenderFilters, now: string): boolean {
  if (
    f.minConfidence !== undefined &&
    (typeof object.confidence !== 'number' || object.confidence < f.minConfidence)
  )
    return false;
  if (f.label !== undefined && !(object.labels ?? []).includes(f.label)) return false;
  if (f.activeOnly !== false && object.type === 'indicator') {
    if (typeof object.valid_until === 'string' && object.valid_until <= now) return false;
    if (typeof object.valid_from === 'string' && object.valid_from > now) return false;
  }
  return true;
}
