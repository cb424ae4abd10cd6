import type { Command } from 'commander';
import { presentVersions } from '../../present/present-objects.js';
import { getVersion } from '../../store/objects/read-objects.js';
import { resolveActor, withStore } from '../cli-context.js';
import { CliError, EXIT } from '../cli-error.js';

export function registerGet(program: Command): void {
  program
    .command('get')
    .description('print one object (its newest version, or --version) as JSON')
    .argument('<id>', 'STIX id')
    .option('--version <modified>', 'a specific version')
    .option('--meta', 'also print owner, distribution and markings')
    .option('--as <email>', 'read as this user')
    .action(async (id: string, flags: { version?: string; meta?: boolean; as?: string }) => {
      await withStore(async ({ store }) => {
        const actor = await resolveActor(store, flags.as);
        const found = await getVersion(store.db, actor, id, flags.version);
        if (found === undefined) throw new CliError(`${id}: not found`, EXIT.invalid);
        const [presented] = await presentVersions(store.db, actor, [found]);
        process.stdout.write(
          `${JSON.stringify(flags.meta === true ? presented : presented!.object, null, 2)}\n`,
        );
      });
    });
}
