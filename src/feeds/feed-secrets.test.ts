import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testUser } from '../../test/http-harness.js';
import type { TestUser } from '../../test/http-harness.js';
import { storeBackends } from '../../test/store-harness.js';
import { addJob, getJob, JobRunner } from '../jobs/index.js';
import { useSecretKey } from '../secrets/index.js';
import type { Store } from '../store/store.js';
import { FEED_KIND } from './feed-definition.js';
import { sealPlainFeedHeaders } from './feed-secrets.js';
import { addFeed, listFeeds } from './feeds.js';
import { createFeedHandler } from './run-feed.js';

const ORG = 'identity--0c000000-0000-4000-8000-00000000000c';
const TOKEN = 'Bearer feed-s3cret-198.18.0.1';
const CSV = '# made-up list\nsealed-one.accord-test.xyz\nsealed-two.accord-test.xyz\n';

/** Serves the CSV only to a request carrying the right Authorization header. */
async function lockedServer(): Promise<{ url: string; seen: string[]; server: Server }> {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(req.headers.authorization ?? '');
    if (req.headers.authorization !== TOKEN) {
      res.statusCode = 401;
      res.end('who are you?');
    } else res.end(CSV);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/list.csv`, seen, server };
}

describe.each(storeBackends())('feed credentials at rest on $name', (backend) => {
  let store: Store;
  let user: TestUser;
  let remote: Awaited<ReturnType<typeof lockedServer>>;
  const runner = () => new JobRunner(store, { [FEED_KIND]: createFeedHandler({ attempts: 1 }) });
  const rawRows = async () => JSON.stringify(await store.db.selectFrom('jobs').selectAll().execute());

  beforeEach(async () => {
    store = await backend.open();
    // PostgreSQL's default key file is ./data/accord.key: keep tests out of the working directory.
    if (backend.name === 'postgres') useSecretKey(store, new Uint8Array(randomBytes(32)));
    user = await testUser(store, ORG, 'contributor');
    remote = await lockedServer();
  });
  afterEach(async () => {
    await new Promise((resolve) => remote.server.close(resolve));
    await store.close();
  });

  it('keeps header values sealed in the row, authenticates with them, and lists only their names', async () => {
    await addFeed(store, user.viewer, {
      name: 'locked',
      definition: { type: 'csv', url: remote.url, preset: 'list', headers: { Authorization: TOKEN } },
    });
    const raw = await rawRows();
    expect(raw).not.toContain('feed-s3cret');
    expect(raw).toMatch(/"Authorization\\":\\"sealed:v1:/);
    const run = await runner().runNow('locked');
    expect(run).toMatchObject({ status: 'ok', summary: expect.stringContaining('2 created') as string });
    expect(remote.seen).toEqual([TOKEN]);
    const feeds = await listFeeds(store.db);
    expect(feeds[0]).toMatchObject({ name: 'locked', headers: ['Authorization'] });
    expect(JSON.stringify(feeds)).not.toMatch(/s3cret|sealed:/);
  });

  it('fails the run of a feed sealed under another key, naming the feed, without the secret', async () => {
    await addFeed(store, user.viewer, {
      name: 'locked',
      definition: { type: 'csv', url: remote.url, preset: 'list', headers: { Authorization: TOKEN } },
    });
    useSecretKey(store, new Uint8Array(randomBytes(32)), 'ACCORD_SECRET_KEY');
    const run = await runner().runNow('locked');
    expect(run.status).toBe('error');
    expect(run.error).toMatch(
      /^feed locked: its stored credentials cannot be opened: the secret key \(ACCORD_SECRET_KEY\) does not match/,
    );
    expect(remote.seen).toEqual([]);
    const job = await getJob(store.db, 'locked');
    expect(job).toMatchObject({ lastStatus: 'error', lastError: run.error });
    expect(JSON.stringify([run, job?.lastError])).not.toContain('s3cret');
  });

  it('uses a plain row from before sealing as it is, and seals it once when a runner starts', async () => {
    await addJob(store, {
      kind: FEED_KIND,
      name: 'legacy',
      payload: {
        type: 'csv',
        url: remote.url,
        preset: 'list',
        owner: ORG,
        actor: user.viewer.userId,
        headers: { Authorization: TOKEN, 'X-Trace': 'plain-too' },
      },
    });
    expect(await rawRows()).toContain('feed-s3cret');
    const run = await runner().runNow('legacy');
    expect(run.status).toBe('ok');
    expect(remote.seen).toEqual([TOKEN]);
    const raw = await rawRows();
    expect(raw).not.toContain('feed-s3cret');
    expect(raw).not.toContain('plain-too');
    // Idempotent: nothing left to seal, and the sealed row still authenticates.
    expect(await sealPlainFeedHeaders(store)).toBe(0);
    expect(await rawRows()).toBe(raw);
    expect((await runner().runNow('legacy')).status).toBe('ok');
    expect(remote.seen).toEqual([TOKEN, TOKEN]);
  });

  it('the upgrade leaves feeds without headers and other job kinds alone', async () => {
    await addFeed(store, user.viewer, { name: 'open', definition: { type: 'csv', url: remote.url } });
    await addJob(store, { kind: 'other', name: 'x', payload: { headers: { Authorization: TOKEN } } });
    expect(await sealPlainFeedHeaders(store)).toBe(0);
    expect(await rawRows()).toContain('feed-s3cret');
  });
});
