import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { addGroupMemberIn, createSharingGroupIn } from '../admin/sharing-groups.js';
import { getOrganisation } from '../admin/organisations.js';
import { SYSTEM } from '../audit/actor.js';
import { auditOk, auditedWrite } from '../audit/audited-write.js';
import { conflict, forbidden, invalidInput } from '../errors.js';
import { HANDLING_CODES } from '../policy/markings.js';
import { PAP_LEVELS, TLP_LEVELS } from '../policy/tlp.js';
import type { UserViewer, Viewer } from '../policy/viewer.js';
import type { Database } from '../store/schema.js';
import type { Store } from '../store/store.js';
import type { Operation, OperationDetail, Participant, ParticipantRole, PhaseDates } from './operation.js';
import { PARTICIPANT_ROLES, PHASES, currentPhase, toOperation } from './operation.js';
import { operationAccess, requireOperationLead, visibleOperationIds } from './operation-access.js';

const Timestamp = z.iso.datetime({ offset: true });

export const PhaseInput = z.object({
  phase: z.enum(PHASES),
  starts: Timestamp.nullish(),
  ends: Timestamp.nullish(),
});
export type PhaseInput = z.infer<typeof PhaseInput>;

export const OperationInput = z.object({
  name: z.string().trim().min(1).max(200),
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{1,39}$/, 'a code is 2-40 letters, digits, - or _'),
  description: z.string().trim().max(4000).nullish(),
  leadOrg: z.string().optional(),
  participants: z
    .array(z.object({ orgId: z.string(), role: z.enum(PARTICIPANT_ROLES).exclude(['lead']) }))
    .max(500)
    .default([]),
  phases: z.array(PhaseInput).max(PHASES.length).default([]),
  markings: z
    .object({
      tlp: z.enum(TLP_LEVELS).default('amber'),
      pap: z.enum(PAP_LEVELS).nullish(),
      handling: z.enum(HANDLING_CODES).nullish(),
    })
    .default({ tlp: 'amber' }),
});
export type OperationInput = z.input<typeof OperationInput>;

/** Turns a zod failure into the catalogue's `invalid_input`, naming where the input is wrong. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown, what: string): z.infer<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue === undefined || issue.path.length === 0 ? what : `${what}.${issue.path.join('.')}`;
  throw invalidInput('invalid_input', `${where}: ${issue?.message ?? 'invalid'}`, parsed.error.issues);
}

/**
 * Creates an operation led by a law-enforcement organisation, with its sharing group: the group's
 * members are exactly the participants, so objects shared with `group:<groupId>` reach them and no one
 * else through the one visibility rule. All in one transaction: a bad participant writes nothing.
 */
export async function createOperation(
  store: Store,
  actor: UserViewer,
  raw: OperationInput,
  now: string = new Date().toISOString(),
): Promise<OperationDetail> {
  const input = parseInput(OperationInput, raw, 'operation');
  return await auditedWrite(store, actor, { action: 'operation.create', target: input.code }, async (trx) => {
    const leadOrg = input.leadOrg ?? actor.orgId;
    if (actor.role !== 'admin' && (leadOrg !== actor.orgId || actor.role !== 'org-admin'))
      throw forbidden("only an administrator or the lead organisation's org-admin may create an operation");
    const lead = await getOrganisation(trx, leadOrg);
    if (lead.kind !== 'law-enforcement')
      throw invalidInput(
        'lead_not_law_enforcement',
        `operation.leadOrg: ${lead.name} is a ${lead.kind} organisation; only law-enforcement organisations may lead`,
      );
    const clash = await trx
      .selectFrom('operations')
      .select('id')
      .where('code', '=', input.code)
      .executeTakeFirst();
    if (clash !== undefined)
      throw conflict('operation_exists', `an operation with code ${input.code} exists`);
    const group = await createSharingGroupIn(
      trx,
      actor,
      {
        name: `Operation ${input.code}`,
        description: `Participants of operation ${input.name}`,
        ownerOrg: leadOrg,
      },
      now,
    );
    const id = `operation--${randomUUID()}`;
    await trx
      .insertInto('operations')
      .values({
        id,
        code: input.code,
        name: input.name,
        description: input.description ?? null,
        lead_org: leadOrg,
        group_id: group.id,
        tlp: input.markings.tlp,
        pap: input.markings.pap ?? null,
        handling: input.markings.handling ?? null,
        created: now,
        created_by: actor.userId,
      })
      .execute();
    await insertParticipant(trx, actor, id, group.id, leadOrg, 'lead', now, false);
    for (const p of input.participants) {
      if (p.orgId === leadOrg) continue;
      await insertParticipant(trx, actor, id, group.id, p.orgId, p.role, now, true);
    }
    for (const phase of input.phases) await upsertPhase(trx, id, phase);
    await auditOk(trx, actor, 'operation.create', id, { code: input.code, leadOrg, groupId: group.id });
    return loadDetail(trx, id, now);
  });
}

/** Adds an organisation to an operation (and to its sharing group), or changes its role. */
export function setParticipant(
  store: Store,
  actor: UserViewer,
  operationId: string,
  orgId: string,
  role: ParticipantRole,
  now: string = new Date().toISOString(),
): Promise<OperationDetail> {
  return auditedWrite(
    store,
    actor,
    { action: 'operation.participant.set', target: operationId },
    async (trx) => {
      const access = await operationAccess(trx, actor, operationId);
      requireOperationLead(access, actor, 'change participants');
      const op = access.operation;
      if (role === 'lead' || orgId === op.leadOrg)
        throw invalidInput('invalid_role', 'an operation has one lead, fixed when it is created');
      const existing = await trx
        .selectFrom('operation_participants')
        .select('role')
        .where('operation_id', '=', op.id)
        .where('org_id', '=', orgId)
        .executeTakeFirst();
      if (existing === undefined)
        await insertParticipant(trx, actor, op.id, op.groupId, orgId, role, now, true);
      else
        await trx
          .updateTable('operation_participants')
          .set({ role })
          .where('operation_id', '=', op.id)
          .where('org_id', '=', orgId)
          .execute();
      await auditOk(trx, actor, 'operation.participant.set', op.id, { org: orgId, role });
      return loadDetail(trx, op.id, now);
    },
  );
}

/** Sets the dates of phases (the lead only). */
export async function setPhases(
  store: Store,
  actor: UserViewer,
  operationId: string,
  raw: PhaseInput[],
  now: string = new Date().toISOString(),
): Promise<OperationDetail> {
  const phases = parseInput(z.array(PhaseInput).max(PHASES.length), raw, 'phases');
  return await auditedWrite(
    store,
    actor,
    { action: 'operation.phases', target: operationId },
    async (trx) => {
      const access = await operationAccess(trx, actor, operationId);
      requireOperationLead(access, actor, 'change phases');
      for (const phase of phases) await upsertPhase(trx, access.operation.id, phase);
      await auditOk(trx, actor, 'operation.phases', access.operation.id, { phases });
      return loadDetail(trx, access.operation.id, now);
    },
  );
}

export interface OperationSummary extends Operation {
  role: ParticipantRole | 'admin';
  targetCount: number;
}

/** The operations `viewer` takes part in (all for administrators), newest first, with target counts. */
export async function listOperations(db: Kysely<Database>, viewer: Viewer): Promise<OperationSummary[]> {
  if (viewer.kind !== 'user') return [];
  const rows = await db
    .selectFrom('operations as op')
    .selectAll('op')
    .select((eb) => [
      eb
        .selectFrom('operation_targets as t')
        .select((e) => e.fn.countAll<number | string>().as('n'))
        .whereRef('t.operation_id', '=', 'op.id')
        .as('target_count'),
      eb
        .selectFrom('operation_participants as p')
        .select('p.role')
        .whereRef('p.operation_id', '=', 'op.id')
        .where('p.org_id', '=', viewer.orgId)
        .as('my_role'),
    ])
    .where('op.id', 'in', visibleOperationIds(db, viewer))
    .orderBy('op.created', 'desc')
    .orderBy('op.id')
    .execute();
  return rows.map((r) => ({
    ...toOperation(r),
    role: (r.my_role ?? 'admin') as ParticipantRole | 'admin',
    targetCount: Number(r.target_count ?? 0),
  }));
}

/** One operation with its participants and phases; `not_found` for anyone outside it. */
export async function getOperation(
  db: Kysely<Database>,
  viewer: Viewer,
  idOrCode: string,
  now: string = new Date().toISOString(),
): Promise<OperationDetail & { role: ParticipantRole | 'admin' }> {
  const access = await operationAccess(db, viewer, idOrCode);
  return { ...(await loadDetail(db, access.operation.id, now)), role: access.role };
}

async function loadDetail(db: Kysely<Database>, id: string, now: string): Promise<OperationDetail> {
  const row = await db.selectFrom('operations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const participants = await db
    .selectFrom('operation_participants')
    .selectAll()
    .where('operation_id', '=', id)
    .orderBy('added')
    .orderBy('org_id')
    .execute();
  const phaseRows = await db
    .selectFrom('operation_phases')
    .selectAll()
    .where('operation_id', '=', id)
    .execute();
  const phases: PhaseDates[] = PHASES.flatMap((phase) => {
    const p = phaseRows.find((r) => r.phase === phase);
    return p === undefined ? [] : [{ phase, starts: p.starts, ends: p.ends }];
  });
  return {
    ...toOperation(row),
    participants: participants.map((p): Participant => ({
      orgId: p.org_id,
      role: p.role as ParticipantRole,
      added: p.added,
    })),
    phases,
    currentPhase: currentPhase(phases, now),
  };
}

async function insertParticipant(
  trx: Kysely<Database>,
  actor: UserViewer,
  operationId: string,
  groupId: string,
  orgId: string,
  role: ParticipantRole,
  now: string,
  joinGroup: boolean,
): Promise<void> {
  await getOrganisation(trx, orgId);
  await trx
    .insertInto('operation_participants')
    .values({ operation_id: operationId, org_id: orgId, role, added: now })
    .execute();
  // The group was created by this actor for the lead organisation; the system actor adds members, so a
  // lead's contributor-role user managing participants needs no org-admin right over the group itself.
  if (joinGroup) await addGroupMemberIn(trx, actor.role === 'admin' ? actor : SYSTEM, groupId, orgId, now);
}

async function upsertPhase(trx: Kysely<Database>, operationId: string, phase: PhaseInput): Promise<void> {
  const starts = phase.starts ?? null;
  const ends = phase.ends ?? null;
  if (starts !== null && ends !== null && ends < starts)
    throw invalidInput('invalid_phase', `phases.${phase.phase}: ends before it starts`);
  await trx
    .deleteFrom('operation_phases')
    .where('operation_id', '=', operationId)
    .where('phase', '=', phase.phase)
    .execute();
  await trx
    .insertInto('operation_phases')
    .values({ operation_id: operationId, phase: phase.phase, starts, ends })
    .execute();
}
