import type { AdminWorld } from '../src/admin/admin-test-kit.js';
import { adminWorld, newOrg, signedIn } from '../src/admin/admin-test-kit.js';
import type { Organisation } from '../src/admin/organisation.js';
import { createOperation } from '../src/operations/operations.js';
import type { OperationDetail } from '../src/operations/operation.js';
import type { UserViewer } from '../src/policy/viewer.js';
import type { Store } from '../src/store/store.js';

/** A police lead, an agency, two partners in an operation, and an outsider; every viewer signed in. */
export interface OperationWorld {
  world: AdminWorld;
  store: Store;
  admin: UserViewer;
  orgs: {
    lead: Organisation;
    agency: Organisation;
    a: Organisation;
    b: Organisation;
    outsider: Organisation;
  };
  lead: UserViewer;
  agency: UserViewer;
  partnerA: UserViewer;
  partnerB: UserViewer;
  outsider: UserViewer;
  op: OperationDetail;
}

let n = 0;

export async function operationWorld(store: Store, code = `OP-${++n}`): Promise<OperationWorld> {
  const world = await adminWorld(store);
  const lead = await newOrg(world, { kind: 'law-enforcement', country: 'NL' });
  const agency = await newOrg(world, { kind: 'law-enforcement', country: 'DE' });
  const a = await newOrg(world, { kind: 'private' });
  const b = await newOrg(world, { kind: 'private' });
  const outsider = await newOrg(world, { kind: 'law-enforcement' });
  const leadAdmin = await signedIn(world, lead.id, 'org-admin');
  const op = await createOperation(store, leadAdmin, {
    name: 'Operation Endgame',
    code,
    description: 'Botnet droppers',
    participants: [
      { orgId: agency.id, role: 'participating-agency' },
      { orgId: a.id, role: 'contributing-partner' },
      { orgId: b.id, role: 'contributing-partner' },
    ],
    phases: [{ phase: 'planning', starts: '2026-01-01T00:00:00Z', ends: '2026-02-01T00:00:00Z' }],
    markings: { tlp: 'amber', pap: 'amber', handling: 'H1' },
  });
  // Signed in after the operation exists, so the sessions carry the new sharing group.
  return {
    world,
    store,
    admin: world.admin,
    orgs: { lead, agency, a, b, outsider },
    lead: await signedIn(world, lead.id, 'contributor'),
    agency: await signedIn(world, agency.id, 'contributor'),
    partnerA: await signedIn(world, a.id, 'contributor'),
    partnerB: await signedIn(world, b.id, 'contributor'),
    outsider: await signedIn(world, outsider.id, 'org-admin'),
    op,
  };
}
