import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeBackends } from '../../test/store-harness.js';
import { SYSTEM } from '../audit/actor.js';
import { validateObject } from '../stix/validate-object.js';
import type { Store } from '../store/store.js';
import {
  adminWorld,
  expectChainOk,
  expectRefusal,
  lastAudit,
  newOrg,
  signedIn,
  unique,
} from './admin-test-kit.js';
import type { AdminWorld } from './admin-test-kit.js';
import { organisationIdentity } from './organisation-identity.js';
import {
  createOrganisation,
  getOrganisation,
  listOrganisations,
  updateOrganisation,
} from './organisations.js';
import { addGroupMember, createSharingGroup } from './sharing-groups.js';

describe.each(storeBackends())('organisations on $name', (backend) => {
  let store: Store;
  let world: AdminWorld;
  beforeEach(async () => {
    store = await backend.open();
    world = await adminWorld(store);
  });
  afterEach(async () => {
    await store.close();
  });

  it('creates, lists and gets organisations with normalised fields', async () => {
    const org = await createOrganisation(store, world.admin, {
      name: '  Telecom CTI ',
      kind: 'private',
      sector: 'telecommunications',
      country: 'fr',
      defaultDistribution: 'community',
      defaultTlp: 'GREEN',
    });
    expect(org.id).toMatch(/^identity--[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(org).toMatchObject({
      name: 'Telecom CTI',
      country: 'FR',
      defaultTlp: 'green',
      defaultDistribution: 'community',
    });
    expect(await getOrganisation(store.db, org.id)).toEqual(org);
    const names = (await listOrganisations(store.db)).map((o) => o.name);
    expect(names).toEqual([world.adminOrg.name, 'Telecom CTI'].sort());
    expect(await lastAudit(store)).toMatchObject({
      action: 'org.create',
      target: org.id,
      outcome: 'ok',
      actor: world.admin.userId,
    });
  });

  it('defaults to the narrowest distribution and no TLP', async () => {
    const org = await createOrganisation(store, SYSTEM, { name: unique('Quiet'), kind: 'ngo' });
    expect(org).toMatchObject({
      defaultDistribution: 'organisation',
      defaultTlp: 'none',
      sector: null,
      country: null,
    });
    expect(await lastAudit(store)).toMatchObject({ actor: 'system', actor_org: null });
  });

  it('rejects invalid input with a typed error', async () => {
    const base = { name: unique('Bad'), kind: 'private' as const };
    await expectRefusal(createOrganisation(store, world.admin, { ...base, name: '  ' }), 'invalid_name', 400);
    await expectRefusal(
      createOrganisation(store, world.admin, { ...base, kind: 'pirate' as never }),
      'invalid_kind',
      400,
    );
    await expectRefusal(
      createOrganisation(store, world.admin, { ...base, country: 'XX' }),
      'invalid_country',
      400,
    );
    await expectRefusal(
      createOrganisation(store, world.admin, { ...base, country: 'FRA' }),
      'invalid_country',
      400,
    );
    await expectRefusal(
      createOrganisation(store, world.admin, { ...base, defaultTlp: 'white' }),
      'invalid_tlp',
      400,
    );
    await expectRefusal(
      createOrganisation(store, world.admin, { ...base, defaultDistribution: 'federation' }),
      'invalid_distribution',
      400,
    );
    await expectRefusal(
      createOrganisation(store, world.admin, {
        ...base,
        defaultDistribution: 'community',
        defaultTlp: 'amber',
      }),
      'tlp_exceeds_distribution',
      400,
    );
    await expectRefusal(
      createOrganisation(store, world.admin, { ...base, sector: 'x'.repeat(101) }),
      'invalid_sector',
      400,
    );
    expect(await listOrganisations(store.db)).toHaveLength(1);
  });

  it('keeps names unique regardless of case', async () => {
    await createOrganisation(store, world.admin, { name: 'Acme', kind: 'private' });
    await expectRefusal(
      createOrganisation(store, world.admin, { name: 'ACME', kind: 'cert' }),
      'organisation_exists',
      409,
    );
    const other = await newOrg(world);
    await expectRefusal(
      updateOrganisation(store, world.admin, other.id, { name: 'acme' }),
      'organisation_exists',
      409,
    );
  });

  it('lets only administrators create, and audits each refusal', async () => {
    const org = await newOrg(world);
    for (const role of ['org-admin', 'contributor', 'reader', 'sync'] as const) {
      const viewer = await signedIn(world, org.id, role);
      await expectRefusal(
        createOrganisation(store, viewer, { name: unique('X'), kind: 'other' }),
        'forbidden',
        403,
      );
      expect(await lastAudit(store)).toMatchObject({
        action: 'org.create',
        actor: viewer.userId,
        outcome: 'denied',
      });
    }
    const readOnlyAdmin = await signedIn(world, world.adminOrg.id, 'admin', { readOnly: true });
    await expectRefusal(
      createOrganisation(store, readOnlyAdmin, { name: unique('X'), kind: 'other' }),
      'read_only',
      403,
    );
    expect(await listOrganisations(store.db)).toHaveLength(2);
    await expectChainOk(store);
  });

  it("lets an org-admin update their own organisation but not its kind, nor another's", async () => {
    const mine = await newOrg(world);
    const theirs = await newOrg(world);
    const orgAdmin = await signedIn(world, mine.id, 'org-admin');
    const updated = await updateOrganisation(store, orgAdmin, mine.id, {
      sector: 'financial-services',
      country: 'de',
    });
    expect(updated).toMatchObject({ sector: 'financial-services', country: 'DE', kind: 'private' });
    expect(await getOrganisation(store.db, mine.id)).toEqual(updated);
    const entry = await lastAudit(store);
    expect(JSON.parse(entry.details)).toMatchObject({ before: { country: null }, after: { country: 'DE' } });
    await expectRefusal(
      updateOrganisation(store, orgAdmin, mine.id, { kind: 'law-enforcement' }),
      'forbidden',
      403,
    );
    await expectRefusal(updateOrganisation(store, orgAdmin, theirs.id, { sector: 'x' }), 'forbidden', 403);
    const contributor = await signedIn(world, mine.id, 'contributor');
    await expectRefusal(updateOrganisation(store, contributor, mine.id, { sector: 'x' }), 'forbidden', 403);
    expect((await getOrganisation(store.db, mine.id)).kind).toBe('private');
    expect(await updateOrganisation(store, world.admin, mine.id, { kind: 'law-enforcement' })).toMatchObject({
      kind: 'law-enforcement',
    });
    await expectRefusal(
      updateOrganisation(store, world.admin, 'identity--nope', { sector: 'x' }),
      'not_found',
      404,
    );
  });

  it('accepts a group default distribution only for a member of that group', async () => {
    const org = await newOrg(world);
    const group = await createSharingGroup(store, world.admin, {
      name: unique('Ops'),
      ownerOrg: world.adminOrg.id,
    });
    await expectRefusal(
      updateOrganisation(store, world.admin, org.id, { defaultDistribution: `group:${group.id}` }),
      'invalid_distribution',
      400,
    );
    await addGroupMember(store, world.admin, group.id, org.id);
    const updated = await updateOrganisation(store, world.admin, org.id, {
      defaultDistribution: `group:${group.id}`,
      defaultTlp: 'amber',
    });
    expect(updated).toMatchObject({ defaultDistribution: `group:${group.id}`, defaultTlp: 'amber' });
    // Widening the distribution while the TLP stays AMBER would make the defaults unusable.
    await expectRefusal(
      updateOrganisation(store, world.admin, org.id, { defaultDistribution: 'public' }),
      'tlp_exceeds_distribution',
      400,
    );
  });

  it('builds a valid STIX identity for an organisation', async () => {
    const org = await createOrganisation(store, world.admin, {
      name: unique('Police'),
      kind: 'law-enforcement',
      sector: 'government-national',
      country: 'NL',
    });
    const identity = organisationIdentity(org);
    expect(validateObject(identity)).toMatchObject({ valid: true, errors: [] });
    expect(identity).toEqual({
      type: 'identity',
      spec_version: '2.1',
      id: org.id,
      created: org.created,
      modified: org.created,
      name: org.name,
      identity_class: 'organization',
      sectors: ['government-national'],
      x_accord_kind: 'law-enforcement',
      x_accord_country: 'NL',
    });
    const freeText = organisationIdentity(
      { ...org, sector: 'cyber crime unit', country: null },
      '2027-01-01T00:00:00.000Z',
    );
    expect(freeText).not.toHaveProperty('sectors');
    expect(freeText).not.toHaveProperty('x_accord_country');
    expect(freeText.modified).toBe('2027-01-01T00:00:00.000Z');
    expect(validateObject(freeText).valid).toBe(true);
  });
});
