import type { Command } from 'commander';
import { Option } from 'commander';
import { listOrganisations } from '../../admin/organisations.js';
import { createUser, disableUser, enableUser, getUserByEmail, listUsers } from '../../admin/users.js';
import type { User } from '../../admin/user.js';
import { ROLES } from '../../policy/viewer.js';
import type { Role } from '../../policy/viewer.js';
import { resolveActor, withStore } from '../cli-context.js';
import { CliError } from '../cli-error.js';
import { findOrganisation, output } from './org.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

const userLine = (u: User, org: string) =>
  `${u.email}  ${u.id}  ${u.role}  ${org}${u.disabled ? '  DISABLED' : ''}${u.hasPassword ? '' : '  (API keys only)'}`;

interface CreateFlags {
  org: string;
  role: Role;
  name?: string;
  passwordStdin?: boolean;
  json?: boolean;
  as?: string;
}

export function registerUser(program: Command): void {
  const user = program.command('user').description('users: create, list, disable, enable');
  user
    .command('create')
    .description('create a user in an organisation')
    .argument('<email>', 'e-mail address (the sign-in name)')
    .requiredOption('--org <name|id>', 'their organisation')
    .addOption(new Option('--role <role>', 'what they may do').choices([...ROLES]).makeOptionMandatory())
    .option('--name <name>', 'display name (default: the e-mail address)')
    .option('--password-stdin', 'read a web sign-in password from standard input')
    .option('--json', 'print JSON')
    .option('--as <email>', 'act as this user (default: the first administrator)')
    .action(async (email: string, flags: CreateFlags) => {
      const password = flags.passwordStdin === true ? await readStdin() : undefined;
      if (password === '') throw new CliError('--password-stdin: standard input was empty');
      await withStore(async ({ store }) => {
        const actor = await resolveActor(store, flags.as);
        const org = await findOrganisation(store, flags.org);
        const created = await createUser(store, actor, {
          email,
          name: flags.name ?? email,
          orgId: org.id,
          role: flags.role,
          password,
        });
        output(flags.json, created, () => [`created user ${userLine(created, org.name)}`]);
      });
    });
  user
    .command('list')
    .description('list users (of one organisation, or of all)')
    .option('--org <name|id>', 'only this organisation')
    .option('--json', 'print JSON')
    .option('--as <email>', 'act as this user (default: the first administrator)')
    .action(async (flags: { org?: string; json?: boolean; as?: string }) => {
      await withStore(async ({ store }) => {
        const actor = await resolveActor(store, flags.as);
        // Without --org: every organisation for an administrator, else the actor's own.
        const orgs =
          flags.org !== undefined
            ? [await findOrganisation(store, flags.org)]
            : (await listOrganisations(store.db)).filter(
                (o) => actor.role === 'admin' || o.id === actor.orgId,
              );
        const rows: Array<{ user: User; org: string }> = [];
        for (const org of orgs)
          for (const u of await listUsers(store, actor, org.id)) rows.push({ user: u, org: org.name });
        output(
          flags.json,
          rows.map((r) => r.user),
          () => rows.map((r) => userLine(r.user, r.org)),
        );
      });
    });
  for (const [verb, change] of [
    ['disable', disableUser],
    ['enable', enableUser],
  ] as const) {
    user
      .command(verb)
      .description(`${verb} a user (every key and session ${verb === 'disable' ? 'stops' : 'works again'})`)
      .argument('<email>', 'their e-mail address')
      .option('--json', 'print JSON')
      .option('--as <email>', 'act as this user (default: the first administrator)')
      .action(async (email: string, flags: { json?: boolean; as?: string }) => {
        await withStore(async ({ store }) => {
          const actor = await resolveActor(store, flags.as);
          const target = await getUserByEmail(store, actor, email);
          const changed = await change(store, actor, target.id);
          output(flags.json, changed, () => [`${verb}d ${changed.email}`]);
        });
      });
  }
}
