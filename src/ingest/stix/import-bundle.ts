import { Readable } from 'node:stream';
import type { Store } from '../../store/store.js';
import { writeVersions, writeVersionsIn } from '../../store/objects/write-versions.js';
import type { VersionRow } from '../../store/objects/version-row.js';
import type { ImportSummary, ObjectResult } from '../import-result.js';
import { countResult, emptySummary } from '../import-result.js';
import { BundleSyntaxError } from './bundle-scanner.js';
import { examineBundle, examineContext } from './examine.js';
import type { Examined, ExamineRecipe } from './examine.js';
import { examineInWorker } from './examine-parallel.js';

export interface ImportOptions {
  /** Reject the whole bundle (write nothing) when any object is invalid or refused. */
  strict?: boolean;
  maxObjectBytes?: number;
  /** Objects per write transaction (default 50,000); a batch also ends at `batchBytes` of STIX text. */
  batchSize?: number;
  batchBytes?: number;
  /**
   * Inputs of at least this many bytes (default 4 MB) are examined on a worker thread while this one
   * writes; smaller ones, where starting a worker costs more than it saves, on this thread.
   */
  parallelFromBytes?: number;
  onResult?: (result: ObjectResult) => void;
  onProgress?: (progress: { bytes: number; objects: number }) => void;
}

export const DEFAULT_MAX_OBJECT_BYTES = 5 * 1024 * 1024;
// Each commit rewrites every index page the batch touched (ids are random, so nearly all of them once a
// store is large): fewer, larger transactions write less. The byte bound keeps memory flat. Measured
// with 32 KB pages (open-sqlite.ts), 1 GB import / 100,000-object bench: 8 MB batches peaked at
// 511-522 MB resident (over the 500 MB bound) at 14,600 objects/s, 6 MB at 487 MB and 13,700/s,
// 4 MB at 458-460 MB and 12,300/s; on the bench 4 MB ran as fast as 8 MB or faster (33,300-37,400
// against 31,800-34,700 objects/s), the writing thread waiting less for the examining one.
const DEFAULT_BATCH_SIZE = 50_000;
const DEFAULT_BATCH_BYTES = 4 * 1024 * 1024;
const DEFAULT_PARALLEL_FROM_BYTES = 4 * 1024 * 1024;

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
  recipe: ExamineRecipe,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const summary = emptySummary();
  const emit = (result: ObjectResult) => {
    countResult(summary, result);
    options.onResult?.(result);
  };
  const run = async (write: (rows: VersionRow[]) => Promise<Awaited<ReturnType<typeof writeVersions>>>) => {
    await importStream(source, recipe, options, summary, emit, write);
  };
  if (options.strict !== true) {
    await run((rows) => writeVersions(store, recipe.writer, rows));
    return summary;
  }
  // Strict: hold every result until we know whether the bundle as a whole is accepted.
  const held: ObjectResult[] = [];
  const strictSummary = emptySummary();
  const hold = (result: ObjectResult) => held.push(result);
  try {
    await store.writeTransaction(async (trx) => {
      await importStream(source, recipe, options, strictSummary, hold, (rows) =>
        writeVersionsIn(store, trx, recipe.writer, rows),
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

type Pending = Extract<Examined, { kind: 'row' }>;

async function importStream(
  source: AsyncIterable<Buffer | string>,
  recipe: ExamineRecipe,
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
    for await (const item of examined(source, recipe, maxObjectBytes, options.parallelFromBytes)) {
      if (item.kind === 'header') {
        header = { ...header, [item.key]: item.value };
        if (item.key === 'type' && item.value !== 'bundle') break;
        continue;
      }
      objects++;
      if (item.kind === 'row') {
        batch.push(item);
        pendingBytes += item.row.data.length;
        if (batch.length >= batchSize || pendingBytes >= batchBytes) await flush();
      } else emit(item.result);
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

/**
 * The examined objects of `source`: on this thread for small inputs, on a worker thread when the
 * input reaches `parallelFromBytes` (read ahead here to decide, then handed over with the rest).
 */
async function* examined(
  source: AsyncIterable<Buffer | string>,
  recipe: ExamineRecipe,
  maxObjectBytes: number,
  parallelFromBytes = DEFAULT_PARALLEL_FROM_BYTES,
): AsyncGenerator<Examined> {
  const iterator = source[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let headBytes = 0;
  let ended = false;
  while (headBytes < parallelFromBytes) {
    const next = await iterator.next();
    if (next.done === true) {
      ended = true;
      break;
    }
    const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    head.push(chunk);
    headBytes += chunk.length;
  }
  if (!ended) {
    yield* examineInWorker(head, iterator, recipe, maxObjectBytes);
    return;
  }
  const { ctx, annotate } = examineContext(recipe);
  yield* examineBundle(Readable.from(head), ctx, maxObjectBytes, annotate);
}
