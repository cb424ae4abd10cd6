import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeBackends } from '../../../test/store-harness.js';
import { getVersion } from '../../store/objects/read-objects.js';
import type { Store } from '../../store/store.js';
import { call, httpWorld, lastEntry, member } from './admin-test-app.js';
import type { HttpWorld } from './admin-test-app.js';

describe.each(storeBackends())('organisations API on $name', (backend) => {
  let store: Store;
  let world: HttpWorld;
  beforeEach(async () => {
    store = await backend.open();
    world = await httpWorld(store);
  });
  afterEach(async () => {
    await world.app.close();
    await store.close();
  });

  const telecom = {
    name: 'Telecom',
    kind: 'private',
    sector: 'telecommunications',
    country: 'de',
    default_distribution: 'organisation',
    default_tlp: 'amber',
  };

  it('creates an organisation and stores its STIX identity as an object', async () => {
    const created = await call(world.app, 'POST', '/api/v1/organisations', world.adminKey, telecom);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'Telecom',
      kind: 'private',
      sector: 'telecommunications',
      country: 'DE',
      default_distribution: 'organisation',
      default_tlp: 'amber',
    });
    const id = created.body.id as string;
    expect(id).toMatch(/^identity--/);
    const identity = await getVersion(store.db, world.admin, id);
    expect(identity).toMatchObject({ ownerOrg: id, distribution: 'community', tlp: null });
    expect(JSON.parse(identity!.data)).toMatchObject({
      type: 'identity',
      identity_class: 'organization',
      name: 'Telecom',
      sectors: ['telecommunications'],
      created_by_ref: id,
      x_accord_kind: 'private',
      x_accord_country: 'DE',
    });
    const peer = await member(world, world.adminOrg.id, 'reader');
    const list = await call(world.app, 'GET', '/api/v1/organisations', peer.key);
    expect(list.status).toBe(200);
    expect(list.body.items.map((o: { name: string }) => o.name)).toContain('Telecom');
    const one = await call(world.app, 'GET', `/api/v1/organisations/${id}`, peer.key);
    expect(one.body).toEqual(created.body);
  });

  it('lets the org-admin change its defaults, and publishes a new identity version on a rename', async () => {
    const org = (await call(world.app, 'POST', '/api/v1/organisations', world.adminKey, telecom)).body;
    const orgAdmin = await member(world, org.id, 'org-admin');
    const patched = await call(world.app, 'PATCH', `/api/v1/organisations/${org.id}`, orgAdmin.key, {
      default_tlp: 'green',
      default_distribution: 'community',
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ default_tlp: 'green', default_distribution: 'community' });
    const versions = () =>
      store.db.selectFrom('objects').select('version').where('id', '=', org.id).execute();
    expect(await versions()).toHaveLength(1);
    const renamed = await call(world.app, 'PATCH', `/api/v1/organisations/${org.id}`, orgAdmin.key, {
      name: 'Telecom AG',
    });
    expect(renamed.status).toBe(200);
    expect(await versions()).toHaveLength(2);
    const head = await getVersion(store.db, world.admin, org.id);
    expect(JSON.parse(head!.data)).toMatchObject({ name: 'Telecom AG' });
  });

  it('refuses with codes, and audits each 403 as denied', async () => {
    const org = (await call(world.app, 'POST', '/api/v1/organisations', world.adminKey, telecom)).body;
    const other = (
      await call(world.app, 'POST', '/api/v1/organisations', world.adminKey, { name: 'Other', kind: 'ngo' })
    ).body;
    const orgAdmin = await member(world, org.id, 'org-admin');
    const contributor = await member(world, org.id, 'contributor');

    expect(await call(world.app, 'GET', '/api/v1/organisations')).toMatchObject({
      status: 401,
      body: { code: 'unauthorized' },
    });
    const byOrgAdmin = await call(world.app, 'POST', '/api/v1/organisations', orgAdmin.key, {
      name: 'Rogue',
      kind: 'private',
    });
    expect(byOrgAdmin).toMatchObject({ status: 403, body: { code: 'forbidden' } });
    expect(await lastEntry(store)).toMatchObject({
      action: 'org.create',
      outcome: 'denied',
      actor: orgAdmin.user.id,
    });
    const foreign = await call(world.app, 'PATCH', `/api/v1/organisations/${other.id}`, orgAdmin.key, {
      default_tlp: 'red',
    });
    expect(foreign).toMatchObject({ status: 403, body: { code: 'forbidden' } });
    expect(await lastEntry(store)).toMatchObject({ action: 'org.update', outcome: 'denied' });
    const byContributor = await call(world.app, 'PATCH', `/api/v1/organisations/${org.id}`, contributor.key, {
      default_tlp: 'red',
    });
    expect(byContributor.status).toBe(403);
    const kind = await call(world.app, 'PATCH', `/api/v1/organisations/${org.id}`, orgAdmin.key, {
      kind: 'law-enforcement',
    });
    expect(kind).toMatchObject({ status: 403, body: { code: 'forbidden' } });
    const tooWide = await call(world.app, 'PATCH', `/api/v1/organisations/${org.id}`, orgAdmin.key, {
      default_tlp: 'amber',
      default_distribution: 'public',
    });
    expect(tooWide).toMatchObject({ status: 400, body: { code: 'tlp_exceeds_distribution' } });
    const dup = await call(world.app, 'POST', '/api/v1/organisations', world.adminKey, telecom);
    expect(dup).toMatchObject({ status: 409, body: { code: 'organisation_exists' } });
    const badKind = await call(world.app, 'POST', '/api/v1/organisations', world.adminKey, {
      name: 'X',
      kind: 'pirate',
    });
    expect(badKind).toMatchObject({ status: 400, body: { code: 'invalid_request' } });
    const badCountry = await call(world.app, 'POST', '/api/v1/organisations', world.adminKey, {
      name: 'Y',
      kind: 'private',
      country: 'XX',
    });
    expect(badCountry).toMatchObject({ status: 400, body: { code: 'invalid_country' } });
    const missing = await call(world.app, 'GET', '/api/v1/organisations/identity--nope', world.adminKey);
    expect(missing).toMatchObject({ status: 404, body: { code: 'not_found' } });
  });
});
