import type { Store } from '../store/store.js';
import { getJob, toJob } from './job-store.js';
import type { Job } from './job-store.js';
import { nextRunAt } from './next-run.js';

/** What a handler receives: the store, its job (payload and remembered state) and a stop signal. */
export interface JobContext {
  store: Store;
  job: Job;
  signal: AbortSignal;
}

/** A handler's result: a one-line summary, and the state to remember for the next run (if changed). */
export interface JobOutcome {
  summary: string;
  state?: Record<string, unknown>;
}

/**
 * One handler per job kind (`taxii-pull`, `feed`, ...); a thrown error marks the run failed. A
 * handler may carry `prepare`: work a runner does once before its first run of any job (a one-time
 * upgrade of stored payloads); it must be idempotent, as every runner on every node does it.
 */
export type JobHandler = ((ctx: JobContext) => Promise<JobOutcome>) & {
  prepare?: (store: Store) => Promise<unknown>;
};
export type JobHandlers = Readonly<Record<string, JobHandler>>;

export interface JobRunResult {
  id: string;
  name: string;
  kind: string;
  status: 'ok' | 'error';
  summary?: string;
  error?: string;
  startedAt: string;
  ms: number;
}

export interface JobRunnerOptions {
  /** Jobs running at once on this node. */
  concurrency?: number;
  /** How long a claimed job stays locked to this node if the process dies mid-run. */
  leaseMs?: number;
  /** Told when a handler's `prepare` fails (it is tried again before the next dispatch). */
  onError?: (error: unknown) => void;
}

/**
 * Runs due jobs from the `jobs` table with bounded concurrency. A job is claimed with a lease in a
 * write transaction, so several Accord nodes on one PostgreSQL never run the same job twice, and a
 * crashed node's jobs become due again when the lease ends. Every run records its outcome and the
 * next time the schedule fires.
 */
export class JobRunner {
  private readonly running = new Map<string, Promise<JobRunResult>>();
  private readonly abort = new AbortController();
  private readonly concurrency: number;
  private readonly leaseMs: number;
  private prepared: Promise<void> | undefined;

  constructor(
    private readonly store: Store,
    private readonly handlers: JobHandlers,
    private readonly options: JobRunnerOptions = {},
  ) {
    this.concurrency = Math.max(1, options.concurrency ?? 4);
    this.leaseMs = options.leaseMs ?? 30 * 60_000;
  }

  /** Runs every handler's `prepare` once; a failure is reported, not thrown, and retried next time. */
  private prepare(): Promise<void> {
    this.prepared ??= (async () => {
      const prepares = Object.values(this.handlers).flatMap((h) =>
        h.prepare === undefined ? [] : [h.prepare],
      );
      const failed = (await Promise.allSettled(prepares.map((p) => p(this.store)))).filter(
        (r) => r.status === 'rejected',
      );
      if (failed.length === 0) return;
      this.prepared = undefined;
      for (const f of failed) this.options.onError?.(f.reason);
    })();
    return this.prepared;
  }

  get active(): number {
    return this.running.size;
  }

  /** Claims due jobs up to the free capacity and starts them; returns their completions. */
  async dispatchDue(now = new Date()): Promise<Array<Promise<JobRunResult>>> {
    const free = this.concurrency - this.running.size;
    const kinds = Object.keys(this.handlers);
    if (free <= 0 || kinds.length === 0 || this.abort.signal.aborted) return [];
    await this.prepare();
    const nowIso = now.toISOString();
    const claimed = await this.store.writeTransaction(async (trx) => {
      const rows = await trx
        .selectFrom('jobs')
        .selectAll()
        .where('enabled', '=', 1)
        .where('kind', 'in', kinds)
        .where('next_run_at', 'is not', null)
        .where('next_run_at', '<=', nowIso)
        .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', nowIso)]))
        .orderBy('next_run_at')
        .limit(free)
        .execute();
      const ids = rows.map((r) => r.id).filter((id) => !this.running.has(id));
      if (ids.length === 0) return [];
      const until = new Date(now.getTime() + this.leaseMs).toISOString();
      await trx.updateTable('jobs').set({ locked_until: until }).where('id', 'in', ids).execute();
      return rows.filter((r) => ids.includes(r.id)).map(toJob);
    });
    return claimed.map((job) => this.start(job));
  }

  /** Runs every due job (up to capacity) and waits for them: for tests and `accord jobs run-due`. */
  async runDue(now = new Date()): Promise<JobRunResult[]> {
    return Promise.all(await this.dispatchDue(now));
  }

  /** Runs one job now, whatever its schedule. */
  async runNow(idOrName: string): Promise<JobRunResult> {
    await this.prepare();
    const job = await getJob(this.store.db, idOrName);
    if (job === undefined) throw new Error(`no job ${idOrName}`);
    return this.running.get(job.id) ?? this.start(job);
  }

  /** Stops starting jobs, signals running ones and waits for them to finish. */
  async stop(): Promise<void> {
    this.abort.abort();
    await Promise.allSettled([...this.running.values()]);
  }

  private start(job: Job): Promise<JobRunResult> {
    const run = this.execute(job).finally(() => this.running.delete(job.id));
    this.running.set(job.id, run);
    return run;
  }

  private async execute(job: Job): Promise<JobRunResult> {
    const started = new Date();
    const base = { id: job.id, name: job.name, kind: job.kind, startedAt: started.toISOString() };
    let result: JobRunResult;
    let state: Record<string, unknown> | undefined;
    try {
      const handler = this.handlers[job.kind];
      if (handler === undefined) throw new Error(`no handler for job kind ${job.kind}`);
      const outcome = await handler({ store: this.store, job, signal: this.abort.signal });
      state = outcome.state;
      result = { ...base, status: 'ok', summary: outcome.summary, ms: Date.now() - started.getTime() };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      result = { ...base, status: 'error', error: message, ms: Date.now() - started.getTime() };
    }
    const finished = new Date();
    await this.store.db
      .updateTable('jobs')
      .set({
        last_run_at: base.startedAt,
        last_status: result.status,
        last_error: result.error ?? null,
        next_run_at: job.schedule === null ? null : nextRunAt(job.schedule, finished),
        locked_until: null,
        ...(state === undefined ? {} : { state: JSON.stringify(state) }),
      })
      .where('id', '=', job.id)
      .execute();
    return result;
  }
}
