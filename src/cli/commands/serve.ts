import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { buildApp } from '../../http/app.js';
import { serverRoutes } from '../../http/server-routes.js';
import { storeAuthenticator } from '../../http/plugins/store-authenticator.js';
import { sessionAuthenticator } from '../../http/session/session-authenticator.js';
import { jobHandlers } from '../../job-handlers.js';
import { startScheduler } from '../../jobs/index.js';
import { openStore } from '../../store/open-store.js';
import { startSubscriptionWorker } from '../../stream/subscriptions/subscription-worker.js';
import { startFederation } from '../../federation/start-federation.js';
import { CliError } from '../cli-error.js';
import { firstRun, firstRunNotice } from '../first-run.js';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('run the Accord server (REST API, TAXII 2.1, feeds, web UI)')
    .option('--host <host>', 'listen address (default ACCORD_HOST or 127.0.0.1)')
    .option('--port <port>', 'listen port (default ACCORD_PORT or 8080)')
    .action(async (flags: { host?: string; port?: string }) => {
      const config = loadConfig({
        ...process.env,
        ...(flags.host === undefined ? {} : { ACCORD_HOST: flags.host }),
        ...(flags.port === undefined ? {} : { ACCORD_PORT: flags.port }),
      });
      const store = await openStore(config.db).catch((error: unknown) => {
        throw new CliError(`cannot open the store ${config.db}: ${(error as Error).message}`);
      });
      const boot = await firstRun(store);
      if (boot.created) process.stdout.write(firstRunNotice(boot));
      const app = await buildApp(
        { store, config, auth: storeAuthenticator(store, sessionAuthenticator(store)) },
        { logger: { level: config.logLevel }, routes: serverRoutes },
      );
      const scheduler = startScheduler(store, jobHandlers, {
        onError: (error) => {
          app.log.error({ err: error }, 'background job failed');
        },
      });
      const subscriptions = startSubscriptionWorker(store, {
        onError: (error) => {
          app.log.error({ err: error }, 'subscription webhooks failed');
        },
      });
      const federation = startFederation(store, config, app.log);
      const close = async () => {
        await federation?.stop();
        await subscriptions.stop();
        await scheduler.stop();
        await app.close();
        await store.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void close());
      process.once('SIGTERM', () => void close());
      await app.listen({ host: config.host, port: config.port });
      const address = app.server.address();
      const port = typeof address === 'object' && address !== null ? address.port : config.port;
      process.stdout.write(
        `Accord is serving on http://${config.host}:${port}/ (API docs: /api/docs, database: ${store.dialect})\n`,
      );
    });
}
