import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { SYSTEM } from '../audit/actor.js';
import { createApiKey } from '../auth/api-keys.js';
import { viewerForUser } from '../auth/viewer-for-user.js';
import { loadConfig } from '../config.js';
import { buildApp } from '../http/app.js';
import { storeAuthenticator } from '../http/plugins/store-authenticator.js';
import { serverRoutes } from '../http/server-routes.js';
import type { Role, UserViewer } from '../policy/viewer.js';
import type { Store } from '../store/store.js';
import { TAXII_MEDIA_TYPE } from './media-types.js';

export interface WorldUser {
  viewer: UserViewer;
  key: string;
  /** Authorization header values. */
  bearer: string;
  basic: string;
}

export interface TaxiiWorld {
  app: FastifyInstance;
  orgs: { telecom: string; police: string; peer: string };
  groupId: string;
  admin: WorldUser;
  telecom: WorldUser;
  police: WorldUser;
  peer: WorldUser;
  reader: WorldUser;
  readOnly: WorldUser;
}

async function addOrg(store: Store, name: string): Promise<string> {
  const id = `identity--${randomUUID()}`;
  await store.db
    .insertInto('organisations')
    .values({
      id,
      name: `${name} ${id.slice(-6)}`,
      kind: 'other',
      sector: null,
      country: null,
      default_distribution: 'community',
      default_tlp: 'none',
      created: new Date().toISOString(),
    })
    .execute();
  return id;
}

async function addUser(store: Store, orgId: string, role: Role, readOnly = false): Promise<WorldUser> {
  const id = randomUUID();
  const email = `${role}-${id.slice(0, 8)}@example.org`;
  await store.db
    .insertInto('users')
    .values({
      id,
      email,
      name: email,
      org_id: orgId,
      role,
      password_hash: null,
      disabled: 0,
      created: new Date().toISOString(),
    })
    .execute();
  const { key } = await createApiKey(store, SYSTEM, id, { readOnly });
  const viewer = (await viewerForUser(store, id))!;
  return {
    viewer: { ...viewer, readOnly },
    key,
    bearer: `Bearer ${key}`,
    basic: `Basic ${Buffer.from(`${email}:${key}`).toString('base64')}`,
  };
}

/**
 * A real Accord app (real store authenticator, real API keys) with three organisations: telecom and
 * police share the group "ops", peer is outside it.
 */
export async function taxiiWorld(store: Store, env: Record<string, string> = {}): Promise<TaxiiWorld> {
  const telecom = await addOrg(store, 'Telecom');
  const police = await addOrg(store, 'Police');
  const peer = await addOrg(store, 'Peer');
  const groupId = randomUUID();
  const now = new Date().toISOString();
  await store.db
    .insertInto('sharing_groups')
    .values({
      id: groupId,
      name: `ops ${groupId.slice(0, 6)}`,
      description: null,
      owner_org: telecom,
      created: now,
    })
    .execute();
  await store.db
    .insertInto('group_members')
    .values([
      { group_id: groupId, org_id: telecom, added: now },
      { group_id: groupId, org_id: police, added: now },
    ])
    .execute();
  const world = {
    orgs: { telecom, police, peer },
    groupId,
    admin: await addUser(store, telecom, 'admin'),
    telecom: await addUser(store, telecom, 'contributor'),
    police: await addUser(store, police, 'contributor'),
    peer: await addUser(store, peer, 'contributor'),
    reader: await addUser(store, peer, 'reader'),
    readOnly: await addUser(store, telecom, 'contributor', true),
  };
  const config = loadConfig({ ACCORD_DB: 'sqlite:unused', ACCORD_BASE_URL: 'http://accord.test', ...env });
  const app = await buildApp(
    { store, config, auth: storeAuthenticator(store) },
    { routes: serverRoutes, rateLimitPerMinute: 0 },
  );
  return { app, ...world };
}

export const TAXII_ACCEPT = { accept: TAXII_MEDIA_TYPE };
