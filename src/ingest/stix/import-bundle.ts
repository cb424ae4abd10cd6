import type { Store } from '../../store/store.js';
import { writeVersions, writeVersionsIn } from '../../store/objects/write-versions.js';
import type { VersionRow } from '../../store/objects/version-row.js';
import { validateObject } from '../../stix/index.js';
import type { StixObject } from '../../stix/types.js';
import type { ImportSummary, ObjectResult } from '../import-result.js';
import { countResult, emptySummary } from '../import-result.js';
import type { PrepareContext } from '../prepare-version.js';
import { prepareVersion } from '../prepare-version.js';
import { BundleSyntaxError, scanBundle } from './bundle-scanner.js';
import type { ScannedElement } from './bundle-scanner.js';
import { lineColumn, locateJsonError } from './json-error-locator.js';

export interface ImportOptions {
  /** Reject the whole bundle (write nothing) when any object is invalid or refused. */
  strict?: boolean;
  maxObjectBytes?: number;
  /** Objects per write transaction (default 50,000); a batch also ends at `batchBytes` of STIX text. */
  batchSize?: number;
  batchBytes?: number;
  onResult?: (result: ObjectResult) => void;
  onProgress?: (progress: { bytes: number; objects: number }) => void;
}

export const DEFAULT_MAX_OBJECT_BYTES = 5 * 1024 * 1024;
// Each commit rewrites every index page the batch touched (ids are random, so nearly all of them once a
// store is large): fewer, larger transactions write far less. The byte bound keeps memory flat.
const DEFAULT_BATCH_SIZE = 50_000;
const DEFAULT_BATCH_BYTES = 32 * 1024 * 1024;

class StrictRejection extends Error {}

/**
 * Imports a STIX bundle from a byte stream: objects are parsed one by one, validated, placed by the
 * write rules and written in batches, each batch one transaction. Invalid objects are reported and
 * never written; valid ones land. With `strict`, everything runs in one transaction that is rolled
 * back if anything is wrong.
 */
export async function importBundle(
  store: Store,
  source: AsyncIterable<Buffer | string>,
  ctx: PrepareContext,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const summary = emptySummary();
  const emit = (result: ObjectResult) => {
    countResult(summary, result);
    options.onResult?.(result);
  };
  const run = async (write: (rows: VersionRow[]) => Promise<Awaited<ReturnType<typeof writeVersions>>>) => {
    await importStream(source, ctx, options, summary, emit, write);
  };
  if (options.strict !== true) {
    await run((rows) => writeVersions(store, ctx.writer, rows));
    return summary;
  }
  // Strict: hold every result until we know whether the bundle as a whole is accepted.
  const held: ObjectResult[] = [];
  const strictSummary = emptySummary();
  const hold = (result: ObjectResult) => held.push(result);
  try {
    await store.writeTransaction(async (trx) => {
      await importStream(source, ctx, options, strictSummary, hold, (rows) =>
        writeVersionsIn(store, trx, ctx.writer, rows),
      );
      if (
        held.some((r) => r.status === 'invalid' || r.status === 'refused') ||
        strictSummary.fatal !== undefined
      ) {
        throw new StrictRejection();
      }
    });
  } catch (error) {
    if (!(error instanceof StrictRejection)) throw error;
    for (const r of held) {
      if (r.status === 'created' || r.status === 'duplicate') {
        r.status = 'rejected';
        r.errors = [
          {
            path: `objects[${r.index}]`,
            code: 'strict_rejected',
            message: 'not written: --strict rejects the whole bundle because other objects are invalid',
          },
        ];
      }
    }
  }
  for (const r of held) emit(r);
  if (strictSummary.fatal !== undefined) summary.fatal = strictSummary.fatal;
  return summary;
}

interface Pending {
  result: ObjectResult;
  row: VersionRow;
}

async function importStream(
  source: AsyncIterable<Buffer | string>,
  ctx: PrepareContext,
  options: ImportOptions,
  summary: ImportSummary,
  emit: (result: ObjectResult) => void,
  write: (rows: VersionRow[]) => Promise<Awaited<ReturnType<typeof writeVersions>>>,
): Promise<void> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const batchBytes = options.batchBytes ?? DEFAULT_BATCH_BYTES;
  const maxObjectBytes = options.maxObjectBytes ?? DEFAULT_MAX_OBJECT_BYTES;
  let batch: Pending[] = [];
  let pendingBytes = 0;
  let header: { type?: unknown; id?: unknown } = {};
  let objects = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const current = batch;
    batch = [];
    pendingBytes = 0;
    const outcomes = await write(current.map((p) => p.row));
    for (const [i, pending] of current.entries()) {
      const outcome = outcomes[i]!;
      pending.result.status = outcome.status;
      if (outcome.status === 'refused') {
        pending.result.errors.push({
          path: `objects[${pending.result.index}]`,
          code: outcome.code!,
          message: outcome.message!,
        });
      }
      emit(pending.result);
    }
  };
  try {
    for await (const item of scanBundle(source, { maxObjectBytes })) {
      if (item.kind === 'header') {
        header = { ...header, [item.key]: item.value };
        if (item.key === 'type' && item.value !== 'bundle') break;
        continue;
      }
      objects++;
      const pending = examine(item, ctx);
      if ('row' in pending) {
        batch.push(pending);
        pendingBytes += pending.row.data.length;
        if (batch.length >= batchSize || pendingBytes >= batchBytes) await flush();
      } else emit(pending);
      if (objects % 1000 === 0) options.onProgress?.({ bytes: item.bytes, objects });
    }
    await flush();
    checkHeader(header, summary);
  } catch (error) {
    if (!(error instanceof BundleSyntaxError)) throw error;
    await flush();
    summary.fatal = { code: error.code, message: error.message, line: error.line, column: error.column };
  }
}

function checkHeader(header: { type?: unknown; id?: unknown }, summary: ImportSummary): void {
  if (header.type !== 'bundle') {
    summary.fatal = {
      code: 'not_a_bundle',
      message: 'the JSON object is not a STIX bundle: "type" must be "bundle"',
    };
  } else if (
    typeof header.id !== 'string' ||
    !/^bundle--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(header.id)
  ) {
    summary.fatal = { code: 'invalid_id', message: 'the bundle "id" must be bundle--<uuid>' };
  }
}

function examine(item: ScannedElement, ctx: PrepareContext): Pending | ObjectResult {
  const path = `objects[${item.index}]`;
  const result: ObjectResult = { index: item.index, id: null, status: 'invalid', errors: [], warnings: [] };
  if (item.text === null) {
    result.errors.push({
      path,
      code: 'object_too_large',
      message: `object at line ${item.line}, column ${item.column} is ${item.tooLarge ?? 0} bytes, over the limit`,
    });
    return result;
  }
  let object: unknown;
  try {
    object = JSON.parse(item.text);
  } catch {
    const { offset, expected } = locateJsonError(item.text);
    const at = lineColumn(item.text, offset);
    const line = item.line + at.line - 1;
    const column = at.line === 1 ? item.column + at.column - 1 : at.column;
    result.errors.push({
      path,
      code: 'malformed_json',
      message: `malformed JSON at line ${line}, column ${column}: expected ${expected}`,
    });
    return result;
  }
  const validation = validateObject(object, path);
  if (typeof object === 'object' && object !== null && typeof (object as { id?: unknown }).id === 'string') {
    result.id = (object as { id: string }).id;
  }
  result.warnings = validation.warnings;
  if (!validation.valid) {
    result.errors = validation.errors;
    return result;
  }
  const row = prepareVersion(object as StixObject, path, ctx);
  if ('code' in row) {
    result.status = 'refused';
    result.errors.push(row);
    return result;
  }
  return { result, row };
}
