import { SYSTEM } from '../../src/audit/actor.js';
import { addGroupMember, createSharingGroup } from '../../src/admin/sharing-groups.js';
import { createOrganisation } from '../../src/admin/organisations.js';
import { createUser } from '../../src/admin/users.js';
import type { UserViewer } from '../../src/policy/viewer.js';
import { viewerForUser } from '../../src/auth/viewer-for-user.js';
import type { StixObject } from '../../src/stix/types.js';
import type { Store } from '../../src/store/store.js';
import { indicator, malware, relationship, stixId } from '../factories.js';
import { importText } from '../import-helpers.js';

export const PASSWORD = 'correct horse battery staple';

export interface World {
  orgs: { telecom: string; police: string; bank: string };
  group: string;
  users: { admin: string; alice: string; bob: string; carol: string };
  viewers: { alice: UserViewer; bob: UserViewer; carol: UserViewer };
  ids: {
    emotet: string;
    shared: string;
    indicates: string;
    secret: string;
    secretRel: string;
    actor: string;
    uses: string;
    bobSighting: string;
    carolSighting: string;
  };
}

const NOW = new Date().toISOString();
const sdo = (type: string, extra: Record<string, unknown>): StixObject => ({
  type,
  spec_version: '2.1',
  id: stixId(type),
  created: NOW,
  modified: NOW,
  ...extra,
});

/**
 * Three organisations: a telecom and the police share the group "Operation partners", a bank stands
 * outside. The telecom shares malware, an indicator and their relationship with the group, keeps one
 * indicator to itself and publishes a threat actor to the community; the police and the bank each
 * report a sighting of one of the telecom's indicators.
 */
export async function seedWorld(store: Store): Promise<World> {
  const org = (name: string, kind: 'private' | 'law-enforcement') =>
    createOrganisation(store, SYSTEM, {
      name,
      kind,
      defaultDistribution: 'organisation',
      defaultTlp: 'none',
    });
  const [telecom, police, bank] = [
    await org('Example Telecom', 'private'),
    await org('Cyber Police', 'law-enforcement'),
    await org('Example Bank', 'private'),
  ];
  const user = (
    email: string,
    name: string,
    orgId: string,
    role: 'admin' | 'org-admin' | 'contributor' | 'reader',
  ) => createUser(store, SYSTEM, { email, name, orgId, role, password: PASSWORD });
  const admin = await user('admin@accord.test', 'Ada Admin', telecom.id, 'admin');
  const alice = await user('alice@telecom.test', 'Alice Analyst', telecom.id, 'org-admin');
  const bob = await user('bob@police.test', 'Bob Police', police.id, 'contributor');
  const carol = await user('carol@bank.test', 'Carol Bank', bank.id, 'contributor');
  const group = await createSharingGroup(store, SYSTEM, { name: 'Operation partners', ownerOrg: telecom.id });
  await addGroupMember(store, SYSTEM, group.id, police.id);
  const viewer = async (id: string) => (await viewerForUser(store, id))!;
  const [a, b, c] = [await viewer(alice.id), await viewer(bob.id), await viewer(carol.id)];

  const by = { created_by_ref: telecom.id };
  const emotet = malware({ ...by, name: 'Emotet', labels: ['banking'] });
  const shared = indicator({ ...by, name: 'Emotet C2 203.0.113.5', labels: ['c2'] });
  const indicates = relationship(shared.id, emotet.id, by);
  const secret = indicator({
    ...by,
    name: 'Private C2 198.51.100.7',
    pattern: "[ipv4-addr:value = '198.51.100.7']",
  });
  const secretRel = relationship(secret.id, emotet.id, by);
  await importText(
    store,
    a,
    { type: 'bundle', id: stixId('bundle'), objects: [emotet, shared, indicates] },
    {
      distribution: `group:${group.id}`,
      tlp: 'amber',
    },
  );
  await importText(
    store,
    a,
    { type: 'bundle', id: stixId('bundle'), objects: [secret, secretRel] },
    {
      distribution: 'organisation',
      tlp: 'red',
    },
  );
  const actor = sdo('threat-actor', {
    ...by,
    name: 'Wizard Spider',
    threat_actor_types: ['crime-syndicate'],
  });
  const uses = relationship(actor.id, emotet.id, { ...by, relationship_type: 'uses' });
  await importText(
    store,
    a,
    { type: 'bundle', id: stixId('bundle'), objects: [actor, uses] },
    {
      distribution: 'community',
      tlp: 'green',
    },
  );
  const bobSighting = sdo('sighting', { created_by_ref: police.id, sighting_of_ref: shared.id, count: 7 });
  await importText(
    store,
    b,
    { type: 'bundle', id: stixId('bundle'), objects: [bobSighting] },
    {
      distribution: `group:${group.id}`,
      tlp: 'amber',
    },
  );
  const carolSighting = sdo('sighting', { created_by_ref: bank.id, sighting_of_ref: secret.id, count: 3 });
  await importText(
    store,
    c,
    { type: 'bundle', id: stixId('bundle'), objects: [carolSighting] },
    {
      distribution: 'organisation',
      tlp: 'amber',
    },
  );
  return {
    orgs: { telecom: telecom.id, police: police.id, bank: bank.id },
    group: group.id,
    users: { admin: admin.id, alice: alice.id, bob: bob.id, carol: carol.id },
    viewers: { alice: a, bob: b, carol: c },
    ids: {
      emotet: emotet.id,
      shared: shared.id,
      indicates: indicates.id,
      secret: secret.id,
      secretRel: secretRel.id,
      actor: actor.id,
      uses: uses.id,
      bobSighting: bobSighting.id,
      carolSighting: carolSighting.id,
    },
  };
}
