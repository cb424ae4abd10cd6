import { viewerForUser } from '../../auth/viewer-for-user.js';
import { addJob, getJob } from '../../jobs/job-store.js';
import { upgradePayloads } from '../../jobs/upgrade-payloads.js';
import { hasPlainValues, openValues, sealValues, SET } from '../../secrets/index.js';
import type { Job } from '../../jobs/job-store.js';
import type { JobHandler } from '../../jobs/job-runner.js';
import type { Distribution } from '../../policy/distribution.js';
import type { TlpLevel } from '../../policy/tlp.js';
import type { UserViewer } from '../../policy/viewer.js';
import type { Store } from '../../store/store.js';
import { pullCollection } from './pull-collection.js';
import { TaxiiHttp } from './taxii-http.js';
import type { TaxiiAuth } from './taxii-http.js';

export const TAXII_PULL = 'taxii-pull';

/**
 * What a `taxii-pull` job row holds in `payload`; credentials only for scheduled pulls, `key` and
 * `password` sealed (src/secrets; rows from before sealing hold them plain until upgraded).
 */
export interface TaxiiPullPayload {
  apiRoot: string;
  collection: string;
  key?: string;
  user?: string;
  password?: string;
  /** E-mail of the local user the objects are imported as (default: the first administrator). */
  as?: string;
  distribution?: Distribution;
  tlp?: TlpLevel | 'none';
}

/** The job that remembers where pulls of one remote collection got to. */
export function pullJobName(apiRoot: string, collection: string): string {
  return `taxii-pull ${apiRoot.replace(/\/?$/, '/')}#${collection}`;
}

export function authOf(p: {
  key?: string | undefined;
  user?: string | undefined;
  password?: string | undefined;
}): TaxiiAuth {
  if (p.key !== undefined) return { kind: 'bearer', key: p.key };
  if (p.user !== undefined) return { kind: 'basic', user: p.user, password: p.password ?? '' };
  return { kind: 'none' };
}

/** Seals a pull's key and password for the job row; the user name stays readable. */
export async function sealPullCredentials<P extends { key?: string; password?: string }>(
  store: Store,
  payload: P,
): Promise<P> {
  const sealed = await sealValues(store, { key: payload.key, password: payload.password });
  return {
    ...payload,
    ...(sealed.key === undefined ? {} : { key: sealed.key }),
    ...(sealed.password === undefined ? {} : { password: sealed.password }),
  };
}

/** One-time upgrade: seals the credentials of pull jobs stored before sealing existed; idempotent. */
export function sealPlainPullCredentials(store: Store): Promise<number> {
  return upgradePayloads(store, TAXII_PULL, async (payload) => {
    const p = payload as Partial<TaxiiPullPayload>;
    if (!hasPlainValues({ key: p.key, password: p.password })) return undefined;
    return sealPullCredentials(store, payload as { key?: string; password?: string });
  });
}

/** A pull job's payload as listings show it: which credentials are set, never their values. */
export function presentPullPayload(payload: Record<string, unknown>): Record<string, unknown> {
  const { key, password, ...rest } = payload;
  return {
    ...rest,
    ...(key === undefined ? {} : { key: SET }),
    ...(password === undefined ? {} : { password: SET }),
  };
}

/** Finds, or creates unscheduled, the job keeping the state of pulls from this remote collection. */
export async function pullStateJob(store: Store, apiRoot: string, collection: string): Promise<Job> {
  const name = pullJobName(apiRoot, collection);
  return (
    (await getJob(store.db, name)) ??
    addJob(store, { kind: TAXII_PULL, name, payload: { apiRoot, collection } })
  );
}

async function actor(store: Store, email: string | undefined): Promise<UserViewer> {
  const q = store.db.selectFrom('users').select('id').where('disabled', '=', 0).orderBy('created');
  const user = await (
    email === undefined ? q.where('role', '=', 'admin') : q.where('email', '=', email.toLowerCase())
  )
    .limit(1)
    .executeTakeFirst();
  const viewer = user === undefined ? null : await viewerForUser(store, user.id);
  if (viewer === null)
    throw new Error(email === undefined ? 'no active administrator to import as' : `no active user ${email}`);
  return viewer;
}

/** The `taxii-pull` job kind: one incremental pull, remembering the last `added_after` in the job state. */
export const runTaxiiPull: JobHandler = async ({ store, job, signal }) => {
  const p = job.payload as unknown as TaxiiPullPayload;
  const secrets = await openValues(store, { key: p.key, password: p.password }, `taxii-pull job ${job.name}`);
  const http = new TaxiiHttp({ apiRoot: p.apiRoot, auth: authOf({ ...p, ...secrets }), signal });
  const since = typeof job.state.addedAfter === 'string' ? job.state.addedAfter : undefined;
  const result = await pullCollection(store, await actor(store, p.as), http, {
    collection: p.collection,
    addedAfter: since,
    distribution: p.distribution,
    tlp: p.tlp,
  });
  const s = result.summary;
  return {
    summary: `${result.objects} objects in ${result.pages} pages: ${s.created} created, ${s.duplicate} duplicate, ${s.invalid} invalid, ${s.refused} refused`,
    state: { ...job.state, ...(result.addedAfter === undefined ? {} : { addedAfter: result.addedAfter }) },
  };
};
// Before its first run, a runner seals credentials stored before sealing existed.
runTaxiiPull.prepare = sealPlainPullCredentials;
