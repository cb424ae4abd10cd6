/**
 * Worker thread side of a parallel import (see examine-parallel.ts): scans the bundle bytes the main
 * thread sends, examines each object and posts the results back in order, while the main thread
 * writes. It stays alive (listening) until the main thread terminates it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { BundleSyntaxError } from './bundle-scanner.js';
import { examineBundle, examineContext } from './examine.js';
import type { Examined } from './examine.js';
import type { FromWorker, ToWorker, WorkerJob } from './examine-protocol.js';

const job = workerData as WorkerJob;
const port = parentPort!;
const post = (message: FromWorker) => {
  port.postMessage(message);
};

/** The bytes received so far, as the async iterable the scanner reads. */
class Inbox implements AsyncIterable<Buffer> {
  private readonly chunks: Buffer[] = [];
  private ended = false;
  private wake: (() => void) | undefined;

  push(message: ToWorker): void {
    if (message.type === 'chunk') {
      const { buffer, byteOffset, byteLength } = message.chunk;
      this.chunks.push(Buffer.from(buffer, byteOffset, byteLength));
    } else this.ended = true;
    this.wake?.();
    this.wake = undefined;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Buffer> {
    for (;;) {
      const chunk = this.chunks.shift();
      if (chunk !== undefined) {
        post({ type: 'consumed', bytes: chunk.length });
        yield chunk;
      } else if (this.ended) return;
      else await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }
}

const BATCH = 256;

async function run(): Promise<void> {
  const inbox = new Inbox();
  port.on('message', (message: ToWorker) => {
    inbox.push(message);
  });
  const { ctx, annotate } = examineContext(job.recipe);
  let items: Examined[] = [];
  try {
    for await (const item of examineBundle(inbox, ctx, job.maxObjectBytes, annotate)) {
      items.push(item);
      if (items.length >= BATCH) {
        post({ type: 'items', items });
        items = [];
      }
    }
    post({ type: 'items', items });
    post({ type: 'done' });
  } catch (error) {
    post({ type: 'items', items });
    if (error instanceof BundleSyntaxError) {
      post({
        type: 'syntax',
        error: { reason: error.reason, line: error.line, column: error.column, code: error.code },
      });
    } else {
      post({
        type: 'failed',
        message: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
    }
  }
}

void run();
