import type { Command } from 'commander';
import { Option } from 'commander';
import type { ObjectResult } from '../../ingest/import-result.js';
import { saveJobState } from '../../jobs/job-store.js';
import { isDistribution } from '../../policy/distribution.js';
import type { Distribution } from '../../policy/distribution.js';
import type { TlpLevel } from '../../policy/tlp.js';
import { pullCollection } from '../../taxii/client/pull-collection.js';
import { TaxiiClientError, TaxiiHttp } from '../../taxii/client/taxii-http.js';
import { pullStateJob } from '../../taxii/client/taxii-pull-job.js';
import { toMicroTimestamp } from '../../taxii/taxii-query.js';
import { resolveActor, withStore } from '../cli-context.js';
import { CliError, EXIT } from '../cli-error.js';
import { authFromFlags, checkApiRoot, withAuthOptions } from './taxii-auth.js';
import type { TaxiiAuthFlags } from './taxii-auth.js';

interface PullFlags extends TaxiiAuthFlags {
  collection: string;
  since?: string;
  as?: string;
  distribution?: string;
  tlp?: TlpLevel | 'none';
  limit: string;
  json?: boolean;
}

export const TLP_CHOICES = ['clear', 'green', 'amber', 'amber+strict', 'red', 'none'];
const MAX_PRINTED = 50;

export function registerTaxiiPull(taxii: Command): void {
  withAuthOptions(
    taxii
      .command('pull')
      .description(
        'import a remote TAXII 2.1 collection, incrementally (remembers where the last pull ended)',
      )
      .argument('<api-root-url>', 'the API root, e.g. https://intel.example.org/taxii2/api/')
      .requiredOption('--collection <id>', 'collection id on the remote server'),
  )
    .option('--since <timestamp>', 'only objects added after this (default: where the last pull ended)')
    .option('--as <email>', 'import as this local user (default: the first administrator)')
    .option(
      '--distribution <d>',
      'organisation | community | public | group:<id> (default: the organisation default)',
    )
    .addOption(new Option('--tlp <level>', 'TLP for objects without one').choices(TLP_CHOICES))
    .option('--limit <n>', 'objects per page', '1000')
    .option('--json', 'print a JSON summary')
    .action(async (url: string, flags: PullFlags) => {
      const apiRoot = checkApiRoot(url);
      if (flags.since !== undefined && toMicroTimestamp(flags.since) === undefined)
        throw new CliError(`--since ${flags.since}: use an RFC 3339 timestamp such as 2026-01-31T00:00:00Z`);
      if (flags.distribution !== undefined && !isDistribution(flags.distribution))
        throw new CliError(
          `--distribution ${flags.distribution}: use organisation, community, public or group:<id>`,
        );
      const limit = Number(flags.limit);
      if (!Number.isInteger(limit) || limit < 1) throw new CliError('--limit must be a positive integer');
      const http = new TaxiiHttp({ apiRoot, auth: authFromFlags(flags) });
      process.exitCode = await withStore(async ({ store }) => {
        const actor = await resolveActor(store, flags.as);
        const job = await pullStateJob(store, apiRoot, flags.collection);
        const remembered = typeof job.state.addedAfter === 'string' ? job.state.addedAfter : undefined;
        const problems: ObjectResult[] = [];
        let result;
        try {
          result = await pullCollection(store, actor, http, {
            collection: flags.collection,
            addedAfter: flags.since ?? remembered,
            limit,
            distribution: flags.distribution as Distribution | undefined,
            tlp: flags.tlp,
            onResult: (r) => {
              if (r.status !== 'created' && r.status !== 'duplicate' && problems.length < 10_000)
                problems.push(r);
            },
            onPage: (p) => {
              if (flags.json !== true && process.stderr.isTTY)
                process.stderr.write(`page ${p.number}: ${p.objects} objects\n`);
            },
          });
        } catch (error) {
          if (error instanceof TaxiiClientError) throw new CliError(error.message, EXIT.invalid);
          throw error;
        }
        if (result.addedAfter !== undefined)
          await saveJobState(store.db, job.id, { ...job.state, addedAfter: result.addedAfter });
        const s = result.summary;
        if (flags.json === true) {
          process.stdout.write(`${JSON.stringify({ ...result, problems }, null, 2)}\n`);
        } else {
          process.stdout.write(
            `${apiRoot} ${flags.collection}: ${result.objects} objects in ${result.pages} pages: ${s.created} created, ${s.duplicate} duplicate, ${s.invalid} invalid, ${s.refused} refused${result.addedAfter === undefined ? '' : `; next pull from ${result.addedAfter}`}\n`,
          );
          for (const p of problems.slice(0, MAX_PRINTED))
            for (const e of p.errors)
              process.stderr.write(`  ${p.id ?? `#${p.index}`}: ${e.code}: ${e.message}\n`);
          if (problems.length > MAX_PRINTED)
            process.stderr.write(`  ... and ${problems.length - MAX_PRINTED} more (use --json for all)\n`);
        }
        return s.invalid + s.refused > 0 || s.fatal !== undefined ? EXIT.invalid : EXIT.ok;
      });
    });
}
