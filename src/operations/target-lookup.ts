import type { Kysely } from 'kysely';
import type { Viewer } from '../policy/viewer.js';
import type { Database } from '../store/schema.js';
import { operationAccess } from './operation-access.js';
import { detectTargetKind, isTargetKind, normaliseTarget } from './target-kind.js';
import type { TargetKind } from './target-kind.js';
import type { TargetStatus } from './target-status.js';

export interface TargetLookup {
  /** The target ids found, in the order asked, each once. */
  ids: string[];
  /** Refs that name no target of the operation, by their index in the input. */
  errors: { index: number; error: string }[];
}

const ID = /^target--[0-9a-f-]{36}$/;
const CHUNK = 400;

function keyOf(ref: string): { kind: TargetKind; key: string } | string {
  const comma = ref.indexOf(',');
  const named = comma > 0 ? ref.slice(0, comma).trim().toLowerCase() : '';
  const kind = isTargetKind(named) ? named : detectTargetKind(ref);
  const value = isTargetKind(named) ? ref.slice(comma + 1) : ref;
  if (kind === null) return `cannot tell what kind of target "${ref.slice(0, 80)}" is; write kind,value`;
  const n = normaliseTarget(kind, value);
  return n === null ? `"${value.slice(0, 80)}" is not a valid ${kind}` : { kind, key: n.key };
}

/**
 * Finds an operation's targets by id (`target--…`) or by value (`203.0.113.5`, `domain,c2.example`,
 * `threat-actor,Wizard Spider`), as an analyst names them on a command line. The viewer's access to the
 * operation is checked first (`not_found` otherwise); refs that match nothing are errors, not skipped.
 */
export async function lookupTargets(
  db: Kysely<Database>,
  viewer: Viewer,
  operationId: string,
  refs: readonly string[],
): Promise<TargetLookup> {
  const access = await operationAccess(db, viewer, operationId);
  const opId = access.operation.id;
  const wanted = refs.map((r) => (ID.test(r.trim()) ? { id: r.trim() } : keyOf(r.trim())));
  const ids = wanted.flatMap((w) => (typeof w === 'object' && 'id' in w ? [w.id] : []));
  const keys = wanted.flatMap((w) => (typeof w === 'object' && 'key' in w ? [w.key] : []));
  const byId = new Set<string>();
  const byKey = new Map<string, string>();
  for (let i = 0; i < ids.length; i += CHUNK)
    for (const r of await db
      .selectFrom('operation_targets')
      .select('id')
      .where('operation_id', '=', opId)
      .where('id', 'in', ids.slice(i, i + CHUNK))
      .execute())
      byId.add(r.id);
  for (let i = 0; i < keys.length; i += CHUNK)
    for (const r of await db
      .selectFrom('operation_targets')
      .select(['id', 'kind', 'value_key'])
      .where('operation_id', '=', opId)
      .where('value_key', 'in', keys.slice(i, i + CHUNK))
      .execute())
      byKey.set(`${r.kind}\u0000${r.value_key}`, r.id);
  const result: TargetLookup = { ids: [], errors: [] };
  const seen = new Set<string>();
  wanted.forEach((w, index) => {
    if (typeof w === 'string') return void result.errors.push({ index, error: w });
    const id = 'id' in w ? (byId.has(w.id) ? w.id : undefined) : byKey.get(`${w.kind}\u0000${w.key}`);
    if (id === undefined)
      return void result.errors.push({ index, error: 'no such target in this operation' });
    if (!seen.has(id)) result.ids.push(id);
    seen.add(id);
  });
  return result;
}

/** Ids of every target of the operation now in `status` (optionally in one country), oldest first. */
export async function targetIdsWithStatus(
  db: Kysely<Database>,
  viewer: Viewer,
  operationId: string,
  status: TargetStatus,
  country?: string,
): Promise<string[]> {
  const access = await operationAccess(db, viewer, operationId);
  let q = db
    .selectFrom('operation_targets')
    .select('id')
    .where('operation_id', '=', access.operation.id)
    .where('status', '=', status);
  if (country !== undefined) q = q.where('country', '=', country);
  const rows = await q.orderBy('created').orderBy('id').execute();
  return rows.map((r) => r.id);
}
