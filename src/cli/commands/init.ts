import type { Command } from 'commander';
import { withStore } from '../cli-context.js';
import { firstRun, firstRunNotice } from '../first-run.js';

/**
 * `accord init`: prepares an empty store (schema, administrator, API key) without serving, for
 * scripted set-ups; any other local command would do the same on its first run.
 */
export function registerInit(program: Command): void {
  program
    .command('init')
    .description('prepare an empty store: create the administrator and print its API key once')
    .option('--json', 'print JSON')
    .action(async (flags: { json?: boolean }) => {
      await withStore(
        async ({ store }) => {
          const boot = await firstRun(store);
          if (flags.json === true) {
            const out = boot.created
              ? {
                  created: true,
                  organisation: { id: boot.org.id, name: boot.org.name },
                  administrator: { id: boot.user.id, email: boot.user.email },
                  api_key: boot.apiKey,
                }
              : { created: false };
            process.stdout.write(`${JSON.stringify(out)}\n`);
          } else {
            process.stdout.write(
              boot.created
                ? firstRunNotice(boot)
                : `The store ${store.dialect} is already initialised (it has users); nothing changed.\n`,
            );
          }
        },
        { firstRun: false },
      );
    });
}
