/**
 * Background jobs on Accord's own store (no Redis, no extra server).
 *
 * A job is a row of `jobs`: a `kind` naming its handler, a unique `name`, an optional cron `schedule`
 * (UTC, parsed by croner), a JSON `payload` (what to do) and a JSON `state` (what it remembers between
 * runs). To add a kind (e.g. `feed`): write a `JobHandler` that reads `ctx.job.payload`/`ctx.job.state`
 * and returns `{ summary, state? }` (throw to fail the run), then pass it in the handlers given to
 * `startScheduler(store, { feed: runFeed, 'taxii-pull': runTaxiiPull })`. A handler's optional `prepare`
 * (e.g. sealing credentials stored before sealing existed, `upgradePayloads`) runs once per runner.
 */
export { addJob, getJob, listJobs, removeJob, saveJobState, updateJob } from './job-store.js';
export type { Job, JobPatch, NewJob } from './job-store.js';
export { JobRunner } from './job-runner.js';
export type {
  JobContext,
  JobHandler,
  JobHandlers,
  JobOutcome,
  JobRunResult,
  JobRunnerOptions,
} from './job-runner.js';
export { checkSchedule, nextRunAt } from './next-run.js';
export { startScheduler, stopScheduler } from './scheduler.js';
export { upgradePayloads } from './upgrade-payloads.js';
export type { Scheduler, SchedulerOptions } from './scheduler.js';
