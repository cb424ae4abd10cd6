import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config.js';
import type { AppContext } from '../../src/http/app-context.js';
import { buildApp } from '../../src/http/app.js';
import { storeAuthenticator } from '../../src/http/plugins/store-authenticator.js';
import { serverRoutes } from '../../src/http/server-routes.js';
import { sessionAuthenticator } from '../../src/http/session/session-authenticator.js';
import type { Store } from '../../src/store/store.js';

type Routes = Array<(ctx: AppContext) => (app: FastifyInstance) => void | Promise<void>>;

/** The server as `accord serve` builds it, with cookie sessions; `routes` defaults to every feature's. */
export function webApp(store: Store, routes: Routes = serverRoutes): Promise<FastifyInstance> {
  const config = loadConfig({ ACCORD_DB: 'sqlite::memory:', ACCORD_LOG_LEVEL: 'silent' });
  return buildApp(
    { store, config, auth: storeAuthenticator(store, sessionAuthenticator(store)) },
    { routes, rateLimitPerMinute: 0 },
  );
}

/** Signs in through the API and returns the cookie pair to send back. */
export async function signIn(app: FastifyInstance, email: string, password: string): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/session',
    headers: { 'x-accord-csrf': '1' },
    payload: { email, password },
  });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
  const cookie = String(response.headers['set-cookie']).split(';')[0]!;
  return cookie;
}
