import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminWorld } from '../src/admin/admin-test-kit.js';
import { newOrg, unique } from '../src/admin/admin-test-kit.js';
import { createUser } from '../src/admin/users.js';
import { createApiKey } from '../src/auth/api-keys.js';
import { serverRoutes } from '../src/http/server-routes.js';
import { overrideJurisdiction, resolveJurisdictions } from '../src/operations/jurisdictions.js';
import { addTargets } from '../src/operations/targets.js';
import type { Role } from '../src/policy/viewer.js';
import { validateBundle } from '../src/stix/index.js';
import { testApp } from './http-harness.js';
import type { OperationWorld } from './operations-kit.js';
import { operationWorld } from './operations-kit.js';
import { storeBackends } from './store-harness.js';

async function keyFor(world: AdminWorld, orgId: string, role: Role) {
  const user = await createUser(world.store, world.admin, {
    email: `${unique('u').replace(/\W/g, '')}@example.org`,
    name: 'API user',
    orgId,
    role,
  });
  const { key } = await createApiKey(world.store, world.admin, user.id, {});
  return { authorization: `Bearer ${key}` };
}

describe.each(storeBackends())('operation CAR, KPI and outcome API on $name', ({ open }) => {
  let w: OperationWorld;
  let app: FastifyInstance;
  let h: Record<'lead' | 'partner' | 'outsider' | 'agency', { authorization: string }>;
  let agencyOrg: string;
  let targetId: string;
  beforeAll(async () => {
    w = await operationWorld(await open());
    app = await testApp(w.store, serverRoutes);
    const agency = await newOrg(w.world, { kind: 'law-enforcement', country: 'US' });
    agencyOrg = agency.id;
    h = {
      lead: await keyFor(w.world, w.orgs.lead.id, 'contributor'),
      partner: await keyFor(w.world, w.orgs.a.id, 'contributor'),
      outsider: await keyFor(w.world, w.orgs.outsider.id, 'org-admin'),
      agency: await keyFor(w.world, agency.id, 'contributor'),
    };
    const added = await addTargets(w.store, w.partnerA, w.op.id, {
      targets: [
        { kind: 'ipv4', value: '8.8.8.8' },
        { kind: 'victim-group', value: 'Clinic' },
      ],
    });
    targetId = added.targets[0]!.id;
    await resolveJurisdictions(w.store, w.lead, w.op.id);
    await overrideJurisdiction(w.store, w.lead, w.op.id, added.targets[1]!.id, {
      country: 'NL',
      reason: 'seen',
    });
  });
  afterAll(async () => {
    await app.close();
    await w.store.close();
  });

  const url = (path: string) => `/api/v1/operations/${w.op.id}${path}`;
  const call = (
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    who: { authorization: string },
    payload?: object,
  ) =>
    app.inject({
      method,
      url: path.startsWith('/api') ? path : url(path),
      headers: who,
      ...(payload ? { payload } : {}),
    });

  it('generates, lists, reads and exports CARs; outsiders get 404 and no counts on every path', async () => {
    const made = await call('POST', '/cars', h.lead, { all: true });
    expect(made.statusCode).toBe(201);
    const cars = made.json<{ cars: { id: string; country: string; targetCount: number }[] }>().cars;
    expect(cars.map((c) => c.country)).toEqual(['NL', 'US']);
    const us = cars.find((c) => c.country === 'US')!;
    expect((await call('POST', '/cars', h.lead, { jurisdiction: 'germany' })).statusCode).toBe(400);
    expect((await call('POST', '/cars', h.partner, { all: true })).statusCode).toBe(403);

    const list = await call('GET', '/cars', h.partner);
    expect(list.json<{ cars: { links: { html: string } }[] }>().cars).toHaveLength(2);
    const detail = await call('GET', `/cars/${us.id}`, h.partner);
    expect(detail.statusCode).toBe(200);
    const bundle = await call('GET', `/cars/${us.id}/bundle`, h.partner);
    expect(bundle.headers['content-type']).toMatch(/application\/stix\+json/);
    expect(validateBundle(bundle.json()).valid).toBe(true);
    const html = await call('GET', `/cars/${us.id}/html`, h.lead);
    expect(html.headers['content-type']).toMatch(/text\/html/);
    expect(html.body).toContain('8.8.8.8');

    const paths = [
      ['GET', '/cars'],
      ['GET', `/cars/${us.id}`],
      ['GET', `/cars/${us.id}/html`],
      ['GET', `/cars/${us.id}/pdf`],
      ['GET', `/cars/${us.id}/bundle`],
      ['GET', '/kpis'],
      ['GET', '/notifications'],
      ['GET', '/notifications?format=csv'],
      ['POST', '/cars'],
      ['POST', `/cars/${us.id}/ack`],
    ] as const;
    for (const [method, path] of paths) {
      const res = await call(method, path, h.outsider, method === 'POST' ? { all: true } : undefined);
      expect([path, res.statusCode]).toEqual([path, 404]);
      expect(res.body).not.toMatch(/Endgame|8\.8\.8\.8|targetCount|"targets"/);
    }
    const anon = await app.inject({ method: 'GET', url: url('/kpis') });
    expect(anon.statusCode).toBe(401);
  });

  it('issues a CAR to a national agency, which then reads and acknowledges it', async () => {
    const cars = (await call('GET', '/cars', h.lead)).json<{ cars: { id: string; country: string }[] }>()
      .cars;
    const us = cars.find((c) => c.country === 'US')!;
    expect((await call('GET', `/cars/${us.id}`, h.agency)).statusCode).toBe(404);
    const issued = await call('POST', `/cars/${us.id}/issue`, h.lead, {
      recipientOrg: agencyOrg,
      releaseAuthority: 'Head of unit',
      handling: 'H1',
    });
    expect(issued.statusCode).toBe(201);
    expect(issued.json()).toMatchObject({
      orgId: agencyOrg,
      releaseAuthority: 'Head of unit',
      acknowledged: null,
    });
    expect((await call('GET', `/cars/${us.id}`, h.agency)).statusCode).toBe(200);
    const ack = await call('POST', `/cars/${us.id}/ack`, h.agency);
    expect(ack.statusCode).toBe(200);
    expect(ack.json<{ acknowledged: string }>().acknowledged).toMatch(/^20/);
    // The agency is no participant: the operation's KPIs stay closed to it.
    expect((await call('GET', '/kpis', h.agency)).statusCode).toBe(404);
  });

  it('serves KPIs, lead-entered outcomes, grades, notifications and the contributor view', async () => {
    expect((await call('PUT', '/outcomes', h.partner, { arrests: 2 })).statusCode).toBe(403);
    const set = await call('PUT', '/outcomes', h.lead, { arrests: 2, notifications: 40 });
    expect(set.json()).toMatchObject({ arrests: 2, notifications: 40 });
    const kpis = (await call('GET', '/kpis', h.partner)).json<{
      targets: number;
      outcomes: { arrests: number };
      reported: number;
    }>();
    expect(kpis).toMatchObject({ targets: 2, reported: 1, outcomes: { arrests: 2 } });

    const cid = `${targetId}.${w.orgs.a.id}`;
    const bad = await call('PUT', `/contributions/${cid}/grade`, h.lead, {
      scale: '4x4',
      reliability: 'E',
      credibility: '1',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ code: string }>().code).toBe('invalid_grade');
    const good = await call('PUT', `/contributions/${cid}/grade`, h.lead, {
      scale: 'admiralty',
      reliability: 'E',
      credibility: '5',
    });
    expect(good.json()).toMatchObject({ contributionId: cid, scale: 'admiralty', reliability: 'E' });
    const outsider = await call('PUT', `/contributions/${cid}/grade`, h.outsider, {
      scale: '4x4',
      reliability: 'A',
      credibility: '1',
    });
    expect(outsider.statusCode).toBe(404);

    const xarf = await call('GET', '/notifications?format=xarf', h.lead);
    expect(xarf.json()).toMatchObject({
      total: 1,
      recipients: [{ count: 1, recipient: { type: 'national-cert', country: 'NL' } }],
    });
    const badContact = await call('GET', '/notifications?contact=not-an-address', h.lead);
    expect(badContact.statusCode).toBe(400);
    expect(badContact.body).toContain('contact');
    const csv = await call('GET', '/notifications?format=csv&scope=all-network', h.lead);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body.trim().split('\n')).toHaveLength(3);

    const mine = await call('GET', '/api/v1/contributions/outcomes', h.partner);
    expect(mine.json()).toMatchObject({
      operations: [
        { operationId: w.op.id, name: 'Operation Endgame', totals: { contributed: 2, reported: 1 } },
      ],
    });
    const theirs = await call('GET', '/api/v1/contributions/outcomes', h.outsider);
    expect(theirs.json()).toEqual({ operations: [] });
  });

  it('documents the routes in the OpenAPI document', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      paths: Record<string, unknown>;
    }>();
    const paths = Object.keys(doc.paths);
    expect(paths).toContain('/api/v1/operations/{id}/cars');
    expect(paths).toContain('/api/v1/operations/{id}/cars/{carId}/issue');
    expect(paths).toContain('/api/v1/contributions/outcomes');
  });
});
