import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { buildApp } from '../src/http/app.js';
import { storeAuthenticator } from '../src/http/plugins/store-authenticator.js';
import { streamRoutes } from '../src/http/stream/stream.routes.js';
import { subscriptionsRoutes } from '../src/http/stream/subscriptions.routes.js';
import { useSecretKey } from '../src/secrets/index.js';
import type { Store } from '../src/store/store.js';
import { bundle, indicator, orgId } from './factories.js';
import { testUser } from './http-harness.js';
import type { TestUser } from './http-harness.js';
import { importText } from './import-helpers.js';
import { SseClient } from './sse-client.js';
import { storeBackends } from './store-harness.js';
import { webhookReceiver } from './webhook-receiver.js';

describe.each(storeBackends())('subscriptions API and stream matches on $name', ({ open }) => {
  let store: Store;
  let app: FastifyInstance;
  let base: string;
  let owner: TestUser;
  let subscriber: TestUser;
  let other: TestUser;
  let hook: Awaited<ReturnType<typeof webhookReceiver>>;

  beforeAll(async () => {
    store = await open();
    useSecretKey(store, randomBytes(32));
    owner = await testUser(store, orgId());
    subscriber = await testUser(store, orgId(), 'reader');
    other = await testUser(store, orgId(), 'admin');
    hook = await webhookReceiver();
    const ctx = {
      store,
      config: loadConfig({ ACCORD_DB: 'sqlite::memory:', ACCORD_BASE_URL: 'https://accord.example' }),
      auth: storeAuthenticator(store),
    };
    app = await buildApp(ctx, {
      routes: [(c) => streamRoutes(c, { heartbeatMs: 60_000, pollMs: 5000 }), subscriptionsRoutes],
      rateLimitPerMinute: 0,
    });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await app.close();
    await hook.close();
    await store.close();
  });

  const create = (user: TestUser, payload: Record<string, unknown>) =>
    app.inject({ method: 'POST', url: '/api/v1/subscriptions', headers: user.auth, payload });

  it('creates, lists, shows, test-fires and deletes; another user sees nothing of it', async () => {
    const res = await create(subscriber, {
      name: 'phishing',
      query: { search: { type: ['indicator'], q: 'phish' } },
      webhook_url: hook.url,
    });
    expect(res.statusCode).toBe(201);
    const { subscription, webhook_secret } = res.json<{
      subscription: { id: string };
      webhook_secret: string;
    }>();
    expect(webhook_secret).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const id = subscription.id;
    const list = await app.inject({ url: '/api/v1/subscriptions', headers: subscriber.auth });
    expect(list.json<{ items: Array<{ id: string }> }>().items.map((s) => s.id)).toEqual([id]);
    expect(JSON.stringify(list.json())).not.toContain(webhook_secret);
    const fired = await app.inject({
      method: 'POST',
      url: `/api/v1/subscriptions/${id}/test`,
      headers: subscriber.auth,
    });
    expect(fired.json()).toMatchObject({ kind: 'test', status: 'delivered', last_status: 200 });
    const log = await app.inject({ url: `/api/v1/subscriptions/${id}/deliveries`, headers: subscriber.auth });
    expect(log.json<{ items: unknown[] }>().items).toHaveLength(1);
    // Another user, an administrator even: no list entry, 404 on every path, not even a count.
    const theirs = await app.inject({ url: '/api/v1/subscriptions', headers: other.auth });
    expect(theirs.json()).toEqual({ items: [] });
    for (const [method, url] of [
      ['GET', `/api/v1/subscriptions/${id}`],
      ['GET', `/api/v1/subscriptions/${id}/deliveries`],
      ['POST', `/api/v1/subscriptions/${id}/test`],
      ['DELETE', `/api/v1/subscriptions/${id}`],
    ] as const) {
      const r = await app.inject({ method, url, headers: other.auth });
      expect(r.statusCode, `${method} ${url}`).toBe(404);
      expect(r.body).not.toContain('phish');
    }
    const removed = await app.inject({
      method: 'DELETE',
      url: `/api/v1/subscriptions/${id}`,
      headers: subscriber.auth,
    });
    expect(removed.statusCode).toBe(204);
    expect(
      (await app.inject({ url: `/api/v1/subscriptions/${id}`, headers: subscriber.auth })).statusCode,
    ).toBe(404);
  });

  it('refuses bad input with clear errors', async () => {
    const badPattern = await create(subscriber, {
      name: 'x',
      query: { pattern: "[ipv4-addr:value = '1.2.3.4'" },
    });
    expect(badPattern.statusCode).toBe(400);
    expect(badPattern.json()).toMatchObject({ code: 'invalid_pattern' });
    expect(badPattern.body).toContain('column');
    expect((await create(subscriber, { name: 'x', query: {} })).statusCode).toBe(400);
    const ftp = await create(subscriber, {
      name: 'x',
      query: { pattern: "[ipv4-addr:value = '1.2.3.4']" },
      webhook_url: 'ftp://h/x',
    });
    expect(ftp.statusCode).toBe(400);
    const anonymous = await app.inject({ url: '/api/v1/subscriptions' });
    expect(anonymous.statusCode).toBe(401);
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await app.inject({ url: '/api/openapi.json' })).json<{ paths: Record<string, unknown> }>();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/subscriptions',
        '/api/v1/subscriptions/{id}',
        '/api/v1/subscriptions/{id}/deliveries',
        '/api/v1/subscriptions/{id}/test',
      ]),
    );
  });

  it('streams a match to its subscriber only, never of an object it may not see', async () => {
    const res = await create(subscriber, {
      name: 'bad domains',
      query: { pattern: "[domain-name:value LIKE '%.bad.example']" },
    });
    const subId = res.json<{ subscription: { id: string } }>().subscription.id;
    const mine = await SseClient.open(`${base}/stream?kinds=match`, subscriber.auth);
    const everything = await SseClient.open(`${base}/stream`, subscriber.auth);
    const stranger = await testUser(store, orgId(), 'reader');
    const otherUser = await SseClient.open(`${base}/stream?kinds=match,version`, stranger.auth);
    try {
      for (const c of [mine, everything, otherUser]) await c.until((m) => m.some((x) => x.event === 'ready'));
      const hidden = indicator({ name: 'h', pattern: "[domain-name:value = 'secret.bad.example']" });
      const shared = indicator({ name: 's', pattern: "[domain-name:value = 'x.bad.example']" });
      const plain = indicator({ name: 'p', pattern: "[domain-name:value = 'fine.example']" });
      await importText(store, owner.viewer, bundle([hidden]), { distribution: 'organisation' });
      await importText(store, owner.viewer, bundle([shared, plain]), { distribution: 'community' });
      await mine.until(() => mine.changes().length >= 1);
      await everything.until(() => everything.changes().length >= 2);
      await otherUser.until(() => otherUser.changes().length >= 2);
      expect(mine.changes()).toMatchObject([
        {
          event: 'match',
          data: { id: shared.id, change: 'version', subscriptions: [{ id: subId, name: 'bad domains' }] },
        },
      ]);
      expect(everything.changes().map((m) => [m.event, (m.data as { id: string }).id])).toEqual([
        ['match', shared.id],
        ['version', plain.id],
      ]);
      // Another user's stream never shows this user's subscription.
      expect(otherUser.changes().map((m) => m.event)).toEqual(['version', 'version']);
      expect(JSON.stringify(otherUser.messages)).not.toContain(subId);
      for (const c of [mine, everything]) expect(JSON.stringify(c.messages)).not.toContain(hidden.id);
    } finally {
      for (const c of [mine, everything, otherUser]) c.close();
    }
  });
});
