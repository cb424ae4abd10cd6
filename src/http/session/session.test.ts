import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../audit/actor.js';
import { disableUser } from '../../admin/users.js';
import { createApiKey } from '../../auth/api-keys.js';
import type { Store } from '../../store/store.js';
import { storeBackends } from '../../../test/store-harness.js';
import { PASSWORD, seedWorld } from '../../../test/e2e/world.js';
import type { World } from '../../../test/e2e/world.js';
import { signIn, webApp } from '../../../test/e2e/web-app.js';
import { dashboardRoutes } from '../dashboard/dashboard.routes.js';
import { sessionRoutes } from './session.routes.js';
import { SignInLimiter } from './sign-in-limiter.js';

describe.each(storeBackends())('web sessions on $name', ({ open }) => {
  let store: Store;
  let world: World;
  let app: FastifyInstance;

  beforeAll(async () => {
    store = await open();
    world = await seedWorld(store);
    app = await webApp(store, [
      (ctx) => sessionRoutes(ctx, new SignInLimiter({ failuresPerEmail: 3 })),
      dashboardRoutes,
    ]);
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  const post = (
    payload: Record<string, string>,
    headers: Record<string, string> = { 'x-accord-csrf': '1' },
  ) => app.inject({ method: 'POST', url: '/api/v1/session', headers, payload });

  it('signs in with e-mail and password and sets a strict httpOnly cookie', async () => {
    const response = await post({ email: 'Alice@Telecom.test', password: PASSWORD });
    expect(response.statusCode).toBe(200);
    const cookie = String(response.headers['set-cookie']);
    expect(cookie).toMatch(/^accord_session=[\w.-]+; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+$/);
    expect(response.json()).toMatchObject({
      user: { email: 'alice@telecom.test', role: 'org-admin' },
      org: { id: world.orgs.telecom, name: 'Example Telecom' },
      groups: [world.group],
    });
    const me = await app.inject({ url: '/api/v1/session', headers: { cookie: cookie.split(';')[0]! } });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.id).toBe(world.users.alice);
  });

  it('marks the cookie Secure behind a TLS-terminating proxy', async () => {
    const response = await post(
      { email: 'bob@police.test', password: PASSWORD },
      {
        'x-accord-csrf': '1',
        'x-forwarded-proto': 'https',
      },
    );
    expect(String(response.headers['set-cookie'])).toMatch(/; Secure$/);
  });

  it('refuses a wrong password, a missing CSRF header and a forged or absent cookie', async () => {
    expect((await post({ email: 'alice@telecom.test', password: 'nope' })).statusCode).toBe(401);
    expect((await post({ email: 'alice@telecom.test', password: PASSWORD }, {})).json().code).toBe(
      'csrf_required',
    );
    expect((await app.inject({ url: '/api/v1/session' })).statusCode).toBe(401);
    const cookie = await signIn(app, 'alice@telecom.test', PASSWORD);
    const forged = `${cookie.slice(0, -3)}abc`;
    expect((await app.inject({ url: '/api/v1/session', headers: { cookie: forged } })).statusCode).toBe(401);
  });

  it('requires the CSRF header on cookie-authenticated writes, but not on Bearer-key writes', async () => {
    const cookie = await signIn(app, 'bob@police.test', PASSWORD);
    const bare = await app.inject({ method: 'DELETE', url: '/api/v1/session', headers: { cookie } });
    expect(bare.statusCode).toBe(403);
    expect(bare.json().code).toBe('csrf_required');
    const ok = await app.inject({
      method: 'DELETE',
      url: '/api/v1/session',
      headers: { cookie, 'x-accord-csrf': '1' },
    });
    expect(ok.statusCode).toBe(204);
    expect(String(ok.headers['set-cookie'])).toMatch(/^accord_session=; .*Max-Age=0/);
    const { key } = await createApiKey(store, SYSTEM, world.users.bob, {});
    const byKey = await app.inject({
      method: 'DELETE',
      url: '/api/v1/session',
      headers: { authorization: `Bearer ${key}` },
    });
    expect(byKey.statusCode).toBe(204);
    const audit = await store.db
      .selectFrom('audit_log')
      .select(['action', 'actor'])
      .where('action', '=', 'logout')
      .execute();
    expect(audit.map((a) => a.actor)).toContain(world.users.bob);
  });

  it('stops honouring the cookie of a user who is disabled', async () => {
    const cookie = await signIn(app, 'carol@bank.test', PASSWORD);
    expect((await app.inject({ url: '/api/v1/dashboard', headers: { cookie } })).statusCode).toBe(200);
    await disableUser(store, SYSTEM, world.users.carol);
    expect((await app.inject({ url: '/api/v1/dashboard', headers: { cookie } })).statusCode).toBe(401);
    expect((await post({ email: 'carol@bank.test', password: PASSWORD })).statusCode).toBe(401);
  });

  it('rate-limits repeated failures for one account', async () => {
    const email = 'admin@accord.test';
    for (let i = 0; i < 3; i++) expect((await post({ email, password: 'guess' })).statusCode).toBe(401);
    const limited = await post({ email, password: PASSWORD });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().code).toBe('rate_limited');
  });
});

describe('SignInLimiter', () => {
  it('limits attempts per address and failures per e-mail, each within its window', () => {
    const limiter = new SignInLimiter({ perAddress: 3, failuresPerEmail: 2, windowMs: 1000 });
    expect([1, 2, 3, 4].map(() => limiter.allow('10.0.0.1', 'x@y', 0))).toEqual([true, true, true, false]);
    expect(limiter.allow('10.0.0.1', 'x@y', 1000)).toBe(true);
    limiter.failed('a@b', 0);
    limiter.failed('A@B', 0);
    expect(limiter.allow('10.0.0.2', 'a@b', 10)).toBe(false);
    expect(limiter.allow('10.0.0.3', 'a@b', 1001)).toBe(true);
    limiter.failed('c@d', 0);
    limiter.succeeded('c@d');
    limiter.failed('c@d', 0);
    expect(limiter.allow('10.0.0.4', 'c@d', 5)).toBe(true);
  });
});
