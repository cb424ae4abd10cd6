import type { Command } from 'commander';
import { listOrganisations } from '../../admin/organisations.js';
import type { SharingGroup } from '../../admin/sharing-group.js';
import {
  addGroupMember,
  createSharingGroup,
  listSharingGroups,
  removeGroupMember,
} from '../../admin/sharing-groups.js';
import type { UserViewer } from '../../policy/viewer.js';
import type { Store } from '../../store/store.js';
import { resolveActor, withStore } from '../cli-context.js';
import { CliError } from '../cli-error.js';
import { findOrganisation, output } from './org.js';

async function findGroup(store: Store, actor: UserViewer, nameOrId: string): Promise<SharingGroup> {
  const groups = await listSharingGroups(store.db, actor);
  const wanted = nameOrId.trim().toLowerCase();
  const found = groups.find((g) => g.id === nameOrId.trim() || g.name.toLowerCase() === wanted);
  if (found === undefined) throw new CliError(`no sharing group ${nameOrId} (see accord group list)`);
  return found;
}

async function groupLines(store: Store, groups: SharingGroup[]): Promise<string[]> {
  const names = new Map((await listOrganisations(store.db)).map((o) => [o.id, o.name]));
  const name = (id: string) => names.get(id) ?? id;
  return groups.map(
    (g) =>
      `${g.name}  ${g.id}  (distribution group:${g.id})  owner: ${name(g.ownerOrg)}  members: ${g.members.map(name).join(', ')}`,
  );
}

type Flags = { json?: boolean; as?: string };
const common = (c: Command) =>
  c
    .option('--json', 'print JSON')
    .option('--as <email>', 'act as this user (default: the first administrator)');

export function registerGroup(program: Command): void {
  const group = program.command('group').description('sharing groups: create, add, remove, list');
  common(
    group
      .command('create')
      .description('create a sharing group; its owner organisation is its first member')
      .argument('<name>', 'group name')
      .option('--owner <org>', "owner organisation, name or id (default: the acting user's)")
      .option('--description <text>', 'what the group is for'),
  ).action(async (name: string, flags: Flags & { owner?: string; description?: string }) => {
    await withStore(async ({ store }) => {
      const actor = await resolveActor(store, flags.as);
      const owner = flags.owner === undefined ? undefined : (await findOrganisation(store, flags.owner)).id;
      const created = await createSharingGroup(store, actor, {
        name,
        description: flags.description,
        ownerOrg: owner,
      });
      output(flags.json, created, () => [
        `created sharing group ${created.name}`,
        `  id: ${created.id}`,
        `  share with --distribution group:${created.id}`,
      ]);
    });
  });
  for (const [verb, change] of [
    ['add', addGroupMember],
    ['remove', removeGroupMember],
  ] as const) {
    common(
      group
        .command(verb)
        .description(`${verb} a member organisation`)
        .argument('<group>', 'group name or id')
        .argument('<org>', 'organisation name or id'),
    ).action(async (groupRef: string, orgRef: string, flags: Flags) => {
      await withStore(async ({ store }) => {
        const actor = await resolveActor(store, flags.as);
        const target = await findGroup(store, actor, groupRef);
        const org = await findOrganisation(store, orgRef);
        const changed = await change(store, actor, target.id, org.id);
        output(flags.json, changed, () => [`${verb === 'add' ? 'added' : 'removed'} ${org.name}`]);
      });
    });
  }
  common(group.command('list').description('list the sharing groups you may see')).action(
    async (flags: Flags) => {
      await withStore(async ({ store }) => {
        const actor = await resolveActor(store, flags.as);
        const groups = await listSharingGroups(store.db, actor);
        const lines = await groupLines(store, groups);
        output(flags.json, groups, () => lines);
      });
    },
  );
}
