import type { Command } from 'commander';
import { Option } from 'commander';
import { JobRunner } from '../../jobs/job-runner.js';
import { addJob, getJob, listJobs, removeJob, updateJob } from '../../jobs/job-store.js';
import { isDistribution } from '../../policy/distribution.js';
import {
  presentPullPayload,
  pullJobName,
  runTaxiiPull,
  sealPullCredentials,
  TAXII_PULL,
} from '../../taxii/client/taxii-pull-job.js';
import type { TaxiiPullPayload } from '../../taxii/client/taxii-pull-job.js';
import { withStore } from '../cli-context.js';
import { CliError, EXIT } from '../cli-error.js';
import { authFromFlags, checkApiRoot, withAuthOptions } from './taxii-auth.js';
import type { TaxiiAuthFlags } from './taxii-auth.js';
import { TLP_CHOICES } from './taxii-pull.js';

interface AddFlags extends TaxiiAuthFlags {
  collection: string;
  cron: string;
  name?: string;
  as?: string;
  distribution?: string;
  tlp?: TaxiiPullPayload['tlp'];
}

/** Which credentials a pull job holds: the user name, and "(set)" for a key or password. */
function credentialsOf(payload: Record<string, unknown>): Record<string, unknown> {
  const { key, user, password } = presentPullPayload(payload);
  return {
    ...(key === undefined ? {} : { key }),
    ...(user === undefined ? {} : { user }),
    ...(password === undefined ? {} : { password }),
  };
}

export function registerTaxiiSchedule(taxii: Command): void {
  const schedule = taxii.command('schedule').description('scheduled pulls, run by `accord serve`');

  withAuthOptions(
    schedule
      .command('add')
      .description(
        'pull a remote collection on a cron schedule (UTC); shares its state with `accord taxii pull`',
      )
      .argument('<api-root-url>', 'the remote API root')
      .requiredOption('--collection <id>', 'collection id on the remote server')
      .requiredOption('--cron <expression>', 'e.g. "*/15 * * * *" for every 15 minutes'),
  )
    .option('--name <name>', 'job name (default: derived from the URL and collection)')
    .option('--as <email>', 'import as this local user (default: the first administrator)')
    .option('--distribution <d>', 'organisation | community | public | group:<id>')
    .addOption(new Option('--tlp <level>', 'TLP for objects without one').choices(TLP_CHOICES))
    .action(async (url: string, flags: AddFlags) => {
      const apiRoot = checkApiRoot(url);
      if (flags.distribution !== undefined && !isDistribution(flags.distribution))
        throw new CliError(
          `--distribution ${flags.distribution}: use organisation, community, public or group:<id>`,
        );
      // The same flags and environment (ACCORD_TAXII_KEY, ACCORD_TAXII_PASSWORD) as `taxii pull`.
      const auth = authFromFlags(flags);
      // Stored in the job row so the scheduler can authenticate: key and password sealed (src/secrets).
      const plain: Record<string, unknown> & { key?: string; password?: string } = {
        apiRoot,
        collection: flags.collection,
        ...(auth.kind === 'bearer' ? { key: auth.key } : {}),
        ...(auth.kind === 'basic' ? { user: auth.user, password: auth.password } : {}),
        ...(flags.as === undefined ? {} : { as: flags.as }),
        ...(flags.distribution === undefined ? {} : { distribution: flags.distribution }),
        ...(flags.tlp === undefined ? {} : { tlp: flags.tlp }),
      };
      await withStore(async ({ store }) => {
        const payload = await sealPullCredentials(store, plain);
        const name = flags.name ?? pullJobName(apiRoot, flags.collection);
        const existing = await getJob(store.db, name);
        if (existing !== undefined && existing.kind !== TAXII_PULL)
          throw new CliError(`a ${existing.kind} job is already named ${name}`, EXIT.invalid);
        const job =
          existing === undefined
            ? await addJob(store, { kind: TAXII_PULL, name, schedule: flags.cron, payload })
            : await updateJob(store.db, existing.id, { schedule: flags.cron, payload, enabled: true });
        process.stdout.write(`${job.name}: next run ${job.nextRunAt ?? 'never'}\n`);
      });
    });

  schedule
    .command('list')
    .description('list TAXII pull jobs and how their last run went')
    .option('--json', 'print JSON (credentials left out)')
    .action(async (flags: { json?: boolean }) => {
      await withStore(async ({ store }) => {
        const jobs = (await listJobs(store.db, TAXII_PULL)).map((j) => ({
          name: j.name,
          schedule: j.schedule,
          enabled: j.enabled,
          apiRoot: j.payload.apiRoot,
          collection: j.payload.collection,
          credentials: credentialsOf(j.payload),
          lastRunAt: j.lastRunAt,
          lastStatus: j.lastStatus,
          lastError: j.lastError,
          nextRunAt: j.nextRunAt,
          addedAfter: j.state.addedAfter ?? null,
        }));
        if (flags.json === true) {
          process.stdout.write(`${JSON.stringify({ jobs }, null, 2)}\n`);
          return;
        }
        for (const j of jobs)
          process.stdout.write(
            `${j.name}  ${j.schedule ?? '(manual)'}  last: ${j.lastStatus ?? 'never'}${j.lastError === null ? '' : ` (${j.lastError})`}  next: ${j.nextRunAt ?? '-'}\n`,
          );
      });
    });

  schedule
    .command('remove')
    .description('remove a pull job (and what it remembers)')
    .argument('<name>', 'job name or id')
    .action(async (name: string) => {
      await withStore(async ({ store }) => {
        await removeJob(store.db, name);
        process.stdout.write(`removed ${name}\n`);
      });
    });

  schedule
    .command('run')
    .description('run a pull job now, whatever its schedule')
    .argument('<name>', 'job name or id')
    .action(async (name: string) => {
      process.exitCode = await withStore(async ({ store }) => {
        if ((await getJob(store.db, name)) === undefined) throw new CliError(`no job ${name}`, EXIT.invalid);
        const result = await new JobRunner(store, { [TAXII_PULL]: runTaxiiPull }).runNow(name);
        if (result.status === 'ok') process.stdout.write(`${result.name}: ${result.summary ?? ''}\n`);
        else process.stderr.write(`${result.name}: failed: ${result.error ?? ''}\n`);
        return result.status === 'ok' ? EXIT.ok : EXIT.invalid;
      });
    });
}
