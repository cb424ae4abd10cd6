import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { canSee } from '../../policy/visibility.js';
import type { Viewer } from '../../policy/viewer.js';
import type { Database } from '../schema.js';
import type { Store } from '../store.js';
import { DateAddedClock } from './date-added.js';
import { advanceVersionsEpoch } from './objects-epoch.js';
import type { VersionRow, WriteOutcome } from './version-row.js';

const CHUNK = 400;

interface ExistingRow {
  seq: number;
  id: string;
  owner_org: string;
  version: string;
  vorder: string;
  distribution: string;
  is_head: number;
  deleted: number;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const lineageKey = (id: string, owner: string) => `${id}\u0000${owner}`;
const versionKey = (id: string, owner: string, version: string) => `${id}\u0000${owner}\u0000${version}`;

/** Newer means a later `vorder`, or the same `vorder` written later. */
function isNewer(a: { vorder: string; seq: number }, b: { vorder: string; seq: number }): boolean {
  return a.vorder > b.vorder || (a.vorder === b.vorder && a.seq > b.seq);
}

/**
 * Writes a batch of versions in one transaction and says, per row, whether it was created, was
 * already stored, or was refused (a deleted lineage, or an id another visible organisation owns).
 * Refusal decisions only consider rows `writer` can see, so the answer never reveals a hidden object.
 */
export async function writeVersions(
  store: Store,
  writer: Viewer,
  rows: readonly VersionRow[],
): Promise<WriteOutcome[]> {
  if (rows.length === 0) return [];
  return store.writeTransaction((trx) => writeVersionsIn(store, trx, writer, rows));
}

/** `writeVersions` inside a write transaction the caller already holds. */
export async function writeVersionsIn(
  store: Store,
  trx: Kysely<Database>,
  writer: Viewer,
  rows: readonly VersionRow[],
): Promise<WriteOutcome[]> {
  const ids = [...new Set(rows.map((r) => r.id))];
  const existing = await loadExisting(store, trx, ids);
  const tombstoned = await loadTombstones(store, trx, ids);
  const newest = await trx
    .selectFrom('objects')
    .select((eb) => eb.fn.max('date_added').as('d'))
    .executeTakeFirst();
  const clock = new DateAddedClock(newest?.d ?? null);

  const byId = new Map<string, ExistingRow[]>();
  const stored = new Set<string>();
  for (const row of existing) {
    stored.add(versionKey(row.id, row.owner_org, row.version));
    const list = byId.get(row.id);
    if (list === undefined) byId.set(row.id, [row]);
    else list.push(row);
  }

  const outcomes: WriteOutcome[] = new Array<WriteOutcome>(rows.length);
  const toInsert: Array<{ index: number; row: VersionRow; dateAdded: string }> = [];
  // Most rows start a lineage with nothing stored: they skip the key building and lookups below.
  const firstInBatch = new Map<string, VersionRow>();
  for (const [index, row] of rows.entries()) {
    if (tombstoned.size === 0 && !byId.has(row.id)) {
      const first = firstInBatch.get(row.id);
      if (first === undefined) {
        firstInBatch.set(row.id, row);
        toInsert.push({ index, row, dateAdded: clock.next() });
        continue;
      }
      // A further version of a lineage this batch started: the checks below need the first one's key.
      stored.add(versionKey(first.id, first.ownerOrg, first.version));
    }
    const key = versionKey(row.id, row.ownerOrg, row.version);
    if (stored.has(key)) {
      outcomes[index] = { status: 'duplicate' };
      continue;
    }
    if (tombstoned.has(lineageKey(row.id, row.ownerOrg))) {
      outcomes[index] = {
        status: 'refused',
        code: 'object_deleted',
        message: `${row.id} was deleted by its owner; deleted objects do not take new versions`,
      };
      continue;
    }
    const others = row.isSco ? [] : (byId.get(row.id) ?? []).filter((e) => e.owner_org !== row.ownerOrg);
    const visibleOther = others.filter(
      (e) => e.deleted === 0 && canSee(writer, { ownerOrg: e.owner_org, distribution: e.distribution }),
    );
    if (visibleOther.some((e) => e.version === row.version)) {
      outcomes[index] = { status: 'duplicate' };
      continue;
    }
    if (visibleOther.length > 0) {
      outcomes[index] = {
        status: 'refused',
        code: 'not_owner',
        message: `${row.id} belongs to another organisation; only its owner adds versions (reference it with your own objects instead)`,
      };
      continue;
    }
    stored.add(key);
    toInsert.push({ index, row, dateAdded: clock.next() });
  }

  const { headOf, superseded } = decideHeads(byId, toInsert);
  const seqs = await store.insertObjectRows(
    trx,
    toInsert.map(({ row, dateAdded }, i) => ({
      id: row.id,
      type: row.type,
      version: row.version,
      vorder: row.vorder,
      created: row.created,
      modified: row.modified,
      date_added: dateAdded,
      created_by_ref: row.createdByRef,
      owner_org: row.ownerOrg,
      distribution: row.distribution,
      tlp: row.tlp,
      pap: row.pap,
      revoked: row.revoked ? 1 : 0,
      deleted: 0,
      is_head: headOf.has(i) ? 1 : 0,
      search_text: row.searchText,
      data: row.data,
    })),
  );
  for (const [i, { index }] of toInsert.entries()) outcomes[index] = { status: 'created', seq: seqs[i]! };
  for (const part of chunks(superseded, CHUNK)) {
    await trx.updateTable('objects').set({ is_head: 0 }).where('seq', 'in', part).execute();
  }
  // Caches of pages in every process and node learn of the new versions from this counter.
  if (toInsert.length > 0) await advanceVersionsEpoch(trx);
  await store.insertObservableRows(
    trx,
    toInsert.flatMap(({ row }, i) =>
      row.observables.map((o) => ({ kind: o.kind, value: o.value, object_seq: seqs[i]!, object_id: row.id })),
    ),
  );
  return outcomes;
}

/**
 * Decides `is_head` before inserting, so a new object is written once instead of inserted and then
 * updated. Rows inserted now get larger seqs than every stored row, so on equal `vorder` they win,
 * and among themselves the later one wins.
 */
function decideHeads(
  byId: Map<string, ExistingRow[]>,
  items: ReadonlyArray<{ row: VersionRow }>,
): { headOf: Set<number>; superseded: number[] } {
  // The newest version each lineage gets in this batch (the later one on equal vorder).
  const newestItem = new Map<string, number>();
  for (const [i, { row }] of items.entries()) {
    const current = newestItem.get(row.id);
    if (current === undefined || row.vorder >= items[current]!.row.vorder) newestItem.set(row.id, i);
  }
  const headOf = new Set<number>();
  const superseded: number[] = [];
  for (const [id, i] of newestItem) {
    const stored = byId.get(id);
    if (stored === undefined) {
      headOf.add(i);
      continue;
    }
    let best: ExistingRow | undefined;
    let oldHead: number | undefined;
    for (const e of stored) {
      if (e.is_head === 1) oldHead = e.seq;
      if (e.deleted === 0 && (best === undefined || isNewer(e, best))) best = e;
    }
    if (best !== undefined && items[i]!.row.vorder < best.vorder) continue;
    headOf.add(i);
    if (oldHead !== undefined) superseded.push(oldHead);
  }
  return { headOf, superseded };
}

/**
 * The ids of a batch as one bound value: a JSON array on SQLite (read with json_each), a text array on
 * PostgreSQL. One statement per batch instead of a few hundred parameters per chunk, which cost more
 * to build and parse than the index probes themselves.
 */
function idList(store: Store, ids: readonly string[]) {
  return store.dialect === 'sqlite'
    ? sql<string>`(select value from json_each(${JSON.stringify(ids)}))`
    : sql<string>`(select unnest(${ids}::text[]))`;
}

async function loadExisting(
  store: Store,
  trx: Kysely<Database>,
  ids: readonly string[],
): Promise<ExistingRow[]> {
  return trx
    .selectFrom('objects')
    .select(['seq', 'id', 'owner_org', 'version', 'vorder', 'distribution', 'is_head', 'deleted'])
    .where('id', 'in', idList(store, ids))
    .execute();
}

async function loadTombstones(
  store: Store,
  trx: Kysely<Database>,
  ids: readonly string[],
): Promise<Set<string>> {
  // Deletions are rare: most stores have none, and then there is nothing to look up.
  const any = await trx.selectFrom('tombstones').select('id').limit(1).executeTakeFirst();
  if (any === undefined) return new Set();
  const found = await trx
    .selectFrom('tombstones')
    .select(['id', 'owner_org'])
    .where('id', 'in', idList(store, ids))
    .execute();
  return new Set(found.map((t) => lineageKey(t.id, t.owner_org)));
}
