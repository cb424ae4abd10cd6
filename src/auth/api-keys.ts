import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Actor } from '../audit/actor.js';
import { auditOk, auditedWrite } from '../audit/audited-write.js';
import { conflict, forbidden, invalidInput, notFound } from '../errors.js';
import type { UserViewer } from '../policy/viewer.js';
import type { Database } from '../store/schema.js';
import type { Store } from '../store/store.js';
import { generateApiKey } from './api-key-format.js';
import { toApiKeyRecord } from './api-key-record.js';
import type { ApiKeyRecord } from './api-key-record.js';

export interface ApiKeyOptions {
  name?: string | undefined;
  readOnly?: boolean | undefined;
  /** ISO 8601; must lie in the future. Absent: the key lives until revoked. */
  expiresAt?: string | undefined;
}

export interface CreatedApiKey {
  /** The plaintext key: returned once, never stored, never retrievable again. */
  key: string;
  record: ApiKeyRecord;
}

/** Creates a key for `userId`: the user themselves, their org-admin (not for admins) or an administrator. */
export function createApiKey(
  store: Store,
  actor: Actor,
  userId: string,
  options: ApiKeyOptions = {},
  now: Date = new Date(),
): Promise<CreatedApiKey> {
  return auditedWrite(store, actor, { action: 'key.create', target: userId }, (trx) =>
    createApiKeyIn(trx, actor, userId, options, now),
  );
}

/** The body of `createApiKey`, for callers already holding the write transaction (bootstrap). */
export async function createApiKeyIn(
  trx: Kysely<Database>,
  actor: Actor,
  userId: string,
  options: ApiKeyOptions,
  now: Date,
): Promise<CreatedApiKey> {
  const user = await keyOwner(trx, actor, userId, 'create API keys for this user');
  if (user.disabled !== 0) throw conflict('user_disabled', 'a disabled user cannot be given API keys');
  const expiresAt = checkExpiry(options.expiresAt, now);
  const name = options.name?.trim() ?? '';
  if (name.length > 200) throw invalidInput('invalid_name', 'a key name must be at most 200 characters');
  const generated = generateApiKey();
  const row = {
    id: randomUUID(),
    user_id: userId,
    prefix: generated.prefix,
    secret_sha256: generated.sha256,
    last4: generated.last4,
    name: name === '' ? null : name,
    read_only: options.readOnly === true ? 1 : 0,
    expires_at: expiresAt,
    last_used_at: null,
    revoked_at: null,
    created: now.toISOString(),
  };
  await trx.insertInto('api_keys').values(row).execute();
  const record = toApiKeyRecord(row);
  await auditOk(trx, actor, 'key.create', record.id, {
    userId,
    prefix: record.prefix,
    readOnly: record.readOnly,
    expiresAt: record.expiresAt,
  });
  return { key: generated.key, record };
}

/** Revokes a key for good. Revoking a revoked key changes nothing and is not an error. */
export function revokeApiKey(
  store: Store,
  actor: Actor,
  keyId: string,
  now: Date = new Date(),
): Promise<ApiKeyRecord> {
  return auditedWrite(store, actor, { action: 'key.revoke', target: keyId }, async (trx) => {
    const row = await trx.selectFrom('api_keys').selectAll().where('id', '=', keyId).executeTakeFirst();
    if (row === undefined) throw notFound(`API key ${keyId}`);
    await keyOwner(trx, actor, row.user_id, 'revoke API keys of this user');
    if (row.revoked_at !== null) return toApiKeyRecord(row);
    const revokedAt = now.toISOString();
    await trx.updateTable('api_keys').set({ revoked_at: revokedAt }).where('id', '=', keyId).execute();
    await auditOk(trx, actor, 'key.revoke', keyId, { userId: row.user_id, prefix: row.prefix });
    return toApiKeyRecord({ ...row, revoked_at: revokedAt });
  });
}

/** A user's keys, newest first, with the same rights as creating them. Hashes never leave. */
export async function listApiKeys(store: Store, viewer: UserViewer, userId: string): Promise<ApiKeyRecord[]> {
  await keyOwner(store.db, viewer, userId, 'list API keys of this user', false);
  const rows = await store.db
    .selectFrom('api_keys')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created', 'desc')
    .orderBy('id')
    .execute();
  return rows.map(toApiKeyRecord);
}

/** Loads the user a key belongs to and checks that `actor` may manage their keys. */
async function keyOwner(db: Kysely<Database>, actor: Actor, userId: string, what: string, writes = true) {
  if (writes && actor.kind === 'user' && actor.readOnly)
    throw forbidden('a read-only API key cannot change anything', 'read_only');
  const user = await db
    .selectFrom('users')
    .select(['id', 'org_id', 'role', 'disabled'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (user === undefined) throw notFound(`user ${userId}`);
  if (actor.kind === 'system' || actor.role === 'admin' || actor.userId === userId) return user;
  if (actor.role === 'org-admin' && actor.orgId === user.org_id && !['admin', 'sync'].includes(user.role))
    return user;
  throw forbidden(`you may not ${what}`);
}

function checkExpiry(expiresAt: string | undefined, now: Date): string | null {
  if (expiresAt === undefined) return null;
  const when = new Date(expiresAt);
  if (Number.isNaN(when.getTime()))
    throw invalidInput('invalid_expiry', `${expiresAt} is not an ISO 8601 timestamp`);
  if (when.getTime() <= now.getTime())
    throw invalidInput('invalid_expiry', 'a key must expire in the future');
  return when.toISOString();
}
