import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bundle, indicator } from '../../../test/factories.js';
import { importText } from '../../../test/import-helpers.js';
import { storeBackends } from '../../../test/store-harness.js';
import { FEED_KIND } from '../../feeds/feed-definition.js';
import { addFeed } from '../../feeds/feeds.js';
import { runFeed } from '../../feeds/run-feed.js';
import { JobRunner } from '../../jobs/job-runner.js';
import { addJob, getJob, listJobs } from '../../jobs/job-store.js';
import { useSecretKey } from '../../secrets/index.js';
import type { Store } from '../../store/store.js';
import { createCollection } from '../taxii-collection.js';
import { taxiiWorld } from '../taxii-test-kit.js';
import type { TaxiiWorld } from '../taxii-test-kit.js';
import {
  presentPullPayload,
  runTaxiiPull,
  sealPlainPullCredentials,
  sealPullCredentials,
  TAXII_PULL,
} from './taxii-pull-job.js';

describe.each(storeBackends())('TAXII pull credentials at rest on $name', (backend) => {
  let source: Store;
  let local: Store;
  let remote: TaxiiWorld;
  let here: TaxiiWorld;
  let apiRoot: string;
  let collection: string;
  const runner = () => new JobRunner(local, { [TAXII_PULL]: runTaxiiPull });
  const rawRows = async () => JSON.stringify(await local.db.selectFrom('jobs').selectAll().execute());

  beforeEach(async () => {
    source = await backend.open();
    local = await backend.open();
    // PostgreSQL's default key file is ./data/accord.key: keep tests out of the working directory.
    if (backend.name === 'postgres') useSecretKey(local, new Uint8Array(randomBytes(32)));
    remote = await taxiiWorld(source);
    collection = (await createCollection(source, remote.admin.viewer, { title: 'Shared' })).id;
    await importText(source, remote.telecom.viewer, bundle([indicator(), indicator()]), {
      distribution: 'community',
    });
    await remote.app.listen({ host: '127.0.0.1', port: 0 });
    apiRoot = `http://127.0.0.1:${(remote.app.server.address() as AddressInfo).port}/taxii2/api/`;
    here = await taxiiWorld(local);
    await here.app.close();
  });
  afterEach(async () => {
    await remote.app.close();
    await source.close();
    await local.close();
  });

  const schedule = async (name: string, credentials: { key?: string; user?: string; password?: string }) =>
    addJob(local, {
      kind: TAXII_PULL,
      name,
      schedule: '*/5 * * * *',
      payload: await sealPullCredentials(local, { apiRoot, collection, ...credentials }),
    });

  it('keeps the key and password sealed in the row and still authenticates with them', async () => {
    await schedule('bearer', { key: remote.police.key });
    await schedule('basic', { user: remote.police.viewer.email, password: remote.police.key });
    const raw = await rawRows();
    expect(raw).not.toContain(remote.police.key);
    expect(raw).toContain(remote.police.viewer.email);
    expect(raw.match(/sealed:v1:/g)).toHaveLength(2);
    expect(await runner().runNow('bearer')).toMatchObject({
      status: 'ok',
      summary: expect.stringMatching(/^2 objects in 1 pages: 2 created/) as string,
    });
    expect(await runner().runNow('basic')).toMatchObject({
      status: 'ok',
      summary: expect.stringMatching(/^2 objects in 1 pages: 0 created, 2 duplicate/) as string,
    });
  });

  it('a remote that refuses the credentials fails the run (the key is really sent)', async () => {
    await schedule('wrong', { key: 'not-the-key' });
    expect(await runner().runNow('wrong')).toMatchObject({ status: 'error' });
  });

  it('fails the run of a job sealed under another key, naming the job, without the secret', async () => {
    await schedule('bearer', { key: remote.police.key });
    useSecretKey(local, new Uint8Array(randomBytes(32)), 'ACCORD_SECRET_KEY');
    const run = await runner().runNow('bearer');
    expect(run.status).toBe('error');
    expect(run.error).toMatch(
      /^taxii-pull job bearer: its stored credentials cannot be opened: the secret key \(ACCORD_SECRET_KEY\) does not match/,
    );
    expect((await getJob(local.db, 'bearer'))?.lastError).toBe(run.error);
    expect(run.error).not.toContain(remote.police.key);
  });

  it('uses a plain row from before sealing as it is, and seals it once when a runner starts', async () => {
    await addJob(local, {
      kind: TAXII_PULL,
      name: 'legacy',
      payload: { apiRoot, collection, user: remote.police.viewer.email, password: remote.police.key },
    });
    expect(await rawRows()).toContain(remote.police.key);
    expect(await runner().runNow('legacy')).toMatchObject({ status: 'ok' });
    const raw = await rawRows();
    expect(raw).not.toContain(remote.police.key);
    expect(await sealPlainPullCredentials(local)).toBe(0);
    expect(await rawRows()).toBe(raw);
    expect(await runner().runNow('legacy')).toMatchObject({ status: 'ok' });
  });

  it('a TAXII feed keeps its Authorization header sealed and still pulls with it', async () => {
    await addFeed(local, here.admin.viewer, {
      name: 'taxii-feed',
      definition: {
        type: 'taxii',
        url: apiRoot,
        collection,
        headers: { Authorization: remote.police.bearer },
      },
    });
    expect(await rawRows()).not.toContain(remote.police.key);
    const run = await new JobRunner(local, { [FEED_KIND]: runFeed }).runNow('taxii-feed');
    expect(run).toMatchObject({ status: 'ok', summary: expect.stringMatching(/2 created/) as string });
  });

  it('listings show that a key or password is set, never the value', async () => {
    await schedule('bearer', { key: remote.police.key });
    await schedule('basic', { user: 'alice', password: 'pw' });
    const shown = (await listJobs(local.db, TAXII_PULL)).map((j) => presentPullPayload(j.payload));
    expect(shown).toEqual([
      { apiRoot, collection, key: '(set)' },
      { apiRoot, collection, user: 'alice', password: '(set)' },
    ]);
  });
});
