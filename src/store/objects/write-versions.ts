import type { Kysely } from 'kysely';
import { canSee } from '../../policy/visibility.js';
import type { Viewer } from '../../policy/viewer.js';
import type { Database } from '../schema.js';
import type { Store } from '../store.js';
import { DateAddedClock } from './date-added.js';
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
  return store.writeTransaction((trx) => writeVersionsIn(trx, writer, rows));
}

/** `writeVersions` inside a write transaction the caller already holds. */
export async function writeVersionsIn(
  trx: Kysely<Database>,
  writer: Viewer,
  rows: readonly VersionRow[],
): Promise<WriteOutcome[]> {
  const ids = [...new Set(rows.map((r) => r.id))];
  const existing = await loadExisting(trx, ids);
  const tombstoned = await loadTombstones(trx, ids);
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
  for (const [index, row] of rows.entries()) {
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

  const inserted = await insertRows(trx, toInsert);
  for (const { index, seq } of inserted) outcomes[index] = { status: 'created', seq };
  await updateHeads(trx, byId, toInsert, inserted);
  await insertObservables(trx, toInsert, inserted);
  return outcomes;
}

async function loadExisting(trx: Kysely<Database>, ids: readonly string[]): Promise<ExistingRow[]> {
  const out: ExistingRow[] = [];
  for (const part of chunks(ids, CHUNK)) {
    const found = await trx
      .selectFrom('objects')
      .select(['seq', 'id', 'owner_org', 'version', 'vorder', 'distribution', 'is_head', 'deleted'])
      .where('id', 'in', part)
      .execute();
    out.push(...found);
  }
  return out;
}

async function loadTombstones(trx: Kysely<Database>, ids: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const part of chunks(ids, CHUNK)) {
    const found = await trx
      .selectFrom('tombstones')
      .select(['id', 'owner_org'])
      .where('id', 'in', part)
      .execute();
    for (const t of found) out.add(lineageKey(t.id, t.owner_org));
  }
  return out;
}

async function insertRows(
  trx: Kysely<Database>,
  items: ReadonlyArray<{ index: number; row: VersionRow; dateAdded: string }>,
): Promise<Array<{ index: number; seq: number }>> {
  const out: Array<{ index: number; seq: number }> = [];
  for (const part of chunks(items, CHUNK)) {
    const returned = await trx
      .insertInto('objects')
      .values(
        part.map(({ row, dateAdded }) => ({
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
          is_head: 0,
          search_text: row.searchText,
          data: row.data,
        })),
      )
      .returning(['seq', 'id', 'owner_org', 'version'])
      .execute();
    const seqByKey = new Map(returned.map((r) => [versionKey(r.id, r.owner_org, r.version), r.seq]));
    for (const { index, row } of part) {
      out.push({ index, seq: seqByKey.get(versionKey(row.id, row.ownerOrg, row.version))! });
    }
  }
  return out;
}

/** Moves `is_head` to the newest non-deleted version of each id the batch touched. */
async function updateHeads(
  trx: Kysely<Database>,
  byId: Map<string, ExistingRow[]>,
  items: ReadonlyArray<{ index: number; row: VersionRow }>,
  inserted: ReadonlyArray<{ index: number; seq: number }>,
): Promise<void> {
  const seqOf = new Map(inserted.map((i) => [i.index, i.seq]));
  const best = new Map<string, { seq: number; vorder: string }>();
  const oldHeads = new Map<string, number>();
  for (const [id, list] of byId) {
    for (const e of list) {
      if (e.is_head === 1) oldHeads.set(id, e.seq);
      if (e.deleted === 0) {
        const current = best.get(id);
        if (current === undefined || isNewer(e, current)) best.set(id, { seq: e.seq, vorder: e.vorder });
      }
    }
  }
  for (const { index, row } of items) {
    const candidate = { seq: seqOf.get(index)!, vorder: row.vorder };
    const current = best.get(row.id);
    if (current === undefined || isNewer(candidate, current)) best.set(row.id, candidate);
  }
  const clear: number[] = [];
  const set: number[] = [];
  for (const [id, head] of best) {
    const old = oldHeads.get(id);
    if (old === head.seq) continue;
    if (old !== undefined) clear.push(old);
    set.push(head.seq);
  }
  for (const part of chunks(clear, CHUNK)) {
    await trx.updateTable('objects').set({ is_head: 0 }).where('seq', 'in', part).execute();
  }
  for (const part of chunks(set, CHUNK)) {
    await trx.updateTable('objects').set({ is_head: 1 }).where('seq', 'in', part).execute();
  }
}

async function insertObservables(
  trx: Kysely<Database>,
  items: ReadonlyArray<{ index: number; row: VersionRow }>,
  inserted: ReadonlyArray<{ index: number; seq: number }>,
): Promise<void> {
  const seqOf = new Map(inserted.map((i) => [i.index, i.seq]));
  const values = items.flatMap(({ index, row }) =>
    row.observables.map((o) => ({
      kind: o.kind,
      value: o.value,
      object_seq: seqOf.get(index)!,
      object_id: row.id,
    })),
  );
  for (const part of chunks(values, CHUNK)) {
    await trx
      .insertInto('observables')
      .values(part)
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}
