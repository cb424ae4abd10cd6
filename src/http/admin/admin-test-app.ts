import type { FastifyInstance } from 'fastify';
import { ensureBootstrap } from '../../admin/bootstrap.js';
import type { Organisation } from '../../admin/organisation.js';
import { createUser } from '../../admin/users.js';
import type { User } from '../../admin/user.js';
import { createApiKey } from '../../auth/api-keys.js';
import { authenticateApiKey } from '../../auth/authenticate-api-key.js';
import { loadConfig } from '../../config.js';
import type { Role, UserViewer } from '../../policy/viewer.js';
import type { Store } from '../../store/store.js';
import { buildApp } from '../app.js';
import { storeAuthenticator } from '../plugins/store-authenticator.js';
import { serverRoutes } from '../server-routes.js';

/** Test kit for the admin, audit and audience routes: the real app, store and API-key authentication. */
export interface HttpWorld {
  store: Store;
  app: FastifyInstance;
  adminKey: string;
  admin: UserViewer;
  adminOrg: Organisation;
}

export interface Reply {
  status: number;
  // Tests read what they expect; a wrong shape fails the assertion, not the type check.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/** Bootstraps a fresh store and builds the full server (every route module the server registers). */
export async function httpWorld(store: Store): Promise<HttpWorld> {
  const boot = await ensureBootstrap(store);
  if (!boot.created) throw new Error('expected a fresh store');
  const admin = await authenticateApiKey(store, boot.apiKey);
  if (admin === null) throw new Error('bootstrap key does not authenticate');
  const config = loadConfig({ ACCORD_DB: 'sqlite::memory:', ACCORD_BASE_URL: 'https://accord.example' });
  const app = await buildApp(
    { store, config, auth: storeAuthenticator(store) },
    { routes: serverRoutes, rateLimitPerMinute: 0 },
  );
  return { store, app, adminKey: boot.apiKey, admin, adminOrg: boot.org };
}

let counter = 0;

/** A user of `orgId` with a real API key. */
export async function member(
  world: HttpWorld,
  orgId: string,
  role: Role,
  options: { readOnly?: boolean; email?: string } = {},
): Promise<{ user: User; key: string; viewer: UserViewer }> {
  const user = await createUser(world.store, world.admin, {
    email: options.email ?? `u${++counter}-${Math.random().toString(36).slice(2, 8)}@example.org`,
    name: `${role} ${counter}`,
    orgId,
    role,
  });
  const { key } = await createApiKey(world.store, world.admin, user.id, { readOnly: options.readOnly });
  const viewer = await authenticateApiKey(world.store, key);
  if (viewer === null) throw new Error('new key does not authenticate');
  return { user, key, viewer };
}

/** One request: `key` as Bearer (none: anonymous), `body` as JSON. */
export async function call(
  app: FastifyInstance,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  key?: string,
  body?: unknown,
): Promise<Reply> {
  const response = await app.inject({
    method,
    url,
    headers: key === undefined ? {} : { authorization: `Bearer ${key}` },
    ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
  });
  const text = response.body;
  return { status: response.statusCode, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
}

/** The newest audit entry. */
export function lastEntry(store: Store) {
  return store.db
    .selectFrom('audit_log')
    .selectAll()
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
}
