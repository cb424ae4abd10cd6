import type { Command } from 'commander';
import { viewerForUser } from '../../auth/viewer-for-user.js';
import { explainedVersion, loadAudienceWorld } from '../../http/audience/audience-world.js';
import { presentAudience } from '../../http/audience/audience.routes.js';
import { describeReason, explainAudience, explainForViewer } from '../../policy/audience.js';
import { getVersion } from '../../store/objects/read-objects.js';
import { resolveActor, withStore } from '../cli-context.js';
import { CliError, EXIT } from '../cli-error.js';
import { output } from './org.js';

/** `accord policy explain <id> --as <email>`: can this person see the object, why, and who else can. */
export function registerPolicy(program: Command): void {
  const policy = program.command('policy').description('the sharing policy: explain who sees what');
  policy
    .command('explain')
    .description('whether a person can see an object and why (or why not), plus its whole audience')
    .argument('<id>', 'STIX id')
    .requiredOption('--as <email>', 'the person to explain it for')
    .option('--json', 'print JSON')
    .action(async (id: string, flags: { as: string; json?: boolean }) => {
      await withStore(async ({ store }) => {
        // The operator holds the database; the explanation is about the newest version of all.
        const operator = await resolveActor(store, undefined);
        const head = await getVersion(store.db, operator, id);
        if (head === undefined) throw new CliError(`${id}: not found`, EXIT.invalid);
        const row = await store.db
          .selectFrom('users')
          .select(['id', 'disabled'])
          .where('email', '=', flags.as.trim().toLowerCase())
          .executeTakeFirst();
        if (row === undefined) throw new CliError(`no user ${flags.as}`);
        const person = await viewerForUser(store, row.id);
        const world = await loadAudienceWorld(store.db);
        const version = explainedVersion(head);
        const audience = presentAudience(explainAudience(version, world.orgs, world.groupName));
        const verdict =
          person === null
            ? { canSee: false, reasons: [], explanation: 'the user is disabled: every credential fails' }
            : explainForViewer(person, version, { org: world.orgName, group: world.groupName });
        const seen = person === null ? undefined : await getVersion(store.db, person, id);
        const older = seen !== undefined && seen.version !== head.version ? seen.version : undefined;
        const result = {
          user: flags.as,
          version: head.version,
          ...verdict,
          ...(older === undefined ? {} : { sees_older_version: older }),
          audience,
        };
        output(flags.json, result, () => [
          `${flags.as} ${verdict.canSee ? 'CAN' : 'CANNOT'} see ${id} (version ${head.version}): ${verdict.explanation}`,
          ...(older === undefined ? [] : [`  (they still see the older version ${older})`]),
          '',
          `owner: ${world.orgName(audience.owner_org)}  distribution: ${audience.distribution}  TLP: ${audience.markings.tlp ?? 'none'}  PAP: ${audience.markings.pap ?? 'none'}`,
          `audience (${audience.organisations.length} organisation${audience.organisations.length === 1 ? '' : 's'}${audience.public ? ', and the public' : ''}):`,
          ...audience.organisations.map(
            (o) => `  ${o.name}: ${o.reasons.map((r) => describeReason(r)).join('; ')}`,
          ),
          'constraints:',
          ...audience.constraints.map((c) => `  ${c}`),
        ]);
      });
    });
}
