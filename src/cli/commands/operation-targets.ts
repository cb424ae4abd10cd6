import type { Command } from 'commander';
import { Option } from 'commander';
import { searchTargetIds } from '../../http/operations/search-target-ids.js';
import { TARGET_KINDS } from '../../operations/target-kind.js';
import type { TargetKind } from '../../operations/target-kind.js';
import { addTargetsFromSource } from '../../operations/target-intake.js';
import type { IntakeOptions, TargetSource } from '../../operations/target-intake.js';
import { lookupTargets } from '../../operations/target-lookup.js';
import { targetPage } from '../../operations/target-page.js';
import { TARGET_STATUSES } from '../../operations/target-status.js';
import { CREDIBILITY, RELIABILITY, addTargets, getTarget } from '../../operations/targets.js';
import type { AddTargetsResult, Target } from '../../operations/targets.js';
import type { UserViewer } from '../../policy/viewer.js';
import type { Store } from '../../store/store.js';
import { resolveActor, withStore } from '../cli-context.js';
import { CliError, EXIT } from '../cli-error.js';
import { collect, countFlag, flagError } from '../operation/cli-flags.js';
import { targetLines } from '../operation/target-lines.js';
import { findOrganisation, output } from './org.js';

interface AddFlags {
  file?: string;
  kind?: TargetKind;
  fromReport?: string;
  fromCorrelation?: string;
  search?: string;
  type: string[];
  label?: string;
  limit: string;
  contributor?: string;
  reliability?: IntakeOptions['reliability'];
  credibility?: IntakeOptions['credibility'];
  as?: string;
  json?: boolean;
}

const AS = ['--as <email>', 'act as this user (default: the first administrator)'] as const;

/** The one source of targets the flags name; mixing sources is a usage error. */
function sourceOf(values: readonly string[], flags: AddFlags): 'lines' | 'report' | 'correlation' | 'search' {
  const given = [
    ...(values.length > 0 || flags.file !== undefined ? ['lines' as const] : []),
    ...(flags.fromReport === undefined ? [] : ['report' as const]),
    ...(flags.fromCorrelation === undefined ? [] : ['correlation' as const]),
    ...(flags.search === undefined && flags.type.length === 0 && flags.label === undefined
      ? []
      : ['search' as const]),
  ];
  if (given.length !== 1)
    throw new CliError(
      'give targets one way: values and/or --file, or --from-report <id>, or --from-correlation <id>, or --search/--type/--label',
    );
  return given[0]!;
}

async function addFrom(
  store: Store,
  actor: UserViewer,
  op: string,
  values: readonly string[],
  flags: AddFlags,
  options: IntakeOptions,
): Promise<AddTargetsResult> {
  const source = sourceOf(values, flags);
  if (source === 'lines') {
    const targets = await targetLines(values, flags.file, flags.kind);
    const grade = { reliability: options.reliability, credibility: options.credibility };
    return addTargets(store, actor, op, {
      targets: targets.map((t) => ({ ...t, ...grade })),
      ...(options.contributorOrg === undefined ? {} : { contributorOrg: options.contributorOrg }),
    });
  }
  const from: TargetSource =
    source === 'report'
      ? { reportId: flags.fromReport! }
      : source === 'correlation'
        ? { correlationOf: flags.fromCorrelation! }
        : {
            objectIds: await searchTargetIds(store, actor, {
              text: flags.search,
              types: flags.type.length === 0 ? undefined : flags.type,
              label: flags.label,
              limit: countFlag('--limit', flags.limit) ?? 1000,
            }),
          };
  return addTargetsFromSource(store, actor, op, from, options);
}

function addTarget(operation: Command): void {
  operation
    .command('add-target')
    .description('add targets: values, a CSV/plain list, a report’s objects, a correlation or a search')
    .argument('<operation>', 'operation id or code')
    .argument('[values...]', 'targets: a bare value (kind detected) or kind,value')
    .option('--file <file>', 'one target a line, bare or CSV kind,value (- for standard input)')
    .addOption(
      new Option('--kind <kind>', 'the kind of bare values that are not detected').choices(TARGET_KINDS),
    )
    .option('--from-report <id>', 'the targets behind a STIX report’s objects')
    .option('--from-correlation <id>', 'an object and every object sharing a value with it')
    .option('--search <text>', 'the targets behind objects a search finds')
    .option('--type <type>', 'search: only this STIX type (repeatable)', collect, [])
    .option('--label <label>', 'search: only objects with this label')
    .option('--limit <n>', 'search: at most this many objects', '1000')
    .option('--contributor <org>', 'credit this participant (administrators; default: your organisation)')
    .addOption(new Option('--reliability <grade>', 'source reliability, A-F or X').choices(RELIABILITY))
    .addOption(new Option('--credibility <grade>', 'information credibility, 1-6').choices(CREDIBILITY))
    .option(...AS)
    .option('--json', 'print JSON')
    .action(async (op: string, values: string[], flags: AddFlags) => {
      await withStore(async ({ store }) => {
        const actor = await resolveActor(store, flags.as);
        const contributorOrg =
          flags.contributor === undefined ? undefined : (await findOrganisation(store, flags.contributor)).id;
        const result = await addFrom(store, actor, op, values, flags, {
          contributorOrg,
          reliability: flags.reliability,
          credibility: flags.credibility,
        }).catch(flagError({ contributorOrg: '--contributor' }));
        output(flags.json, result, () => [
          ...result.targets.map((t) => `${t.id}\t${t.kind}\t${t.value}\t${t.status}`),
          `${String(result.created)} created, ${String(result.merged)} merged`,
        ]);
      });
    });
}

const targetLine = (t: Target) =>
  [
    t.id,
    t.kind,
    t.value,
    t.status + (t.statusDetail === null ? '' : `(${t.statusDetail})`),
    t.jurisdiction.country ?? '-',
    t.jurisdiction.asn === null ? '-' : `AS${String(t.jurisdiction.asn)}`,
    `${String(t.contributors.length)} contributor${t.contributors.length === 1 ? '' : 's'}`,
  ].join('\t');

interface ListFlags {
  status?: string;
  kind?: string;
  country?: string;
  contributor?: string;
  limit: string;
  after?: string;
  as?: string;
  json?: boolean;
}

function listAndShow(operation: Command): void {
  operation
    .command('targets')
    .description('a page of an operation’s targets, oldest first, with filters')
    .argument('<operation>', 'operation id or code')
    .addOption(new Option('--status <status>', 'only this status').choices(TARGET_STATUSES))
    .addOption(new Option('--kind <kind>', 'only this kind').choices(TARGET_KINDS))
    .option('--country <CC>', 'only this jurisdiction (ISO 3166-1 alpha-2), or none')
    .option('--contributor <org>', 'only targets this organisation contributed')
    .option('--limit <n>', 'targets per page (1-1000)', '100')
    .option('--after <cursor>', 'the next page: the cursor the previous page printed')
    .option(...AS)
    .option('--json', 'print JSON')
    .action(async (op: string, flags: ListFlags) => {
      await withStore(async ({ store }) => {
        const actor = await resolveActor(store, flags.as);
        const contributor =
          flags.contributor === undefined ? undefined : (await findOrganisation(store, flags.contributor)).id;
        const country = flags.country === 'none' ? 'none' : flags.country?.toUpperCase();
        const page = await targetPage(store.db, actor, op, {
          ...(flags.status === undefined ? {} : { status: flags.status as 'identified' }),
          ...(flags.kind === undefined ? {} : { kind: flags.kind as TargetKind }),
          ...(country === undefined ? {} : { country }),
          ...(contributor === undefined ? {} : { contributor }),
          limit: countFlag('--limit', flags.limit) ?? 100,
          ...(flags.after === undefined ? {} : { after: flags.after }),
        }).catch(flagError({ 'query.country': '--country', 'query.limit': '--limit', after: '--after' }));
        output(flags.json, page, () => page.targets.map(targetLine));
        if (flags.json !== true)
          process.stderr.write(
            `accord: ${String(page.targets.length)} of ${String(page.total)} targets${page.next === null ? '' : `; next page: --after ${page.next}`}\n`,
          );
      });
    });
  operation
    .command('target')
    .description('one target: jurisdiction, contributors, status history, other operations holding it')
    .argument('<operation>', 'operation id or code')
    .argument('<target>', 'the target id, or its value (kind,value when the kind is not detected)')
    .option(...AS)
    .option('--json', 'print JSON')
    .action(async (op: string, ref: string, flags: { as?: string; json?: boolean }) => {
      await withStore(async ({ store }) => {
        const actor = await resolveActor(store, flags.as);
        const [id] = (await targetIds(store, actor, op, [ref], 'target')) as [string];
        const t = await getTarget(store.db, actor, op, id);
        output(flags.json, t, () => [
          targetLine(t),
          ...t.contributors.map(
            (c) =>
              `  contributor #${String(c.rank)} ${c.orgId} ${c.reported}${c.reliability === null ? '' : ` ${c.reliability}${c.credibility ?? ''}`}`,
          ),
          ...t.history.map(
            (h) =>
              `  ${h.at} ${h.from ?? '-'} -> ${h.to}${h.detail === null ? '' : ` (${h.detail})`} by ${h.actor}${h.note === null ? '' : `: ${h.note}`}`,
          ),
          ...t.otherOperations.map((o) => `  also in ${o.code} (${o.name}): ${o.status}`),
        ]);
      });
    });
}

/** Target ids for refs given on the command line; any ref naming no target is an error naming it. */
export async function targetIds(
  store: Store,
  actor: UserViewer,
  op: string,
  refs: readonly string[],
  where: string | ((index: number) => string),
): Promise<string[]> {
  const found = await lookupTargets(store.db, actor, op, refs);
  if (found.errors.length > 0)
    throw new CliError(
      found.errors
        .slice(0, 20)
        .map(
          (e) => `${typeof where === 'string' ? where : where(e.index)} ${refs[e.index] ?? ''}: ${e.error}`,
        )
        .join('\n'),
      EXIT.invalid,
    );
  return found.ids;
}

/** `accord operation add-target|targets|target`. */
export function registerOperationTargets(operation: Command): void {
  addTarget(operation);
  listAndShow(operation);
}
