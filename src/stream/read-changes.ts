import { sql } from 'kysely';
import { presentVersions } from '../present/present-objects.js';
import type { Viewer } from '../policy/viewer.js';
import { canSee } from '../policy/visibility.js';
import { STORED_VERSION_COLUMNS, toStoredVersion } from '../store/objects/read-objects.js';
import { visibleVersions } from '../store/objects/visible-versions.js';
import type { Store } from '../store/store.js';
import { narrowToCollection } from '../taxii/collection-filter.js';
import type { StreamEvent } from './stream-event.js';
import type { StreamFilter } from './stream-filter.js';
import { matchesFacts, matchesVersion, wantsKind } from './stream-filter.js';

// Measured with bench/stream.ts (100 clients, 20,000 objects in 1,000-object commits): lag p99
// 1,136 ms with pages of 500 rows, 599-610 ms with 2,000 (fewer reads and writes per commit).
export const DEFAULT_PAGE = 2000;
const CHUNK = 400;

export interface ReadChangesOptions {
  /** The last seq the reader has (0 for everything). */
  after: number;
  /** Most store rows scanned in one page (every event is one row). */
  limit?: number;
  filter?: StreamFilter;
}

export interface ChangePage {
  events: StreamEvent[];
  /** The seq to read after next time: everything up to it was scanned, even rows hidden from the viewer. */
  next: number;
  /** True when `next` is the newest committed seq: nothing more to read until the next commit. */
  caughtUp: boolean;
}

/** The highest committed seq: every seq up to it is committed (seqs are taken inside the write lock). */
export async function committedHigh(store: Store): Promise<number> {
  const [o, c] = await Promise.all([
    store.db
      .selectFrom('objects')
      .select((eb) => eb.fn.max('seq').as('m'))
      .executeTakeFirst(),
    store.db
      .selectFrom('stream_changes')
      .select((eb) => eb.fn.max('seq').as('m'))
      .executeTakeFirst(),
  ]);
  return Math.max(o?.m ?? 0, c?.m ?? 0);
}

/**
 * The changes after `after` that `viewer` may see, in commit order, through the visibility rule:
 * versions come from `visibleVersions` and are presented (hidden references redacted); a deletion
 * reaches the viewers who could see one of the lineage's versions; a version that leaves the viewer
 * out, when the one before it in its lineage did not, is a `removed` event. Reading again from `next`
 * continues with no gap and no duplicate.
 */
export async function readChanges(
  store: Store,
  viewer: Viewer,
  options: ReadChangesOptions,
): Promise<ChangePage> {
  const { after } = options;
  const limit = options.limit ?? DEFAULT_PAGE;
  const filter = options.filter ?? {};
  const high = await committedHigh(store);
  if (high <= after) return { events: [], next: after, caughtUp: true };

  const scanned = await store.db
    .selectFrom('objects')
    .select(['seq', 'id', 'owner_org', 'distribution', 'deleted'])
    .where('seq', '>', after)
    .where('seq', '<=', high)
    .orderBy('seq')
    .limit(limit)
    .execute();
  let bound = scanned.length === limit ? scanned.at(-1)!.seq : high;
  const changes = await store.db
    .selectFrom('stream_changes')
    .selectAll()
    .where('seq', '>', after)
    .where('seq', '<=', bound)
    .orderBy('seq')
    .limit(limit)
    .execute();
  if (changes.length === limit) bound = Math.min(bound, changes.at(-1)!.seq);
  const rows = scanned.filter((r) => r.seq <= bound);

  const events: StreamEvent[] = [
    ...(await versionEvents(store, viewer, filter, after, bound, rows.length)),
    ...(await removalEvents(store, viewer, filter, rows, bound)),
    ...deletionEvents(
      viewer,
      filter,
      changes.filter((c) => c.seq <= bound),
    ),
  ];
  events.sort((a, b) => a.seq - b.seq);
  return { events, next: bound, caughtUp: bound === high };
}

async function versionEvents(
  store: Store,
  viewer: Viewer,
  filter: StreamFilter,
  after: number,
  bound: number,
  scannedRows: number,
): Promise<StreamEvent[]> {
  const wantVersion = wantsKind(filter, 'version');
  const wantRevoked = wantsKind(filter, 'revoked');
  if (scannedRows === 0 || (!wantVersion && !wantRevoked)) return [];
  let q = visibleVersions(store.db, viewer).where('o.seq', '>', after).where('o.seq', '<=', bound);
  if (filter.types !== undefined) q = q.where('o.type', 'in', filter.types);
  if (filter.owners !== undefined) q = q.where('o.owner_org', 'in', filter.owners);
  if (filter.tlps !== undefined) {
    const levels = filter.tlps.filter((t) => t !== 'none');
    const none = filter.tlps.includes('none');
    q = q.where((eb) =>
      eb.or([
        ...(levels.length > 0 ? [eb('o.tlp', 'in', levels)] : []),
        ...(none ? [eb('o.tlp', 'is', null)] : []),
        ...(levels.length === 0 && !none ? [sql<boolean>`1 = 0`] : []),
      ]),
    );
  }
  if (!wantVersion) q = q.where('o.revoked', '=', 1);
  if (!wantRevoked) q = q.where('o.revoked', '=', 0);
  if (filter.collection !== undefined) q = narrowToCollection(q, filter.collection);
  if (filter.text !== undefined && filter.text.trim() !== '') {
    const pattern = `%${filter.text
      .trim()
      .toLowerCase()
      .replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where(sql<boolean>`${sql.ref('o.search_text')} like ${pattern} escape ${'\\'}`);
  }
  const found = (await q.select(STORED_VERSION_COLUMNS).orderBy('o.seq').execute()).map(toStoredVersion);
  const kept = found.filter((v) =>
    matchesVersion(
      filter,
      { type: v.type, ownerOrg: v.ownerOrg, tlp: v.tlp },
      JSON.parse(v.data) as Record<string, unknown>,
    ),
  );
  const presented = await presentVersions(store.db, viewer, kept);
  return kept.map((v, i) => ({
    seq: v.seq,
    kind: v.revoked ? 'revoked' : 'version',
    id: v.id,
    type: v.type,
    ...presented[i]!,
  }));
}

interface ScannedRow {
  seq: number;
  id: string;
  owner_org: string;
  distribution: string;
  deleted: number;
}

async function removalEvents(
  store: Store,
  viewer: Viewer,
  filter: StreamFilter,
  rows: readonly ScannedRow[],
  bound: number,
): Promise<StreamEvent[]> {
  if (!wantsKind(filter, 'removed')) return [];
  const hidden = rows.filter(
    (r) => r.deleted === 0 && !canSee(viewer, { ownerOrg: r.owner_org, distribution: r.distribution }),
  );
  if (hidden.length === 0) return [];
  const ids = [...new Set(hidden.map((r) => r.id))];
  const history: Array<{
    seq: number;
    id: string;
    type: string;
    owner_org: string;
    distribution: string;
    tlp: string | null;
    vorder: string;
  }> = [];
  for (let i = 0; i < ids.length; i += CHUNK) {
    history.push(
      ...(await store.db
        .selectFrom('objects')
        .select(['seq', 'id', 'type', 'owner_org', 'distribution', 'tlp', 'vorder'])
        .where('id', 'in', ids.slice(i, i + CHUNK))
        .where('seq', '<=', bound)
        .execute()),
    );
  }
  const events: StreamEvent[] = [];
  for (const row of hidden) {
    const lineage = history.filter((h) => h.id === row.id && h.owner_org === row.owner_org);
    const self = lineage.find((h) => h.seq === row.seq);
    if (self === undefined) continue;
    // The version the lineage had just before this one was written: its newest by version order.
    let before: (typeof lineage)[number] | undefined;
    for (const h of lineage) {
      if (h.seq >= row.seq) continue;
      if (
        before === undefined ||
        h.vorder > before.vorder ||
        (h.vorder === before.vorder && h.seq > before.seq)
      )
        before = h;
    }
    if (before === undefined || self.vorder < before.vorder) continue;
    if (!canSee(viewer, { ownerOrg: before.owner_org, distribution: before.distribution })) continue;
    if (!matchesFacts(filter, { type: before.type, ownerOrg: before.owner_org, tlp: before.tlp })) continue;
    events.push({
      seq: row.seq,
      kind: 'removed',
      id: row.id,
      type: self.type,
      owner_org: row.owner_org,
      reason: 'audience_narrowed',
    });
  }
  return events;
}

function deletionEvents(
  viewer: Viewer,
  filter: StreamFilter,
  changes: ReadonlyArray<{
    seq: number;
    kind: string;
    object_id: string;
    object_type: string;
    owner_org: string;
    audiences: string;
    tlp: string | null;
    at: string;
  }>,
): StreamEvent[] {
  if (!wantsKind(filter, 'deleted')) return [];
  const events: StreamEvent[] = [];
  for (const c of changes) {
    if (c.kind !== 'deleted') continue;
    const audiences = JSON.parse(c.audiences) as string[];
    if (!audiences.some((d) => canSee(viewer, { ownerOrg: c.owner_org, distribution: d }))) continue;
    if (!matchesFacts(filter, { type: c.object_type, ownerOrg: c.owner_org, tlp: c.tlp })) continue;
    events.push({
      seq: c.seq,
      kind: 'deleted',
      id: c.object_id,
      type: c.object_type,
      owner_org: c.owner_org,
      at: c.at,
    });
  }
  return events;
}
