import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeBackends } from '../../../test/store-harness.js';
import { createOrganisation } from '../../admin/organisations.js';
import type { Organisation } from '../../admin/organisation.js';
import type { Store } from '../../store/store.js';
import { call, httpWorld, lastEntry, member } from './admin-test-app.js';
import type { HttpWorld } from './admin-test-app.js';

describe.each(storeBackends())('users and keys API on $name', (backend) => {
  let store: Store;
  let world: HttpWorld;
  let org: Organisation;
  let other: Organisation;
  beforeEach(async () => {
    store = await backend.open();
    world = await httpWorld(store);
    org = await createOrganisation(store, world.admin, { name: 'Telecom', kind: 'private' });
    other = await createOrganisation(store, world.admin, { name: 'Peer', kind: 'private' });
  });
  afterEach(async () => {
    await world.app.close();
    await store.close();
  });

  it('lets an org-admin create, list, disable and enable users of their organisation', async () => {
    const orgAdmin = await member(world, org.id, 'org-admin');
    const created = await call(world.app, 'POST', '/api/v1/users', orgAdmin.key, {
      email: 'Analyst@Telecom.example',
      name: 'Analyst',
      role: 'contributor',
      password: '',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      email: 'analyst@telecom.example',
      org_id: org.id,
      role: 'contributor',
      disabled: false,
      has_password: false,
    });
    expect(created.body).not.toHaveProperty('password_hash');
    const withPassword = await call(world.app, 'POST', '/api/v1/users', world.adminKey, {
      email: 'p@peer.example',
      name: 'P',
      role: 'reader',
      org_id: other.id,
      password: 'correct horse battery',
    });
    expect(withPassword.body).toMatchObject({ has_password: true, org_id: other.id });
    const list = await call(world.app, 'GET', '/api/v1/users', orgAdmin.key);
    expect(list.body.items.map((u: { email: string }) => u.email)).toContain('analyst@telecom.example');
    expect(list.body.items.every((u: { org_id: string }) => u.org_id === org.id)).toBe(true);
    const asAdmin = await call(world.app, 'GET', `/api/v1/users?org=${other.id}`, world.adminKey);
    expect(asAdmin.body.items.map((u: { email: string }) => u.email)).toEqual(['p@peer.example']);
    const id = created.body.id as string;
    const disabled = await call(world.app, 'POST', `/api/v1/users/${id}/disable`, orgAdmin.key);
    expect(disabled).toMatchObject({ status: 200, body: { disabled: true } });
    expect(await lastEntry(store)).toMatchObject({ action: 'user.disable', outcome: 'ok', target: id });
    const enabled = await call(world.app, 'POST', `/api/v1/users/${id}/enable`, orgAdmin.key);
    expect(enabled).toMatchObject({ status: 200, body: { disabled: false } });
  });

  it('refuses user administration outside one’s rights, each 403 audited', async () => {
    const orgAdmin = await member(world, org.id, 'org-admin');
    const reader = await member(world, org.id, 'reader');
    const foreign = await call(world.app, 'GET', `/api/v1/users?org=${other.id}`, orgAdmin.key);
    expect(foreign).toMatchObject({ status: 403, body: { code: 'forbidden' } });
    expect(await lastEntry(store)).toMatchObject({
      action: 'user.list',
      outcome: 'denied',
      target: other.id,
    });
    expect((await call(world.app, 'GET', '/api/v1/users', reader.key)).status).toBe(403);
    expect(await lastEntry(store)).toMatchObject({ action: 'user.list', outcome: 'denied' });
    const grant = await call(world.app, 'POST', '/api/v1/users', orgAdmin.key, {
      email: 'boss@telecom.example',
      name: 'Boss',
      role: 'admin',
    });
    expect(grant).toMatchObject({ status: 403, body: { code: 'role_not_grantable' } });
    expect(await lastEntry(store)).toMatchObject({ action: 'user.create', outcome: 'denied' });
    const elsewhere = await call(world.app, 'POST', '/api/v1/users', orgAdmin.key, {
      email: 'x@peer.example',
      name: 'X',
      role: 'reader',
      org_id: other.id,
    });
    expect(elsewhere).toMatchObject({ status: 403, body: { code: 'forbidden' } });
    const weak = await call(world.app, 'POST', '/api/v1/users', world.adminKey, {
      email: 'w@telecom.example',
      name: 'W',
      role: 'reader',
      org_id: org.id,
      password: 'short',
    });
    expect(weak).toMatchObject({ status: 400, body: { code: 'weak_password' } });
    const taken = await call(world.app, 'POST', '/api/v1/users', world.adminKey, {
      email: reader.user.email,
      name: 'again',
      role: 'reader',
    });
    expect(taken).toMatchObject({ status: 409, body: { code: 'user_exists' } });
    const self = await call(world.app, 'POST', `/api/v1/users/${world.admin.userId}/disable`, world.adminKey);
    expect(self).toMatchObject({ status: 409, body: { code: 'cannot_disable_self' } });
    const readOnly = await member(world, org.id, 'org-admin', { readOnly: true });
    const ro = await call(world.app, 'POST', `/api/v1/users/${reader.user.id}/disable`, readOnly.key);
    expect(ro).toMatchObject({ status: 403, body: { code: 'read_only' } });
    expect(await lastEntry(store)).toMatchObject({ action: 'user.disable', outcome: 'denied' });
    const missing = await call(world.app, 'POST', '/api/v1/users/nobody/enable', world.adminKey);
    expect(missing).toMatchObject({ status: 404, body: { code: 'not_found' } });
  });

  it('creates a key shown once, lists it without secrets, and revokes it', async () => {
    const analyst = await member(world, org.id, 'contributor');
    const created = await call(world.app, 'POST', '/api/v1/keys', analyst.key, {
      name: 'SIEM',
      read_only: true,
      expires_at: '2999-01-01T00:00:00Z',
    });
    expect(created.status).toBe(201);
    const { key, record } = created.body as { key: string; record: Record<string, unknown> };
    expect(record).toMatchObject({
      user_id: analyst.user.id,
      name: 'SIEM',
      read_only: true,
      expires_at: '2999-01-01T00:00:00.000Z',
      revoked_at: null,
    });
    expect(key.endsWith(record.last4 as string)).toBe(true);
    const mine = await call(world.app, 'GET', '/api/v1/keys', key);
    expect(mine.status).toBe(200);
    expect(mine.body.items).toHaveLength(2);
    expect(JSON.stringify(mine.body)).not.toContain(key);
    // The new key is read-only: it reads, and cannot change anything, its own revocation included.
    const selfRevoke = await call(world.app, 'DELETE', `/api/v1/keys/${record.id as string}`, key);
    expect(selfRevoke).toMatchObject({ status: 403, body: { code: 'read_only' } });
    const revoked = await call(world.app, 'DELETE', `/api/v1/keys/${record.id as string}`, analyst.key);
    expect(revoked.status).toBe(200);
    expect(revoked.body.revoked_at).toEqual(expect.any(String));
    expect(await lastEntry(store)).toMatchObject({ action: 'key.revoke', outcome: 'ok' });
    expect((await call(world.app, 'GET', '/api/v1/keys', key)).status).toBe(401);
  });

  it("lets an org-admin manage a member's keys, and refuses others with codes", async () => {
    const orgAdmin = await member(world, org.id, 'org-admin');
    const analyst = await member(world, org.id, 'contributor');
    const outsider = await member(world, other.id, 'org-admin');
    const forUser = await call(world.app, 'POST', '/api/v1/keys', orgAdmin.key, { user_id: analyst.user.id });
    expect(forUser.status).toBe(201);
    const listed = await call(world.app, 'GET', `/api/v1/users/${analyst.user.id}/keys`, orgAdmin.key);
    expect(listed.body.items.map((k: { id: string }) => k.id)).toContain(forUser.body.record.id);
    const peek = await call(world.app, 'GET', `/api/v1/users/${analyst.user.id}/keys`, outsider.key);
    expect(peek).toMatchObject({ status: 403, body: { code: 'forbidden' } });
    expect(await lastEntry(store)).toMatchObject({ action: 'key.list', outcome: 'denied' });
    const mint = await call(world.app, 'POST', '/api/v1/keys', outsider.key, { user_id: analyst.user.id });
    expect(mint).toMatchObject({ status: 403, body: { code: 'forbidden' } });
    expect(await lastEntry(store)).toMatchObject({ action: 'key.create', outcome: 'denied' });
    const revoke = await call(
      world.app,
      'DELETE',
      `/api/v1/keys/${forUser.body.record.id as string}`,
      outsider.key,
    );
    expect(revoke).toMatchObject({ status: 403, body: { code: 'forbidden' } });
    const past = await call(world.app, 'POST', '/api/v1/keys', analyst.key, {
      expires_at: '2000-01-01T00:00:00Z',
    });
    expect(past).toMatchObject({ status: 400, body: { code: 'invalid_expiry' } });
    expect((await call(world.app, 'GET', '/api/v1/keys')).status).toBe(401);
    expect((await call(world.app, 'DELETE', '/api/v1/keys/nope', world.adminKey)).status).toBe(404);
  });
});
