import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { listDeliveries, testFire } from '../../stream/subscriptions/subscription-deliveries.js';
import type { Delivery } from '../../stream/subscriptions/subscription-deliveries.js';
import { SubscriptionQuery } from '../../stream/subscriptions/subscription-query.js';
import {
  createSubscription,
  deleteSubscription,
  getSubscription,
  listSubscriptions,
} from '../../stream/subscriptions/subscriptions.js';
import type { Subscription } from '../../stream/subscriptions/subscriptions.js';
import { resolveActor, withStore } from '../cli-context.js';
import { CliError, EXIT } from '../cli-error.js';

interface CreateFlags {
  name: string;
  type?: string[];
  org?: string;
  createdByRef?: string;
  q?: string;
  tlp?: string[];
  label?: string;
  pattern?: string;
  patternFile?: string;
  webhook?: string;
  as?: string;
  json?: boolean;
}

interface ActorFlags {
  as?: string;
  json?: boolean;
}

const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

/** The flag a query path came from, so an error names what the user typed. */
const FLAG_OF: Record<string, string> = {
  type: '--type',
  org: '--org',
  created_by_ref: '--created-by-ref',
  q: '--q',
  tlp: '--tlp',
  label: '--label',
  pattern: '--pattern',
};

async function queryOf(flags: CreateFlags): Promise<SubscriptionQuery> {
  if (flags.pattern !== undefined && flags.patternFile !== undefined)
    throw new CliError('--pattern and --pattern-file: give one of them', EXIT.usage);
  const pattern =
    flags.patternFile === undefined
      ? flags.pattern
      : (
          await readFile(flags.patternFile, 'utf8').catch((e: unknown) => {
            throw new CliError(`--pattern-file ${flags.patternFile ?? ''}: ${(e as Error).message}`);
          })
        ).trim();
  const search = Object.fromEntries(
    Object.entries({
      type: flags.type,
      org: flags.org,
      created_by_ref: flags.createdByRef,
      q: flags.q,
      tlp: flags.tlp?.map((t) => t.toLowerCase()),
      label: flags.label,
    }).filter(([, v]) => v !== undefined),
  );
  const raw = {
    ...(Object.keys(search).length === 0 ? {} : { search }),
    ...(pattern === undefined ? {} : { pattern }),
  };
  const parsed = SubscriptionQuery.safeParse(raw);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => {
    const key = String(issue.path.at(issue.path[0] === 'search' ? 1 : 0) ?? '');
    const flag = FLAG_OF[key] ?? 'query';
    return `${flag}: ${issue.message}`;
  });
  throw new CliError(`${lines.join('\n')}\nnothing saved`, EXIT.invalid);
}

function describeQuery(s: Subscription): string {
  const parts: string[] = [];
  const search = s.query.search;
  if (search !== undefined)
    for (const [k, v] of Object.entries(search)) parts.push(`${k}=${Array.isArray(v) ? v.join(',') : v}`);
  if (s.query.pattern !== undefined) parts.push(`pattern=${s.query.pattern}`);
  return parts.join(' ');
}

const line = (s: Subscription) =>
  `${s.id}\t${s.name}\t${s.webhookUrl ?? '(stream only)'}\t${describeQuery(s)}\n`;

const deliveryLine = (d: Delivery) =>
  `${d.created}\t${d.status}\t${d.kind}\t${d.objectId ?? ''}\tattempts=${String(d.attempts)}` +
  `${d.lastStatus === null ? '' : `\tHTTP ${String(d.lastStatus)}`}${d.lastError === null ? '' : `\t${d.lastError}`}\n`;

const print = (json: boolean | undefined, value: unknown, text: string) =>
  process.stdout.write(json === true ? `${JSON.stringify(value, null, 2)}\n` : text);

function create(cmd: Command): void {
  cmd
    .command('create')
    .description('save a search or a STIX pattern; new matching objects reach the stream and a webhook')
    .requiredOption('--name <name>', 'what to call it')
    .option('--type <type>', 'STIX type to follow (repeatable)', collect)
    .option('--org <identity>', "owner organisation's identity id")
    .option('--created-by-ref <identity>', 'created_by_ref to follow')
    .option('--q <text>', 'text the object must contain, as the search page')
    .option(
      '--tlp <tlp>',
      'TLP to follow: clear, green, amber, amber+strict, red, none (repeatable)',
      collect,
    )
    .option('--label <label>', 'an exact STIX label')
    .option('--pattern <pattern>', 'a STIX pattern new objects must satisfy')
    .option('--pattern-file <file>', 'read the pattern from a file')
    .option('--webhook <url>', 'POST each match here, signed with HMAC-SHA-256 (x-accord-signature)')
    .option('--as <email>', 'act as this user (default: the first administrator)')
    .option('--json', 'print the subscription as JSON')
    .action(async (flags: CreateFlags) => {
      if (flags.name.trim() === '') throw new CliError('--name: is empty');
      const query = await queryOf(flags);
      const { subscription, secret } = await withStore(async ({ store }) =>
        createSubscription(store, await resolveActor(store, flags.as), {
          name: flags.name,
          query,
          webhookUrl: flags.webhook,
        }),
      );
      print(
        flags.json,
        { subscription, ...(secret === undefined ? {} : { webhook_secret: secret }) },
        `${line(subscription)}${secret === undefined ? '' : `webhook secret (shown once): ${secret}\n`}`,
      );
    });
}

function list(cmd: Command): void {
  cmd
    .command('list')
    .description('your own subscriptions')
    .option('--as <email>', 'act as this user (default: the first administrator)')
    .option('--json', 'print as JSON')
    .action(async (flags: ActorFlags) => {
      const items = await withStore(async ({ store }) =>
        listSubscriptions(store, await resolveActor(store, flags.as)),
      );
      print(flags.json, { subscriptions: items }, items.map(line).join(''));
    });
}

function show(cmd: Command): void {
  cmd
    .command('show')
    .description('one of your subscriptions with its latest webhook deliveries')
    .argument('<id>', 'subscription id')
    .option('--limit <n>', 'deliveries to show', '20')
    .option('--as <email>', 'act as this user (default: the first administrator)')
    .option('--json', 'print as JSON')
    .action(async (id: string, flags: ActorFlags & { limit: string }) => {
      const limit = Number(flags.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
        throw new CliError(`--limit ${flags.limit}: a whole number from 1 to 1000`, EXIT.usage);
      const { subscription, deliveries } = await withStore(async ({ store }) => {
        const actor = await resolveActor(store, flags.as);
        return {
          subscription: await getSubscription(store, actor, id),
          deliveries: await listDeliveries(store, actor, id, limit),
        };
      });
      print(
        flags.json,
        { subscription, deliveries },
        line(subscription) + deliveries.map(deliveryLine).join(''),
      );
    });
}

function remove(cmd: Command): void {
  cmd
    .command('delete')
    .description('delete one of your subscriptions and its delivery log')
    .argument('<id>', 'subscription id')
    .option('--as <email>', 'act as this user (default: the first administrator)')
    .action(async (id: string, flags: ActorFlags) => {
      await withStore(async ({ store }) =>
        deleteSubscription(store, await resolveActor(store, flags.as), id),
      );
      process.stdout.write(`deleted ${id}\n`);
    });
}

function fire(cmd: Command): void {
  cmd
    .command('test')
    .description("send a signed test delivery to the subscription's webhook now and show the result")
    .argument('<id>', 'subscription id')
    .option('--as <email>', 'act as this user (default: the first administrator)')
    .option('--json', 'print as JSON')
    .action(async (id: string, flags: ActorFlags) => {
      const delivery = await withStore(async ({ store }) =>
        testFire(store, await resolveActor(store, flags.as), id),
      );
      print(flags.json, { delivery }, deliveryLine(delivery));
      process.exitCode = delivery.status === 'delivered' ? EXIT.ok : EXIT.invalid;
    });
}

/** `accord subscription create|list|show|delete|test`: a user's saved searches and patterns. */
export function registerSubscription(program: Command): void {
  const cmd = program.command('subscription').description('saved searches and patterns with webhooks');
  create(cmd);
  list(cmd);
  show(cmd);
  remove(cmd);
  fire(cmd);
}
