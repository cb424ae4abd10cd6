import { once } from 'node:events';
import type { Command } from 'commander';
import { bundleStream } from '../../present/bundle-stream.js';
import type { ObjectFilters } from '../../store/objects/read-objects.js';
import { resolveActor, withStore } from '../cli-context.js';
import { CliError } from '../cli-error.js';

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

/** Writes respecting back-pressure, so a slow pipe never makes the export buffer everything. */
export async function writeOut(chunk: string): Promise<void> {
  if (!process.stdout.write(chunk)) await once(process.stdout, 'drain');
}

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('stream a STIX 2.1 bundle of stored objects to standard output')
    .option('--type <types>', 'only these STIX types, comma-separated')
    .option('--since <iso>', 'only objects added after this time (RFC 3339, UTC)')
    .option('--all-versions', 'every version, not only the newest of each object')
    .option('--as <email>', 'export what this user may see (default: the first administrator)')
    .action(async (flags: { type?: string; since?: string; allVersions?: boolean; as?: string }) => {
      if (flags.since !== undefined && !ISO.test(flags.since))
        throw new CliError(`--since ${flags.since}: use an RFC 3339 UTC timestamp like 2026-01-31T00:00:00Z`);
      const filters: ObjectFilters = {
        ...(flags.type === undefined ? {} : { types: flags.type.split(',').map((t) => t.trim()) }),
        ...(flags.since === undefined ? {} : { addedAfter: flags.since }),
      };
      await withStore(async ({ store }) => {
        const actor = await resolveActor(store, flags.as);
        for await (const chunk of bundleStream(store.db, actor, {
          filters,
          allVersions: flags.allVersions === true,
        })) {
          await writeOut(chunk);
        }
      });
    });
}
