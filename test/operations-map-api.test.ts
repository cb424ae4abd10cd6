import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../src/audit/index.js';
import { createApiKey } from '../src/auth/index.js';
import { serverRoutes } from '../src/http/server-routes.js';
import { changeTargetStatus } from '../src/operations/change-status.js';
import { resolveJurisdictions } from '../src/operations/jurisdictions.js';
import { addTargets } from '../src/operations/targets.js';
import { testApp } from './http-harness.js';
import type { OperationWorld } from './operations-kit.js';
import { operationWorld } from './operations-kit.js';
import { storeBackends } from './store-harness.js';

describe.each(storeBackends())('operation map API on $name', ({ open }) => {
  let w: OperationWorld;
  let app: FastifyInstance;
  let url: string;
  const auth = async (userId: string) => ({
    authorization: `Bearer ${(await createApiKey(w.store, SYSTEM, userId)).key}`,
  });

  beforeAll(async () => {
    w = await operationWorld(await open());
    app = await testApp(w.store, serverRoutes);
    url = `/api/v1/operations/${w.op.id}/map.svg`;
    // Two German addresses and one French (from the shipped IP database); one German taken down.
    const added = await addTargets(w.store, w.lead, w.op.id, {
      targets: ['5.9.0.1', '81.169.145.1', '51.15.0.1'].map((value) => ({ kind: 'ipv4' as const, value })),
    });
    await resolveJurisdictions(w.store, w.lead, w.op.id);
    const [first] = added.targets;
    for (const to of ['reported', 'action-requested'] as const)
      await changeTargetStatus(w.store, w.lead, w.op.id, { targetIds: [first!.id], to });
    await changeTargetStatus(w.store, w.lead, w.op.id, {
      targetIds: [first!.id],
      to: 'actioned',
      detail: 'taken-down',
    });
  });
  afterAll(async () => {
    await app.close();
    await w.store.close();
  });

  it('draws a participant the targets per country, or the taken-down ones', async () => {
    const response = await app.inject({ url, headers: await auth(w.partnerA.userId) });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(response.body).toMatch(/data-iso="DE"[^>]*data-count="2"/);
    expect(response.body).toMatch(/data-iso="FR"[^>]*data-count="1"/);
    const down = await app.inject({ url: `${url}?measure=takenDown`, headers: await auth(w.lead.userId) });
    expect(down.body).toMatch(/data-iso="DE"[^>]*data-count="1"/);
    expect(down.body).not.toMatch(/data-iso="FR"[^>]*data-count/);
  });

  it('gives a non-participant the 404 of an unknown operation, and no trace of the operation', async () => {
    const headers = await auth(w.outsider.userId);
    const response = await app.inject({ url, headers });
    const unknown = await app.inject({ url: '/api/v1/operations/NO-SUCH-OP/map.svg', headers });
    expect(response.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
    expect(response.body).not.toContain(w.op.name);
    expect(response.body).not.toContain('data-iso');
    expect(response.json<{ code: string }>().code).toBe(unknown.json<{ code: string }>().code);
  });

  it('refuses an unknown measure with a clear error', async () => {
    const response = await app.inject({ url: `${url}?measure=arrests`, headers: await auth(w.lead.userId) });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('measure');
  });
});
