import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** What one checkpoint did: WAL frames in the log, and how many of them are now in the database file. */
export interface CheckpointResult {
  busy: number;
  log: number;
  checkpointed: number;
}

/** The shortest time between two checkpoints' starts. */
const INTERVAL_MS = 100;

// Plain CommonJS, so the thread starts without a TypeScript loader in tests and from the build alike.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 10000');
let scheduled;
let last = 0;
parentPort.on('message', (message) => {
  if (message === 'close') {
    clearTimeout(scheduled); // a checkpoint waiting for its interval would hold the thread open
    db.close();
    parentPort.close();
    return;
  }
  // Commits that arrive while a checkpoint runs or waits make one more, not one each; and checkpoints
  // (each syncs the database file) start at most every workerData.intervalMs, however many small
  // commits a busy server makes.
  if (scheduled !== undefined) return;
  scheduled = setTimeout(() => {
    scheduled = undefined;
    try {
      const [result] = db.pragma('wal_checkpoint(PASSIVE)');
      parentPort.postMessage({ result });
    } catch (error) {
      parentPort.postMessage({ error: String(error && error.message ? error.message : error) });
    }
    last = Date.now();
  }, Math.max(0, last + workerData.intervalMs - Date.now()));
});
`;

/**
 * Checkpoints a SQLite store's WAL on a thread of its own, with its own connection: a checkpoint copies
 * every page committed since the last one into the database file and syncs it, which cost the writing
 * connection about a fifth of a bulk import's time when SQLite ran it inside COMMIT. A PASSIVE
 * checkpoint never blocks the writer or readers; the writer keeps a higher automatic checkpoint of its
 * own as a backstop, in case this thread falls behind or fails.
 */
export class WalCheckpointer {
  private readonly worker: Worker;
  private closed = false;
  private readonly exited: Promise<void>;

  constructor(
    path: string,
    onCheckpoint?: (result: CheckpointResult) => void,
    onFailure?: (message: string) => void,
  ) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(WORKER, { eval: true, workerData: { path, driver, intervalMs: INTERVAL_MS } });
    // A CLI process ends when its work is done, checkpointed or not: SQLite recovers the WAL.
    this.worker.unref();
    this.worker.on('message', (message: { result?: CheckpointResult; error?: string }) => {
      if (message.result !== undefined) onCheckpoint?.(message.result);
      else if (message.error !== undefined) onFailure?.(message.error);
    });
    this.exited = new Promise((resolve) => {
      this.worker.once('exit', () => {
        resolve();
      });
    });
    this.worker.once('error', (error) => onFailure?.(error.message));
  }

  /** Called after each commit: a checkpoint follows once the thread is free and its interval has passed. */
  committed(): void {
    if (!this.closed) this.worker.postMessage('commit');
  }

  /** Lets a checkpoint under way finish, then closes the thread's connection. */
  async close(): Promise<void> {
    if (this.closed) return this.exited;
    this.closed = true;
    this.worker.ref(); // an unreferenced thread would not keep the process alive until it has closed
    this.worker.postMessage('close');
    await this.exited;
  }
}
