import { expect } from 'vitest';
import { verifyAuditChain } from '../audit/verify-audit-chain.js';
import { authenticateApiKey } from '../auth/authenticate-api-key.js';
import { AccordError } from '../errors.js';
import type { UserViewer } from '../policy/viewer.js';
import type { Role } from '../policy/viewer.js';
import type { Store } from '../store/store.js';
import { createApiKey } from '../auth/api-keys.js';
import { ensureBootstrap } from './bootstrap.js';
import type { Organisation } from './organisation.js';
import type { OrganisationInput } from './organisation-input.js';
import { createOrganisation } from './organisations.js';
import { createUser } from './users.js';

/** Test helpers shared by the admin, auth and audit tests: real services on a real store. */
export interface AdminWorld {
  store: Store;
  admin: UserViewer;
  adminOrg: Organisation;
}

let counter = 0;
export const unique = (stem: string) => `${stem} ${++counter}-${Math.random().toString(36).slice(2, 8)}`;

/** Bootstraps a fresh store and signs in as its administrator through the real API-key path. */
export async function adminWorld(store: Store): Promise<AdminWorld> {
  const boot = await ensureBootstrap(store);
  if (!boot.created) throw new Error('expected a fresh store');
  const admin = await authenticateApiKey(store, boot.apiKey);
  if (admin === null) throw new Error('bootstrap key does not authenticate');
  return { store, admin, adminOrg: boot.org };
}

export function newOrg(world: AdminWorld, input: Partial<OrganisationInput> = {}): Promise<Organisation> {
  return createOrganisation(world.store, world.admin, { name: unique('Org'), kind: 'private', ...input });
}

/** A user of `orgId` with `role`, signed in through a fresh API key (so the viewer is the real one). */
export async function signedIn(
  world: AdminWorld,
  orgId: string,
  role: Role,
  options: { readOnly?: boolean } = {},
): Promise<UserViewer> {
  const user = await createUser(world.store, world.admin, {
    email: `${unique('user').replace(/\W/g, '')}@example.org`,
    name: 'Test user',
    orgId,
    role,
  });
  const { key } = await createApiKey(world.store, world.admin, user.id, { readOnly: options.readOnly });
  const viewer = await authenticateApiKey(world.store, key);
  if (viewer === null) throw new Error('new key does not authenticate');
  return viewer;
}

/** Asserts `promise` rejects with an AccordError of `code`/`status`. */
export async function expectRefusal(promise: Promise<unknown>, code: string, status: number): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AccordError);
  expect(error).toMatchObject({ code, status });
}

export async function lastAudit(store: Store) {
  return store.db
    .selectFrom('audit_log')
    .selectAll()
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
}

export async function expectChainOk(store: Store): Promise<void> {
  const report = await verifyAuditChain(store);
  expect(report).toMatchObject({ ok: true });
}
