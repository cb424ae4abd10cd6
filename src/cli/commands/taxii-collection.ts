import type { Command } from 'commander';
import { ROLES } from '../../policy/viewer.js';
import type { Role } from '../../policy/viewer.js';
import { presentDefinition } from '../../taxii/collections-admin.routes.js';
import {
  createCollection,
  getCollection,
  listCollections,
  removeCollection,
} from '../../taxii/taxii-collection.js';
import { resolveActor, withStore } from '../cli-context.js';
import { CliError, EXIT } from '../cli-error.js';

interface CreateFlags {
  title: string;
  description?: string;
  alias?: string;
  types?: string;
  owners?: string;
  markings?: string;
  labels?: string;
  canRead?: string;
  canWrite?: string;
  public?: boolean;
  as?: string;
  json?: boolean;
}

const csv = (value: string | undefined) =>
  value === undefined
    ? undefined
    : value
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v !== '');

function roles(value: string | undefined, flag: string): Role[] | undefined {
  const list = csv(value);
  for (const r of list ?? [])
    if (!(ROLES as readonly string[]).includes(r))
      throw new CliError(`${flag}: unknown role ${r} (${ROLES.join(', ')})`);
  return list as Role[] | undefined;
}

export function registerTaxiiCollection(taxii: Command): void {
  const collection = taxii.command('collection').description('the TAXII collections this server offers');

  collection
    .command('create')
    .description('define a collection: a filter over what each caller may see')
    .requiredOption('--title <title>', 'title shown to TAXII clients')
    .option('--description <text>')
    .option('--alias <alias>', 'a short name usable in URLs instead of the id')
    .option('--types <types>', 'STIX types, comma-separated')
    .option('--owners <ids>', 'owner organisation identity ids, comma-separated')
    .option('--markings <refs>', 'marking-definition ids or tlp:<level>, pap:<level>, H0-H3, comma-separated')
    .option('--labels <labels>', 'labels, comma-separated')
    .option('--can-read <roles>', `roles that may read (default all: ${ROLES.join(',')})`)
    .option('--can-write <roles>', 'roles that may write (default admin,org-admin,contributor,sync)')
    .option('--public', 'anyone may read it, anonymous callers see public objects only')
    .option('--as <email>', 'act as this administrator')
    .option('--json', 'print the definition as JSON')
    .action(async (flags: CreateFlags) => {
      await withStore(async ({ store, config }) => {
        const actor = await resolveActor(store, flags.as);
        const filter = {
          ...(flags.types === undefined ? {} : { types: csv(flags.types) }),
          ...(flags.owners === undefined ? {} : { owners: csv(flags.owners) }),
          ...(flags.markings === undefined ? {} : { markings: csv(flags.markings) }),
          ...(flags.labels === undefined ? {} : { labels: csv(flags.labels) }),
        };
        const canRead = roles(flags.canRead, '--can-read');
        const canWrite = roles(flags.canWrite, '--can-write');
        const created = await createCollection(store, actor, {
          title: flags.title,
          ...(flags.description === undefined ? {} : { description: flags.description }),
          ...(flags.alias === undefined ? {} : { alias: flags.alias }),
          filter,
          ...(canRead === undefined ? {} : { can_read: canRead }),
          ...(canWrite === undefined ? {} : { can_write: canWrite }),
          public: flags.public === true,
        });
        const shown = presentDefinition(config.baseUrl, created);
        process.stdout.write(
          flags.json === true ? `${JSON.stringify(shown, null, 2)}\n` : `${created.id}  ${shown.url}\n`,
        );
      });
    });

  collection
    .command('list')
    .description('list the collections')
    .option('--json', 'print JSON')
    .action(async (flags: { json?: boolean }) => {
      await withStore(async ({ store, config }) => {
        const all = (await listCollections(store.db)).map((c) => presentDefinition(config.baseUrl, c));
        if (flags.json === true) {
          process.stdout.write(`${JSON.stringify({ collections: all }, null, 2)}\n`);
          return;
        }
        if (all.length === 0)
          process.stdout.write('no collections (create one with accord taxii collection create)\n');
        for (const c of all)
          process.stdout.write(
            `${c.id}  ${c.title}${c.public ? '  [public]' : ''}  read: ${c.can_read.join(',')}  write: ${c.can_write.join(',')}  filter: ${JSON.stringify(c.filter)}\n`,
          );
      });
    });

  collection
    .command('remove')
    .description('remove a collection definition (its objects stay in the store)')
    .argument('<id>', 'collection id or alias')
    .option('--as <email>', 'act as this administrator')
    .action(async (id: string, flags: { as?: string }) => {
      await withStore(async ({ store }) => {
        const actor = await resolveActor(store, flags.as);
        const found = await getCollection(store.db, id);
        if (found === undefined) throw new CliError(`no collection ${id}`, EXIT.invalid);
        await removeCollection(store, actor, found.id);
        process.stdout.write(`removed collection ${found.id} (${found.title})\n`);
      });
    });
}
