import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeBackends } from '../../../test/store-harness.js';
import { createOrganisation } from '../../admin/organisations.js';
import type { Organisation } from '../../admin/organisation.js';
import type { Store } from '../../store/store.js';
import { call, httpWorld, lastEntry, member } from './admin-test-app.js';
import type { HttpWorld } from './admin-test-app.js';

describe.each(storeBackends())('sharing groups API on $name', (backend) => {
  let store: Store;
  let world: HttpWorld;
  let telecom: Organisation;
  let police: Organisation;
  let peer: Organisation;
  beforeEach(async () => {
    store = await backend.open();
    world = await httpWorld(store);
    telecom = await createOrganisation(store, world.admin, { name: 'Telecom', kind: 'private' });
    police = await createOrganisation(store, world.admin, { name: 'Police', kind: 'law-enforcement' });
    peer = await createOrganisation(store, world.admin, { name: 'Peer', kind: 'private' });
  });
  afterEach(async () => {
    await world.app.close();
    await store.close();
  });

  it('runs a group through its life: create, rename, add, list, remove', async () => {
    const owner = await member(world, telecom.id, 'org-admin');
    const created = await call(world.app, 'POST', '/api/v1/groups', owner.key, {
      name: 'Operation partners',
      description: null,
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      name: 'Operation partners',
      description: null,
      owner_org: telecom.id,
      members: [telecom.id],
    });
    const id = created.body.id as string;
    const renamed = await call(world.app, 'PATCH', `/api/v1/groups/${id}`, owner.key, {
      description: 'Joint operation',
    });
    expect(renamed.body).toMatchObject({ name: 'Operation partners', description: 'Joint operation' });
    const added = await call(world.app, 'POST', `/api/v1/groups/${id}/members`, owner.key, {
      org_id: police.id,
    });
    expect(added.body.members).toEqual([police.id, telecom.id].sort());
    expect(await lastEntry(store)).toMatchObject({ action: 'group.member.add', outcome: 'ok', target: id });
    const policeUser = await member(world, police.id, 'reader');
    const peerUser = await member(world, peer.id, 'reader');
    const seen = await call(world.app, 'GET', '/api/v1/groups', policeUser.key);
    expect(seen.body.items.map((g: { id: string }) => g.id)).toEqual([id]);
    expect((await call(world.app, 'GET', '/api/v1/groups', peerUser.key)).body).toEqual({ items: [] });
    expect((await call(world.app, 'GET', `/api/v1/groups/${id}`, peerUser.key)).status).toBe(404);
    const admins = await call(world.app, 'GET', '/api/v1/groups', world.adminKey);
    expect(admins.body.items).toHaveLength(1);
    const removed = await call(world.app, 'DELETE', `/api/v1/groups/${id}/members/${police.id}`, owner.key);
    expect(removed.body.members).toEqual([telecom.id]);
    expect((await call(world.app, 'GET', '/api/v1/groups', policeUser.key)).body).toEqual({ items: [] });
  });

  it('refuses membership changes by anyone but the owner’s org-admin or an administrator', async () => {
    const group = (
      await call(world.app, 'POST', '/api/v1/groups', world.adminKey, { name: 'Ops', owner_org: telecom.id })
    ).body;
    const policeAdmin = await member(world, police.id, 'org-admin');
    const contributor = await member(world, telecom.id, 'contributor');
    const add = await call(
      world.app,
      'POST',
      `/api/v1/groups/${group.id as string}/members`,
      policeAdmin.key,
      {
        org_id: peer.id,
      },
    );
    expect(add).toMatchObject({ status: 403, body: { code: 'forbidden' } });
    expect(await lastEntry(store)).toMatchObject({
      action: 'group.member.add',
      outcome: 'denied',
      actor: policeAdmin.user.id,
    });
    const byContributor = await call(
      world.app,
      'POST',
      `/api/v1/groups/${group.id as string}/members`,
      contributor.key,
      { org_id: peer.id },
    );
    expect(byContributor.status).toBe(403);
    const rename = await call(world.app, 'PATCH', `/api/v1/groups/${group.id as string}`, policeAdmin.key, {
      name: 'Mine',
    });
    expect(rename).toMatchObject({ status: 403, body: { code: 'forbidden' } });
    expect(await lastEntry(store)).toMatchObject({ action: 'group.update', outcome: 'denied' });
    const forOther = await call(world.app, 'POST', '/api/v1/groups', policeAdmin.key, {
      name: 'Theirs',
      owner_org: telecom.id,
    });
    expect(forOther).toMatchObject({ status: 403, body: { code: 'forbidden' } });
    expect(await lastEntry(store)).toMatchObject({ action: 'group.create', outcome: 'denied' });
    const owner = await call(
      world.app,
      'DELETE',
      `/api/v1/groups/${group.id as string}/members/${telecom.id}`,
      world.adminKey,
    );
    expect(owner).toMatchObject({ status: 409, body: { code: 'group_owner' } });
    const notMember = await call(
      world.app,
      'DELETE',
      `/api/v1/groups/${group.id as string}/members/${peer.id}`,
      world.adminKey,
    );
    expect(notMember).toMatchObject({ status: 404, body: { code: 'not_found' } });
    const dup = await call(world.app, 'POST', '/api/v1/groups', world.adminKey, {
      name: 'ops',
      owner_org: police.id,
    });
    expect(dup).toMatchObject({ status: 409, body: { code: 'group_exists' } });
    expect((await call(world.app, 'GET', '/api/v1/groups')).status).toBe(401);
    const nameless = await call(world.app, 'POST', '/api/v1/groups', world.adminKey, {
      owner_org: police.id,
    });
    expect(nameless).toMatchObject({ status: 400, body: { code: 'invalid_request' } });
  });
});
