import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Actor } from '../audit/actor.js';
import { auditOk, auditedWrite } from '../audit/audited-write.js';
import { conflict, invalidInput, notFound } from '../errors.js';
import type { UserViewer } from '../policy/viewer.js';
import type { Database } from '../store/schema.js';
import type { Store } from '../store/store.js';
import { requireOrgManager } from './authorise.js';
import { checkName } from './organisation-input.js';
import { getOrganisation } from './organisations.js';
import { toSharingGroup } from './sharing-group.js';
import type { SharingGroup } from './sharing-group.js';

export interface SharingGroupInput {
  name: string;
  description?: string | null | undefined;
  /** Defaults to the actor's organisation; only an administrator names another one. */
  ownerOrg?: string | undefined;
}

/** Creates a group owned by an organisation (its org-admin, or an administrator), which joins it. */
export function createSharingGroup(
  store: Store,
  actor: Actor,
  input: SharingGroupInput,
  now: string = new Date().toISOString(),
): Promise<SharingGroup> {
  return auditedWrite(store, actor, { action: 'group.create', target: input.name }, (trx) =>
    createSharingGroupIn(trx, actor, input, now),
  );
}

/** The body of `createSharingGroup`, for callers already holding the write transaction (operations). */
export async function createSharingGroupIn(
  trx: Kysely<Database>,
  actor: Actor,
  input: SharingGroupInput,
  now: string,
): Promise<SharingGroup> {
  const ownerOrg = input.ownerOrg ?? (actor.kind === 'user' ? actor.orgId : undefined);
  if (ownerOrg === undefined) throw invalidInput('owner_required', 'name the owner organisation');
  requireOrgManager(actor, ownerOrg, 'create sharing groups for this organisation');
  await getOrganisation(trx, ownerOrg);
  const name = checkName(input.name, 'sharing group');
  await assertNameFree(trx, name, '');
  const row = {
    id: randomUUID(),
    name,
    description: checkDescription(input.description),
    owner_org: ownerOrg,
    created: now,
  };
  await trx.insertInto('sharing_groups').values(row).execute();
  await trx.insertInto('group_members').values({ group_id: row.id, org_id: ownerOrg, added: now }).execute();
  const group = toSharingGroup(row, [ownerOrg]);
  await auditOk(trx, actor, 'group.create', group.id, { ...group });
  return group;
}

/** The groups a viewer may see: all for administrators, else those their organisation belongs to. */
export async function listSharingGroups(db: Kysely<Database>, viewer: UserViewer): Promise<SharingGroup[]> {
  let query = db.selectFrom('sharing_groups').selectAll().orderBy('name');
  if (viewer.role !== 'admin')
    query = query.where((eb) =>
      eb.or([
        eb('owner_org', '=', viewer.orgId),
        eb('id', 'in', eb.selectFrom('group_members').select('group_id').where('org_id', '=', viewer.orgId)),
      ]),
    );
  const rows = await query.execute();
  if (rows.length === 0) return [];
  const members = await db
    .selectFrom('group_members')
    .select(['group_id', 'org_id'])
    .where(
      'group_id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  return rows.map((r) =>
    toSharingGroup(
      r,
      members.filter((m) => m.group_id === r.id).map((m) => m.org_id),
    ),
  );
}

/** One group; a group the viewer may not see is reported as not found, like a missing one. */
export async function getSharingGroup(
  db: Kysely<Database>,
  viewer: UserViewer,
  id: string,
): Promise<SharingGroup> {
  const group = await loadGroup(db, id);
  if (viewer.role !== 'admin' && !group.members.includes(viewer.orgId) && group.ownerOrg !== viewer.orgId)
    throw notFound(`sharing group ${id}`);
  return group;
}

export function updateSharingGroup(
  store: Store,
  actor: Actor,
  id: string,
  patch: { name?: string | undefined; description?: string | null | undefined },
): Promise<SharingGroup> {
  return auditedWrite(store, actor, { action: 'group.update', target: id }, async (trx) => {
    const before = await loadGroup(trx, id);
    requireOrgManager(actor, before.ownerOrg, 'change this sharing group');
    const name = patch.name === undefined ? before.name : checkName(patch.name, 'sharing group');
    if (name !== before.name) await assertNameFree(trx, name, id);
    const description =
      patch.description === undefined ? before.description : checkDescription(patch.description);
    await trx.updateTable('sharing_groups').set({ name, description }).where('id', '=', id).execute();
    const after = { ...before, name, description };
    await auditOk(trx, actor, 'group.update', id, {
      before: { name: before.name, description: before.description },
      after: { name, description },
    });
    return after;
  });
}

/** Adds an organisation (the owner's org-admin, or an administrator). Adding a member twice is a no-op. */
export function addGroupMember(
  store: Store,
  actor: Actor,
  groupId: string,
  orgId: string,
  now: string = new Date().toISOString(),
): Promise<SharingGroup> {
  return auditedWrite(store, actor, { action: 'group.member.add', target: groupId }, (trx) =>
    addGroupMemberIn(trx, actor, groupId, orgId, now),
  );
}

/** The body of `addGroupMember`, for callers already holding the write transaction (operations). */
export async function addGroupMemberIn(
  trx: Kysely<Database>,
  actor: Actor,
  groupId: string,
  orgId: string,
  now: string,
): Promise<SharingGroup> {
  const group = await loadGroup(trx, groupId);
  requireOrgManager(actor, group.ownerOrg, "change this sharing group's members");
  await getOrganisation(trx, orgId);
  if (group.members.includes(orgId)) return group;
  await trx.insertInto('group_members').values({ group_id: groupId, org_id: orgId, added: now }).execute();
  await auditOk(trx, actor, 'group.member.add', groupId, { org: orgId });
  return { ...group, members: [...group.members, orgId].sort() };
}

/**
 * Removes an organisation (never the owner). An organisation whose default distribution was this group
 * falls back to `organisation`, the narrowest audience, rather than keep a default it can no longer use.
 */
export function removeGroupMember(
  store: Store,
  actor: Actor,
  groupId: string,
  orgId: string,
): Promise<SharingGroup> {
  return auditedWrite(store, actor, { action: 'group.member.remove', target: groupId }, async (trx) => {
    const group = await loadGroup(trx, groupId);
    requireOrgManager(actor, group.ownerOrg, "change this sharing group's members");
    if (orgId === group.ownerOrg)
      throw conflict('group_owner', 'the owner organisation cannot leave its group');
    if (!group.members.includes(orgId)) throw notFound(`organisation ${orgId} in sharing group ${groupId}`);
    await trx
      .deleteFrom('group_members')
      .where('group_id', '=', groupId)
      .where('org_id', '=', orgId)
      .execute();
    const reset = await trx
      .updateTable('organisations')
      .set({ default_distribution: 'organisation' })
      .where('id', '=', orgId)
      .where('default_distribution', '=', `group:${groupId}`)
      .executeTakeFirst();
    await auditOk(trx, actor, 'group.member.remove', groupId, {
      org: orgId,
      defaultDistributionReset: Number(reset.numUpdatedRows) > 0,
    });
    return { ...group, members: group.members.filter((m) => m !== orgId) };
  });
}

async function loadGroup(db: Kysely<Database>, id: string): Promise<SharingGroup> {
  const row = await db.selectFrom('sharing_groups').selectAll().where('id', '=', id).executeTakeFirst();
  if (row === undefined) throw notFound(`sharing group ${id}`);
  const members = await db.selectFrom('group_members').select('org_id').where('group_id', '=', id).execute();
  return toSharingGroup(
    row,
    members.map((m) => m.org_id),
  );
}

async function assertNameFree(db: Kysely<Database>, name: string, exceptId: string): Promise<void> {
  const clash = await db
    .selectFrom('sharing_groups')
    .select('id')
    .where(sql<string>`lower(name)`, '=', name.toLowerCase())
    .where('id', '!=', exceptId)
    .executeTakeFirst();
  if (clash !== undefined) throw conflict('group_exists', `a sharing group named ${name} exists`);
}

function checkDescription(description: string | null | undefined): string | null {
  const trimmed = description?.trim() ?? '';
  if (trimmed.length > 2000)
    throw invalidInput('invalid_description', 'a description must be at most 2000 characters');
  return trimmed === '' ? null : trimmed;
}
