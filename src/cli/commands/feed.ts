import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { Option } from 'commander';
import { CSV_PRESET_NAMES, TEXT_FORMATS } from '../../feeds/convert-format.js';
import { FEED_KIND, FEED_TYPES } from '../../feeds/feed-definition.js';
import type { FeedDefinition } from '../../feeds/feed-definition.js';
import type { FeedView } from '../../feeds/feeds.js';
import { addFeed, getFeed, listFeeds, removeFeed, setFeedHeaders } from '../../feeds/feeds.js';
import { runFeed } from '../../feeds/run-feed.js';
import { JobRunner } from '../../jobs/index.js';
import { isDistribution } from '../../policy/distribution.js';
import { resolveActor, withStore } from '../cli-context.js';
import { CliError, EXIT } from '../cli-error.js';

interface AddFlags {
  type: FeedDefinition['type'];
  url: string;
  schedule?: string;
  owner?: string;
  as?: string;
  distribution?: string;
  tlp?: FeedDefinition['tlp'];
  preset?: string;
  mapping?: string;
  textFormat?: string;
  collection?: string;
  header: string[];
  strict?: boolean;
}

const collect = (value: string, previous: string[]) => [...previous, value];

function headersOf(lines: readonly string[]): Record<string, string> | undefined {
  if (lines.length === 0) return undefined;
  const out: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new CliError(`--header ${line}: use "Name: value"`);
    out[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return out;
}

async function mappingOf(path: string | undefined): Promise<unknown> {
  if (path === undefined) return undefined;
  try {
    return JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new CliError(`--mapping ${path}: ${(error as Error).message}`);
  }
}

function describe(f: FeedView): string {
  const last =
    f.lastRunAt === null
      ? 'never run'
      : `last run ${f.lastRunAt} ${f.lastStatus ?? ''}${f.lastError === null ? '' : `: ${f.lastError}`}`;
  const counts =
    f.state.counts === undefined
      ? ''
      : ` | ${f.state.counts.created} created, ${f.state.counts.duplicate} duplicate of ${f.state.counts.total}`;
  return `${f.name}\t${f.type}\t${f.url}\t${f.schedule ?? 'manual'}\t${f.distribution ?? 'default'}\t${f.tlp ?? 'default'}\t${last}${counts}`;
}

/** `accord feed add|list|run|update|remove`: scheduled feeds kept as `feed` jobs (docs/FORMATS.md). */
export function registerFeed(program: Command): void {
  const feed = program.command('feed').description('scheduled feeds: MISP, CSV, text, STIX or TAXII');

  feed
    .command('add')
    .description('add a feed (runs on its --schedule under `accord serve`, or with `accord feed run`)')
    .argument('<name>', 'a unique name')
    .addOption(new Option('--type <type>', 'feed type').choices(FEED_TYPES).makeOptionMandatory())
    .requiredOption(
      '--url <url>',
      'MISP feed base URL or directory, CSV/text/STIX file URL, or TAXII API root',
    )
    .option('--schedule <cron>', 'cron expression in UTC, e.g. "0 * * * *" (default: manual runs only)')
    .option('--owner <identity>', "owner organisation's identity id (default: the acting user's)")
    .option('--as <email>', 'the user the feed writes as (default: the first administrator)')
    .option('--distribution <d>', 'organisation | community | public | group:<id> for everything it brings')
    .addOption(
      new Option('--tlp <level>', 'TLP for objects without one').choices([
        'clear',
        'green',
        'amber',
        'amber+strict',
        'red',
        'none',
      ]),
    )
    .addOption(new Option('--preset <name>', 'csv: column preset').choices(CSV_PRESET_NAMES))
    .option('--mapping <file>', 'csv: a JSON column mapping, overlaid on the preset')
    .addOption(new Option('--text-format <f>', 'text: input format').choices(TEXT_FORMATS))
    .option('--collection <id>', 'taxii: the collection to pull')
    .option('--header <line>', 'request header "Name: value" (repeatable; e.g. an API key)', collect, [])
    .option('--strict', 'write nothing from a run when any object is invalid or refused')
    .action(async (name: string, flags: AddFlags) => {
      if (flags.distribution !== undefined && !isDistribution(flags.distribution))
        throw new CliError(
          `--distribution ${flags.distribution}: use organisation, community, public or group:<id>`,
        );
      const mapping = await mappingOf(flags.mapping);
      await withStore(async ({ store }) => {
        const actor = await resolveActor(store, flags.as);
        const definition = {
          type: flags.type,
          url: flags.url,
          owner: flags.owner,
          distribution: flags.distribution,
          tlp: flags.tlp,
          preset: flags.preset,
          mapping,
          textFormat: flags.textFormat,
          collection: flags.collection,
          headers: headersOf(flags.header),
          strict: flags.strict,
        } as Parameters<typeof addFeed>[2]['definition'];
        const job = await addFeed(store, actor, { name, schedule: flags.schedule ?? null, definition });
        process.stdout.write(
          `feed ${job.name} added (${flags.type}, ${job.schedule === null ? 'manual runs' : `next run ${job.nextRunAt ?? ''}`})\n`,
        );
      });
    });

  feed
    .command('list')
    .description('list feeds with their schedule, last run and counts')
    .option('--json', 'print JSON')
    .action(async (flags: { json?: boolean }) => {
      await withStore(async ({ store }) => {
        const feeds = await listFeeds(store.db);
        if (flags.json === true) process.stdout.write(`${JSON.stringify(feeds, null, 2)}\n`);
        else if (feeds.length === 0) process.stdout.write('no feeds (add one with `accord feed add`)\n');
        else for (const f of feeds) process.stdout.write(`${describe(f)}\n`);
      });
    });

  feed
    .command('run')
    .description('run a feed now, whatever its schedule')
    .argument('<name>')
    .option('--json', 'print JSON')
    .action(async (name: string, flags: { json?: boolean }) => {
      process.exitCode = await withStore(async ({ store }) => {
        const job = await getFeed(store.db, name);
        const result = await new JobRunner(store, { [FEED_KIND]: runFeed }).runNow(job.id);
        if (flags.json === true) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        else if (result.status === 'ok') process.stdout.write(`${name}: ${result.summary ?? 'ok'}\n`);
        else process.stderr.write(`${name}: failed: ${result.error ?? ''}\n`);
        return result.status === 'ok' ? EXIT.ok : EXIT.invalid;
      });
    });

  feed
    .command('update')
    .description("replace a feed's request headers (its credentials), keeping its schedule and state")
    .argument('<name>')
    .option(
      '--header <line>',
      'request header "Name: value" (repeatable; none given: remove them)',
      collect,
      [],
    )
    .action(async (name: string, flags: { header: string[] }) => {
      const headers = headersOf(flags.header);
      await withStore(async ({ store }) => {
        await setFeedHeaders(store, name, headers);
        const names = Object.keys(headers ?? {});
        process.stdout.write(
          `feed ${name}: ${names.length === 0 ? 'no request headers' : `request headers ${names.join(', ')} set`}\n`,
        );
      });
    });

  feed
    .command('remove')
    .description('remove a feed (what it imported stays)')
    .argument('<name>')
    .action(async (name: string) => {
      await withStore(async ({ store }) => {
        await removeFeed(store.db, name);
        process.stdout.write(`feed ${name} removed\n`);
      });
    });
}
