/**
 * Examines a large bundle on a worker thread while the calling thread writes: scanning, JSON.parse,
 * validation and placement cost about as much as the SQLite writes, and the two overlap on two cores.
 * The worker gets the bytes, not parsed objects; it returns examined objects in input order, so what
 * the import reports is the same as examining on this thread.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { BundleSyntaxError } from './bundle-scanner.js';
import type { Examined, ExamineRecipe } from './examine.js';
import type { FromWorker, ToWorker, WorkerJob } from './examine-protocol.js';

/**
 * Input bytes sent to the worker but not yet scanned by it: two write batches (import-bundle.ts), so
 * the worker has input for the whole time this thread spends committing a batch (it cannot send more
 * then), and the next batch is examined when the commit ends. Examined objects take about three
 * times their input size on the heap, so more only adds memory.
 */
const AHEAD_BYTES = 8 * 1024 * 1024;
/**
 * Input bytes whose examined objects wait here, beyond those this thread is taking into a batch. They
 * pile up only while a batch is written, and the worker's output then waits in the message port anyway.
 */
const QUEUED_BYTES = 4 * 1024 * 1024;

/**
 * The worker's heap, bounded so that it stays small while it examines at full speed (V8 would
 * otherwise grow it to hundreds of MB under that allocation rate): room for the largest object
 * accepted, parsed and canonicalised a few times over, plus the working set.
 */
function workerHeapLimitMb(maxObjectBytes: number): number {
  return 64 + 8 * Math.ceil(maxObjectBytes / (1024 * 1024));
}

// Run from TypeScript sources (tests, `npm run dev`), the worker loads through tsx like this thread.
const TYPESCRIPT = import.meta.url.endsWith('.ts');
const ENTRY = new URL(`./examine-worker.${TYPESCRIPT ? 'ts' : 'js'}`, import.meta.url);
const TSX_BOOT = `
const { workerData } = require('node:worker_threads');
import(workerData.tsx)
  .then((tsx) => { tsx.register(); return import(workerData.entry); })
  .catch((error) => setImmediate(() => { throw error; }));
`;

function startWorker(job: WorkerJob): Worker {
  const resourceLimits = {
    maxOldGenerationSizeMb: workerHeapLimitMb(job.maxObjectBytes),
    maxYoungGenerationSizeMb: 16,
  };
  if (!TYPESCRIPT) return new Worker(ENTRY, { workerData: job, resourceLimits });
  // The ESM build of tsx's register API (its CommonJS build resolves its hooks wrongly from a worker).
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('tsx/package.json');
  const api = (require(manifest) as { exports: Record<string, { import: { default: string } }> }).exports;
  const tsx = new URL(api['./esm/api']!.import.default, pathToFileURL(manifest)).href;
  return new Worker(TSX_BOOT, { eval: true, workerData: { ...job, tsx, entry: ENTRY.href }, resourceLimits });
}

/**
 * Yields what `examineBundle` would for `head` followed by the rest of `source`. Throws
 * BundleSyntaxError as it would; the worker stops when the caller stops iterating.
 */
export async function* examineInWorker(
  head: readonly Buffer[],
  source: AsyncIterator<Buffer | string>,
  recipe: ExamineRecipe,
  maxObjectBytes: number,
): AsyncGenerator<Examined> {
  const worker = startWorker({ recipe, maxObjectBytes });
  const queue: Examined[] = [];
  let end: { syntax?: BundleSyntaxError; failure?: Error } | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };

  let sent = 0; // input bytes posted to the worker
  let scanned = 0; // of those, bytes the worker has taken
  let queuedUpTo = 0; // input offset of the newest examined object waiting here
  let takenUpTo = 0; // input offset of the newest examined object handed to the caller
  let sourceDone = false;
  let pumping = false;
  const pending = [...head];
  const send = (message: ToWorker) => {
    worker.postMessage(message);
  };
  // Posting a view clones its whole ArrayBuffer: a 1 KB slice of a 5 MB buffer (HTTP bodies and
  // pooled buffers are such slices) would copy 5 MB. A slice is copied on its own and moved instead.
  const sendChunk = (chunk: Buffer) => {
    if (chunk.byteOffset === 0 && chunk.byteLength === chunk.buffer.byteLength) {
      send({ type: 'chunk', chunk });
      return;
    }
    const own = new Uint8Array(chunk);
    worker.postMessage({ type: 'chunk', chunk: own } satisfies ToWorker, [own.buffer]);
  };

  // Sends input while the worker is not too far ahead of this thread, without ever waiting on a
  // message: an object bigger than the limits still flows through, since the worker keeps scanning.
  const pump = async () => {
    if (pumping) return;
    pumping = true;
    try {
      while (!sourceDone && end === undefined) {
        if (sent - scanned >= AHEAD_BYTES || queuedUpTo - takenUpTo >= QUEUED_BYTES) break;
        let chunk = pending.shift();
        if (chunk === undefined) {
          const next = await source.next();
          if (next.done === true) {
            sourceDone = true;
            send({ type: 'end' });
            break;
          }
          chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
        }
        sent += chunk.length;
        sendChunk(chunk);
      }
    } catch (error) {
      end ??= { failure: error instanceof Error ? error : new Error(String(error)) };
      notify();
    } finally {
      pumping = false;
    }
  };

  worker.on('message', (message: FromWorker) => {
    switch (message.type) {
      case 'items':
        for (const item of message.items) {
          queue.push(item);
          if (item.kind !== 'header') queuedUpTo = item.bytes;
        }
        break;
      case 'consumed':
        scanned += message.bytes;
        void pump();
        return;
      case 'done':
        end ??= {};
        break;
      case 'syntax': {
        const { reason, line, column, code } = message.error;
        end ??= { syntax: new BundleSyntaxError(reason, line, column, code) };
        break;
      }
      case 'failed':
        end ??= { failure: new Error(`import worker failed: ${message.message}`) };
        break;
    }
    notify();
  });
  worker.on('error', (error: Error & { code?: string }) => {
    end ??= {
      failure:
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new Error(
              `import worker ran out of its ${String(workerHeapLimitMb(maxObjectBytes))} MB heap; ` +
                'retry with a larger --max-object-bytes, which also raises this limit',
            )
          : error,
    };
    notify();
  });
  worker.on('exit', (code) => {
    end ??= { failure: new Error(`import worker stopped unexpectedly (exit code ${code})`) };
    notify();
  });

  try {
    void pump();
    for (;;) {
      const item = queue.shift();
      if (item !== undefined) {
        if (item.kind !== 'header') {
          takenUpTo = item.bytes;
          if (queuedUpTo - takenUpTo < QUEUED_BYTES / 2) void pump();
        }
        yield item;
        continue;
      }
      if (end !== undefined) {
        if (end.syntax !== undefined) throw end.syntax;
        if (end.failure !== undefined) throw end.failure;
        return;
      }
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    await worker.terminate();
  }
}
