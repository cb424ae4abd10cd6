import { onStoreCommit } from '../../store/commit-signal.js';
import type { Store } from '../../store/store.js';
import { SubscriptionRunner } from './subscription-runner.js';
import type { RunnerOptions } from './subscription-runner.js';

export interface WorkerOptions extends RunnerOptions {
  /** Longest sleep between runs: catches other nodes' commits and due retries (default 1 s). */
  pollMs?: number;
}

export interface SubscriptionWorker {
  readonly runner: SubscriptionRunner;
  /** Waits for the run under way, then stops; nothing is left half-done (claims expire). */
  stop(): Promise<void>;
}

/**
 * The background loop `accord serve` starts: runs the subscription runner after each commit of this
 * process, and at least every `pollMs` (writes of other nodes, retries coming due).
 */
export function startSubscriptionWorker(store: Store, options: WorkerOptions = {}): SubscriptionWorker {
  const runner = new SubscriptionRunner(store, options);
  const pollMs = options.pollMs ?? 1000;
  let stopped = false;
  const isStopped = () => stopped;
  let wake: (() => void) | undefined;
  let timer: NodeJS.Timeout | undefined;
  // A commit (its own writes too) ends the wait; a run that finds nothing writes nothing.
  const off = onStoreCommit(store.db, () => wake?.());
  const loop = async () => {
    while (!stopped) {
      try {
        await runner.runOnce();
      } catch (error) {
        options.onError?.(error);
      }
      // stop() may have run during the await above.
      if (isStopped()) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
        timer = setTimeout(resolve, pollMs);
      });
      clearTimeout(timer);
      wake = undefined;
    }
  };
  const running = loop();
  return {
    runner,
    stop: async () => {
      stopped = true;
      off();
      wake?.();
      await running;
    },
  };
}
