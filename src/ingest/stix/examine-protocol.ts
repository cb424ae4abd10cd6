import type { Examined, ExamineRecipe } from './examine.js';

/** What the examine worker is started with. */
export interface WorkerJob {
  recipe: ExamineRecipe;
  maxObjectBytes: number;
}

/** Main thread to worker: the input, chunk by chunk, then its end. */
export type ToWorker = { type: 'chunk'; chunk: Uint8Array } | { type: 'end' };

/** Worker to main thread, in order: examined objects, input taken, and how it ended. */
export type FromWorker =
  | { type: 'items'; items: Examined[] }
  | { type: 'consumed'; bytes: number }
  | { type: 'done' }
  | { type: 'syntax'; error: { reason: string; line: number; column: number; code: string } }
  | { type: 'failed'; message: string };
