import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../src/config.js';
import { buildApp } from '../src/http/app.js';
import type { AppContext } from '../src/http/app-context.js';
import { storeAuthenticator } from '../src/http/plugins/store-authenticator.js';
import { streamRoutes } from '../src/http/stream/stream.routes.js';
import type { StreamRouteOptions } from '../src/http/stream/stream.routes.js';
import type { Store } from '../src/store/store.js';

/** An app with the stream routes listening on a loopback port (SSE needs a real socket). */
export async function streamApp(
  store: Store,
  options: StreamRouteOptions,
  nats?: string,
): Promise<{ app: FastifyInstance; base: string }> {
  const ctx: AppContext = {
    store,
    config: loadConfig({
      ACCORD_DB: 'sqlite::memory:',
      ACCORD_BASE_URL: 'https://accord.example',
      ...(nats === undefined ? {} : { ACCORD_NATS_URL: nats }),
    }),
    auth: storeAuthenticator(store),
  };
  const app = await buildApp(ctx, { routes: [(c) => streamRoutes(c, options)], rateLimitPerMinute: 0 });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, base: address };
}
