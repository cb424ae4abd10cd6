import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MispAttributeOut, MispEventDocument, MispManifest } from '../src/export/misp/index.js';
import { feedLocation } from '../src/feeds/feed-location.js';
import { importFormat } from '../src/feeds/import-format.js';
import { importMispFeed } from '../src/feeds/misp-feed-import.js';
import { mispFeedEvents } from '../src/feeds/misp-feed-events.js';
import { mispFeedRoutes } from '../src/http/misp-feed/misp-feed.routes.js';
import type { Store } from '../src/store/store.js';
import { testApp, testUser } from './http-harness.js';
import type { TestUser } from './http-harness.js';
import { storeBackends } from './store-harness.js';

const A = 'identity--0a000000-0000-4000-8000-00000000000a';
const B = 'identity--0b000000-0000-4000-8000-00000000000b';
const EVERY_TYPE = readFileSync(new URL('./fixtures/misp/every-type.event.json', import.meta.url), 'utf8');
const md5 = (v: string) => createHash('md5').update(v, 'utf8').digest('hex');

function mispEvent(uuid: string, distribution: string, attributes: Array<[string, string]>) {
  return JSON.stringify({
    Event: {
      uuid,
      info: `event ${uuid.slice(0, 4)}`,
      date: '2026-01-02',
      timestamp: '1767312000',
      distribution,
      Tag: [{ name: 'tlp:green' }],
      Attribute: attributes.map(([value, d], i) => ({
        uuid: `${uuid.slice(0, 8)}-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
        type: 'domain',
        category: 'Network activity',
        value,
        to_ids: true,
        timestamp: '1767312000',
        distribution: d,
      })),
    },
  });
}

const E1 = '1e000000-0000-4000-8000-000000000001';
const E2 = '2e000000-0000-4000-8000-000000000002';

describe.each(storeBackends())('MISP feed at /feeds/misp/ on $name', ({ open }) => {
  let store: Store;
  let app: FastifyInstance;
  let a: TestUser;
  let b: TestUser;
  beforeEach(async () => {
    store = await open();
    app = await testApp(store, [mispFeedRoutes]);
    a = await testUser(store, A, 'contributor');
    b = await testUser(store, B, 'reader');
  });
  afterEach(async () => {
    await app.close();
    await store.close();
  });

  const get = (user: TestUser, file: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'GET', url: `/feeds/misp/${file}`, headers: { ...user.auth, ...headers } });

  /** Everything one reader can pull: manifest, hashes and every listed event. */
  async function pull(user: TestUser) {
    const manifest = (await get(user, 'manifest.json')).json<MispManifest>();
    const hashes = (await get(user, 'hashes.csv')).body;
    const events: MispEventDocument[] = [];
    for (const uuid of Object.keys(manifest)) {
      const r = await get(user, `${uuid}.json`);
      expect(r.statusCode).toBe(200);
      events.push(r.json<MispEventDocument>());
    }
    const values = events.flatMap((e) =>
      [...e.Event.Attribute, ...e.Event.Object.flatMap((o) => o.Attribute)].map(
        (x: MispAttributeOut) => x.value,
      ),
    );
    return { manifest, hashes, events, values, text: JSON.stringify({ manifest, hashes, events }) };
  }

  async function seed() {
    const as = (input: string, format: 'misp' | 'csv', extra: Record<string, unknown> = {}) =>
      importFormat(store, a.viewer, input, format === 'misp' ? { format } : { format, preset: 'list' }, {
        source: 't',
        ...extra,
      });
    // E1 goes to the community, one of its attributes to A only; E2 is A's alone.
    await as(
      mispEvent(E1, '1', [
        ['shared-one.accordtest.net', '5'],
        ['secret-attribute.accordtest.net', '0'],
      ]),
      'misp',
    );
    await as(mispEvent(E2, '0', [['secret-event.accordtest.net', '5']]), 'misp');
    await as('loose-shared.accordtest.net\n', 'csv', { distribution: 'community' });
    await as('loose-secret.accordtest.net\n', 'csv', { distribution: 'organisation' });
    const red = await as('red-secret.accordtest.net\n', 'csv', { distribution: 'organisation', tlp: 'red' });
    expect(red.summary.created).toBe(1);
  }

  it('gives each reader exactly their audience: no event, attribute, manifest entry or hash line beyond it', async () => {
    await seed();
    const secrets = [
      'secret-attribute.accordtest.net',
      'secret-event.accordtest.net',
      'loose-secret.accordtest.net',
    ];
    const forB = await pull(b);
    expect(Object.keys(forB.manifest)).toContain(E1);
    expect(Object.keys(forB.manifest)).not.toContain(E2);
    expect(forB.values.sort()).toEqual(['loose-shared.accordtest.net', 'shared-one.accordtest.net']);
    for (const s of [...secrets, 'red-secret.accordtest.net']) {
      expect(forB.text).not.toContain(s);
      expect(forB.hashes).not.toContain(md5(s));
    }
    expect(forB.hashes.trim().split('\n')).toHaveLength(2);
    expect((await get(b, `${E2}.json`)).statusCode).toBe(404);

    const forA = await pull(a);
    expect(Object.keys(forA.manifest)).toEqual(expect.arrayContaining([E1, E2]));
    for (const s of secrets) {
      expect(forA.values).toContain(s);
      expect(forA.hashes).toContain(md5(s));
    }
    // TLP:RED never leaves in a feed, not even to its owner.
    expect(forA.text).not.toContain('red-secret.accordtest.net');
    expect(forA.hashes).not.toContain(md5('red-secret.accordtest.net'));
  });

  it('answers 304 to a current ETag, changes it when content changes, and audits each export', async () => {
    await seed();
    const first = await get(b, 'manifest.json');
    const etag = first.headers.etag as string;
    expect((await get(b, 'manifest.json', { 'if-none-match': etag })).statusCode).toBe(304);
    expect((await get(b, 'hashes.csv')).headers.etag).not.toBe(etag);
    await importFormat(
      store,
      a.viewer,
      'new-shared.accordtest.net\n',
      { format: 'csv', preset: 'list' },
      {
        source: 't',
        distribution: 'community',
      },
    );
    const after = await get(b, 'manifest.json', { 'if-none-match': etag });
    expect(after.statusCode).toBe(200);
    const audits = await store.db
      .selectFrom('audit_log')
      .select(['target', 'actor'])
      .where('action', '=', 'export')
      .execute();
    expect(
      audits.filter((x) => x.target === 'feeds/misp/manifest.json' && x.actor === b.viewer.userId),
    ).toHaveLength(2);
  });

  it('refuses anonymous readers', async () => {
    expect((await app.inject({ method: 'GET', url: '/feeds/misp/manifest.json' })).statusCode).toBe(401);
  });
});

describe.each(storeBackends())('MISP event → Accord → MISP feed → import on $name', ({ open }) => {
  it('keeps every mapped attribute of the every-type event', async () => {
    const source = await open();
    const target = await open();
    const app = await testApp(source, [mispFeedRoutes]);
    try {
      const a = await testUser(source, A, 'contributor');
      const first = await importFormat(
        source,
        a.viewer,
        EVERY_TYPE,
        { format: 'misp' },
        { source: 'fixture' },
      );
      expect(first.summary).toMatchObject({ invalid: 0, refused: 0 });
      expect(first.summary.errors).toEqual([]);
      const url = await app.listen({ port: 0, host: '127.0.0.1' });
      const c = await testUser(target, B, 'contributor');
      const run = await importMispFeed(
        target,
        c.viewer,
        feedLocation(`${url}/feeds/misp/`, { headers: a.auth }),
        {
          source: 'feed',
        },
      );
      expect(run.events.filter((e) => e.error !== undefined)).toEqual([]);
      expect(run.totals.invalid + run.totals.refused).toBe(0);

      const original = (JSON.parse(EVERY_TYPE) as { Event: MispEventDocument['Event'] }).Event;
      const back = (await mispFeedEvents(target.db, c.viewer)).find((e) => e.Event.uuid === original.uuid);
      expect(back).toBeDefined();
      const key = (x: { type: string; value: string }) => `${x.type}\u0000${x.value}`;
      const attrs = (e: MispEventDocument['Event']) => e.Attribute.map(key).sort();
      expect(attrs(original)).toHaveLength(36);
      expect(attrs(back!.Event)).toEqual(attrs(original));
      const objects = (e: MispEventDocument['Event']) =>
        e.Object.map((o) => `${o.name}:${o.Attribute.map(key).sort().join(',')}`).sort();
      expect(objects(back!.Event)).toEqual(objects(original));
      expect(back!.Event.Galaxy.flatMap((g) => g.GalaxyCluster.map((cl) => cl.value))).toEqual([
        'Example Actor',
      ]);

      // A second run fetches nothing new: the manifest's timestamps have not moved.
      const again = await importMispFeed(
        target,
        c.viewer,
        feedLocation(`${url}/feeds/misp/`, { headers: a.auth }),
        {
          source: 'feed',
          lastSeen: run.lastSeen,
        },
      );
      expect(again.events).toEqual([]);
    } finally {
      await app.close();
      await source.close();
      await target.close();
    }
  });
});

const circl = new URL('../../shared/data/misp/', import.meta.url);
const circlPresent = existsSync(circl);
if (!circlPresent) console.warn('skipped: ../shared/data/misp not present');

describe.skipIf(!circlPresent)('real CIRCL events through Accord into the MISP feed', () => {
  it('keeps every attribute and object attribute of each event', async () => {
    const store = await storeBackends()[0]!.open();
    try {
      const user = await testUser(store, A, 'contributor');
      const files = readdirSync(circl).filter((f) => f.endsWith('.json'));
      expect(files.length).toBeGreaterThan(0);
      for (const file of files) {
        const text = readFileSync(new URL(file, circl), 'utf8');
        const r = await importFormat(store, user.viewer, text, { format: 'misp' }, { source: file });
        expect(r.summary, file).toMatchObject({ invalid: 0, refused: 0, errors: [] });
        type Loose = Pick<MispEventDocument['Event'], 'uuid' | 'Attribute'> &
          Partial<Pick<MispEventDocument['Event'], 'Object'>>;
        const doc = JSON.parse(text) as { Event?: Loose } & Loose;
        const original = doc.Event ?? doc;
        const back = (await mispFeedEvents(store.db, user.viewer)).find(
          (e) => e.Event.uuid === original.uuid,
        );
        const values = (e: Loose) =>
          [...e.Attribute, ...(e.Object ?? []).flatMap((o) => o.Attribute)].map(
            (x) => `${x.type}|${x.value}`,
          );
        expect(new Set(values(back!.Event)), file).toEqual(new Set(values(original)));
      }
    } finally {
      await store.close();
    }
  });
});
