import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importText } from '../../../test/import-helpers.js';
import { bundle, indicator } from '../../../test/factories.js';
import { storeBackends } from '../../../test/store-harness.js';
import { createOrganisation } from '../../admin/organisations.js';
import type { Organisation } from '../../admin/organisation.js';
import { PAP_MARKING_IDS } from '../../policy/markings.js';
import type { Store } from '../../store/store.js';
import { TLP2_MARKING_IDS } from '../../stix/tlp.js';
import { call, httpWorld, member } from '../admin/admin-test-app.js';
import type { HttpWorld } from '../admin/admin-test-app.js';

describe.each(storeBackends())('GET /api/v1/objects/:id/audience on $name', (backend) => {
  let store: Store;
  let world: HttpWorld;
  let owner: Organisation;
  let other: Organisation;
  beforeEach(async () => {
    store = await backend.open();
    world = await httpWorld(store);
    owner = await createOrganisation(store, world.admin, { name: 'Owner', kind: 'cert' });
    other = await createOrganisation(store, world.admin, { name: 'Other', kind: 'ngo' });
  });
  afterEach(async () => {
    await world.app.close();
    await store.close();
  });

  it('explains an organisation-only object to its owner and administrators, and to nobody else', async () => {
    const writer = await member(world, owner.id, 'contributor');
    const outsider = await member(world, other.id, 'org-admin');
    const object = indicator({
      created_by_ref: owner.id,
      object_marking_refs: [TLP2_MARKING_IDS.red, PAP_MARKING_IDS.red],
    });
    const { summary } = await importText(store, writer.viewer, bundle([object]), {
      distribution: 'organisation',
    });
    expect(summary.created).toBe(1);
    const url = `/api/v1/objects/${object.id}/audience`;
    const seen = await call(world.app, 'GET', url, writer.key);
    expect(seen.status).toBe(200);
    expect(seen.body).toEqual({
      id: object.id,
      owner_org: owner.id,
      distribution: 'organisation',
      markings: { tlp: 'red', pap: 'red' },
      organisations: [
        { id: world.adminOrg.id, name: world.adminOrg.name, reasons: ['admin-role'] },
        { id: owner.id, name: 'Owner', reasons: ['owner'] },
      ],
      public: false,
      constraints: [
        'distribution organisation: only the owner organisation sees it',
        'TLP:RED limits this to a sharing group or the owner',
        'TLP:RED never appears in bulk exports or feeds',
        'PAP:RED keeps it out of automated blocking exports',
      ],
    });
    expect((await call(world.app, 'GET', url, world.adminKey)).body).toEqual(seen.body);
    expect(await call(world.app, 'GET', url, outsider.key)).toMatchObject({
      status: 404,
      body: { code: 'not_found' },
    });
    expect(await call(world.app, 'GET', url)).toMatchObject({ status: 401, body: { code: 'unauthorized' } });
    const bad = await call(world.app, 'GET', '/api/v1/objects/not-an-id/audience', writer.key);
    expect(bad).toMatchObject({ status: 400, body: { code: 'invalid_request' } });
  });

  it('marks public objects as reaching everyone', async () => {
    const writer = await member(world, owner.id, 'contributor');
    const object = indicator({ created_by_ref: owner.id, object_marking_refs: [TLP2_MARKING_IDS.clear] });
    await importText(store, writer.viewer, bundle([object]), { distribution: 'public' });
    const outsider = await member(world, other.id, 'reader');
    const seen = await call(world.app, 'GET', `/api/v1/objects/${object.id}/audience`, outsider.key);
    expect(seen.body.public).toBe(true);
    expect(seen.body.organisations).toEqual([
      { id: world.adminOrg.id, name: world.adminOrg.name, reasons: ['public'] },
      { id: other.id, name: 'Other', reasons: ['public'] },
      { id: owner.id, name: 'Owner', reasons: ['owner', 'public'] },
    ]);
  });
});
