import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Actor } from '../audit/actor.js';
import { appendAudit } from '../audit/append-audit.js';
import { auditOk, auditedWrite } from '../audit/audited-write.js';
import { viewerFromRow } from '../auth/viewer-for-user.js';
import { conflict, forbidden, invalidInput, notFound } from '../errors.js';
import type { Role, UserViewer } from '../policy/viewer.js';
import type { Database } from '../store/schema.js';
import type { Store } from '../store/store.js';
import { isSuper, requireOrgManager } from './authorise.js';
import { getOrganisation } from './organisations.js';
import { checkPasswordHash, hashPassword } from './password.js';
import { toUser } from './user.js';
import type { User } from './user.js';
import { checkPassword, checkRole, normaliseEmail } from './user-input.js';

export interface UserInput {
  email: string;
  name: string;
  orgId: string;
  role: Role;
  password?: string | undefined;
}

/** Roles an org-admin may hand out; admin and sync act beyond one organisation. */
const ORG_ADMIN_GRANTS: readonly Role[] = ['org-admin', 'contributor', 'reader'];

/** Creates a user: administrators anywhere, an org-admin in their own organisation. */
export async function createUser(
  store: Store,
  actor: Actor,
  input: UserInput,
  now: string = new Date().toISOString(),
): Promise<User> {
  // Hashing takes tens of milliseconds: do it before taking the write lock.
  const passwordHash =
    input.password === undefined ? null : await hashPassword(checkPassword(input.password));
  return auditedWrite(store, actor, { action: 'user.create', target: input.email }, (trx) =>
    createUserIn(trx, actor, input, passwordHash, now),
  );
}

/** The body of `createUser`, for callers already holding the write transaction (bootstrap). */
export async function createUserIn(
  trx: Kysely<Database>,
  actor: Actor,
  input: UserInput,
  passwordHash: string | null,
  now: string,
): Promise<User> {
  requireOrgManager(actor, input.orgId, 'create users');
  const role = checkRole(input.role);
  if (!isSuper(actor) && !ORG_ADMIN_GRANTS.includes(role))
    throw forbidden(`only an administrator may create ${role} users`, 'role_not_grantable');
  const email = normaliseEmail(input.email);
  const name = input.name.trim();
  if (name === '' || name.length > 200)
    throw invalidInput('invalid_name', 'a user name must be 1 to 200 characters');
  await getOrganisation(trx, input.orgId);
  const taken = await trx.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
  if (taken !== undefined) throw conflict('user_exists', `a user with e-mail ${email} exists`);
  const row = {
    id: randomUUID(),
    email,
    name,
    org_id: input.orgId,
    role,
    password_hash: passwordHash,
    disabled: 0,
    created: now,
  };
  await trx.insertInto('users').values(row).execute();
  const user = toUser(row);
  await auditOk(trx, actor, 'user.create', user.id, { ...user });
  return user;
}

/** Users of one organisation: administrators, or that organisation's org-admin. */
export async function listUsers(store: Store, viewer: UserViewer, orgId: string): Promise<User[]> {
  if (!canSeeUsersOf(viewer, orgId))
    throw forbidden("only an administrator or the organisation's org-admin may list its users");
  const rows = await store.db
    .selectFrom('users')
    .selectAll()
    .where('org_id', '=', orgId)
    .orderBy('email')
    .execute();
  return rows.map(toUser);
}

/** A user by e-mail, for administrators, their org-admin and themselves; anyone else gets not-found. */
export async function getUserByEmail(store: Store, viewer: UserViewer, email: string): Promise<User> {
  const row = await store.db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst();
  if (row === undefined || !(row.id === viewer.userId || canSeeUsersOf(viewer, row.org_id)))
    throw notFound(`user ${email}`);
  return toUser(row);
}

export const disableUser = (store: Store, actor: Actor, userId: string) =>
  setDisabled(store, actor, userId, true);
export const enableUser = (store: Store, actor: Actor, userId: string) =>
  setDisabled(store, actor, userId, false);

/**
 * Disabling keeps the user and their keys (for the audit trail) but makes every credential fail.
 * Nobody disables themselves or the last enabled administrator: either would lock the instance out.
 */
function setDisabled(store: Store, actor: Actor, userId: string, disabled: boolean): Promise<User> {
  const action = disabled ? 'user.disable' : 'user.enable';
  return auditedWrite(store, actor, { action, target: userId }, async (trx) => {
    const row = await trx.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
    if (row === undefined) throw notFound(`user ${userId}`);
    requireOrgManager(actor, row.org_id, `${disabled ? 'disable' : 'enable'} users`);
    if (!isSuper(actor) && (row.role === 'admin' || row.role === 'sync'))
      throw forbidden(`only an administrator may change a ${row.role} user`);
    if (disabled && actor.kind === 'user' && actor.userId === userId)
      throw conflict('cannot_disable_self', 'you cannot disable yourself');
    if (disabled && row.role === 'admin') {
      const admins = await trx
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('role', '=', 'admin')
        .where('disabled', '=', 0)
        .executeTakeFirstOrThrow();
      if (admins.n <= 1) throw conflict('last_admin', 'the last enabled administrator cannot be disabled');
    }
    await trx
      .updateTable('users')
      .set({ disabled: disabled ? 1 : 0 })
      .where('id', '=', userId)
      .execute();
    await auditOk(trx, actor, action, userId, { email: row.email });
    return toUser({ ...row, disabled: disabled ? 1 : 0 });
  });
}

/**
 * Checks an e-mail and password (constant time through argon2, also for unknown users) and records
 * the attempt as a `login` audit entry. Returns the user's viewer, or null for any failure, including
 * a disabled user or one without a password.
 */
export async function verifyPassword(
  store: Store,
  email: string,
  password: string,
): Promise<UserViewer | null> {
  const address = email.trim().toLowerCase();
  const row = await store.db.selectFrom('users').selectAll().where('email', '=', address).executeTakeFirst();
  const ok = await checkPasswordHash(row?.password_hash ?? null, password);
  const viewer = ok && row !== undefined ? await viewerFromRow(store.db, row) : null;
  await store.writeTransaction((trx) =>
    appendAudit(trx, {
      actor: row?.id,
      actorOrg: row?.org_id,
      action: 'login',
      target: address,
      outcome: viewer === null ? 'denied' : 'ok',
      details: { method: 'password' },
    }),
  );
  return viewer;
}

function canSeeUsersOf(viewer: UserViewer, orgId: string): boolean {
  return viewer.role === 'admin' || (viewer.role === 'org-admin' && viewer.orgId === orgId);
}
