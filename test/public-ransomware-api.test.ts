import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ClientRateLimit } from '../src/http/public/client-rate-limit.js';
import { publicRansomwareRoutes } from '../src/http/public/ransomware.routes.js';
import type { IdentifyResponse } from '../src/http/public/ransomware.schema.js';
import type { Store } from '../src/store/store.js';
import { testApp } from './http-harness.js';
import { storeBackends } from './store-harness.js';

const DJVU_NOTE =
  "ATTENTION! Don't worry, you can return all your files! All your files like pictures, databases, documents and other important are encrypted with strongest encryption and unique key. The only method of recovering files is to purchase decrypt tool and unique key for you.";

describe.each(storeBackends())('POST /api/v1/public/ransomware/identify on $name', (backend) => {
  let store: Store;
  let app: FastifyInstance;

  beforeEach(async () => {
    store = await backend.open();
    app = await testApp(store, [(ctx) => publicRansomwareRoutes(ctx, new ClientRateLimit(5))]);
  });
  afterEach(async () => {
    await app.close();
    await store.close();
  });

  const identify = (payload: unknown) =>
    app.inject({ method: 'POST', url: '/api/v1/public/ransomware/identify', payload: payload as object });

  it('answers an anonymous visitor with ranked candidates, reasons, decryptor and advice; stores nothing', async () => {
    const res = await identify({
      file_names: ['holiday.jpg.djvu'],
      note_names: ['_readme.txt'],
      note_text: DJVU_NOTE,
      country: 'fr',
    });
    expect(res.statusCode).toBe(200);
    const body = res.json<IdentifyResponse>();
    expect(body.status).toBe('identified');
    expect(body.candidates[0]).toMatchObject({
      family: 'Djvu',
      galaxy_uuid: 'e37ddc9e-8ceb-4817-a17e-755aa379ed14',
    });
    expect(body.candidates[0]?.decryptor?.provider).toBe('Emsisoft');
    expect(body.candidates[0]?.reasons.length).toBeGreaterThan(0);
    expect(body.advice.reporting_contact?.country).toBe('FR');
    expect(body.share_id).toBeUndefined();
    expect(await store.db.selectFrom('public_ransomware_shares').selectAll().execute()).toEqual([]);
  });

  it('keeps the submission only when the visitor shares it', async () => {
    const res = await identify({ file_names: ['a.djvu'], share: true, country: 'GB' });
    const id = res.json<IdentifyResponse>().share_id;
    expect(id).toBeDefined();
    const rows = await store.db.selectFrom('public_ransomware_shares').selectAll().execute();
    expect(rows.map((r) => r.id)).toEqual([id]);
    expect(JSON.parse(rows[0]!.evidence)).toEqual({ file_names: ['a.djvu'], note_names: [], contacts: [] });
  });

  it('refuses unknown fields and bad values with 400, saying where', async () => {
    const res = await identify({ file_names: 'x', marker_hex: 'zz' });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ message: string }>().message).toMatch(/file_names/);
    expect((await identify({ evil: true })).statusCode).toBe(400);
  });

  it('limits each client to its budget per minute', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) codes.push((await identify({ file_names: ['a.locky'] })).statusCode);
    expect(codes).toEqual([200, 200, 200, 200, 200, 429]);
    expect((await identify({})).json<{ code: string }>().code).toBe('rate_limited');
  });

  it('serves a family and the advice, and 404s an unknown family', async () => {
    const fam = await app.inject({
      url: '/api/v1/public/ransomware/families/e37ddc9e-8ceb-4817-a17e-755aa379ed14',
    });
    expect(fam.json<{ family: { name: string } }>().family.name).toBe('Djvu');
    expect(
      (await app.inject({ url: '/api/v1/public/ransomware/families/00000000-0000-4000-8000-000000000000' }))
        .statusCode,
    ).toBe(404);
    const adv = await app.inject({ url: '/api/v1/public/ransomware/advice?country=zz' });
    expect(adv.json<{ reporting_contact: { country: string } }>().reporting_contact.country).toBe('*');
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await app.inject({ url: '/api/openapi.json' })).json<{ paths: Record<string, unknown> }>();
    expect(Object.keys(doc.paths)).toContain('/api/v1/public/ransomware/identify');
  });
});
