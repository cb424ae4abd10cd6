import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deconflictRoutes } from '../src/http/deconflict/deconflict.routes.js';
import { serverRoutes } from '../src/http/server-routes.js';
import type { Store } from '../src/store/store.js';
import { orgId } from './factories.js';
import { testApp, testUser } from './http-harness.js';
import type { TestUser } from './http-harness.js';
import { storeBackends } from './store-harness.js';

const SECRET_CASE = 'OP-NIGHTJAR-CASE-7731';
const SECRET_VALUE = 'nightjar-c2.example.net';

describe.each(storeBackends())('/api/v1/deconflict on $name', ({ open }) => {
  let store: Store;
  let app: FastifyInstance;
  let police: TestUser;
  let bank: TestUser;
  beforeEach(async () => {
    store = await open();
    app = await testApp(store, [
      (ctx) => deconflictRoutes(ctx, { limits: { values: 20, windowSeconds: 60 } }),
    ]);
    police = await testUser(store, orgId());
    bank = await testUser(store, orgId());
    const reg = await app.inject({
      method: 'POST',
      url: '/api/v1/deconflict/interests',
      headers: police.auth,
      payload: {
        interests: [
          { value: SECRET_VALUE, case_ref: SECRET_CASE, contact: 'duty@police.example' },
          {
            kind: 'ipv4-cidr',
            value: '198.51.100.0/24',
            case_ref: SECRET_CASE,
            contact: 'duty@police.example',
          },
          { kind: 'ipv4', value: 'not-an-ip', case_ref: 'x', contact: 'y' },
        ],
      },
    });
    expect(reg.statusCode).toBe(200);
    expect(reg.json<{ results: Array<{ status: string }> }>().results.map((r) => r.status)).toEqual([
      'registered',
      'registered',
      'invalid',
    ]);
  });
  afterEach(async () => {
    await app.close();
    await store.close();
  });

  const check = (u: TestUser, values: unknown[]) =>
    app.inject({ method: 'POST', url: '/api/v1/deconflict/check', headers: u.auth, payload: { values } });

  it('answers hit/no-hit and the contact only', async () => {
    const res = await check(bank, [
      SECRET_VALUE,
      '198.51.100.9',
      { kind: 'domain', value: 'benign.example.org' },
    ]);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      results: [
        { index: 0, status: 'hit', kind: 'domain', contacts: ['duty@police.example'] },
        { index: 1, status: 'hit', kind: 'ipv4', contacts: ['duty@police.example'] },
        { index: 2, status: 'no-hit', kind: 'domain' },
      ],
    });
  });

  it('no answer, error or other org path reveals the case, the values or the ids', async () => {
    const bodies: string[] = [];
    bodies.push((await check(bank, [SECRET_VALUE, '???', { kind: 'nope', value: 'x' }])).body);
    bodies.push((await check(bank, [])).body);
    bodies.push(
      (await app.inject({ method: 'GET', url: '/api/v1/deconflict/interests', headers: bank.auth })).body,
    );
    bodies.push(
      (await app.inject({ method: 'GET', url: '/api/v1/deconflict/notifications', headers: bank.auth })).body,
    );
    const own = await app.inject({
      method: 'GET',
      url: '/api/v1/deconflict/interests',
      headers: police.auth,
    });
    const ids = own.json<{ interests: Array<{ id: string; value: string }> }>().interests.map((i) => i.id);
    expect(
      own
        .json<{ interests: Array<{ value: string }> }>()
        .interests.map((i) => i.value)
        .sort(),
    ).toEqual(['198.51.100.0/24', SECRET_VALUE]);
    const del = await app.inject({
      method: 'DELETE',
      url: `/api/v1/deconflict/interests/${ids[0]!}`,
      headers: bank.auth,
    });
    expect(del.statusCode).toBe(404);
    bodies.push(del.body);
    const anon = await app.inject({
      method: 'POST',
      url: '/api/v1/deconflict/check',
      payload: { values: [SECRET_VALUE] },
    });
    expect(anon.statusCode).toBe(401);
    bodies.push(anon.body);
    for (const body of bodies) {
      expect(body).not.toContain(SECRET_CASE);
      expect(body).not.toContain('198.51.100.0');
      for (const id of ids) expect(body).not.toContain(id);
    }
    expect(JSON.parse(bodies[0]!)).toMatchObject({
      results: [{ status: 'hit' }, { status: 'invalid' }, { status: 'invalid' }],
    });
    expect(JSON.parse(bodies[2]!)).toEqual({ interests: [] });
    const gone = await app.inject({
      method: 'DELETE',
      url: `/api/v1/deconflict/interests/${ids[0]!}`,
      headers: police.auth,
    });
    expect(gone.statusCode).toBe(204);
  });

  it('tells the owner who checked', async () => {
    await check(bank, [SECRET_VALUE]);
    const res = await app.inject({
      method: 'GET',
      url: '/api/v1/deconflict/notifications',
      headers: police.auth,
    });
    expect(res.json()).toMatchObject({
      notifications: [{ checker_org: bank.viewer.orgId, checker_email: bank.viewer.email }],
    });
  });

  it('rate-limits per key with a clear 429', async () => {
    const values = Array.from({ length: 15 }, (_, i) => `h${String(i)}.example.com`);
    expect((await check(bank, values)).statusCode).toBe(200);
    const res = await check(bank, values);
    expect(res.statusCode).toBe(429);
    expect(res.headers['retry-after']).toMatch(/^\d+$/);
    expect(res.json()).toMatchObject({
      code: 'rate_limited',
      message: expect.stringMatching(/20 values per 60 s/) as string,
    });
    // Another key has its own budget.
    expect((await check(police, values)).statusCode).toBe(200);
  });
});

describe('OpenAPI', () => {
  it('documents the deconflict endpoints', async () => {
    const [backend] = storeBackends();
    const store = await backend!.open();
    const app = await testApp(store, serverRoutes);
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      paths: Record<string, unknown>;
    }>();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/deconflict/check', '/api/v1/deconflict/interests']),
    );
    await app.close();
    await store.close();
  });
});
