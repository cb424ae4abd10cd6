import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeBackends } from '../../test/store-harness.js';
import { SYSTEM } from '../audit/actor.js';
import type { UserViewer } from '../policy/viewer.js';
import type { Store } from '../store/store.js';
import { adminWorld, expectChainOk, expectRefusal, lastAudit, newOrg, signedIn } from './admin-test-kit.js';
import type { AdminWorld } from './admin-test-kit.js';
import type { Organisation } from './organisation.js';
import { getOrganisation, updateOrganisation } from './organisations.js';
import {
  addGroupMember,
  createSharingGroup,
  getSharingGroup,
  listSharingGroups,
  removeGroupMember,
  updateSharingGroup,
} from './sharing-groups.js';

describe.each(storeBackends())('sharing groups on $name', (backend) => {
  let store: Store;
  let world: AdminWorld;
  let police: Organisation;
  let telecom: Organisation;
  let bank: Organisation;
  let policeAdmin: UserViewer;
  beforeEach(async () => {
    store = await backend.open();
    world = await adminWorld(store);
    [police, telecom, bank] = [await newOrg(world), await newOrg(world), await newOrg(world)];
    policeAdmin = await signedIn(world, police.id, 'org-admin');
  });
  afterEach(async () => {
    await store.close();
  });

  it('creates a group owned by the org-admin’s organisation, which is its first member', async () => {
    const group = await createSharingGroup(store, policeAdmin, {
      name: 'Operation partners',
      description: ' Joint op ',
    });
    expect(group).toMatchObject({
      name: 'Operation partners',
      description: 'Joint op',
      ownerOrg: police.id,
      members: [police.id],
    });
    expect(group.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await getSharingGroup(store.db, policeAdmin, group.id)).toEqual(group);
    expect(await lastAudit(store)).toMatchObject({ action: 'group.create', target: group.id, outcome: 'ok' });
    await expectRefusal(
      createSharingGroup(store, policeAdmin, { name: 'OPERATION PARTNERS' }),
      'group_exists',
      409,
    );
  });

  it('lets only org-admins (for their own organisation) and administrators create groups', async () => {
    const contributor = await signedIn(world, police.id, 'contributor');
    await expectRefusal(createSharingGroup(store, contributor, { name: 'Mine' }), 'forbidden', 403);
    expect(await lastAudit(store)).toMatchObject({
      action: 'group.create',
      outcome: 'denied',
      actor: contributor.userId,
    });
    await expectRefusal(
      createSharingGroup(store, policeAdmin, { name: 'Theirs', ownerOrg: telecom.id }),
      'forbidden',
      403,
    );
    await expectRefusal(createSharingGroup(store, SYSTEM, { name: 'Nobody’s' }), 'owner_required', 400);
    const byAdmin = await createSharingGroup(store, world.admin, {
      name: 'For telecom',
      ownerOrg: telecom.id,
    });
    expect(byAdmin.members).toEqual([telecom.id]);
    await expectRefusal(
      createSharingGroup(store, world.admin, { name: 'Ghost', ownerOrg: 'identity--x' }),
      'not_found',
      404,
    );
  });

  it('shows each viewer only the groups their organisation belongs to; administrators see all', async () => {
    const ops = await createSharingGroup(store, policeAdmin, { name: 'Ops' });
    const banks = await createSharingGroup(store, world.admin, { name: 'Banks', ownerOrg: bank.id });
    await addGroupMember(store, policeAdmin, ops.id, telecom.id);
    const telecomUser = await signedIn(world, telecom.id, 'reader');
    const bankUser = await signedIn(world, bank.id, 'reader');
    expect((await listSharingGroups(store.db, telecomUser)).map((g) => g.name)).toEqual(['Ops']);
    expect((await listSharingGroups(store.db, telecomUser))[0]?.members).toEqual(
      [police.id, telecom.id].sort(),
    );
    expect((await listSharingGroups(store.db, bankUser)).map((g) => g.name)).toEqual(['Banks']);
    expect((await listSharingGroups(store.db, world.admin)).map((g) => g.name)).toEqual(['Banks', 'Ops']);
    await expectRefusal(getSharingGroup(store.db, bankUser, ops.id), 'not_found', 404);
    expect((await getSharingGroup(store.db, world.admin, banks.id)).ownerOrg).toBe(bank.id);
    const loner = await signedIn(world, (await newOrg(world)).id, 'org-admin');
    expect(await listSharingGroups(store.db, loner)).toEqual([]);
  });

  it('lets only the owner’s org-admin or an administrator change members, and audits refusals', async () => {
    const ops = await createSharingGroup(store, policeAdmin, { name: 'Ops' });
    const added = await addGroupMember(store, policeAdmin, ops.id, telecom.id);
    expect(added.members).toEqual([police.id, telecom.id].sort());
    expect(await lastAudit(store)).toMatchObject({
      action: 'group.member.add',
      target: ops.id,
      outcome: 'ok',
    });
    expect(await addGroupMember(store, policeAdmin, ops.id, telecom.id)).toEqual(added);
    const telecomAdmin = await signedIn(world, telecom.id, 'org-admin');
    await expectRefusal(addGroupMember(store, telecomAdmin, ops.id, bank.id), 'forbidden', 403);
    expect(await lastAudit(store)).toMatchObject({
      action: 'group.member.add',
      outcome: 'denied',
      actor: telecomAdmin.userId,
    });
    await expectRefusal(removeGroupMember(store, telecomAdmin, ops.id, telecom.id), 'forbidden', 403);
    const policeContributor = await signedIn(world, police.id, 'contributor');
    await expectRefusal(addGroupMember(store, policeContributor, ops.id, bank.id), 'forbidden', 403);
    const readOnlyAdmin = await signedIn(world, police.id, 'org-admin', { readOnly: true });
    await expectRefusal(addGroupMember(store, readOnlyAdmin, ops.id, bank.id), 'read_only', 403);
    await addGroupMember(store, world.admin, ops.id, bank.id);
    const removed = await removeGroupMember(store, policeAdmin, ops.id, bank.id);
    expect(removed.members).toEqual([police.id, telecom.id].sort());
    expect((await getSharingGroup(store.db, world.admin, ops.id)).members).toEqual(removed.members);
    await expectRefusal(addGroupMember(store, policeAdmin, ops.id, 'identity--missing'), 'not_found', 404);
    await expectRefusal(removeGroupMember(store, policeAdmin, ops.id, bank.id), 'not_found', 404);
    await expectRefusal(addGroupMember(store, policeAdmin, 'no-group', bank.id), 'not_found', 404);
    await expectChainOk(store);
  });

  it('refuses to remove the owner organisation', async () => {
    const ops = await createSharingGroup(store, policeAdmin, { name: 'Ops' });
    await expectRefusal(removeGroupMember(store, world.admin, ops.id, police.id), 'group_owner', 409);
    expect((await getSharingGroup(store.db, world.admin, ops.id)).members).toEqual([police.id]);
  });

  it('resets a removed member’s default distribution when it pointed at the group', async () => {
    const ops = await createSharingGroup(store, policeAdmin, { name: 'Ops' });
    await addGroupMember(store, policeAdmin, ops.id, telecom.id);
    await updateOrganisation(store, world.admin, telecom.id, {
      defaultDistribution: `group:${ops.id}`,
      defaultTlp: 'amber',
    });
    await removeGroupMember(store, policeAdmin, ops.id, telecom.id);
    expect(await getOrganisation(store.db, telecom.id)).toMatchObject({
      defaultDistribution: 'organisation',
      defaultTlp: 'amber',
    });
    expect(JSON.parse((await lastAudit(store)).details)).toEqual({
      org: telecom.id,
      defaultDistributionReset: true,
    });
  });

  it('updates name and description for the owner’s org-admin only', async () => {
    const ops = await createSharingGroup(store, policeAdmin, { name: 'Ops' });
    await createSharingGroup(store, world.admin, { name: 'Taken', ownerOrg: bank.id });
    const renamed = await updateSharingGroup(store, policeAdmin, ops.id, {
      name: 'Operation Endgame',
      description: null,
    });
    expect(renamed).toMatchObject({ name: 'Operation Endgame', description: null, members: [police.id] });
    expect(await getSharingGroup(store.db, policeAdmin, ops.id)).toEqual(renamed);
    await expectRefusal(
      updateSharingGroup(store, policeAdmin, ops.id, { name: 'taken' }),
      'group_exists',
      409,
    );
    const telecomAdmin = await signedIn(world, telecom.id, 'org-admin');
    await expectRefusal(
      updateSharingGroup(store, telecomAdmin, ops.id, { name: 'Mine now' }),
      'forbidden',
      403,
    );
    expect(await lastAudit(store)).toMatchObject({ action: 'group.update', outcome: 'denied' });
    expect((await getSharingGroup(store.db, world.admin, ops.id)).name).toBe('Operation Endgame');
  });
});
