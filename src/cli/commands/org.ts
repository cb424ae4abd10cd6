import type { Command } from 'commander';
import { Option } from 'commander';
import { ORG_KINDS } from '../../admin/organisation.js';
import type { Organisation } from '../../admin/organisation.js';
import { createOrganisation, listOrganisations } from '../../admin/organisations.js';
import { publishIdentity } from '../../http/admin/publish-identity.js';
import type { Store } from '../../store/store.js';
import { resolveActor, withStore } from '../cli-context.js';
import { CliError } from '../cli-error.js';

/** Finds an organisation by id or (case-insensitive) name, as every admin command accepts either. */
export async function findOrganisation(store: Store, nameOrId: string): Promise<Organisation> {
  const all = await listOrganisations(store.db);
  const wanted = nameOrId.trim().toLowerCase();
  const found = all.find((o) => o.id === nameOrId.trim() || o.name.toLowerCase() === wanted);
  if (found === undefined) throw new CliError(`no organisation ${nameOrId} (see accord org list)`);
  return found;
}

/** Prints `data` as JSON with --json, else the lines people read. */
export function output(json: boolean | undefined, data: unknown, lines: () => string[]): void {
  const text = json === true ? JSON.stringify(data, null, 2) : lines().join('\n');
  if (text !== '') process.stdout.write(`${text}\n`);
}

const orgLine = (o: Organisation) =>
  `${o.name}  ${o.id}  ${o.kind}${o.sector === null ? '' : ` / ${o.sector}`}${o.country === null ? '' : ` / ${o.country}`}  defaults: ${o.defaultDistribution}, TLP ${o.defaultTlp}`;

interface CreateFlags {
  kind: string;
  sector?: string;
  country?: string;
  defaultDistribution?: string;
  defaultTlp?: string;
  json?: boolean;
  as?: string;
}

export function registerOrg(program: Command): void {
  const org = program.command('org').description('organisations: create and list');
  org
    .command('create')
    .description('create an organisation (administrators) and publish its STIX identity')
    .argument('<name>', 'organisation name')
    .addOption(new Option('--kind <kind>', 'what it is').choices([...ORG_KINDS]).makeOptionMandatory())
    .option('--sector <sector>', 'industry sector (STIX vocabulary, or free text)')
    .option('--country <code>', 'ISO 3166-1 alpha-2 country code')
    .option('--default-distribution <d>', 'organisation | community | public | group:<id>')
    .option('--default-tlp <level>', 'clear | green | amber | amber+strict | red | none')
    .option('--json', 'print JSON')
    .option('--as <email>', 'act as this user (default: the first administrator)')
    .action(async (name: string, flags: CreateFlags) => {
      await withStore(async ({ store }) => {
        const actor = await resolveActor(store, flags.as);
        const created = await createOrganisation(store, actor, {
          name,
          kind: flags.kind as Organisation['kind'],
          sector: flags.sector,
          country: flags.country,
          defaultDistribution: flags.defaultDistribution,
          defaultTlp: flags.defaultTlp,
        });
        await publishIdentity(store, actor, created);
        output(flags.json, created, () => [`created organisation ${orgLine(created)}`]);
      });
    });
  org
    .command('list')
    .description('list organisations')
    .option('--json', 'print JSON')
    .action(async (flags: { json?: boolean }) => {
      await withStore(async ({ store }) => {
        const all = await listOrganisations(store.db);
        output(flags.json, all, () => all.map(orgLine));
      });
    });
}
