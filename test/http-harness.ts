import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { SYSTEM } from '../src/audit/index.js';
import { createApiKey, viewerForUser } from '../src/auth/index.js';
import { loadConfig } from '../src/config.js';
import { buildApp } from '../src/http/app.js';
import type { AppContext } from '../src/http/app-context.js';
import { storeAuthenticator } from '../src/http/plugins/store-authenticator.js';
import type { Role, UserViewer } from '../src/policy/viewer.js';
import type { Store } from '../src/store/store.js';
import { addOrg } from './import-helpers.js';

export interface TestUser {
  viewer: UserViewer;
  key: string;
  auth: { authorization: string };
}

/** A real app on a real store with the production authenticator, for `app.inject` tests. */
export async function testApp(
  store: Store,
  routes: NonNullable<Parameters<typeof buildApp>[1]>['routes'] = [],
): Promise<FastifyInstance> {
  const ctx: AppContext = {
    store,
    config: loadConfig({ ACCORD_DB: 'sqlite::memory:', ACCORD_BASE_URL: 'https://accord.example' }),
    auth: storeAuthenticator(store),
  };
  return buildApp(ctx, { routes, rateLimitPerMinute: 0 });
}

/** An organisation (if `orgId` is new) and a user of it with a real API key. */
export async function testUser(
  store: Store,
  orgId: string,
  role: Role = 'contributor',
  groups: string[] = [],
): Promise<TestUser> {
  const exists = await store.db
    .selectFrom('organisations')
    .select('id')
    .where('id', '=', orgId)
    .executeTakeFirst();
  if (exists === undefined) await addOrg(store, orgId);
  for (const group of groups) {
    const known = await store.db
      .selectFrom('sharing_groups')
      .select('id')
      .where('id', '=', group)
      .executeTakeFirst();
    if (known === undefined) {
      await store.db
        .insertInto('sharing_groups')
        .values({
          id: group,
          name: `group ${group}`,
          description: null,
          owner_org: orgId,
          created: '2026-01-01T00:00:00.000Z',
        })
        .execute();
    }
    await store.db
      .insertInto('group_members')
      .values({ group_id: group, org_id: orgId, added: '2026-01-01T00:00:00.000Z' })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  const userId = randomUUID();
  await store.db
    .insertInto('users')
    .values({
      id: userId,
      email: `${userId.slice(0, 8)}@example.org`,
      name: 'Test',
      org_id: orgId,
      role,
      password_hash: null,
      disabled: 0,
      created: '2026-01-01T00:00:00.000Z',
    })
    .execute();
  const { key } = await createApiKey(store, SYSTEM, userId);
  const viewer = (await viewerForUser(store, userId))!;
  return { viewer, key, auth: { authorization: `Bearer ${key}` } };
}
