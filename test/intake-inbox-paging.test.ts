import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminWorld, newOrg, signedIn } from '../src/admin/admin-test-kit.js';
import type { AdminWorld } from '../src/admin/admin-test-kit.js';
import { createApiKey } from '../src/auth/index.js';
import { serverRoutes } from '../src/http/server-routes.js';
import { setIntakeOrganisation } from '../src/public/intake/intake-organisation.js';
import { urlContent } from '../src/public/intake/simple-content.js';
import { submitReports } from '../src/public/intake/submit-report.js';
import { testApp } from './http-harness.js';
import { storeBackends } from './store-harness.js';

interface Page {
  groups: { key: string; count: number; reports: { id: string }[] }[];
  total: { groups: number; reports: number };
  page: { size: number; next: string | null; previous: string | null };
}

const HOSTS = 25;
/** Host i has 1 to 3 reports, so counts tie and the order falls back on last seen and key. */
const reportsOf = (i: number) => (i % 3) + 1;
const REPORTS = Array.from({ length: HOSTS }, (_, i) => reportsOf(i)).reduce((a, b) => a + b, 0);

describe.each(storeBackends())('intake inbox paging on $name', ({ open }) => {
  let world: AdminWorld;
  let app: FastifyInstance;
  let analystAuth: { authorization: string };
  let outsiderAuth: { authorization: string };

  const get = (auth: { authorization: string }, query: string) =>
    app.inject({ url: `/api/v1/intake/inbox?${query}`, headers: auth });
  const page = async (auth: { authorization: string }, query: string) => {
    const res = await get(auth, query);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Page>();
  };
  /** Every page from the first, following `next`, with `between` run after the first page. */
  const walk = async (query: string, between?: () => Promise<void>) => {
    const pages = [await page(analystAuth, query)];
    if (between !== undefined) await between();
    while (pages[pages.length - 1]!.page.next !== null)
      pages.push(
        await page(analystAuth, `${query}&cursor=${encodeURIComponent(pages[pages.length - 1]!.page.next!)}`),
      );
    return pages;
  };

  beforeAll(async () => {
    world = await adminWorld(await open());
    app = await testApp(world.store, serverRoutes);
    const intakeOrg = await newOrg(world, { kind: 'law-enforcement' });
    await setIntakeOrganisation(world.store, world.admin, intakeOrg.id);
    const analyst = await signedIn(world, intakeOrg.id, 'contributor');
    analystAuth = {
      authorization: `Bearer ${(await createApiKey(world.store, analyst, analyst.userId)).key}`,
    };
    const outsider = await signedIn(world, (await newOrg(world)).id, 'org-admin');
    outsiderAuth = {
      authorization: `Bearer ${(await createApiKey(world.store, outsider, outsider.userId)).key}`,
    };
    for (let i = 0; i < HOSTS; i++)
      for (let n = 0; n < reportsOf(i); n++)
        await submitReports(
          world.store,
          [urlContent({ url: `https://host-${String(i).padStart(2, '0')}.example/p${String(n)}` })],
          new Date(Date.UTC(2026, 11, 1, 0, i, n)),
        );
  });
  afterAll(async () => {
    await app.close();
    await world.store.close();
  });

  it('walks every group exactly once, page by page, with the totals of the whole filter', async () => {
    const pages = await walk('group=url&size=4');
    expect(pages).toHaveLength(Math.ceil(HOSTS / 4));
    const keys = pages.flatMap((p) => p.groups.map((g) => g.key));
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.sort()).toEqual(
      Array.from({ length: HOSTS }, (_, i) => `url:host-${String(i).padStart(2, '0')}.example`),
    );
    for (const p of pages) expect(p.total).toEqual({ groups: HOSTS, reports: REPORTS });
    expect(pages[0]!.groups.map((g) => g.count)).toEqual([3, 3, 3, 3]);
    expect(pages.every((p) => p.groups.every((g) => g.reports.length === g.count))).toBe(true);
    expect(pages[0]!.page.previous).toBeNull();
    const back = await page(
      analystAuth,
      `group=url&size=4&cursor=${encodeURIComponent(pages[1]!.page.previous!)}`,
    );
    expect(back.groups.map((g) => g.key)).toEqual(pages[0]!.groups.map((g) => g.key));
    expect(back.page.previous).toBeNull();
    const one = await walk('group=none&size=7');
    const ids = one.flatMap((p) => p.groups.flatMap((g) => g.reports.map((r) => r.id)));
    expect(new Set(ids).size).toBe(REPORTS);
    expect(ids).toHaveLength(REPORTS);
  });

  it('neither repeats nor skips a group when reports arrive between pages', async () => {
    const before = (await walk('group=url&size=5')).flatMap((p) =>
      p.groups.map((g) => `${g.key}=${String(g.count)}`),
    );
    const during = await walk('group=url&size=5', async () => {
      await submitReports(world.store, [
        urlContent({ url: 'https://host-00.example/late' }),
        urlContent({ url: 'https://brand-new.example/x' }),
      ]);
    });
    const seen = during.flatMap((p) => p.groups.map((g) => `${g.key}=${String(g.count)}`));
    expect(seen).toEqual(before);
    const after = await page(analystAuth, 'group=url&size=200');
    expect(after.total).toEqual({ groups: HOSTS + 1, reports: REPORTS + 2 });
    expect(after.groups.map((g) => g.key)).toContain('url:brand-new.example');
  });

  it('refuses a bad cursor, a cursor of another filter and a bad size with a 400 naming the parameter', async () => {
    for (const cursor of ['nonsense', Buffer.from('{"filter":"url/open"}').toString('base64url')]) {
      const res = await get(analystAuth, `group=url&cursor=${cursor}`);
      expect(res.statusCode).toBe(400);
      expect(res.json<{ code: string; message: string }>()).toMatchObject({
        code: 'invalid_cursor',
        message: expect.stringContaining('cursor'),
      });
    }
    const next = (await page(analystAuth, 'group=url&size=2')).page.next!;
    const other = await get(analystAuth, `group=sender&cursor=${encodeURIComponent(next)}`);
    expect(other.statusCode).toBe(400);
    expect(other.json<{ message: string }>().message).toContain('cursor');
    for (const size of ['0', '201', 'x']) {
      const res = await get(analystAuth, `size=${size}`);
      expect(res.statusCode).toBe(400);
      expect(res.json<{ message: string }>().message).toContain('size');
    }
  });

  it('shows another organisation nothing on any page, even with the analyst’s cursors', async () => {
    const first = await page(outsiderAuth, 'group=url&size=3');
    expect(first).toMatchObject({ groups: [], total: { groups: 0, reports: 0 }, page: { next: null } });
    const mine = await walk('group=url&size=3');
    for (const p of mine.slice(0, -1)) {
      const theirs = await page(outsiderAuth, `group=url&size=3&cursor=${encodeURIComponent(p.page.next!)}`);
      expect(theirs.groups).toEqual([]);
      expect(theirs.total).toEqual({ groups: 0, reports: 0 });
      expect(theirs.page).toMatchObject({ next: null, previous: null });
    }
  });

  it('documents size, cursor and the totals in the OpenAPI document', async () => {
    const doc = (await app.inject({ url: '/api/openapi.json' })).json<{
      paths: Record<
        string,
        { get?: { parameters?: { name: string }[]; responses: Record<string, unknown> } }
      >;
    }>();
    const op = doc.paths['/api/v1/intake/inbox']!.get!;
    expect(op.parameters!.map((p) => p.name)).toEqual(expect.arrayContaining(['size', 'cursor']));
    expect(JSON.stringify(op.responses['200'])).toContain('previous');
  });
});
