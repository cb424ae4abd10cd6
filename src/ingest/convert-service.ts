import { appendAudit } from '../audit/index.js';
import { forbidden, unauthorized } from '../errors.js';
import type { WarninglistMode } from '../lifecycle/warninglist-screen.js';
import type { Distribution } from '../policy/distribution.js';
import type { TlpLevel } from '../policy/tlp.js';
import { canWriteObjects } from '../policy/viewer.js';
import type { UserViewer, Viewer } from '../policy/viewer.js';
import { applyFilters } from '../store/objects/read-objects.js';
import { visibleCurrent } from '../store/objects/visible-versions.js';
import { writeVersionsIn } from '../store/objects/write-versions.js';
import type { VersionRow } from '../store/objects/version-row.js';
import type { Store } from '../store/store.js';
import type { StixObject } from '../stix/types.js';
import type { ConversionIssue, ConversionResult, ConvertedObject } from './conversion.js';
import type { ImportSummary, ObjectResult } from './import-result.js';
import { countResult, emptySummary } from './import-result.js';
import { loadOrgDefaults } from './org-defaults.js';
import type { PrepareContext } from './prepare-version.js';
import { examineContext, examineObject } from './stix/examine.js';

export interface StoreConvertedRequest {
  /** A label for the audit log: file name, `http`, a feed's name. */
  source: string;
  /** The input format, for the audit log (`misp`, `csv`, `text`). */
  format: string;
  /** The user's explicit distribution: applies to every object and is refused where the TLP forbids it. */
  distribution?: Distribution | undefined;
  tlp?: TlpLevel | 'none' | undefined;
  /** Write nothing when any object is invalid or refused. */
  strict?: boolean | undefined;
  /** Run every rule in a transaction that is rolled back: the results say what would happen. */
  dryRun?: boolean | undefined;
  /** Objects with a warninglisted value: `flag` (default) writes them with a warning, `drop` refuses them. */
  warninglist?: WarninglistMode | undefined;
  /** The `now` the converter stamped on objects without a time of their own (see `storedTwins`). */
  now?: string | undefined;
  onResult?: (result: ObjectResult) => void;
}

export interface ConvertSummary extends ImportSummary {
  dryRun: boolean;
  /** The converter's problems with the input, by line/column or JSON path. */
  errors: ConversionIssue[];
  warnings: ConversionIssue[];
}

class Rollback extends Error {}

interface Prepared {
  result: ObjectResult;
  row?: VersionRow;
}

/** The viewer as a writer, or the same errors `importStix` gives. */
export function requireWriter(viewer: Viewer): UserViewer {
  if (viewer.kind !== 'user') throw unauthorized();
  if (!canWriteObjects(viewer)) throw forbidden('your role or API key is read-only', 'read_only');
  return viewer;
}

function choiceFor(item: ConvertedObject, request: StoreConvertedRequest): PrepareContext['choice'] {
  // The user's explicit distribution wins; else the source's own (narrowed by TLP); else the default.
  if (request.distribution !== undefined) return { distribution: request.distribution, tlp: request.tlp };
  if (item.distribution !== undefined)
    return { distribution: item.distribution, tlp: request.tlp, narrow: true };
  return { tlp: request.tlp };
}

function prepare(
  item: ConvertedObject,
  index: number,
  base: Omit<PrepareContext, 'choice'>,
  request: StoreConvertedRequest,
  twin: StixObject | undefined,
): Prepared {
  const path = `objects[${index}]`;
  const result: ObjectResult = { index, id: item.object.id, status: 'invalid', errors: [], warnings: [] };
  const choice = choiceFor(item, request);
  const row = examineObject(item.object, path, { ...base, choice }, result, twin);
  if (row === null) return { result };
  if (choice.narrow === true && row.distribution !== choice.distribution) {
    result.warnings.push({
      path,
      code: 'distribution_narrowed',
      message: `the source's distribution "${choice.distribution ?? ''}" is wider than TLP:${(row.tlp ?? '').toUpperCase()} allows; kept to "${row.distribution}"`,
    });
  }
  return { result, row };
}

/**
 * Stores what a format converter (MISP, CSV, text) produced, under the same validation, write rules
 * and version store as a STIX import, in ONE transaction: a conversion with errors writes nothing, a
 * dry run rolls everything back, and `strict` rolls back when any object is invalid or refused.
 * Per-object distributions from the source narrow by TLP; the user's explicit one is refused instead.
 */
export async function storeConverted(
  store: Store,
  viewer: Viewer,
  conversion: ConversionResult,
  request: StoreConvertedRequest,
): Promise<ConvertSummary> {
  const writer = requireWriter(viewer);
  const summary: ConvertSummary = {
    ...emptySummary(),
    dryRun: request.dryRun === true,
    errors: conversion.errors,
    warnings: conversion.warnings,
  };
  const emit = (r: ObjectResult) => {
    countResult(summary, r);
    request.onResult?.(r);
  };
  if (conversion.errors.length > 0) {
    const first = conversion.errors[0]!;
    summary.fatal = {
      code: 'invalid_input',
      message: `${conversion.errors.length} error(s) in the ${request.format} input, nothing imported; first: ${first.message}`,
      ...(first.line === undefined ? {} : { line: first.line }),
      ...(first.column === undefined ? {} : { column: first.column }),
    };
    if (!summary.dryRun) await audit(store, writer, request, summary);
    return summary;
  }
  const { ctx: base, annotate } = examineContext({
    writer,
    choice: {},
    orgs: await loadOrgDefaults(store.db),
    warninglist: request.warninglist ?? 'flag',
  });
  const objects = conversion.objects;
  const twins =
    request.now === undefined
      ? new Map<number, StixObject>()
      : await storedTwins(store, writer, objects, request.now, (object, i) => {
          const p = prepare(objects[i]!, i, base, request, object);
          return p.row;
        });
  const prepared = objects.map((item, i) => prepare(item, i, base, request, twins.get(i)));
  const rejectAll = () =>
    request.strict === true &&
    prepared.some((p) => p.result.status === 'invalid' || p.result.status === 'refused');
  try {
    await store.writeTransaction(async (trx) => {
      const pending = prepared.filter((p) => p.row !== undefined);
      for (let i = 0; i < pending.length; i += 1000) {
        const chunk = pending.slice(i, i + 1000);
        const outcomes = await writeVersionsIn(
          store,
          trx,
          writer,
          chunk.map((p) => p.row!),
        );
        for (const [j, p] of chunk.entries()) {
          const outcome = outcomes[j]!;
          p.result.status = outcome.status;
          if (outcome.status === 'refused')
            p.result.errors.push({
              path: `objects[${p.result.index}]`,
              code: outcome.code ?? 'refused',
              message: outcome.message ?? 'refused',
            });
        }
      }
      if (summary.dryRun || rejectAll()) throw new Rollback();
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
    if (!summary.dryRun) markRejected(prepared);
  }
  for (const p of prepared) {
    annotate?.(p.result);
    emit(p.result);
  }
  if (!summary.dryRun) await audit(store, writer, request, summary);
  return summary;
}

/**
 * Converters stamp `now` on what their source gives no time for (a CSV row's indicator, a text
 * report), so a re-run would otherwise store a new version of unchanged content. For each object
 * whose visible stored current version is the same apart from those `now` fields, the object is
 * given the stored times back, which makes it a duplicate: re-running an unchanged feed is a no-op.
 */
async function storedTwins(
  store: Store,
  writer: UserViewer,
  objects: readonly ConvertedObject[],
  now: string,
  rowOf: (object: StixObject, index: number) => VersionRow | undefined,
): Promise<Map<number, StixObject>> {
  const stamped = objects
    .map((item, index) => ({
      item,
      index,
      keys: Object.keys(item.object).filter((k) => item.object[k] === now),
    }))
    .filter((c) => c.keys.length > 0);
  const stored = new Map<string, Array<{ owner: string; data: string }>>();
  const ids = [...new Set(stamped.map((c) => c.item.object.id))];
  for (let i = 0; i < ids.length; i += 400) {
    const rows = await applyFilters(visibleCurrent(store.db, writer), { ids: ids.slice(i, i + 400) })
      .select(['o.id', 'o.owner_org', 'o.data'])
      .execute();
    for (const r of rows)
      stored.set(r.id, [...(stored.get(r.id) ?? []), { owner: r.owner_org, data: r.data }]);
  }
  const twins = new Map<number, StixObject>();
  for (const { item, index, keys } of stamped) {
    for (const s of stored.get(item.object.id) ?? []) {
      const old = JSON.parse(s.data) as StixObject;
      if (keys.some((k) => typeof old[k] !== 'string')) continue;
      const twin: StixObject = { ...item.object };
      for (const k of keys) twin[k] = old[k];
      const row = rowOf(twin, index);
      if (row !== undefined && row.ownerOrg === s.owner && row.data === s.data) {
        twins.set(index, twin);
        break;
      }
    }
  }
  return twins;
}

function markRejected(prepared: readonly Prepared[]): void {
  for (const { result } of prepared) {
    if (result.status !== 'created' && result.status !== 'duplicate') continue;
    result.status = 'rejected';
    result.errors = [
      {
        path: `objects[${result.index}]`,
        code: 'strict_rejected',
        message: 'not written: --strict rejects the whole input because other objects are invalid or refused',
      },
    ];
  }
}

async function audit(
  store: Store,
  writer: UserViewer,
  request: StoreConvertedRequest,
  summary: ConvertSummary,
): Promise<void> {
  const { errors, warnings, ...counts } = summary;
  await store.writeTransaction((trx) =>
    appendAudit(trx, {
      actor: writer.userId,
      actorOrg: writer.orgId,
      action: 'object.import',
      target: request.source,
      outcome: summary.fatal === undefined ? 'ok' : 'error',
      details: {
        ...counts,
        format: request.format,
        conversionErrors: errors.length,
        conversionWarnings: warnings.length,
        strict: request.strict === true,
      },
    }),
  );
}
