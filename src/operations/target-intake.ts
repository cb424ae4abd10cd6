import { invalidInput } from '../errors.js';
import type { UserViewer } from '../policy/viewer.js';
import type { Store } from '../store/store.js';
import { operationAccess } from './operation-access.js';
import type { TargetKind } from './target-kind.js';
import { parseTargetList } from './target-list.js';
import { targetsFromCorrelation, targetsFromReport, targetsFromSearchResults } from './target-sources.js';
import { addTargets } from './targets.js';
import type { AddTargetsResult, TargetInput } from './targets.js';

/** What every target of one bulk addition shares: who is credited and how they grade the source. */
export interface IntakeOptions {
  contributorOrg?: string | undefined;
  reliability?: TargetInput['reliability'];
  credibility?: TargetInput['credibility'];
}

/** Where bulk targets come from: a report's objects, a correlation, or objects a search found. */
export type TargetSource =
  { reportId: string } | { correlationOf: string } | { objectIds: readonly string[] };

function addAll(
  store: Store,
  actor: UserViewer,
  operationId: string,
  targets: readonly TargetInput[],
  options: IntakeOptions,
): Promise<AddTargetsResult> {
  if (targets.length === 0) throw invalidInput('no_targets', 'the selection holds nothing that is a target');
  const grade = {
    ...(options.reliability == null ? {} : { reliability: options.reliability }),
    ...(options.credibility == null ? {} : { credibility: options.credibility }),
  };
  return addTargets(store, actor, operationId, {
    targets: targets.map((t) => ({ ...t, ...grade })),
    ...(options.contributorOrg === undefined ? {} : { contributorOrg: options.contributorOrg }),
  });
}

/**
 * Adds a CSV (`kind,value`) or plain list, one target a line. The operation is checked first, so a
 * non-participant learns nothing from the list's errors; then any bad line refuses the whole list with
 * `invalid_target_list`, naming every bad line (the first 20 in the message, all in the details).
 */
export async function addTargetList(
  store: Store,
  actor: UserViewer,
  operationId: string,
  list: { text: string; defaultKind?: TargetKind | undefined },
  options: IntakeOptions = {},
): Promise<AddTargetsResult> {
  await operationAccess(store.db, actor, operationId);
  const parsed = parseTargetList(list.text, list.defaultKind);
  if (parsed.errors.length > 0)
    throw invalidInput(
      'invalid_target_list',
      parsed.errors
        .slice(0, 20)
        .map((e) => `line ${e.line}: ${e.error}`)
        .join('; '),
      parsed.errors,
    );
  const targets = parsed.targets.map((t) => ({ kind: t.kind, value: t.value }));
  return addAll(store, actor, operationId, targets, options);
}

/** Adds the targets behind STIX objects the actor may see (objects it may not see add nothing). */
export async function addTargetsFromSource(
  store: Store,
  actor: UserViewer,
  operationId: string,
  source: TargetSource,
  options: IntakeOptions = {},
): Promise<AddTargetsResult> {
  const { db } = store;
  await operationAccess(db, actor, operationId);
  const targets =
    'reportId' in source
      ? await targetsFromReport(db, actor, source.reportId)
      : 'correlationOf' in source
        ? await targetsFromCorrelation(db, actor, source.correlationOf)
        : await targetsFromSearchResults(db, actor, source.objectIds);
  return addAll(store, actor, operationId, targets, options);
}
