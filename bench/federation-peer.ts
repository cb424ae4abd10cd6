// The sending instance of the federation catch-up bench, in its own process as a real peer is: it
// opens its store (a SQLite file or a PostgreSQL schema) and serves the federation routes on a
// loopback port, which it reports to the parent; it closes when the parent says so.
import { loadConfig } from '../src/config.js';
import { buildApp } from '../src/http/app.js';
import { federationRoutes } from '../src/http/federation/federation.routes.js';
import { storeAuthenticator } from '../src/http/plugins/store-authenticator.js';
import { openPostgresStore } from '../src/store/postgres/open-postgres.js';
import { openSqliteStore } from '../src/store/sqlite/open-sqlite.js';

export interface PeerStart {
  sqlite?: string;
  schema?: string;
}

const start = await new Promise<PeerStart>((resolve) => process.once('message', resolve));
const store =
  start.sqlite !== undefined
    ? await openSqliteStore(start.sqlite)
    : await openPostgresStore(process.env.ACCORD_TEST_PG!, { schema: start.schema! });
const app = await buildApp(
  {
    store,
    config: loadConfig({ ACCORD_DB: 'sqlite::memory:', ACCORD_BASE_URL: 'https://accord.example' }),
    auth: storeAuthenticator(store),
  },
  { routes: [federationRoutes], rateLimitPerMinute: 0 },
);
const base = await app.listen({ port: 0, host: '127.0.0.1' });
process.send!({ base });
process.once('message', () => {
  void app
    .close()
    .then(() => store.close())
    .then(() => process.exit(0));
});
