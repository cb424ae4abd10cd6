import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminWorld, newOrg, signedIn } from '../src/admin/admin-test-kit.js';
import type { AdminWorld } from '../src/admin/admin-test-kit.js';
import { createApiKey } from '../src/auth/index.js';
import { serverRoutes } from '../src/http/server-routes.js';
import { setIntakeOrganisation } from '../src/public/intake/intake-organisation.js';
import type { UserViewer } from '../src/policy/viewer.js';
import { visibleCurrent } from '../src/store/objects/visible-versions.js';
import { testApp } from './http-harness.js';
import { storeBackends } from './store-harness.js';

interface Inbox {
  triage: { allowed: boolean; reason: string | null };
  counts: { new: number; promoted: number; benign: number };
  groups: { key: string; count: number; reports: { id: string; status: string }[] }[];
}

describe.each(storeBackends())('intake triage on $name', ({ open }) => {
  let world: AdminWorld;
  let app: FastifyInstance;
  let analyst: UserViewer;
  let analystAuth: { authorization: string };
  let outsiderAuth: { authorization: string };

  const inbox = async (auth: { authorization: string }, query = '') => {
    const res = await app.inject({ url: `/api/v1/intake/inbox${query}`, headers: auth });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Inbox>();
  };
  const report = (url: string) =>
    app.inject({ method: 'POST', url: '/api/v1/public/reports/url', payload: { url } });

  beforeAll(async () => {
    world = await adminWorld(await open());
    app = await testApp(world.store, serverRoutes);
    const intakeOrg = await newOrg(world, { kind: 'law-enforcement' });
    await setIntakeOrganisation(world.store, world.admin, intakeOrg.id);
    analyst = await signedIn(world, intakeOrg.id, 'contributor');
    analystAuth = {
      authorization: `Bearer ${(await createApiKey(world.store, analyst, analyst.userId)).key}`,
    };
    const outsider = await signedIn(world, (await newOrg(world)).id, 'org-admin');
    outsiderAuth = {
      authorization: `Bearer ${(await createApiKey(world.store, outsider, outsider.userId)).key}`,
    };
    for (const url of [
      'https://fake-bank.example/login',
      'https://fake-bank.example/verify',
      'https://parcel-fee.example/pay',
    ])
      expect((await report(url)).statusCode).toBe(202);
  });
  afterAll(async () => {
    await app.close();
    await world.store.close();
  });

  it('groups the inbox by URL host for the intake analysts, and shows another organisation nothing', async () => {
    const mine = await inbox(analystAuth, '?group=url');
    expect(mine.triage).toEqual({ allowed: true, reason: null });
    const bank = mine.groups.find((g) => g.key === 'url:fake-bank.example');
    expect(bank?.count).toBe(2);
    expect(mine.counts.new).toBe(3);
    const theirs = await inbox(outsiderAuth, '?group=url');
    expect(theirs.groups).toEqual([]);
    expect(theirs.counts).toEqual({ new: 0, promoted: 0, benign: 0 });
    expect(theirs.triage).toEqual({ allowed: false, reason: expect.stringContaining('intake organisation') });
    const anonymous = await app.inject({ url: '/api/v1/intake/inbox' });
    expect(anonymous.statusCode).toBe(401);
  });

  it('lets a reader of the intake organisation read the inbox but not triage it, and says so', async () => {
    const reader = await signedIn(world, analyst.orgId, 'reader');
    const readerAuth = {
      authorization: `Bearer ${(await createApiKey(world.store, reader, reader.userId)).key}`,
    };
    const seen = await inbox(readerAuth, '?group=none');
    expect(seen.counts.new).toBe(3);
    expect(seen.triage).toEqual({ allowed: false, reason: expect.stringContaining('read-only') });
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/intake/inbox/benign',
      headers: readerAuth,
      payload: { reports: [seen.groups[0]!.reports[0]!.id] },
    });
    expect(res.statusCode, res.body).toBe(403);
    expect(res.json<{ code: string; message: string }>()).toEqual(
      expect.objectContaining({ code: 'not_intake_analyst', message: seen.triage.reason }),
    );
  });

  it('offers the inbox in the session of the intake organisation’s users only', async () => {
    const session = async (auth: { authorization: string }) =>
      (await app.inject({ url: '/api/v1/session', headers: auth })).json<{ intake_inbox: boolean }>();
    expect((await session(analystAuth)).intake_inbox).toBe(true);
    expect((await session(outsiderAuth)).intake_inbox).toBe(false);
  });

  it('refuses triage acts by another organisation as if the reports did not exist', async () => {
    const ids = (await inbox(analystAuth, '?group=none')).groups.map((g) => g.reports[0]!.id);
    for (const path of ['promote', 'benign']) {
      const res = await app.inject({
        method: 'POST',
        url: `/api/v1/intake/inbox/${path}`,
        headers: outsiderAuth,
        payload:
          path === 'promote' ? { reports: ids, distribution: 'community', tlp: 'green' } : { reports: ids },
      });
      expect(res.statusCode, res.body).toBe(404);
    }
  });

  it('promotes a group to real indicators with the chosen markings, audited', async () => {
    const bank = (await inbox(analystAuth, '?group=url')).groups.find(
      (g) => g.key === 'url:fake-bank.example',
    )!;
    const refused = await app.inject({
      method: 'POST',
      url: '/api/v1/intake/inbox/promote',
      headers: analystAuth,
      payload: { reports: bank.reports.map((r) => r.id), distribution: 'public', tlp: 'red' },
    });
    expect(refused.statusCode).toBeGreaterThanOrEqual(400);
    expect((await inbox(analystAuth)).counts.promoted).toBe(0);
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/intake/inbox/promote',
      headers: analystAuth,
      payload: { reports: bank.reports.map((r) => r.id), distribution: 'community', tlp: 'green' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const { indicators } = res.json<{ indicators: { id: string; kind: string }[] }>();
    expect(indicators.filter((i) => i.kind === 'url')).toHaveLength(2);
    const outsider = await signedIn(world, (await newOrg(world)).id, 'reader');
    const seen = await visibleCurrent(world.store.db, outsider)
      .where(
        'o.id',
        'in',
        indicators.map((i) => i.id),
      )
      .select(['o.type', 'o.distribution', 'o.tlp'])
      .execute();
    expect(seen).toHaveLength(indicators.length);
    expect(
      seen.every((s) => s.type === 'indicator' && s.distribution === 'community' && s.tlp === 'green'),
    ).toBe(true);
    expect((await inbox(analystAuth)).counts.promoted).toBe(2);
    const audit = await world.store.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'intake.promote')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('marks a report benign: hidden from the default view, still counted and listable', async () => {
    const parcel = (await inbox(analystAuth, '?group=url')).groups.find(
      (g) => g.key === 'url:parcel-fee.example',
    )!;
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/intake/inbox/benign',
      headers: analystAuth,
      payload: { reports: [parcel.reports[0]!.id] },
    });
    expect(res.json<{ marked: number }>().marked).toBe(1);
    const open = await inbox(analystAuth, '?group=url');
    expect(open.groups.find((g) => g.key === 'url:parcel-fee.example')).toBeUndefined();
    expect(open.counts.benign).toBe(1);
    const benign = await inbox(analystAuth, '?group=url&status=benign');
    expect(benign.groups.map((g) => g.key)).toEqual(['url:parcel-fee.example']);
  });

  it('counts a promoted URL as taken down once its indicator is revoked', async () => {
    const figures = async () =>
      (await app.inject({ url: '/api/v1/public/reports/figures' })).json<{ takenDown: number }>().takenDown;
    expect(await figures()).toBe(0);
    const link = await world.store.db
      .selectFrom('public_intake_promotions')
      .select('indicator_id')
      .where('kind', '=', 'url')
      .executeTakeFirstOrThrow();
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/objects/${link.indicator_id}/revoke`,
      headers: analystAuth,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(await figures()).toBe(1);
  });
});
