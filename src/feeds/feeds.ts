import { forbidden, invalidInput, notFound } from '../errors.js';
import { addJob, getJob, listJobs, removeJob, updateJob } from '../jobs/index.js';
import type { Job } from '../jobs/index.js';
import { canWriteForOtherOrgs, canWriteObjects } from '../policy/viewer.js';
import type { UserViewer } from '../policy/viewer.js';
import type { Db, Store } from '../store/store.js';
import { FEED_KIND, FeedDefinition, feedStateOf } from './feed-definition.js';
import { sealFeedHeaders } from './feed-secrets.js';
import type { FeedState, FeedType } from './feed-definition.js';

export interface NewFeed {
  name: string;
  /** Cron expression (UTC); null or absent: runs only with `accord feed run`. */
  schedule?: string | null | undefined;
  definition: Omit<FeedDefinition, 'owner' | 'actor'> & { owner?: string | undefined };
}

/** A feed as `feed list` shows it: header names only, never their values (the remote's credentials). */
export interface FeedView {
  name: string;
  type: FeedType;
  url: string;
  schedule: string | null;
  owner: string;
  distribution: string | null;
  tlp: string | null;
  enabled: boolean;
  lastRunAt: string | null;
  lastStatus: 'ok' | 'error' | null;
  lastError: string | null;
  nextRunAt: string | null;
  headers: string[];
  state: Omit<FeedState, 'lastSeen'> & { eventsSeen?: number };
}

/**
 * Adds a scheduled feed as a `feed` job that writes as `actor`. Everything it brings belongs to the
 * owner organisation (the actor's, unless an admin or sync user names another); STIX and TAXII feeds
 * keep their objects' own `created_by_ref`, so they must run as a member of the owner organisation.
 */
export async function addFeed(store: Store, actor: UserViewer, input: NewFeed): Promise<Job> {
  if (!canWriteObjects(actor)) throw forbidden('your role or API key is read-only', 'read_only');
  const owner = input.definition.owner ?? actor.orgId;
  if (owner !== actor.orgId) {
    if (!canWriteForOtherOrgs(actor))
      throw forbidden(`only admin and sync users add feeds for another organisation (${owner})`);
    if (input.definition.type === 'stix' || input.definition.type === 'taxii')
      throw invalidInput(
        'owner_mismatch',
        `a ${input.definition.type} feed keeps its objects' created_by_ref; add it as a user of ${owner} (--as)`,
      );
  }
  const known = await store.db
    .selectFrom('organisations')
    .select('id')
    .where('id', '=', owner)
    .executeTakeFirst();
  if (known === undefined) throw invalidInput('unknown_organisation', `no organisation ${owner}`);
  const parsed = FeedDefinition.safeParse({ ...input.definition, owner, actor: actor.userId });
  if (!parsed.success)
    throw invalidInput(
      'invalid_feed',
      parsed.error.issues.map((i) => `${i.path.join('.') || 'feed'}: ${i.message}`).join('; '),
    );
  const def = parsed.data;
  if (def.type !== 'misp' && !/^https?:\/\//i.test(def.url))
    throw invalidInput('invalid_url', `a ${def.type} feed needs an http(s) URL, got ${def.url}`);
  if (def.type === 'taxii' && def.collection === undefined)
    throw invalidInput('invalid_feed', 'a taxii feed needs --collection <id>');
  // Header values may be the remote's credentials: the row keeps them sealed (src/secrets).
  const headers = await sealFeedHeaders(store, def.headers);
  const payload = { ...def, ...(headers === undefined ? {} : { headers }) };
  return addJob(store, { kind: FEED_KIND, name: input.name, schedule: input.schedule ?? null, payload });
}

function view(job: Job): FeedView {
  const def = FeedDefinition.parse(job.payload);
  const { lastSeen, ...state } = feedStateOf(job.state);
  return {
    name: job.name,
    type: def.type,
    url: def.url,
    schedule: job.schedule,
    owner: def.owner,
    distribution: def.distribution ?? null,
    tlp: def.tlp ?? null,
    enabled: job.enabled,
    lastRunAt: job.lastRunAt,
    lastStatus: job.lastStatus,
    lastError: job.lastError,
    nextRunAt: job.nextRunAt,
    headers: Object.keys(def.headers ?? {}),
    state: { ...state, ...(lastSeen === undefined ? {} : { eventsSeen: Object.keys(lastSeen).length }) },
  };
}

export async function listFeeds(db: Db): Promise<FeedView[]> {
  return (await listJobs(db, FEED_KIND)).map(view);
}

/** A feed's job by name; other job kinds with that name are not feeds. */
export async function getFeed(db: Db, name: string): Promise<Job> {
  const job = await getJob(db, name);
  if (job?.kind !== FEED_KIND) throw notFound(`feed ${name}`);
  return job;
}

export async function removeFeed(db: Db, name: string): Promise<void> {
  const job = await getFeed(db, name);
  await removeJob(db, job.id);
}

/**
 * Replaces a feed's request headers (none: removes them), keeping its schedule and state: how
 * credentials are changed, or entered again after the secret key was lost. Sealed like `addFeed`'s.
 */
export async function setFeedHeaders(
  store: Store,
  name: string,
  headers: Record<string, string> | undefined,
): Promise<Job> {
  const job = await getFeed(store.db, name);
  const def = FeedDefinition.parse(job.payload);
  const checked = FeedDefinition.shape.headers.safeParse(headers);
  if (!checked.success)
    throw invalidInput('invalid_feed', `headers: ${checked.error.issues[0]?.message ?? ''}`);
  const { headers: _old, ...rest } = def;
  const sealed = await sealFeedHeaders(store, checked.data);
  const payload = { ...rest, ...(sealed === undefined ? {} : { headers: sealed }) };
  return updateJob(store.db, job.id, { payload });
}
