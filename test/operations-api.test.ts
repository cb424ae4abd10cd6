import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../src/audit/index.js';
import { createApiKey } from '../src/auth/index.js';
import { serverRoutes } from '../src/http/server-routes.js';
import { testApp } from './http-harness.js';
import type { OperationWorld } from './operations-kit.js';
import { operationWorld } from './operations-kit.js';
import { storeBackends } from './store-harness.js';

type Headers = { authorization: string };

describe.each(storeBackends())('operations and targets API on $name', ({ open }) => {
  let w: OperationWorld;
  let app: FastifyInstance;
  let lead: Headers;
  let partner: Headers;
  let outsider: Headers;
  let base: string;
  let ids: string[] = [];
  const auth = async (userId: string): Promise<Headers> => ({
    authorization: `Bearer ${(await createApiKey(w.store, SYSTEM, userId)).key}`,
  });

  beforeAll(async () => {
    w = await operationWorld(await open());
    app = await testApp(w.store, serverRoutes);
    lead = await auth(w.lead.userId);
    partner = await auth(w.partnerA.userId);
    outsider = await auth(w.outsider.userId);
    base = `/api/v1/operations/${w.op.id}`;
  });
  afterAll(async () => {
    await app.close();
    await w.store.close();
  });

  it('adds a plain list, and refuses a list with a bad line whole, naming the line', async () => {
    const add = await app.inject({
      method: 'POST',
      url: `${base}/targets/list`,
      headers: lead,
      payload: { text: '198.51.100.7\nevil.example.com\n' },
    });
    expect(add.statusCode, add.body).toBe(201);
    const bad = await app.inject({
      method: 'POST',
      url: `${base}/targets/list`,
      headers: lead,
      payload: { text: '198.51.100.8\n???\n' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('line 2');
    const all = await app.inject({ url: `${base}/targets`, headers: lead });
    expect(all.json<{ total: number }>().total).toBe(2);
  });

  it('pages targets by keyset', async () => {
    const page = await app.inject({ url: `${base}/targets?limit=1`, headers: lead });
    expect(page.statusCode, page.body).toBe(200);
    const p = page.json<{ total: number; next: string; targets: { id: string }[] }>();
    expect(p.total).toBe(2);
    const p2 = await app.inject({ url: `${base}/targets?limit=1&after=${p.next}`, headers: lead });
    const second = p2.json<{ targets: { id: string }[]; next: null }>();
    expect(second.next).toBeNull();
    ids = [p.targets[0]!.id, ...second.targets.map((t) => t.id)];
    expect(new Set(ids).size).toBe(2);
  });

  it('changes status in bulk, and refuses an illegal move for all with 409, changing nothing', async () => {
    const st = await app.inject({
      method: 'POST',
      url: `${base}/targets/status`,
      headers: lead,
      payload: { targetIds: ids, to: 'reported' },
    });
    expect(st.statusCode, st.body).toBe(200);
    const ill = await app.inject({
      method: 'POST',
      url: `${base}/targets/status`,
      headers: lead,
      payload: { targetIds: ids, to: 'actioned', detail: 'seized' },
    });
    expect(ill.statusCode).toBe(409);
    const reported = await app.inject({ url: `${base}/targets?status=reported`, headers: lead });
    expect(reported.json<{ total: number }>().total).toBe(2);
  });

  it('shows a target with its history, interest, re-check and the contributions to participants', async () => {
    const det = await app.inject({ url: `${base}/targets/${ids[0]}`, headers: partner });
    expect(det.statusCode, det.body).toBe(200);
    expect(det.body).toContain('reported');
    for (const path of [`/targets/${ids[0]}/interest`, '/contributions'])
      expect((await app.inject({ url: `${base}${path}`, headers: lead })).statusCode).toBe(200);
    const rc = await app.inject({ method: 'POST', url: `${base}/targets/${ids[0]}/recheck`, headers: lead });
    expect(rc.statusCode, rc.body).toBe(200);
  });

  it('answers a non-participant 404 on every path, with no name or count in the body', async () => {
    const paths = ['', '/targets', `/targets/${ids[0]}`, `/targets/${ids[0]}/interest`, '/contributions'];
    for (const path of paths) {
      const res = await app.inject({ url: `${base}${path}`, headers: outsider });
      expect(res.statusCode, path).toBe(404);
      expect(res.body).not.toContain(w.op.code);
      expect(res.body).not.toContain('198.51.100.7');
    }
    const rc = await app.inject({
      method: 'POST',
      url: `${base}/targets/${ids[0]}/recheck`,
      headers: outsider,
    });
    expect(rc.statusCode).toBe(404);
    const patch = await app.inject({
      method: 'PATCH',
      url: base,
      headers: outsider,
      payload: { phases: [] },
    });
    expect([403, 404]).toContain(patch.statusCode);
    const list = await app.inject({ url: '/api/v1/operations', headers: outsider });
    expect(list.json<{ operations: unknown[] }>().operations).toHaveLength(0);
  });

  it('is in the OpenAPI document', async () => {
    const doc = await app.inject({ url: '/api/openapi.json' });
    expect(doc.statusCode).toBe(200);
    const paths = Object.keys(doc.json<{ paths: Record<string, unknown> }>().paths);
    expect(paths).toContain('/api/v1/operations/{id}/targets');
    expect(paths).toContain('/api/v1/operations/{id}/targets/status');
  });
});
