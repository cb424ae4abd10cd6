import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FEED_KIND } from '../src/feeds/feed-definition.js';
import { addFeed, listFeeds } from '../src/feeds/feeds.js';
import type { NewFeed } from '../src/feeds/feeds.js';
import { createFeedHandler } from '../src/feeds/run-feed.js';
import { getJob, JobRunner } from '../src/jobs/index.js';
import type { Store } from '../src/store/store.js';
import { testUser } from './http-harness.js';
import type { TestUser } from './http-harness.js';
import { storeBackends } from './store-harness.js';

const A = 'identity--0a000000-0000-4000-8000-00000000000a';
const B = 'identity--0b000000-0000-4000-8000-00000000000b';

type Route = (req: IncomingMessage, res: ServerResponse) => void;

/** A local feed server on 127.0.0.1, port 0: routes by path, and a log of what was asked. */
async function feedServer(routes: Record<string, Route>) {
  const log: Array<{ path: string; inm?: string; auth?: string }> = [];
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    log.push({
      path,
      ...(req.headers['if-none-match'] === undefined ? {} : { inm: req.headers['if-none-match'] }),
      ...(req.headers['x-api-key'] === undefined ? {} : { auth: String(req.headers['x-api-key']) }),
    });
    const route = routes[path];
    if (route === undefined) {
      res.statusCode = 404;
      res.end('not found');
    } else route(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    routes,
    close: () =>
      new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      ),
  };
}

/** Serves `body` with an ETag and answers 304 when the client already holds it. */
function withEtag(body: () => string, etag: () => string): Route {
  return (req, res) => {
    if (req.headers['if-none-match'] === etag()) {
      res.statusCode = 304;
      res.end();
      return;
    }
    res.setHeader('ETag', etag());
    res.end(body());
  };
}

const CSV = '# made-up list\nfeed-one.accordtest.net\nfeed-two.accordtest.net\n';

function event(uuid: string, timestamp: number, values: string[]) {
  return JSON.stringify({
    Event: {
      uuid,
      info: `event ${uuid.slice(0, 2)}`,
      date: '2026-01-02',
      timestamp: String(timestamp),
      Attribute: values.map((value, i) => ({
        uuid: `${uuid.slice(0, 8)}-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
        type: 'domain',
        category: 'Network activity',
        value,
        to_ids: true,
        timestamp: String(timestamp),
      })),
    },
  });
}

describe.each(storeBackends())('scheduled feeds on $name', ({ open }) => {
  let store: Store;
  let user: TestUser;
  let server: Awaited<ReturnType<typeof feedServer>>;
  const runner = (attempts = 3) =>
    new JobRunner(store, { [FEED_KIND]: createFeedHandler({ attempts, baseDelayMs: 5, maxDelayMs: 20 }) });
  const add = (name: string, definition: NewFeed['definition'], schedule?: string) =>
    addFeed(store, user.viewer, { name, definition, ...(schedule === undefined ? {} : { schedule }) });
  const objects = () =>
    store.db
      .selectFrom('objects')
      .select(['id', 'type', 'owner_org', 'distribution', 'tlp', 'data'])
      .execute();

  beforeEach(async () => {
    store = await open();
    user = await testUser(store, A, 'contributor');
    server = await feedServer({});
  });
  afterEach(async () => {
    await server.close();
    await store.close();
  });

  it('CSV: imports, then sends the ETag back and skips an unchanged feed; state is in the job row', async () => {
    server.routes['/list.csv'] = withEtag(
      () => CSV,
      () => '"v1"',
    );
    await add('list', {
      type: 'csv',
      url: `${server.url}/list.csv`,
      preset: 'list',
      headers: { 'X-Api-Key': 'k1' },
    });
    const first = await runner().runNow('list');
    expect(first).toMatchObject({ status: 'ok', summary: expect.stringContaining('2 created') as string });
    expect(server.log[0]).toEqual({ path: '/list.csv', auth: 'k1' });
    const job = await getJob(store.db, 'list');
    expect(job?.state).toMatchObject({ etag: '"v1"', counts: { created: 2, total: 2 } });
    const second = await runner().runNow('list');
    expect(second).toMatchObject({ status: 'ok', summary: 'not modified' });
    expect(server.log[1]?.inm).toBe('"v1"');
    expect((await objects()).filter((o) => o.type === 'indicator')).toHaveLength(2);
    const [view] = await listFeeds(store.db);
    expect(view).toMatchObject({ name: 'list', lastStatus: 'ok', headers: ['X-Api-Key'] });
    expect(JSON.stringify(view)).not.toContain('k1');
  });

  it('applies the feed owner, distribution and TLP to everything it brings', async () => {
    const admin = await testUser(store, A, 'admin');
    await testUser(store, B, 'contributor');
    server.routes['/list.csv'] = (_req, res) => res.end(CSV);
    await addFeed(store, admin.viewer, {
      name: 'for-b',
      definition: {
        type: 'csv',
        url: `${server.url}/list.csv`,
        owner: B,
        distribution: 'organisation',
        tlp: 'amber',
      },
    });
    expect((await runner().runNow('for-b')).status).toBe('ok');
    const rows = await objects();
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows)
      expect(r).toMatchObject({ owner_org: B, distribution: 'organisation', tlp: 'amber' });
  });

  it('an explicit feed distribution wider than the TLP is refused, not narrowed', async () => {
    server.routes['/list.csv'] = (_req, res) => res.end(CSV);
    await add('wide', {
      type: 'csv',
      url: `${server.url}/list.csv`,
      distribution: 'community',
      tlp: 'amber',
    });
    const run = await runner().runNow('wide');
    expect(run.summary).toContain('0 created');
    expect(run.summary).toContain('refused');
    expect(await objects()).toEqual([]);
  });

  it('retries 503s with back-off, and a feed that keeps failing records the error and keeps its state', async () => {
    let calls = 0;
    server.routes['/flaky.txt'] = (_req, res) => {
      calls++;
      res.statusCode = calls <= 2 ? 503 : 200;
      res.end(calls <= 2 ? 'busy' : 'see hxxp://flaky-host.accordtest[.]net/x for details');
    };
    await add('flaky', { type: 'text', url: `${server.url}/flaky.txt` });
    expect(await runner(3).runNow('flaky')).toMatchObject({ status: 'ok' });
    expect(calls).toBe(3);

    server.routes['/down.csv'] = (_req, res) => {
      res.statusCode = 502;
      res.end();
    };
    await add('down', { type: 'csv', url: `${server.url}/down.csv` });
    const failed = await runner(2).runNow('down');
    expect(failed.status).toBe('error');
    expect(failed.error).toContain('gave up after 2 attempts');
    const job = await getJob(store.db, 'down');
    expect(job).toMatchObject({ lastStatus: 'error', state: {} });
    expect(job?.lastError).toContain('502');
  });

  it('a CSV feed with a malformed row imports nothing and fails the run with the line', async () => {
    server.routes['/bad.csv'] = (_req, res) => res.end('value\n"unclosed,1\n');
    await add('bad', {
      type: 'csv',
      url: `${server.url}/bad.csv`,
      mapping: { header: true, columns: { value: 'value' } },
    });
    const run = await runner().runNow('bad');
    expect(run.status).toBe('error');
    expect(run.error).toContain('invalid_input');
    expect(await objects()).toEqual([]);
  });

  it('MISP: imports a feed, then only the events whose manifest timestamp moved', async () => {
    const E1 = '1e000000-0000-4000-8000-000000000001';
    const E2 = '2e000000-0000-4000-8000-000000000002';
    const manifest: Record<string, { info: string; date: string; timestamp: number }> = {
      [E1]: { info: 'one', date: '2026-01-02', timestamp: 1767312000 },
      [E2]: { info: 'two', date: '2026-01-02', timestamp: 1767312000 },
    };
    let e2 = event(E2, 1767312000, ['misp-two.accordtest.net']);
    server.routes['/misp/manifest.json'] = (_req, res) => res.end(JSON.stringify(manifest));
    server.routes[`/misp/${E1}.json`] = (_req, res) =>
      res.end(event(E1, 1767312000, ['misp-one.accordtest.net']));
    server.routes[`/misp/${E2}.json`] = (_req, res) => res.end(e2);
    await add('misp', { type: 'misp', url: `${server.url}/misp/` }, '*/5 * * * *');
    const first = await runner().runDue(new Date(Date.now() + 3_600_000));
    expect(first).toMatchObject([{ name: 'misp', status: 'ok' }]);
    expect((await getJob(store.db, 'misp'))?.state).toMatchObject({
      lastSeen: { [E1]: 1767312000, [E2]: 1767312000 },
    });
    server.log.length = 0;
    manifest[E2] = { ...manifest[E2]!, timestamp: 1767398400 };
    e2 = event(E2, 1767398400, ['misp-two.accordtest.net', 'misp-three.accordtest.net']);
    const second = await runner().runNow('misp');
    expect(second.summary).toMatch(/^1 events/);
    expect(server.log.map((l) => l.path)).toEqual(['/misp/manifest.json', `/misp/${E2}.json`]);
    const patterns = (await objects()).map((o) => (JSON.parse(o.data) as { pattern?: string }).pattern ?? '');
    expect(patterns.join(' ')).toContain('misp-three.accordtest.net');
  });

  it('STIX: imports a bundle from a URL', async () => {
    const bundle = {
      type: 'bundle',
      id: 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d',
      objects: [
        {
          type: 'indicator',
          spec_version: '2.1',
          id: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
          created: '2026-01-01T00:00:00.000Z',
          modified: '2026-01-01T00:00:00.000Z',
          pattern: "[domain-name:value = 'stix-feed.accordtest.net']",
          pattern_type: 'stix',
          valid_from: '2026-01-01T00:00:00.000Z',
        },
      ],
    };
    server.routes['/bundle.json'] = (_req, res) => res.end(JSON.stringify(bundle));
    await add('stix', { type: 'stix', url: `${server.url}/bundle.json`, distribution: 'organisation' });
    expect(await runner().runNow('stix')).toMatchObject({
      status: 'ok',
      summary: expect.stringContaining('1 created') as string,
    });
    expect(await objects()).toMatchObject([{ owner_org: A, distribution: 'organisation' }]);
  });

  it('refuses feeds it could not run: no URL scheme, no collection, another owner without admin', async () => {
    await expect(add('x', { type: 'csv', url: '/etc/passwd' })).rejects.toThrow(/http/);
    await expect(add('y', { type: 'taxii', url: `${server.url}/taxii2/` })).rejects.toThrow(/collection/);
    await expect(add('z', { type: 'csv', url: `${server.url}/a.csv`, owner: B })).rejects.toThrow(/admin/);
  });
});
