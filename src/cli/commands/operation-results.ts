import type { Command } from 'commander';
import { listOrganisations } from '../../admin/organisations.js';
import { operationKpis } from '../../operations/kpis/kpis.js';
import { contributionOutcomes } from '../../operations/outcomes/contributor-view.js';
import { OUTCOME_KINDS, setOutcomes } from '../../operations/outcomes/outcomes.js';
import type { OutcomesInput } from '../../operations/outcomes/outcomes.js';
import { getOperation } from '../../operations/operations.js';
import { operationContributions } from '../../operations/target-signals.js';
import { resolveActor, withStore } from '../cli-context.js';
import { countFlag } from '../operation/cli-flags.js';
import { output } from './org.js';

const AS = ['--as <email>', 'act as this user (default: the first administrator)'] as const;
const pct = (r: number | null) => (r === null ? '-' : `${(r * 100).toFixed(1)} %`);
const flagOf = (kind: string) => `--${kind.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

function kpis(operation: Command): void {
  operation
    .command('kpis')
    .description('targets by status and jurisdiction, takedown rate, time to action, CARs, outcomes')
    .argument('<operation>', 'operation id or code')
    .option(...AS)
    .option('--json', 'print JSON')
    .action(async (op: string, flags: { as?: string; json?: boolean }) => {
      await withStore(async ({ store }) => {
        const k = await operationKpis(store.db, await resolveActor(store, flags.as), op);
        output(flags.json, k, () => [
          `targets ${String(k.targets)}  reported ${String(k.reported)}  taken down ${String(k.takenDown)}  takedown rate ${pct(k.takedownRate)}  median report→action ${k.medianHoursReportToAction === null ? '-' : `${k.medianHoursReportToAction.toFixed(1)} h`}`,
          `status: ${Object.entries(k.byStatus)
            .map(([s, n]) => `${s} ${String(n)}`)
            .join(', ')}`,
          `CARs: ${String(k.cars.generated)} generated, ${String(k.cars.issued)} issued, ${String(k.cars.acknowledged)} acknowledged`,
          `outcomes: ${Object.entries(k.outcomes)
            .map(([s, n]) => `${s} ${String(n)}`)
            .join(', ')}`,
          ...k.byJurisdiction.map(
            (j) =>
              `  ${j.country ?? '--'}\t${String(j.targets)} targets\t${String(j.reported)} reported\t${String(j.takenDown)} taken down`,
          ),
        ]);
      });
    });
}

function outcomes(operation: Command): void {
  const cmd = operation
    .command('outcomes')
    .description('the lead enters what happened outside Accord: arrests, searches, seizures, …')
    .argument('<operation>', 'operation id or code');
  for (const kind of OUTCOME_KINDS) cmd.option(`${flagOf(kind)} <n>`, `the count of ${kind}`);
  cmd
    .option(...AS)
    .option('--json', 'print JSON')
    .action(async (op: string, flags: Record<string, string | boolean | undefined>) => {
      const input: OutcomesInput = {};
      for (const kind of OUTCOME_KINDS) {
        const n = countFlag(flagOf(kind), flags[kind] as string | undefined);
        if (n !== undefined) input[kind] = n;
      }
      await withStore(async ({ store }) => {
        const actor = await resolveActor(store, flags.as as string | undefined);
        const id = (await getOperation(store.db, actor, op)).id;
        const counts = await setOutcomes(store, actor, id, input);
        output(flags.json === true, counts, () =>
          Object.entries(counts).map(([k, n]) => `${k}\t${String(n)}`),
        );
      });
    });
}

function contributions(operation: Command): void {
  operation
    .command('contributions')
    .description(
      'with an operation: who contributed what; without: what came of your own organisation’s contributions',
    )
    .argument('[operation]', 'operation id or code')
    .option(...AS)
    .option('--json', 'print JSON')
    .action(async (op: string | undefined, flags: { as?: string; json?: boolean }) => {
      await withStore(async ({ store }) => {
        const actor = await resolveActor(store, flags.as);
        if (op === undefined) {
          const mine = await contributionOutcomes(store.db, actor);
          output(flags.json, { operations: mine }, () =>
            mine.map((o) => `${o.code ?? '(no longer a participant)'}\t${o.summary}`),
          );
          return;
        }
        const contributors = await operationContributions(store.db, actor, op);
        const names = new Map((await listOrganisations(store.db)).map((o) => [o.id, o.name]));
        output(flags.json, { contributors }, () =>
          contributors.map(
            (c) =>
              `${names.get(c.orgId) ?? c.orgId}	${String(c.targets)} targets (${String(c.first)} first)	${Object.entries(
                c.byKind,
              )
                .map(([k, n]) => `${k} ${String(n)}`)
                .join(', ')}`,
          ),
        );
      });
    });
}

/** `accord operation kpis|outcomes|contributions`. */
export function registerOperationResults(operation: Command): void {
  kpis(operation);
  outcomes(operation);
  contributions(operation);
}
