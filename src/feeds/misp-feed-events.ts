import type { Kysely } from 'kysely';
import { syntheticMispEvents, toMispEvent } from '../export/misp/index.js';
import type { MispEventDocument } from '../export/misp/index.js';
import { CUSTOM_SCO_TYPE } from '../ingest/misp/index.js';
import type { Viewer } from '../policy/viewer.js';
import { presentVersions } from '../present/present-objects.js';
import { listCurrent } from '../store/objects/read-objects.js';
import type { Database } from '../store/schema.js';
import { isScoType } from '../stix/index.js';
import type { StixObject } from '../stix/types.js';

/** Types that hold a MISP attribute when no report lists them: they go into synthetic events. */
const LOOSE_TYPES = new Set(['indicator', 'observed-data', 'vulnerability', 'note']);

function refsOf(o: StixObject): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(o)) {
    if (key.endsWith('_ref') && typeof value === 'string') out.push(value);
    else if (key.endsWith('_refs') && Array.isArray(value))
      for (const v of value) if (typeof v === 'string') out.push(v);
  }
  return out;
}

function epochOf(iso: unknown): number {
  const ms = typeof iso === 'string' ? Date.parse(iso) : NaN;
  return Number.isNaN(ms) ? 0 : Math.floor(ms / 1000);
}

/** Everything `viewer` may see for a feed: current, not revoked, never TLP:RED, redacted. */
async function feedObjects(db: Kysely<Database>, viewer: Viewer): Promise<Map<string, StixObject>> {
  const objects = new Map<string, StixObject>();
  let after: number | undefined;
  for (;;) {
    const page = await listCurrent(
      db,
      viewer,
      { excludeTlpRed: true, includeRevoked: false },
      after === undefined ? { limit: 2000 } : { after, limit: 2000 },
    );
    for (const p of await presentVersions(db, viewer, page.items)) objects.set(p.object.id, p.object);
    if (page.next === undefined) return objects;
    after = page.next;
  }
}

/**
 * The objects a report's event needs besides its members: what members refer to (SCOs of
 * observed-data and theirs, two levels), and the relationships and sightings that touch members.
 */
function relatedTo(
  members: readonly StixObject[],
  all: ReadonlyMap<string, StixObject>,
  links: ReadonlyMap<string, StixObject[]>,
): StixObject[] {
  const out = new Map<string, StixObject>(members.map((m) => [m.id, m]));
  let frontier = members;
  for (let depth = 0; depth < 2; depth++) {
    const next: StixObject[] = [];
    for (const o of frontier)
      for (const ref of refsOf(o)) {
        const r = all.get(ref);
        if (r !== undefined && !out.has(ref) && (isScoType(r.type) || r.type === CUSTOM_SCO_TYPE)) {
          out.set(ref, r);
          next.push(r);
        }
      }
    frontier = next;
  }
  for (const m of members) for (const l of links.get(m.id) ?? []) out.set(l.id, l);
  return [...out.values()];
}

/**
 * Accord's content as MISP events for one viewer: an event per visible report (with the report's
 * visible members only) and synthetic events for loose indicators and observations no visible report
 * lists. Read only through the visibility rule and the presenter (redaction); TLP:RED never appears.
 * An event's timestamp is the newest of its report and members, so an incremental importer notices
 * when a member changed.
 */
export async function mispFeedEvents(db: Kysely<Database>, viewer: Viewer): Promise<MispEventDocument[]> {
  const all = await feedObjects(db, viewer);
  const links = new Map<string, StixObject[]>();
  const inObservation = new Set<string>();
  for (const o of all.values()) {
    if (o.type === 'relationship' || o.type === 'sighting')
      for (const ref of [o.source_ref, o.target_ref, o.sighting_of_ref])
        if (typeof ref === 'string') links.set(ref, [...(links.get(ref) ?? []), o]);
    // SCOs inside an observation or another SCO (a URL's domain) travel with it, not on their own.
    if (o.type === 'observed-data' || isScoType(o.type)) for (const ref of refsOf(o)) inObservation.add(ref);
  }
  const listed = new Set<string>();
  const events: MispEventDocument[] = [];
  for (const report of all.values()) {
    if (report.type !== 'report') continue;
    const members = (Array.isArray(report.object_refs) ? report.object_refs : [])
      .map((id) => (typeof id === 'string' ? all.get(id) : undefined))
      .filter((o): o is StixObject => o !== undefined);
    for (const m of members) listed.add(m.id);
    const event = toMispEvent(report, relatedTo(members, all, links));
    const newest = Math.max(epochOf(report.modified), ...members.map((m) => epochOf(m.modified)));
    event.Event.timestamp = String(newest);
    events.push(event);
  }
  const loose = [...all.values()].filter(
    (o) => !listed.has(o.id) && (LOOSE_TYPES.has(o.type) || (isScoType(o.type) && !inObservation.has(o.id))),
  );
  const names = new Map(
    (await db.selectFrom('organisations').select(['id', 'name']).execute()).map((o) => [o.id, o.name]),
  );
  events.push(
    ...syntheticMispEvents(loose, relatedTo(loose, all, links), { ownerName: (id) => names.get(id) }),
  );
  return events;
}
