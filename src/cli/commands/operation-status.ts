import type { Command } from 'commander';
import { Argument, Option } from 'commander';
import { changeTargetStatus } from '../../operations/change-status.js';
import { overrideJurisdiction, resolveJurisdictions } from '../../operations/jurisdictions.js';
import { getOperation } from '../../operations/operations.js';
import { targetIdsWithStatus } from '../../operations/target-lookup.js';
import { ACTIONS, OUTCOMES, TARGET_STATUSES } from '../../operations/target-status.js';
import type { TargetStatus } from '../../operations/target-status.js';
import { resolveActor, withStore } from '../cli-context.js';
import { CliError } from '../cli-error.js';
import { valueLines } from '../deconflict/value-lines.js';
import { collect, flagError } from '../operation/cli-flags.js';
import { output } from './org.js';
import { targetIds } from './operation-targets.js';

interface StatusFlags {
  file?: string;
  whereStatus?: TargetStatus;
  country?: string;
  detail?: string;
  note?: string;
  evidence: string[];
  as?: string;
  json?: boolean;
}

const AS = ['--as <email>', 'act as this user (default: the first administrator)'] as const;

function status(operation: Command): void {
  operation
    .command('status')
    .description(
      `move targets along their life cycle (all or nothing); actioned needs --detail ${ACTIONS.join('|')}, not-actioned a reason, outcome-confirmed ${OUTCOMES.join('|')}`,
    )
    .argument('<operation>', 'operation id or code')
    .addArgument(new Argument('<to>', 'the new status').choices(TARGET_STATUSES))
    .argument('[targets...]', 'target ids or values')
    .option('--file <file>', 'one target id or value a line (- for standard input)')
    .addOption(
      new Option('--where-status <status>', 'every target now in this status').choices(TARGET_STATUSES),
    )
    .option('--country <CC>', 'with --where-status: only targets of this jurisdiction')
    .option('--detail <text>', 'how it was actioned, why not, or the outcome')
    .option('--note <text>', 'a note for the history')
    .option(
      '--evidence <ref>',
      'a piece of evidence: URL, file name, case reference (repeatable)',
      collect,
      [],
    )
    .option(...AS)
    .option('--json', 'print JSON')
    .action(async (op: string, to: TargetStatus, refs: string[], flags: StatusFlags) => {
      const named = refs.length > 0 || flags.file !== undefined;
      if (named === (flags.whereStatus !== undefined))
        throw new CliError('name the targets (ids or values, or --file) or select them with --where-status');
      if (flags.country !== undefined && flags.whereStatus === undefined)
        throw new CliError('--country selects with --where-status only');
      const lines = named ? await valueLines(refs, flags.file) : [];
      await withStore(async ({ store }) => {
        const actor = await resolveActor(store, flags.as);
        const ids = named
          ? await targetIds(
              store,
              actor,
              op,
              lines.map((l) => l.value),
              (i) => lines[i]!.where,
            )
          : await targetIdsWithStatus(store.db, actor, op, flags.whereStatus!, flags.country?.toUpperCase());
        if (ids.length === 0) throw new CliError(`no targets are ${flags.whereStatus ?? ''} now`);
        const result = await changeTargetStatus(store, actor, op, {
          targetIds: ids,
          to,
          detail: flags.detail,
          note: flags.note,
          evidence: flags.evidence,
        }).catch(
          flagError({
            invalid_detail: '--detail',
            'body.detail': '--detail',
            'body.note': '--note',
            'body.evidence': '--evidence',
          }),
        );
        output(flags.json, result, () => [`${String(result.changed)} targets now ${to}`]);
      });
    });
}

function jurisdictions(operation: Command): void {
  operation
    .command('jurisdictions')
    .description('work out the jurisdiction of every target without an analyst override')
    .argument('<operation>', 'operation id or code')
    .option(...AS)
    .option('--json', 'print JSON')
    .action(async (op: string, flags: { as?: string; json?: boolean }) => {
      await withStore(async ({ store }) => {
        const actor = await resolveActor(store, flags.as);
        const started = performance.now();
        const r = await resolveJurisdictions(store, actor, (await getOperation(store.db, actor, op)).id);
        const ms = performance.now() - started;
        output(flags.json, r, () => [
          `${String(r.resolved)} resolved, ${String(r.unresolved)} unresolved, ${String(r.overridden)} kept (override) in ${ms.toFixed(0)} ms`,
        ]);
      });
    });
  operation
    .command('jurisdiction')
    .description("override a target's jurisdiction, with a reason (audited; kept by later re-computations)")
    .argument('<operation>', 'operation id or code')
    .argument('<target>', 'the target id, or its value')
    .requiredOption('--country <CC>', 'ISO 3166-1 alpha-2 country code')
    .requiredOption('--reason <text>', 'why (3 to 1000 characters)')
    .option(...AS)
    .action(async (op: string, ref: string, flags: { country: string; reason: string; as?: string }) => {
      await withStore(async ({ store }) => {
        const actor = await resolveActor(store, flags.as);
        const [id] = (await targetIds(store, actor, op, [ref], 'target')) as [string];
        await overrideJurisdiction(store, actor, op, id, {
          country: flags.country,
          reason: flags.reason,
        }).catch(flagError({ 'body.country': '--country', 'body.reason': '--reason' }));
        process.stderr.write(`accord: ${ref} is now in ${flags.country.toUpperCase()} (override)\n`);
      });
    });
}

/** `accord operation status|jurisdictions|jurisdiction`. */
export function registerOperationStatus(operation: Command): void {
  status(operation);
  jurisdictions(operation);
}
