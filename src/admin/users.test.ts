import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeBackends } from '../../test/store-harness.js';
import type { Organisation } from './organisation.js';
import type { Store } from '../store/store.js';
import { adminWorld, expectChainOk, expectRefusal, lastAudit, newOrg, signedIn } from './admin-test-kit.js';
import type { AdminWorld } from './admin-test-kit.js';
import { createUser, disableUser, enableUser, getUserByEmail, listUsers, verifyPassword } from './users.js';

describe.each(storeBackends())('users on $name', (backend) => {
  let store: Store;
  let world: AdminWorld;
  let org: Organisation;
  beforeEach(async () => {
    store = await backend.open();
    world = await adminWorld(store);
    org = await newOrg(world);
  });
  afterEach(async () => {
    await store.close();
  });

  const input = (email: string, extra: object = {}) => ({
    email,
    name: 'Ana Analyst',
    orgId: org.id,
    role: 'contributor' as const,
    ...extra,
  });

  it('creates a user with a lower-cased, unique e-mail and an argon2id password hash', async () => {
    const user = await createUser(
      store,
      world.admin,
      input(' Ana@Example.ORG ', { password: 'correct horse battery' }),
    );
    expect(user).toMatchObject({
      email: 'ana@example.org',
      orgId: org.id,
      role: 'contributor',
      disabled: false,
      hasPassword: true,
    });
    expect(user).not.toHaveProperty('password_hash');
    const row = await store.db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.password_hash).not.toContain('correct horse');
    await expectRefusal(createUser(store, world.admin, input('ANA@example.org')), 'user_exists', 409);
    expect(await lastAudit(store)).toMatchObject({ action: 'user.create', target: user.id, outcome: 'ok' });
    expect((await lastAudit(store)).details).not.toContain('argon2');
  });

  it('validates e-mail, role, name, password and organisation', async () => {
    await expectRefusal(createUser(store, world.admin, input('not-an-email')), 'invalid_email', 400);
    await expectRefusal(createUser(store, world.admin, input('a b@c')), 'invalid_email', 400);
    await expectRefusal(createUser(store, world.admin, input('x@y', { role: 'root' })), 'invalid_role', 400);
    await expectRefusal(createUser(store, world.admin, input('x@y', { name: ' ' })), 'invalid_name', 400);
    await expectRefusal(
      createUser(store, world.admin, input('x@y', { password: 'short' })),
      'weak_password',
      400,
    );
    await expectRefusal(
      createUser(store, world.admin, input('x@y', { orgId: 'identity--missing' })),
      'not_found',
      404,
    );
  });

  it('lets an org-admin create users in their own organisation with ordinary roles only', async () => {
    const orgAdmin = await signedIn(world, org.id, 'org-admin');
    const reader = await createUser(store, orgAdmin, input('reader@x.org', { role: 'reader' }));
    expect(reader.role).toBe('reader');
    for (const role of ['admin', 'sync'] as const) {
      await expectRefusal(
        createUser(store, orgAdmin, input(`${role}@x.org`, { role })),
        'role_not_grantable',
        403,
      );
      expect(await lastAudit(store)).toMatchObject({ action: 'user.create', outcome: 'denied' });
    }
    const other = await newOrg(world);
    await expectRefusal(createUser(store, orgAdmin, input('o@x.org', { orgId: other.id })), 'forbidden', 403);
    const contributor = await signedIn(world, org.id, 'contributor');
    await expectRefusal(createUser(store, contributor, input('c@x.org')), 'forbidden', 403);
    const readOnly = await signedIn(world, org.id, 'org-admin', { readOnly: true });
    await expectRefusal(createUser(store, readOnly, input('r@x.org')), 'read_only', 403);
    expect(
      await store.db.selectFrom('users').select('email').where('email', 'like', '%@x.org').execute(),
    ).toEqual([{ email: 'reader@x.org' }]);
    await expectChainOk(store);
  });

  it('lists an organisation’s users for admins and its org-admin only', async () => {
    const orgAdmin = await signedIn(world, org.id, 'org-admin');
    const a = await createUser(store, world.admin, input('b@org.test'));
    const listed = await listUsers(store, world.admin, org.id);
    expect(listed.map((u) => u.email)).toEqual([orgAdmin.email, a.email].sort());
    expect(await listUsers(store, orgAdmin, org.id)).toEqual(listed);
    const contributor = await signedIn(world, org.id, 'contributor');
    await expectRefusal(listUsers(store, contributor, org.id), 'forbidden', 403);
    await expectRefusal(listUsers(store, orgAdmin, world.adminOrg.id), 'forbidden', 403);
  });

  it('gets a user by e-mail for admins, their org-admin and themselves; others get not found', async () => {
    const user = await signedIn(world, org.id, 'contributor');
    const orgAdmin = await signedIn(world, org.id, 'org-admin');
    expect((await getUserByEmail(store, world.admin, user.email.toUpperCase())).id).toBe(user.userId);
    expect((await getUserByEmail(store, orgAdmin, user.email)).id).toBe(user.userId);
    expect((await getUserByEmail(store, user, user.email)).id).toBe(user.userId);
    const outsider = await signedIn(world, (await newOrg(world)).id, 'org-admin');
    await expectRefusal(getUserByEmail(store, outsider, user.email), 'not_found', 404);
    await expectRefusal(getUserByEmail(store, world.admin, 'nobody@x'), 'not_found', 404);
  });

  it('disables and enables users, guarding against lock-out', async () => {
    const user = await createUser(
      store,
      world.admin,
      input('d@org.test', { password: 'a long enough password' }),
    );
    expect(await verifyPassword(store, 'd@org.test', 'a long enough password')).not.toBeNull();
    expect(await disableUser(store, world.admin, user.id)).toMatchObject({ disabled: true });
    expect(await lastAudit(store)).toMatchObject({ action: 'user.disable', target: user.id, outcome: 'ok' });
    expect(await verifyPassword(store, 'd@org.test', 'a long enough password')).toBeNull();
    expect(await enableUser(store, world.admin, user.id)).toMatchObject({ disabled: false });
    expect(await verifyPassword(store, 'd@org.test', 'a long enough password')).not.toBeNull();
    await expectRefusal(disableUser(store, world.admin, world.admin.userId), 'cannot_disable_self', 409);
    const admin2 = await signedIn(world, world.adminOrg.id, 'admin');
    await disableUser(store, admin2, world.admin.userId);
    await expectRefusal(enableUser(store, admin2, 'missing-id'), 'not_found', 404);
  });

  it('refuses to disable the last enabled administrator', async () => {
    const admin2 = await signedIn(world, world.adminOrg.id, 'admin');
    await disableUser(store, admin2, world.admin.userId);
    const admin3 = await signedIn(world, world.adminOrg.id, 'admin');
    await disableUser(store, admin3, admin2.userId);
    // admin3 is the only one left; nobody else can disable it, and it cannot disable itself.
    await expectRefusal(disableUser(store, admin3, admin3.userId), 'cannot_disable_self', 409);
    await enableUser(store, admin3, admin2.userId);
    await disableUser(store, admin2, admin3.userId);
    await expectRefusal(
      disableUser(store, { ...admin3, userId: 'someone', role: 'admin' }, admin2.userId),
      'last_admin',
      409,
    );
  });

  it('lets an org-admin disable ordinary users of their organisation only', async () => {
    const orgAdmin = await signedIn(world, org.id, 'org-admin');
    const member = await signedIn(world, org.id, 'contributor');
    const sync = await signedIn(world, org.id, 'sync');
    await disableUser(store, orgAdmin, member.userId);
    await expectRefusal(disableUser(store, orgAdmin, sync.userId), 'forbidden', 403);
    const outsider = await signedIn(world, (await newOrg(world)).id, 'contributor');
    await expectRefusal(disableUser(store, orgAdmin, outsider.userId), 'forbidden', 403);
    expect(await lastAudit(store)).toMatchObject({
      action: 'user.disable',
      outcome: 'denied',
      target: outsider.userId,
    });
  });

  it('verifies passwords, refusing unknown users, wrong passwords and users without one, and audits logins', async () => {
    await createUser(store, world.admin, input('p@org.test', { password: 'the right password' }));
    const viewer = await verifyPassword(store, 'P@org.test', 'the right password');
    expect(viewer).toMatchObject({
      kind: 'user',
      email: 'p@org.test',
      orgId: org.id,
      role: 'contributor',
      readOnly: false,
      groups: [],
    });
    expect(viewer).not.toHaveProperty('keyId');
    expect(await lastAudit(store)).toMatchObject({
      action: 'login',
      outcome: 'ok',
      actor: viewer?.userId,
      target: 'p@org.test',
    });
    expect(await verifyPassword(store, 'p@org.test', 'the wrong password')).toBeNull();
    expect(await lastAudit(store)).toMatchObject({
      action: 'login',
      outcome: 'denied',
      target: 'p@org.test',
    });
    expect(await verifyPassword(store, 'ghost@org.test', 'the right password')).toBeNull();
    expect(await lastAudit(store)).toMatchObject({ action: 'login', outcome: 'denied', actor: null });
    await createUser(store, world.admin, input('nopw@org.test'));
    expect(await verifyPassword(store, 'nopw@org.test', '')).toBeNull();
    await expectChainOk(store);
  });
});
