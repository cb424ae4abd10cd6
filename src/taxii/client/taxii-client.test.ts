import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bundle, indicator, malware } from '../../../test/factories.js';
import { importText } from '../../../test/import-helpers.js';
import { storeBackends } from '../../../test/store-harness.js';
import { JobRunner } from '../../jobs/job-runner.js';
import { addJob, getJob } from '../../jobs/job-store.js';
import type { StixObject } from '../../stix/types.js';
import { countCurrent } from '../../store/objects/read-objects.js';
import type { Store } from '../../store/store.js';
import { createCollection } from '../taxii-collection.js';
import type { TaxiiCollection } from '../taxii-collection.js';
import { taxiiWorld } from '../taxii-test-kit.js';
import type { TaxiiWorld } from '../taxii-test-kit.js';
import { pullCollection } from './pull-collection.js';
import { envelopes, pushObjects } from './push-bundle.js';
import { TaxiiClientError, TaxiiHttp } from './taxii-http.js';
import { runTaxiiPull, TAXII_PULL } from './taxii-pull-job.js';

/** A real HTTP hop in front of the source that fails the first requests it is told to. */
function flakyProxy(target: string, failures: Array<{ status: number; headers?: Record<string, string> }>) {
  const server = createServer((req, res) => {
    const failure = failures.shift();
    if (failure !== undefined) {
      res.writeHead(failure.status, failure.headers ?? {});
      res.end('{"title":"try again"}');
      return;
    }
    void fetch(`${target}${req.url ?? ''}`, { headers: req.headers as Record<string, string> }).then(
      async (upstream) => {
        res.writeHead(upstream.status, Object.fromEntries(upstream.headers));
        res.end(Buffer.from(await upstream.arrayBuffer()));
      },
    );
  });
  return server;
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

describe.each(storeBackends())('TAXII client against a second Accord on loopback, on $name', (backend) => {
  let source: Store;
  let local: Store;
  let remote: TaxiiWorld;
  let here: TaxiiWorld;
  let origin: string;
  let apiRoot: string;
  let collection: TaxiiCollection;
  const servers: Server[] = [];

  beforeEach(async () => {
    source = await backend.open();
    local = await backend.open();
    remote = await taxiiWorld(source, { ACCORD_MAX_BODY_BYTES: '3000' });
    here = await taxiiWorld(local);
    await here.app.close();
    collection = await createCollection(source, remote.admin.viewer, { title: 'Shared' });
    await remote.app.listen({ host: '127.0.0.1', port: 0 });
    origin = `http://127.0.0.1:${(remote.app.server.address() as AddressInfo).port}`;
    apiRoot = `${origin}/taxii2/api/`;
  });
  afterEach(async () => {
    for (const s of servers.splice(0)) s.close();
    await remote.app.close();
    await source.close();
    await local.close();
  });

  const seed = async (objects: StixObject[], distribution: 'community' | 'organisation' = 'community') => {
    await importText(source, remote.telecom.viewer, bundle(objects), { distribution });
  };

  it('pulls every page incrementally, with Bearer or Basic credentials', async () => {
    await seed([indicator(), indicator(), malware(), indicator(), indicator()]);
    const http = new TaxiiHttp({ apiRoot, auth: { kind: 'bearer', key: remote.police.key } });
    const first = await pullCollection(local, here.admin.viewer, http, {
      collection: collection.id,
      limit: 2,
    });
    expect(first).toMatchObject({ pages: 3, objects: 5, summary: { created: 5, invalid: 0, refused: 0 } });
    expect(await countCurrent(local.db, here.admin.viewer, {})).toBe(5);

    const again = await pullCollection(local, here.admin.viewer, http, {
      collection: collection.id,
      limit: 2,
      addedAfter: first.addedAfter,
    });
    expect(again).toMatchObject({ pages: 1, objects: 0 });

    await seed([malware({ name: 'new one' })]);
    const basic = new TaxiiHttp({
      apiRoot,
      auth: { kind: 'basic', user: remote.police.viewer.email, password: remote.police.key },
    });
    const third = await pullCollection(local, here.admin.viewer, basic, {
      collection: collection.id,
      addedAfter: again.addedAfter,
    });
    expect(third).toMatchObject({ objects: 1, summary: { created: 1 } });
  });

  it('gets only what the remote user may see', async () => {
    await seed([indicator({ name: 'shared' })]);
    await seed([indicator({ name: 'telecom internal' })], 'organisation');
    const asPeer = new TaxiiHttp({ apiRoot, auth: { kind: 'bearer', key: remote.peer.key } });
    const asTelecom = new TaxiiHttp({ apiRoot, auth: { kind: 'bearer', key: remote.telecom.key } });
    expect(
      (await pullCollection(local, here.admin.viewer, asPeer, { collection: collection.id })).objects,
    ).toBe(1);
    expect(
      (await pullCollection(local, here.admin.viewer, asTelecom, { collection: collection.id })).objects,
    ).toBe(2);
  });

  it('retries 503 and 429 with back-off, and gives up after its attempts', async () => {
    await seed([indicator()]);
    const proxy = flakyProxy(origin, [{ status: 503 }, { status: 429, headers: { 'retry-after': '0' } }]);
    servers.push(proxy);
    const port = await listen(proxy);
    const http = new TaxiiHttp({
      apiRoot: `http://127.0.0.1:${port}/taxii2/api/`,
      auth: { kind: 'bearer', key: remote.police.key },
      baseDelayMs: 5,
    });
    expect(
      (await pullCollection(local, here.admin.viewer, http, { collection: collection.id })).objects,
    ).toBe(1);

    const down = flakyProxy(
      origin,
      Array.from({ length: 10 }, () => ({ status: 502 })),
    );
    servers.push(down);
    const downPort = await listen(down);
    const failing = new TaxiiHttp({
      apiRoot: `http://127.0.0.1:${downPort}/taxii2/api/`,
      auth: { kind: 'none' },
      attempts: 3,
      baseDelayMs: 5,
    });
    await expect(failing.get('')).rejects.toThrow(/502 .*gave up after 3 attempts/);
    const closed = new TaxiiHttp({
      apiRoot: 'http://127.0.0.1:1/taxii2/api/',
      auth: { kind: 'none' },
      attempts: 2,
      baseDelayMs: 5,
    });
    await expect(closed.get('')).rejects.toBeInstanceOf(TaxiiClientError);
  });

  it('fails at once on 401 and 404 with the server’s TAXII error title', async () => {
    const wrong = new TaxiiHttp({
      apiRoot,
      auth: { kind: 'bearer', key: 'accord_nope' },
      baseDelayMs: 10_000,
    });
    await expect(
      pullCollection(local, here.admin.viewer, wrong, { collection: collection.id }),
    ).rejects.toMatchObject({
      status: 401,
    });
    const anonymous = new TaxiiHttp({ apiRoot, auth: { kind: 'none' }, baseDelayMs: 10_000 });
    await expect(anonymous.get(`collections/${collection.id}/objects/`)).rejects.toThrow(
      /401 this collection is not public/,
    );
    const police = new TaxiiHttp({ apiRoot, auth: { kind: 'bearer', key: remote.police.key } });
    await expect(police.get('collections/nope/objects/')).rejects.toMatchObject({ status: 404 });
  });

  it('pushes objects in envelopes under max_content_length and collects the statuses', async () => {
    const objects = Array.from({ length: 30 }, (_, i) => indicator({ name: `pushed ${i}` }));
    const bad = indicator();
    delete bad.pattern;
    const http = new TaxiiHttp({ apiRoot, auth: { kind: 'bearer', key: remote.telecom.key } });
    const result = await pushObjects(http, collection.id, [...objects, bad]);
    expect(result.envelopes).toBeGreaterThan(2);
    expect(result).toMatchObject({ total: 31, pendings: [] });
    expect(result.successes).toHaveLength(30);
    expect(result.failures).toEqual([expect.objectContaining({ id: bad.id })]);
    expect(await countCurrent(source.db, remote.telecom.viewer, {})).toBe(30);
  });

  it('splits envelopes by bytes and never drops an object', async () => {
    const objects = Array.from({ length: 50 }, (_, i) => ({ id: `x--${i}`, pad: 'y'.repeat(i * 10) }));
    const parts: Array<{ body: string; count: number }> = [];
    for await (const part of envelopes(objects, 2000)) parts.push(part);
    expect(parts.flatMap((p) => (JSON.parse(p.body) as { objects: unknown[] }).objects)).toEqual(objects);
    for (const p of parts) expect(Buffer.byteLength(p.body) <= 2000 || p.count === 1).toBe(true);
  });

  it('runs scheduled pulls as jobs that remember where they got to', async () => {
    await seed([indicator(), indicator()]);
    await addJob(local, {
      kind: TAXII_PULL,
      name: 'pull shared',
      schedule: '* * * * *',
      payload: { apiRoot, collection: collection.id, key: remote.police.key, as: here.admin.viewer.email },
    });
    const runner = new JobRunner(local, { [TAXII_PULL]: runTaxiiPull });
    const first = await runner.runNow('pull shared');
    expect(first).toMatchObject({ status: 'ok', summary: expect.stringContaining('2 created') as unknown });
    const state = (await getJob(local.db, 'pull shared'))!.state;
    expect(typeof state.addedAfter).toBe('string');
    await seed([malware()]);
    const second = await runner.runNow('pull shared');
    expect(second.summary).toMatch(/^1 objects in 1 pages: 1 created/);
    expect(await countCurrent(local.db, here.admin.viewer, {})).toBe(3);
  });
});
