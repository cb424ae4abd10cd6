import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { auditOk, auditedWrite } from '../audit/audited-write.js';
import { invalidInput, notFound } from '../errors.js';
import { isValidStixId } from '../stix/identifier.js';
import type { UserViewer, Viewer } from '../policy/viewer.js';
import { visibleCurrent } from '../store/objects/visible-versions.js';
import type { Database, OperationTargetsTable } from '../store/schema.js';
import type { Store } from '../store/store.js';
import { operationAccess, requireOperationContributor, visibleOperationIds } from './operation-access.js';
import { parseInput } from './operations.js';
import type { TargetKind } from './target-kind.js';
import { TARGET_KINDS, normaliseTarget } from './target-kind.js';
import type { TargetStatus } from './target-status.js';

export const RELIABILITY = ['A', 'B', 'C', 'D', 'E', 'F', 'X'] as const;
export const CREDIBILITY = ['1', '2', '3', '4', '5', '6'] as const;

export const TargetInput = z.object({
  kind: z.enum(TARGET_KINDS),
  value: z.string().min(1).max(8192),
  stixRefs: z.array(z.string().refine(isValidStixId, 'not a STIX id')).max(100).default([]),
  /** Source reliability (Admiralty A-F, or the 4x4 A/B/C/X) and information credibility (1-6 / 1-4). */
  reliability: z.enum(RELIABILITY).nullish(),
  credibility: z.enum(CREDIBILITY).nullish(),
});
export type TargetInput = z.input<typeof TargetInput>;

export const AddTargetsInput = z.object({
  targets: z.array(TargetInput).min(1).max(50_000),
  /** Administrators may credit a participant organisation; everyone else contributes as their own. */
  contributorOrg: z.string().optional(),
});
export type AddTargetsInput = z.input<typeof AddTargetsInput>;

export interface Contribution {
  orgId: string;
  rank: number;
  reported: string;
  reliability: string | null;
  credibility: string | null;
}

export interface Target {
  id: string;
  operationId: string;
  kind: TargetKind;
  value: string;
  status: TargetStatus;
  statusDetail: string | null;
  jurisdiction: {
    country: string | null;
    asn: number | null;
    asnHolder: string | null;
    source: string | null;
    overrideReason: string | null;
  };
  /** Only the linked STIX objects the viewer may see. */
  stixRefs: string[];
  contributors: Contribution[];
  created: string;
  statusChanged: string;
}

export interface AddTargetsResult {
  created: number;
  merged: number;
  targets: { id: string; kind: TargetKind; value: string; status: 'created' | 'merged' }[];
}

const CHUNK = 400;

/**
 * Adds targets to an operation, deduplicated: the same (kind, normalised value) is one target, credited
 * to every contributing organisation in the order they first reported it. All or nothing: one value that
 * does not parse refuses the whole batch, naming its index.
 */
export async function addTargets(
  store: Store,
  actor: UserViewer,
  operationId: string,
  raw: AddTargetsInput,
  now: string = new Date().toISOString(),
): Promise<AddTargetsResult> {
  const input = parseInput(AddTargetsInput, raw, 'body');
  const normalised = input.targets.map((t, i) => {
    const n = normaliseTarget(t.kind, t.value);
    if (n === null)
      throw invalidInput(
        'invalid_target',
        `targets.${i}: "${t.value.slice(0, 80)}" is not a valid ${t.kind}`,
      );
    return { ...t, ...n };
  });
  return await auditedWrite(
    store,
    actor,
    { action: 'operation.targets.add', target: operationId },
    async (trx) => {
      const access = await operationAccess(trx, actor, operationId);
      requireOperationContributor(access, actor, 'add targets');
      const opId = access.operation.id;
      const contributor = input.contributorOrg ?? actor.orgId;
      if (contributor !== actor.orgId) {
        if (actor.role !== 'admin')
          throw invalidInput('invalid_contributor', 'you contribute as your own organisation');
      }
      const member = await trx
        .selectFrom('operation_participants')
        .select('org_id')
        .where('operation_id', '=', opId)
        .where('org_id', '=', contributor)
        .executeTakeFirst();
      if (member === undefined)
        throw invalidInput(
          'invalid_contributor',
          `contributorOrg: ${contributor} does not take part in this operation`,
        );

      const result: AddTargetsResult = { created: 0, merged: 0, targets: [] };
      const seen = new Map<string, string>();
      for (let start = 0; start < normalised.length; start += CHUNK) {
        const chunk = normalised.slice(start, start + CHUNK);
        const existing = await trx
          .selectFrom('operation_targets')
          .select(['id', 'kind', 'value_key', 'stix_refs'])
          .where('operation_id', '=', opId)
          .where('value_key', 'in', [...new Set(chunk.map((t) => t.key))])
          .execute();
        const byKey = new Map(existing.map((e) => [`${e.kind}\u0000${e.value_key}`, e]));
        const credited = await trx
          .selectFrom('operation_contributions')
          .select(['target_id', 'org_id', 'rank'])
          .where('target_id', 'in', existing.length === 0 ? [''] : existing.map((e) => e.id))
          .execute();
        const newRows: OperationTargetsTable[] = [];
        const contributions: Database['operation_contributions'][] = [];
        for (const t of chunk) {
          const k = `${t.kind}\u0000${t.key}`;
          const known = seen.get(k);
          if (known !== undefined) continue;
          const found = byKey.get(k);
          if (found === undefined) {
            const id = `target--${randomUUID()}`;
            seen.set(k, id);
            newRows.push({
              id,
              operation_id: opId,
              kind: t.kind,
              value: t.value,
              value_key: t.key,
              status: 'identified',
              status_detail: null,
              country: null,
              asn: null,
              asn_holder: null,
              jurisdiction_source: null,
              override_reason: null,
              stix_refs: JSON.stringify([...new Set(t.stixRefs)]),
              created: now,
              status_changed: now,
              reported_at: null,
              actioned_at: null,
            });
            contributions.push(contribution(id, opId, contributor, 1, now, t));
            result.created++;
            result.targets.push({ id, kind: t.kind, value: t.value, status: 'created' });
          } else {
            seen.set(k, found.id);
            const ranks = credited.filter((c) => c.target_id === found.id);
            if (!ranks.some((c) => c.org_id === contributor))
              contributions.push(
                contribution(
                  found.id,
                  opId,
                  contributor,
                  Math.max(0, ...ranks.map((c) => c.rank)) + 1,
                  now,
                  t,
                ),
              );
            const refs = new Set<string>(JSON.parse(found.stix_refs) as string[]);
            const before = refs.size;
            for (const r of t.stixRefs) refs.add(r);
            if (refs.size !== before)
              await trx
                .updateTable('operation_targets')
                .set({ stix_refs: JSON.stringify([...refs]) })
                .where('id', '=', found.id)
                .execute();
            result.merged++;
            result.targets.push({ id: found.id, kind: t.kind, value: t.value, status: 'merged' });
          }
        }
        if (newRows.length > 0) await trx.insertInto('operation_targets').values(newRows).execute();
        for (let i = 0; i < contributions.length; i += CHUNK)
          await trx
            .insertInto('operation_contributions')
            .values(contributions.slice(i, i + CHUNK))
            .execute();
      }
      await auditOk(trx, actor, 'operation.targets.add', opId, {
        contributor,
        created: result.created,
        merged: result.merged,
      });
      return result;
    },
  );
}

function contribution(
  targetId: string,
  operationId: string,
  orgId: string,
  rank: number,
  now: string,
  t: { reliability?: string | null | undefined; credibility?: string | null | undefined },
): Database['operation_contributions'] {
  return {
    target_id: targetId,
    org_id: orgId,
    operation_id: operationId,
    rank,
    reported: now,
    reliability: t.reliability ?? null,
    credibility: t.credibility ?? null,
  };
}

export async function presentTargets(
  db: Kysely<Database>,
  viewer: Viewer,
  rows: readonly OperationTargetsTable[],
): Promise<Target[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const contributions = await db
    .selectFrom('operation_contributions')
    .selectAll()
    .where('target_id', 'in', ids)
    .orderBy('rank')
    .execute();
  const refs = [...new Set(rows.flatMap((r) => JSON.parse(r.stix_refs) as string[]))];
  const visible = new Set<string>();
  for (let i = 0; i < refs.length; i += CHUNK) {
    const found = await visibleCurrent(db, viewer)
      .select('o.id')
      .where('o.id', 'in', refs.slice(i, i + CHUNK))
      .execute();
    for (const f of found) visible.add(f.id);
  }
  const byTarget = new Map<string, Contribution[]>();
  for (const c of contributions) {
    const list = byTarget.get(c.target_id) ?? [];
    list.push({
      orgId: c.org_id,
      rank: c.rank,
      reported: c.reported,
      reliability: c.reliability,
      credibility: c.credibility,
    });
    byTarget.set(c.target_id, list);
  }
  return rows.map((r) => ({
    id: r.id,
    operationId: r.operation_id,
    kind: r.kind as TargetKind,
    value: r.value,
    status: r.status as TargetStatus,
    statusDetail: r.status_detail,
    jurisdiction: {
      country: r.country,
      asn: r.asn,
      asnHolder: r.asn_holder,
      source: r.jurisdiction_source,
      overrideReason: r.override_reason,
    },
    stixRefs: (JSON.parse(r.stix_refs) as string[]).filter((id) => visible.has(id)),
    contributors: byTarget.get(r.id) ?? [],
    created: r.created,
    statusChanged: r.status_changed,
  }));
}

export interface TargetHistoryEntry {
  at: string;
  actor: string;
  actorOrg: string | null;
  from: string | null;
  to: string;
  detail: string | null;
  note: string | null;
  evidence: string[];
}

export interface TargetDetail extends Target {
  history: TargetHistoryEntry[];
  /** Other operations the viewer takes part in that hold the same target (deconfliction before action). */
  otherOperations: { id: string; code: string; name: string; targetId: string; status: string }[];
}

/** A target's row, once the viewer's access to its operation is proven; `not_found` otherwise. */
export async function targetRow(
  db: Kysely<Database>,
  viewer: Viewer,
  operationId: string,
  targetId: string,
): Promise<OperationTargetsTable> {
  const access = await operationAccess(db, viewer, operationId);
  const row = await db
    .selectFrom('operation_targets')
    .selectAll()
    .where('operation_id', '=', access.operation.id)
    .where('id', '=', targetId)
    .executeTakeFirst();
  if (row === undefined) throw notFound(`target ${targetId}`);
  return row;
}

/** One target with its history; `not_found` for a non-participant or a target of another operation. */
export async function getTarget(
  db: Kysely<Database>,
  viewer: Viewer,
  operationId: string,
  targetId: string,
): Promise<TargetDetail> {
  const row = await targetRow(db, viewer, operationId, targetId);
  const [target] = (await presentTargets(db, viewer, [row])) as [Target];
  const history = await db
    .selectFrom('operation_target_history')
    .selectAll()
    .where('target_id', '=', row.id)
    .orderBy('at')
    .orderBy('id')
    .execute();
  const others = await db
    .selectFrom('operation_targets as t')
    .innerJoin('operations as op', 'op.id', 't.operation_id')
    .select(['op.id', 'op.code', 'op.name', 't.id as target_id', 't.status'])
    .where('t.value_key', '=', row.value_key)
    .where('t.kind', '=', row.kind)
    .where('t.operation_id', '!=', row.operation_id)
    .where('t.operation_id', 'in', visibleOperationIds(db, viewer))
    .execute();
  return {
    ...target,
    history: history.map((h) => ({
      at: h.at,
      actor: h.actor,
      actorOrg: h.actor_org,
      from: h.from_status,
      to: h.to_status,
      detail: h.detail,
      note: h.note,
      evidence: JSON.parse(h.evidence) as string[],
    })),
    otherOperations: others.map((o) => ({
      id: o.id,
      code: o.code,
      name: o.name,
      targetId: o.target_id,
      status: o.status,
    })),
  };
}
