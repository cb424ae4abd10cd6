import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeBackends } from '../../test/store-harness.js';
import { AccordError } from '../errors.js';
import type { Store } from '../store/store.js';
import { JobRunner } from './job-runner.js';
import type { JobHandler } from './job-runner.js';
import { addJob, getJob, listJobs, removeJob } from './job-store.js';
import { nextRunAt } from './next-run.js';
import { upgradePayloads } from './upgrade-payloads.js';
import { startScheduler } from './scheduler.js';

const T = new Date('2026-01-01T00:00:00.000Z');
const later = (ms: number) => new Date(T.getTime() + ms);

function deferred() {
  let release!: () => void;
  const promise = new Promise<void>((resolve) => (release = resolve));
  return { promise, release };
}

describe('nextRunAt', () => {
  it('reads schedules in UTC, strictly after the given time', () => {
    expect(nextRunAt('0 * * * *', T)).toBe('2026-01-01T01:00:00.000Z');
    expect(nextRunAt('*/15 * * * *', new Date('2026-01-01T00:14:59.000Z'))).toBe('2026-01-01T00:15:00.000Z');
    expect(nextRunAt('@daily', T)).toBe('2026-01-02T00:00:00.000Z');
  });
});

describe.each(storeBackends())('jobs on $name', (backend) => {
  let store: Store;
  beforeEach(async () => {
    store = await backend.open();
  });
  afterEach(async () => {
    await store.close();
  });

  it('stores jobs with their next run, refuses bad schedules and duplicate names', async () => {
    const job = await addJob(
      store,
      { kind: 'test', name: 'hourly', schedule: '0 * * * *', payload: { a: 1 } },
      T,
    );
    expect(job).toMatchObject({
      enabled: true,
      nextRunAt: '2026-01-01T01:00:00.000Z',
      payload: { a: 1 },
      state: {},
    });
    await expect(
      addJob(store, { kind: 'test', name: 'bad', schedule: 'every tuesday' }),
    ).rejects.toBeInstanceOf(AccordError);
    await expect(addJob(store, { kind: 'test', name: 'hourly' })).rejects.toMatchObject({
      code: 'job_exists',
    });
    expect((await getJob(store.db, 'hourly'))?.id).toBe(job.id);
    expect(await listJobs(store.db, 'other')).toEqual([]);
    await removeJob(store.db, job.id);
    expect(await listJobs(store.db)).toEqual([]);
  });

  it('runs due jobs only, records the outcome and state, and schedules the next run', async () => {
    const seen: string[] = [];
    const handler: JobHandler = ({ job }) => {
      seen.push(job.name);
      const count = Number(job.state.count ?? 0) + 1;
      return Promise.resolve({ summary: `run ${count}`, state: { count } });
    };
    const runner = new JobRunner(store, { test: handler });
    await addJob(store, { kind: 'test', name: 'a', schedule: '0 * * * *' }, T);
    await addJob(store, { kind: 'test', name: 'manual' }, T);
    expect(await runner.runDue(later(30 * 60_000))).toEqual([]);
    const [result] = await runner.runDue(later(60 * 60_000));
    expect(result).toMatchObject({ name: 'a', status: 'ok', summary: 'run 1' });
    const after = (await getJob(store.db, 'a'))!;
    expect(after).toMatchObject({ lastStatus: 'ok', lastError: null, state: { count: 1 } });
    expect(after.nextRunAt! > new Date().toISOString().slice(0, 13)).toBe(true);
    expect((await runner.runNow('a')).summary).toBe('run 2');
    expect(seen).toEqual(['a', 'a']);
  });

  it('records a failed run with its message and keeps the old state', async () => {
    await addJob(store, { kind: 'test', name: 'boom', schedule: '* * * * *', state: { keep: true } }, T);
    const runner = new JobRunner(store, { test: () => Promise.reject(new Error('remote said 500')) });
    const [result] = await runner.runDue(later(120_000));
    expect(result).toMatchObject({ status: 'error', error: 'remote said 500' });
    expect(await getJob(store.db, 'boom')).toMatchObject({
      lastStatus: 'error',
      lastError: 'remote said 500',
      state: { keep: true },
    });
  });

  it('bounds concurrency, never runs a job twice across runners, and skips kinds it has no handler for', async () => {
    for (const name of ['j1', 'j2', 'j3', 'j4', 'j5'])
      await addJob(store, { kind: 'slow', name, schedule: '* * * * *' }, T);
    await addJob(store, { kind: 'feed', name: 'someone-else', schedule: '* * * * *' }, T);
    const gate = deferred();
    const runs: string[] = [];
    let inFlight = 0;
    let peak = 0;
    const slow: JobHandler = async ({ job }) => {
      runs.push(job.name);
      peak = Math.max(peak, ++inFlight);
      await gate.promise;
      inFlight--;
      return { summary: 'done' };
    };
    const nodeA = new JobRunner(store, { slow }, { concurrency: 2 });
    const nodeB = new JobRunner(store, { slow }, { concurrency: 2 });
    const now = later(120_000);
    const first = [...(await nodeA.dispatchDue(now)), ...(await nodeB.dispatchDue(now))];
    expect(first).toHaveLength(4);
    expect(await nodeA.dispatchDue(now)).toEqual([]);
    gate.release();
    await Promise.all(first);
    const rest = await nodeA.runDue(now);
    expect(rest.map((r) => r.name)).toHaveLength(1);
    expect(runs.sort()).toEqual(['j1', 'j2', 'j3', 'j4', 'j5']);
    expect(peak).toBeLessThanOrEqual(4);
    expect((await getJob(store.db, 'someone-else'))!.lastRunAt).toBeNull();
  });

  it("runs each handler's prepare once before its first job, and again after a failure", async () => {
    await addJob(store, { kind: 'prep', name: 'p', schedule: '* * * * *', payload: { plain: true } }, T);
    const calls: string[] = [];
    const errors: unknown[] = [];
    let fail = true;
    const handler: JobHandler = ({ job }) => {
      calls.push(`run ${String(job.payload.plain)}`);
      return Promise.resolve({ summary: 'ok' });
    };
    handler.prepare = async (s) => {
      calls.push('prepare');
      if (fail) throw new Error('key file unreadable');
      await upgradePayloads(s, 'prep', (payload) =>
        Promise.resolve(payload.plain === true ? { plain: false } : undefined),
      );
    };
    const runner = new JobRunner(store, { prep: handler }, { onError: (e) => errors.push(e) });
    await runner.runDue(later(120_000));
    expect(errors).toEqual([new Error('key file unreadable')]);
    fail = false;
    await runner.runNow('p');
    await runner.runNow('p');
    expect(calls).toEqual(['prepare', 'run true', 'prepare', 'run false', 'run false']);
    expect(await upgradePayloads(store, 'prep', () => Promise.resolve(undefined))).toBe(0);
  });

  it('runs scheduled jobs in the background until stopped', async () => {
    await addJob(store, { kind: 'tick', name: 'every-second', schedule: '* * * * * *' }, T);
    let count = 0;
    const scheduler = startScheduler(
      store,
      {
        tick: () => {
          count++;
          return Promise.resolve({ summary: 'tick' });
        },
      },
      { intervalMs: 50 },
    );
    const deadline = Date.now() + 5000;
    while (count === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await scheduler.stop();
    expect(count).toBeGreaterThan(0);
    const settled = count;
    await new Promise((r) => setTimeout(r, 1200));
    expect(count).toBe(settled);
  });
});
