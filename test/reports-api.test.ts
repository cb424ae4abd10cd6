import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverRoutes } from '../src/http/server-routes.js';
import { pdfAvailable } from '../src/render/html-to-pdf.js';
import type { Store } from '../src/store/store.js';
import { testApp, testUser } from './http-harness.js';
import type { TestUser } from './http-harness.js';
import { seedLandscapeWorld } from './landscape-world.js';
import type { LandscapeWorld } from './landscape-world.js';
import { storeBackends } from './store-harness.js';

const BASE = '/api/v1/reports/landscape';
const H1 = { from: '2026-01-01', to: '2026-07-01', granularity: 'quarter' };

describe.each(storeBackends())('landscape report API on $name', (backend) => {
  let store: Store;
  let app: FastifyInstance;
  let world: LandscapeWorld;
  let colleague: TestUser;
  beforeAll(async () => {
    store = await backend.open();
    world = await seedLandscapeWorld(store);
    colleague = await testUser(store, world.orgB, 'reader');
    app = await testApp(store, serverRoutes);
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  const post = (who: TestUser, body: unknown) =>
    app.inject({ method: 'POST', url: BASE, headers: who.auth, payload: body as Record<string, unknown> });

  it('builds a report for the caller, readable by its audience and admins only', async () => {
    const made = await post(world.b, { ...H1, title: 'H1 2026' });
    expect(made.statusCode).toBe(201);
    const report = made.json<{
      id: string;
      tlp: string;
      figures: {
        rankings: { ransomware: Array<{ name: string }> };
        geography: { infrastructure_by_country: unknown };
      };
    }>();
    expect(report.tlp).toBe('amber');
    // Served reports place addresses with the operations' offline IP database.
    expect(Array.isArray(report.figures.geography.infrastructure_by_country)).toBe(true);
    expect(report.figures.rankings.ransomware.map((r) => r.name)).toContain('SecretLocker');

    for (const [who, status] of [
      [colleague, 200],
      [world.admin, 200],
      [world.a, 404],
    ] as const) {
      for (const path of ['', '/html'])
        expect((await app.inject({ url: `${BASE}/${report.id}${path}`, headers: who.auth })).statusCode).toBe(
          status,
        );
      const list = (await app.inject({ url: BASE, headers: who.auth })).json<{
        reports: Array<{ id: string }>;
      }>();
      expect(list.reports.some((r) => r.id === report.id)).toBe(status === 200);
    }
    expect((await app.inject({ url: `${BASE}/${report.id}` })).statusCode).toBe(401);
  });

  it('a CLEAR report is readable by every signed-in user and names nothing private', async () => {
    const made = await post(world.admin, { ...H1, variant: 'clear', threshold: 2 });
    expect(made.statusCode).toBe(201);
    const { id } = made.json<{ id: string }>();
    const read = await app.inject({ url: `${BASE}/${id}`, headers: world.a.auth });
    expect(read.statusCode).toBe(200);
    const html = await app.inject({ url: `${BASE}/${id}/html`, headers: world.a.auth });
    for (const secret of world.privateNames) {
      expect(read.body).not.toContain(secret);
      expect(html.body).not.toContain(secret);
    }
  });

  it('renders charts and the edited narrative, with nothing typed becoming markup', async () => {
    const { id, narrative } = (await post(world.a, H1)).json<{
      id: string;
      narrative: Record<string, Record<string, string>>;
    }>();
    expect(narrative.volume!.key_findings).toMatch(/objects were reported in the period/);
    const edited = {
      ...narrative,
      volume: { ...narrative.volume!, key_findings: '**Rising** ransomware <script>alert(1)</script>' },
    };
    expect(
      (
        await app.inject({
          method: 'PUT',
          url: `${BASE}/${id}/narrative`,
          headers: world.b.auth,
          payload: edited,
        })
      ).statusCode,
    ).toBe(404);
    const saved = await app.inject({
      method: 'PUT',
      url: `${BASE}/${id}/narrative`,
      headers: world.a.auth,
      payload: edited,
    });
    expect(saved.statusCode).toBe(200);
    const html = (await app.inject({ url: `${BASE}/${id}/html`, headers: world.a.auth })).body;
    expect(html).toContain('<strong>Rising</strong> ransomware &lt;script&gt;');
    expect(html).not.toContain('<script');
    expect((html.match(/<svg/g) ?? []).length).toBeGreaterThanOrEqual(3);
    const audit = await store.db
      .selectFrom('audit_log')
      .select('action')
      .where('target', '=', id)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['report.landscape.create', 'report.landscape.narrative']);
  });

  it.runIf(pdfAvailable())(
    'prints the report to PDF with Chromium',
    async () => {
      const { id } = (await post(world.a, H1)).json<{ id: string }>();
      const pdf = await app.inject({ url: `${BASE}/${id}/pdf`, headers: world.a.auth });
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    },
    60_000,
  );

  it('refuses bad requests with where, and saves nothing', async () => {
    const before = await store.db
      .selectFrom('landscape_reports')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const bad = await post(world.a, { from: '2026-07-01', to: '2026-01-01' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('to');
    expect((await post(world.a, { ...H1, granularity: 'week' })).statusCode).toBe(400);
    expect((await post(world.a, { ...H1, scope: { owners: ['nobody'] } })).statusCode).toBe(400);
    const after = await store.db
      .selectFrom('landscape_reports')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});
