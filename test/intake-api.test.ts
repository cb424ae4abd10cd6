import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminWorld, newOrg, signedIn } from '../src/admin/admin-test-kit.js';
import type { AdminWorld } from '../src/admin/admin-test-kit.js';
import { createApiKey } from '../src/auth/index.js';
import { serverRoutes } from '../src/http/server-routes.js';
import { ANONYMOUS } from '../src/policy/viewer.js';
import type { UserViewer, Viewer } from '../src/policy/viewer.js';
import { visibleCurrent } from '../src/store/objects/visible-versions.js';
import { testApp } from './http-harness.js';
import { storeBackends } from './store-harness.js';

const PHISH = [
  'Received: from mail.bad.example (mail.bad.example [203.0.113.45]) by mx.example.org',
  'From: "Your Bank" <security@paypa1-verify.example>',
  'To: Jane Victim <jane.victim@example.org>',
  'Subject: Your account is locked',
  'Message-ID: <1@bad.example>',
  'Date: Mon, 07 Dec 2026 08:00:00 +0000',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'Dear jane.victim, confirm your account at https://paypa1-verify.example/login?u=jane.victim today.',
  '',
].join('\r\n');

describe.each(storeBackends())('public report intake on $name', ({ open }) => {
  let world: AdminWorld;
  let app: FastifyInstance;
  let intakeAnalyst: UserViewer;
  let outsider: UserViewer;
  let intakeOrgId: string;
  let adminAuth: { authorization: string };

  const visibleText = async (viewer: Viewer) =>
    (await visibleCurrent(world.store.db, viewer).select('o.data').execute()).map((r) => r.data).join('\n');

  beforeAll(async () => {
    world = await adminWorld(await open());
    app = await testApp(world.store, serverRoutes);
    const intakeOrg = await newOrg(world, { kind: 'law-enforcement' });
    intakeOrgId = intakeOrg.id;
    intakeAnalyst = await signedIn(world, intakeOrg.id, 'contributor');
    outsider = await signedIn(world, (await newOrg(world)).id, 'org-admin');
    adminAuth = {
      authorization: `Bearer ${(await createApiKey(world.store, world.admin, world.admin.userId)).key}`,
    };
  });
  afterAll(async () => {
    await app.close();
    await world.store.close();
  });

  it('answers 503 with the way out until an administrator chooses the intake organisation', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/public/reports/url',
      payload: { url: 'https://x.example/' },
    });
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain('/api/v1/admin/intake/organisation');
    const outsiderKey = (await createApiKey(world.store, world.admin, outsider.userId)).key;
    const refused = await app.inject({
      method: 'PUT',
      url: '/api/v1/admin/intake/organisation',
      headers: { authorization: `Bearer ${outsiderKey}` },
      payload: { organisation: intakeOrgId },
    });
    expect(refused.statusCode).toBe(403);
    const set = await app.inject({
      method: 'PUT',
      url: '/api/v1/admin/intake/organisation',
      headers: adminAuth,
      payload: { organisation: intakeOrgId },
    });
    expect(set.statusCode, set.body).toBe(204);
  });

  it('stores a reported e-mail in the intake inbox only, with the reporter redacted', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/public/reports/email',
      payload: { eml: PHISH },
    });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json<{ values: number }>().values).toBeGreaterThanOrEqual(2);
    const inbox = await visibleText(intakeAnalyst);
    expect(inbox).toContain('paypa1-verify.example');
    expect(inbox).toContain('203.0.113.45');
    expect(inbox).not.toContain('jane.victim');
    expect(await visibleText(outsider)).not.toContain('paypa1-verify.example');
    expect(await visibleText(ANONYMOUS)).not.toContain('paypa1-verify.example');
  });

  it('refuses a message that is not MIME with a clear error, and stores nothing', async () => {
    const before = await world.store.db
      .selectFrom('objects')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/public/reports/email',
      payload: { eml: 'hello there' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('malformed_email');
    const after = await world.store.db
      .selectFrom('objects')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    expect(Number(after?.n)).toBe(Number(before?.n));
  });

  it('takes an SMS and a URL, and refuses a URL field that holds no address', async () => {
    const sms = await app.inject({
      method: 'POST',
      url: '/api/v1/public/reports/sms',
      payload: { sender: '+44 7700 900123', text: 'Your parcel is waiting: https://parcel-fee.example/pay' },
    });
    expect(sms.statusCode, sms.body).toBe(202);
    const url = await app.inject({
      method: 'POST',
      url: '/api/v1/public/reports/url',
      payload: { url: 'https://fake-shop.example/deal' },
    });
    expect(url.statusCode, url.body).toBe(202);
    const bad = await app.inject({
      method: 'POST',
      url: '/api/v1/public/reports/url',
      payload: { url: 'not an address' },
    });
    expect(bad.statusCode).toBe(400);
    expect(await visibleText(intakeAnalyst)).toContain('parcel-fee.example');
  });

  it('publishes aggregate figures only, with no content of any report', async () => {
    const res = await app.inject({ url: '/api/v1/public/reports/figures' });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('example');
    expect(JSON.stringify(res.json())).toMatch(/\b3\b/);
  });
});
