import type { Command } from 'commander';
import { Argument, Option } from 'commander';
import { listOrganisations } from '../../admin/organisations.js';
import { PARTICIPANT_ROLES, PHASES } from '../../operations/operation.js';
import type { OperationDetail, ParticipantRole, Phase } from '../../operations/operation.js';
import {
  createOperation,
  getOperation,
  listOperations,
  setParticipant,
  setPhases,
} from '../../operations/operations.js';
import { HANDLING_CODES } from '../../policy/markings.js';
import { PAP_LEVELS, TLP_LEVELS } from '../../policy/tlp.js';
import type { Store } from '../../store/store.js';
import { resolveActor, withStore } from '../cli-context.js';
import { collect, dateFlag, flagError } from '../operation/cli-flags.js';
import { findOrganisation, output } from './org.js';

interface CreateFlags {
  name: string;
  code: string;
  description?: string;
  lead?: string;
  agency: string[];
  partner: string[];
  observer: string[];
  tlp: string;
  pap?: string;
  handling?: string;
  as?: string;
  json?: boolean;
}

const AS = ['--as <email>', 'act as this user (default: the first administrator)'] as const;

/** Lines people read for one operation: markings, participants by name, phases. */
async function detailLines(store: Store, op: OperationDetail & { role?: string }): Promise<string[]> {
  const names = new Map((await listOrganisations(store.db)).map((o) => [o.id, o.name]));
  const m = op.markings;
  return [
    `${op.code}  ${op.name}  ${op.id}`,
    ...(op.description === null ? [] : [`  ${op.description}`]),
    `  lead: ${names.get(op.leadOrg) ?? op.leadOrg}  group: ${op.groupId}`,
    `  markings: TLP:${m.tlp.toUpperCase()}${m.pap === null ? '' : `  PAP:${m.pap.toUpperCase()}`}${m.handling === null ? '' : `  ${m.handling}`}`,
    `  phase now: ${op.currentPhase}${op.role === undefined ? '' : `  your role: ${op.role}`}`,
    '  participants:',
    ...op.participants.map((p) => `    ${p.role.padEnd(21)} ${names.get(p.orgId) ?? p.orgId}  ${p.orgId}`),
    ...(op.phases.length === 0 ? [] : ['  phases:']),
    ...op.phases.map((p) => `    ${p.phase.padEnd(16)} ${p.starts ?? '?'} .. ${p.ends ?? 'open'}`),
  ];
}

async function printDetail(store: Store, json: boolean | undefined, op: OperationDetail): Promise<void> {
  const lines = json === true ? [] : await detailLines(store, op);
  output(json, op, () => lines);
}

function create(operation: Command): void {
  operation
    .command('create')
    .description('create an operation led by a law-enforcement organisation, with its sharing group')
    .requiredOption('--name <name>', 'the operation name')
    .requiredOption('--code <code>', 'a short code, 2-40 letters, digits, - or _ (e.g. EG-2026)')
    .option('--description <text>', 'what it is about')
    .option('--lead <org>', 'the lead organisation, name or id (default: your own)')
    .option('--agency <org>', 'a participating agency (repeatable)', collect, [])
    .option('--partner <org>', 'a contributing partner (repeatable)', collect, [])
    .option('--observer <org>', 'an observer (repeatable)', collect, [])
    .addOption(new Option('--tlp <level>', 'default TLP').choices(TLP_LEVELS).default('amber'))
    .addOption(new Option('--pap <level>', 'default PAP').choices(PAP_LEVELS))
    .addOption(new Option('--handling <code>', 'default handling code').choices(HANDLING_CODES))
    .option(...AS)
    .option('--json', 'print JSON')
    .action(async (flags: CreateFlags) => {
      await withStore(async ({ store }) => {
        const actor = await resolveActor(store, flags.as);
        const lead = flags.lead === undefined ? undefined : await findOrganisation(store, flags.lead);
        const participants: { orgId: string; role: Exclude<ParticipantRole, 'lead'> }[] = [];
        const roles = [
          ['participating-agency', flags.agency],
          ['contributing-partner', flags.partner],
          ['observer', flags.observer],
        ] as const;
        for (const [role, orgs] of roles)
          for (const org of orgs) participants.push({ orgId: (await findOrganisation(store, org)).id, role });
        const created = await createOperation(store, actor, {
          name: flags.name,
          code: flags.code,
          description: flags.description,
          ...(lead === undefined ? {} : { leadOrg: lead.id }),
          participants,
          markings: {
            tlp: flags.tlp as 'amber',
            pap: (flags.pap ?? null) as 'amber' | null,
            handling: (flags.handling ?? null) as 'H1' | null,
          },
        }).catch(
          flagError({
            'operation.name': '--name',
            'operation.code': '--code',
            'operation.description': '--description',
            'operation.leadOrg': '--lead',
          }),
        );
        await printDetail(store, flags.json, created);
      });
    });
}

function listAndShow(operation: Command): void {
  operation
    .command('list')
    .description('the operations you take part in (all for administrators), newest first')
    .option(...AS)
    .option('--json', 'print JSON')
    .action(async (flags: { as?: string; json?: boolean }) => {
      await withStore(async ({ store }) => {
        const operations = await listOperations(store.db, await resolveActor(store, flags.as));
        output(flags.json, { operations }, () =>
          operations.map((o) => `${o.code}\t${o.name}\t${o.role}\t${String(o.targetCount)} targets\t${o.id}`),
        );
      });
    });
  operation
    .command('show')
    .description('one operation: markings, participants, phases')
    .argument('<operation>', 'operation id or code')
    .option(...AS)
    .option('--json', 'print JSON')
    .action(async (op: string, flags: { as?: string; json?: boolean }) => {
      await withStore(async ({ store }) => {
        const detail = await getOperation(store.db, await resolveActor(store, flags.as), op);
        await printDetail(store, flags.json, detail);
      });
    });
}

function participantAndPhase(operation: Command): void {
  operation
    .command('participant')
    .description('participants of an operation')
    .command('add')
    .description('add an organisation to the operation (and its sharing group), or change its role')
    .argument('<operation>', 'operation id or code')
    .argument('<org>', 'the organisation, name or id')
    .addOption(
      new Option('--role <role>', 'its role')
        .choices(PARTICIPANT_ROLES.filter((r) => r !== 'lead'))
        .default('contributing-partner'),
    )
    .option(...AS)
    .option('--json', 'print JSON')
    .action(async (op: string, org: string, flags: { role: string; as?: string; json?: boolean }) => {
      await withStore(async ({ store }) => {
        const actor = await resolveActor(store, flags.as);
        const orgId = (await findOrganisation(store, org)).id;
        const access = await getOperation(store.db, actor, op);
        const detail = await setParticipant(store, actor, access.id, orgId, flags.role as ParticipantRole);
        await printDetail(store, flags.json, detail);
      });
    });
  operation
    .command('phase')
    .description('phases of an operation')
    .command('set')
    .description('set the dates of one phase (the lead only)')
    .argument('<operation>', 'operation id or code')
    .addArgument(new Argument('<phase>', 'the phase').choices(PHASES))
    .option('--starts <date>', 'when it starts, YYYY-MM-DD or ISO 8601')
    .option('--ends <date>', 'when it ends, YYYY-MM-DD or ISO 8601')
    .option(...AS)
    .option('--json', 'print JSON')
    .action(
      async (
        op: string,
        phase: Phase,
        flags: { starts?: string; ends?: string; as?: string; json?: boolean },
      ) => {
        const starts = dateFlag('--starts', flags.starts);
        const ends = dateFlag('--ends', flags.ends);
        await withStore(async ({ store }) => {
          const actor = await resolveActor(store, flags.as);
          const access = await getOperation(store.db, actor, op);
          // A date not given keeps the one the phase has.
          const before = access.phases.find((p) => p.phase === phase);
          const dates = { phase, starts: starts ?? before?.starts, ends: ends ?? before?.ends };
          const detail = await setPhases(store, actor, access.id, [dates]).catch(
            flagError({ [`phases.${phase}`]: '--ends' }),
          );
          await printDetail(store, flags.json, detail);
        });
      },
    );
}

/** `accord operation create|list|show|participant add|phase set`. */
export function registerOperationManage(operation: Command): void {
  create(operation);
  listAndShow(operation);
  participantAndPhase(operation);
}
