import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeBackends } from '../../test/store-harness.js';
import {
  adminWorld,
  expectChainOk,
  expectRefusal,
  lastAudit,
  newOrg,
  signedIn,
} from '../admin/admin-test-kit.js';
import type { AdminWorld } from '../admin/admin-test-kit.js';
import type { Organisation } from '../admin/organisation.js';
import { addGroupMember, createSharingGroup, removeGroupMember } from '../admin/sharing-groups.js';
import { createUser, disableUser, enableUser } from '../admin/users.js';
import type { User } from '../admin/user.js';
import type { Store } from '../store/store.js';
import { API_KEY_PATTERN } from './api-key-format.js';
import { apiKeyHint } from './api-key-record.js';
import { createApiKey, listApiKeys, revokeApiKey } from './api-keys.js';
import { authenticateApiKey, authenticateBasic } from './authenticate-api-key.js';
import { viewerForUser } from './viewer-for-user.js';

const TABLES = [
  'organisations',
  'users',
  'api_keys',
  'sharing_groups',
  'group_members',
  'audit_log',
  'settings',
] as const;

describe.each(storeBackends())('API keys on $name', (backend) => {
  let store: Store;
  let world: AdminWorld;
  let org: Organisation;
  let user: User;
  beforeEach(async () => {
    store = await backend.open();
    world = await adminWorld(store);
    org = await newOrg(world);
    user = await createUser(store, world.admin, {
      email: 'Soc@Member.test',
      name: 'SOC',
      orgId: org.id,
      role: 'contributor',
    });
  });
  afterEach(async () => {
    await store.close();
  });

  it('issues keys in the recognisable format and stores only their sha256, prefix and last four', async () => {
    const { key, record } = await createApiKey(store, world.admin, user.id, { name: 'SIEM' });
    expect(key).toMatch(API_KEY_PATTERN);
    expect(key).toHaveLength(59);
    expect(Buffer.from(key.slice(16), 'base64url')).toHaveLength(32);
    expect(record).toMatchObject({
      userId: user.id,
      prefix: key.slice(7, 15),
      last4: key.slice(-4),
      name: 'SIEM',
      readOnly: false,
    });
    expect(apiKeyHint(record)).toBe(`accord_${record.prefix}_…${key.slice(-4)}`);
    const row = await store.db
      .selectFrom('api_keys')
      .selectAll()
      .where('id', '=', record.id)
      .executeTakeFirstOrThrow();
    expect(row.secret_sha256).toBe(createHash('sha256').update(key).digest('hex'));
    // The plaintext and its secret half appear in no column of any table, the audit log included.
    const secret = key.slice(16);
    for (const table of TABLES) {
      const rows = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)}`.execute(store.db);
      const text = JSON.stringify(rows.rows);
      expect(text, table).not.toContain(secret);
      expect(text, table).not.toContain(secret.slice(0, 20));
    }
    const second = await createApiKey(store, world.admin, user.id);
    expect(second.key).not.toBe(key);
    expect(await lastAudit(store)).toMatchObject({
      action: 'key.create',
      target: second.record.id,
      outcome: 'ok',
    });
  });

  it('authenticates a key into the full viewer, carrying the read-only flag and the key id', async () => {
    const writable = await createApiKey(store, world.admin, user.id);
    const readOnly = await createApiKey(store, world.admin, user.id, { readOnly: true });
    expect(await authenticateApiKey(store, writable.key)).toEqual({
      kind: 'user',
      userId: user.id,
      email: 'soc@member.test',
      orgId: org.id,
      role: 'contributor',
      groups: [],
      readOnly: false,
      keyId: writable.record.id,
    });
    expect(await authenticateApiKey(store, readOnly.key)).toMatchObject({
      readOnly: true,
      keyId: readOnly.record.id,
    });
  });

  it('rejects malformed, unknown and tampered keys', async () => {
    const { key } = await createApiKey(store, world.admin, user.id);
    expect(await authenticateApiKey(store, '')).toBeNull();
    expect(await authenticateApiKey(store, 'Bearer ' + key)).toBeNull();
    expect(await authenticateApiKey(store, key + 'x')).toBeNull();
    const flipped = key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A');
    expect(await authenticateApiKey(store, flipped)).toBeNull();
    const otherPrefix = `accord_zzzzzzzz_${key.slice(16)}`;
    expect(await authenticateApiKey(store, otherPrefix)).toBeNull();
  });

  it('stops accepting a key once it expires', async () => {
    const now = new Date('2030-01-01T00:00:00.000Z');
    const { key, record } = await createApiKey(
      store,
      world.admin,
      user.id,
      { expiresAt: '2030-01-02T00:00:00Z' },
      now,
    );
    expect(record.expiresAt).toBe('2030-01-02T00:00:00.000Z');
    expect(await authenticateApiKey(store, key, new Date('2030-01-01T23:59:59.999Z'))).not.toBeNull();
    expect(await authenticateApiKey(store, key, new Date('2030-01-02T00:00:00.000Z'))).toBeNull();
    await expectRefusal(
      createApiKey(store, world.admin, user.id, { expiresAt: '2029-12-31T00:00:00Z' }, now),
      'invalid_expiry',
      400,
    );
    await expectRefusal(
      createApiKey(store, world.admin, user.id, { expiresAt: 'tomorrow' }, now),
      'invalid_expiry',
      400,
    );
  });

  it('stops accepting a revoked key, and revoking twice is harmless', async () => {
    const { key, record } = await createApiKey(store, world.admin, user.id);
    const other = await createApiKey(store, world.admin, user.id);
    const revoked = await revokeApiKey(store, world.admin, record.id);
    expect(revoked.revokedAt).not.toBeNull();
    expect(await lastAudit(store)).toMatchObject({ action: 'key.revoke', target: record.id, outcome: 'ok' });
    expect(await authenticateApiKey(store, key)).toBeNull();
    expect(await authenticateApiKey(store, other.key)).not.toBeNull();
    expect(await revokeApiKey(store, world.admin, record.id)).toEqual(revoked);
    await expectRefusal(revokeApiKey(store, world.admin, 'no-such-key'), 'not_found', 404);
  });

  it('reuses its compiled lookup with each key: every key finds its own row, a revocation bites at once', async () => {
    const first = await createApiKey(store, world.admin, user.id);
    const second = await createApiKey(store, world.admin, world.admin.userId);
    expect((await authenticateApiKey(store, first.key))?.keyId).toBe(first.record.id);
    expect((await authenticateApiKey(store, second.key))?.keyId).toBe(second.record.id);
    expect((await authenticateApiKey(store, second.key))?.userId).toBe(world.admin.userId);
    await revokeApiKey(store, world.admin, first.record.id);
    expect(await authenticateApiKey(store, first.key)).toBeNull();
    expect((await authenticateApiKey(store, second.key))?.keyId).toBe(second.record.id);
  });

  it('rejects every key of a disabled user until they are enabled again', async () => {
    const { key } = await createApiKey(store, world.admin, user.id);
    await disableUser(store, world.admin, user.id);
    expect(await authenticateApiKey(store, key)).toBeNull();
    expect(await viewerForUser(store, user.id)).toBeNull();
    await expectRefusal(createApiKey(store, world.admin, user.id), 'user_disabled', 409);
    await enableUser(store, world.admin, user.id);
    expect(await authenticateApiKey(store, key)).not.toBeNull();
  });

  it('records last use at most once a minute', async () => {
    const { key, record } = await createApiKey(store, world.admin, user.id);
    const lastUsed = async () =>
      (
        await store.db
          .selectFrom('api_keys')
          .select('last_used_at')
          .where('id', '=', record.id)
          .executeTakeFirstOrThrow()
      ).last_used_at;
    expect(await lastUsed()).toBeNull();
    await authenticateApiKey(store, key, new Date('2030-01-01T00:00:00.000Z'));
    expect(await lastUsed()).toBe('2030-01-01T00:00:00.000Z');
    await authenticateApiKey(store, key, new Date('2030-01-01T00:00:59.999Z'));
    expect(await lastUsed()).toBe('2030-01-01T00:00:00.000Z');
    await authenticateApiKey(store, key, new Date('2030-01-01T00:01:00.000Z'));
    expect(await lastUsed()).toBe('2030-01-01T00:01:00.000Z');
  });

  it('reflects sharing-group membership changes on the very next authentication', async () => {
    const { key } = await createApiKey(store, world.admin, user.id);
    const ops = await createSharingGroup(store, world.admin, {
      name: 'Operation partners',
      ownerOrg: world.adminOrg.id,
    });
    const other = await createSharingGroup(store, world.admin, {
      name: 'Other',
      ownerOrg: world.adminOrg.id,
    });
    expect((await authenticateApiKey(store, key))?.groups).toEqual([]);
    await addGroupMember(store, world.admin, ops.id, org.id);
    expect((await authenticateApiKey(store, key))?.groups).toEqual([ops.id]);
    await addGroupMember(store, world.admin, other.id, org.id);
    expect((await authenticateApiKey(store, key))?.groups).toEqual([ops.id, other.id].sort());
    expect((await viewerForUser(store, user.id))?.groups).toEqual([ops.id, other.id].sort());
    await removeGroupMember(store, world.admin, ops.id, org.id);
    expect((await authenticateApiKey(store, key))?.groups).toEqual([other.id]);
  });

  it('builds a key-less viewer for password sessions', async () => {
    expect(await viewerForUser(store, user.id)).toEqual({
      kind: 'user',
      userId: user.id,
      email: 'soc@member.test',
      orgId: org.id,
      role: 'contributor',
      groups: [],
      readOnly: false,
    });
    expect(await viewerForUser(store, 'nobody')).toBeNull();
  });

  it('accepts Basic auth only with the key owner’s e-mail', async () => {
    const { key } = await createApiKey(store, world.admin, user.id);
    expect(await authenticateBasic(store, 'SOC@member.test', key)).toMatchObject({ userId: user.id });
    expect(await authenticateBasic(store, world.admin.email, key)).toBeNull();
    expect(await authenticateBasic(store, 'soc@member.test', 'accord_wrong')).toBeNull();
  });

  it('lists a user’s keys without hashes, newest first', async () => {
    const a = await createApiKey(
      store,
      world.admin,
      user.id,
      { name: 'a' },
      new Date('2030-01-01T00:00:00Z'),
    );
    const b = await createApiKey(
      store,
      world.admin,
      user.id,
      { name: 'b' },
      new Date('2030-01-02T00:00:00Z'),
    );
    const listed = await listApiKeys(store, world.admin, user.id);
    expect(listed).toEqual([b.record, a.record]);
    for (const record of listed) {
      expect(Object.keys(record)).not.toContain('secret_sha256');
      expect(JSON.stringify(record)).not.toMatch(/[0-9a-f]{64}/);
    }
  });

  it('lets users manage their own keys, org-admins those of ordinary members, and nobody else', async () => {
    const self = await signedIn(world, org.id, 'reader');
    const own = await createApiKey(store, self, self.userId, { readOnly: true });
    expect(await listApiKeys(store, self, self.userId)).toHaveLength(2);
    await revokeApiKey(store, self, own.record.id);
    const orgAdmin = await signedIn(world, org.id, 'org-admin');
    await createApiKey(store, orgAdmin, user.id);
    expect(await listApiKeys(store, orgAdmin, user.id)).toHaveLength(1);
    const sync = await signedIn(world, org.id, 'sync');
    await expectRefusal(createApiKey(store, orgAdmin, sync.userId), 'forbidden', 403);
    await expectRefusal(createApiKey(store, orgAdmin, world.admin.userId), 'forbidden', 403);
    await expectRefusal(createApiKey(store, self, user.id), 'forbidden', 403);
    expect(await lastAudit(store)).toMatchObject({
      action: 'key.create',
      outcome: 'denied',
      actor: self.userId,
      target: user.id,
    });
    await expectRefusal(listApiKeys(store, self, user.id), 'forbidden', 403);
    const outsider = await signedIn(world, (await newOrg(world)).id, 'org-admin');
    await expectRefusal(revokeApiKey(store, outsider, own.record.id), 'forbidden', 403);
    expect(await lastAudit(store)).toMatchObject({
      action: 'key.revoke',
      outcome: 'denied',
      target: own.record.id,
    });
    await expectRefusal(createApiKey(store, world.admin, 'no-such-user'), 'not_found', 404);
    await expectChainOk(store);
  });

  it('never lets a read-only key mint or revoke keys, even its own user’s', async () => {
    const readOnly = await signedIn(world, org.id, 'contributor', { readOnly: true });
    await expectRefusal(createApiKey(store, readOnly, readOnly.userId), 'read_only', 403);
    await expectRefusal(revokeApiKey(store, readOnly, readOnly.keyId!), 'read_only', 403);
    expect(await listApiKeys(store, readOnly, readOnly.userId)).toHaveLength(1);
  });
});
