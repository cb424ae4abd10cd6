import { randomUUID } from 'node:crypto';
import { conflict, notFound } from '../errors.js';
import type { JobsTable } from '../store/schema.js';
import type { Db, Store } from '../store/store.js';
import { checkSchedule, nextRunAt } from './next-run.js';

/** A scheduled job as handlers and the CLI see it. */
export interface Job {
  id: string;
  kind: string;
  name: string;
  /** Cron expression in UTC; null for a job that only runs when asked. */
  schedule: string | null;
  payload: Record<string, unknown>;
  enabled: boolean;
  lastRunAt: string | null;
  lastStatus: 'ok' | 'error' | null;
  lastError: string | null;
  nextRunAt: string | null;
  /** What the job remembers between runs (e.g. the last `added_after` of a TAXII pull). */
  state: Record<string, unknown>;
  created: string;
}

export interface NewJob {
  kind: string;
  name: string;
  schedule?: string | null;
  payload?: Record<string, unknown>;
  enabled?: boolean;
  state?: Record<string, unknown>;
}

export function toJob(row: JobsTable): Job {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    schedule: row.schedule,
    payload: JSON.parse(row.payload) as Record<string, unknown>,
    enabled: row.enabled === 1,
    lastRunAt: row.last_run_at,
    lastStatus: row.last_status === 'ok' || row.last_status === 'error' ? row.last_status : null,
    lastError: row.last_error,
    nextRunAt: row.next_run_at,
    state: JSON.parse(row.state) as Record<string, unknown>,
    created: row.created,
  };
}

export async function addJob(store: Store, input: NewJob, now = new Date()): Promise<Job> {
  const schedule = input.schedule == null ? null : checkSchedule(input.schedule);
  const row: JobsTable = {
    id: randomUUID(),
    kind: input.kind,
    name: input.name,
    schedule,
    payload: JSON.stringify(input.payload ?? {}),
    enabled: input.enabled === false ? 0 : 1,
    last_run_at: null,
    last_status: null,
    last_error: null,
    next_run_at: schedule === null ? null : nextRunAt(schedule, now),
    locked_until: null,
    state: JSON.stringify(input.state ?? {}),
    created: now.toISOString(),
  };
  return store.writeTransaction(async (trx) => {
    const taken = await trx.selectFrom('jobs').select('id').where('name', '=', input.name).executeTakeFirst();
    if (taken !== undefined) throw conflict('job_exists', `a job named ${input.name} already exists`);
    await trx.insertInto('jobs').values(row).execute();
    return toJob(row);
  });
}

export async function listJobs(db: Db, kind?: string): Promise<Job[]> {
  let q = db.selectFrom('jobs').selectAll().orderBy('created').orderBy('name');
  if (kind !== undefined) q = q.where('kind', '=', kind);
  return (await q.execute()).map(toJob);
}

/** A job by id or name. */
export async function getJob(db: Db, idOrName: string): Promise<Job | undefined> {
  const row = await db
    .selectFrom('jobs')
    .selectAll()
    .where((eb) => eb.or([eb('id', '=', idOrName), eb('name', '=', idOrName)]))
    .executeTakeFirst();
  return row === undefined ? undefined : toJob(row);
}

export async function removeJob(db: Db, idOrName: string): Promise<void> {
  const result = await db
    .deleteFrom('jobs')
    .where((eb) => eb.or([eb('id', '=', idOrName), eb('name', '=', idOrName)]))
    .executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) throw notFound(`job ${idOrName}`);
}

/** Replaces what a job remembers; used by handlers and by one-off runs outside the scheduler. */
export async function saveJobState(db: Db, id: string, state: Record<string, unknown>): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ state: JSON.stringify(state) })
    .where('id', '=', id)
    .execute();
}

export interface JobPatch {
  schedule?: string | null;
  payload?: Record<string, unknown>;
  enabled?: boolean;
}

/** Changes a job's schedule, payload or enabled flag; a new schedule recomputes the next run. */
export async function updateJob(db: Db, idOrName: string, patch: JobPatch, now = new Date()): Promise<Job> {
  const job = await getJob(db, idOrName);
  if (job === undefined) throw notFound(`job ${idOrName}`);
  const schedule =
    patch.schedule === undefined
      ? job.schedule
      : patch.schedule === null
        ? null
        : checkSchedule(patch.schedule);
  await db
    .updateTable('jobs')
    .set({
      schedule,
      ...(patch.schedule === undefined
        ? {}
        : { next_run_at: schedule === null ? null : nextRunAt(schedule, now) }),
      ...(patch.payload === undefined ? {} : { payload: JSON.stringify(patch.payload) }),
      ...(patch.enabled === undefined ? {} : { enabled: patch.enabled ? 1 : 0 }),
    })
    .where('id', '=', job.id)
    .execute();
  return (await getJob(db, job.id))!;
}
