import type { Store } from '../store/store.js';
import { JobRunner } from './job-runner.js';
import type { JobHandlers, JobRunResult, JobRunnerOptions } from './job-runner.js';

export interface SchedulerOptions extends JobRunnerOptions {
  /** How often to look for due jobs. */
  intervalMs?: number;
  onResult?: (result: JobRunResult) => void;
}

export interface Scheduler {
  readonly runner: JobRunner;
  /** Looks for due jobs now (also what the timer does). */
  tick(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the background scheduler `accord serve` runs: every `intervalMs` it starts the jobs that are
 * due, at most `concurrency` at a time, without waiting for long runs before looking again.
 */
export function startScheduler(
  store: Store,
  handlers: JobHandlers,
  options: SchedulerOptions = {},
): Scheduler {
  const runner = new JobRunner(store, handlers, options);
  const intervalMs = options.intervalMs ?? 15_000;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let ticking: Promise<void> = Promise.resolve();

  const tickOnce = async () => {
    try {
      for (const run of await runner.dispatchDue())
        void run.then((r) => options.onResult?.(r), options.onError);
    } catch (error) {
      options.onError?.(error);
    }
  };
  const tick = () => {
    ticking = ticking.then(tickOnce);
    return ticking;
  };
  const loop = () => {
    if (stopped) return;
    void tick().then(() => {
      if (!stopped) timer = setTimeout(loop, intervalMs);
    });
  };
  loop();
  return {
    runner,
    tick,
    stop: async () => {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      await ticking;
      await runner.stop();
    },
  };
}

export function stopScheduler(scheduler: Scheduler): Promise<void> {
  return scheduler.stop();
}
