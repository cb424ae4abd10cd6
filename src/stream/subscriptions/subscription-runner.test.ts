import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserViewer } from '../../policy/viewer.js';
import { useSecretKey } from '../../secrets/index.js';
import type { Store } from '../../store/store.js';
import { bundle, indicator, malware, orgId } from '../../../test/factories.js';
import { testUser } from '../../../test/http-harness.js';
import { importText } from '../../../test/import-helpers.js';
import { storeBackends } from '../../../test/store-harness.js';
import { webhookReceiver } from '../../../test/webhook-receiver.js';
import { listDeliveries, testFire } from './subscription-deliveries.js';
import { SubscriptionRunner } from './subscription-runner.js';
import { startSubscriptionWorker } from './subscription-worker.js';
import { createSubscription } from './subscriptions.js';
import { SIGNATURE_HEADER, verifyWebhook } from './webhook-signature.js';

describe.each(storeBackends())('subscriptions to webhooks on $name', ({ open }) => {
  let store: Store;
  let hook: Awaited<ReturnType<typeof webhookReceiver>>;
  let writer: UserViewer;
  let reader: UserViewer;

  beforeAll(async () => {
    store = await open();
    useSecretKey(store, randomBytes(32));
    writer = (await testUser(store, orgId())).viewer;
    reader = (await testUser(store, orgId(), 'reader')).viewer;
    hook = await webhookReceiver();
  });
  afterAll(async () => {
    await hook.close();
    await store.close();
  });

  it('sends each new matching object the subscriber may see, signed, retrying failures', async () => {
    hook.received.length = 0;
    const { subscription, secret } = await createSubscription(store, reader, {
      name: 'C2 indicators',
      query: { search: { type: ['indicator'], q: 'c2' } },
      webhookUrl: hook.url,
    });
    const wanted = indicator({ name: 'C2 server for Emotet' });
    const hidden = indicator({ name: 'C2 secret' });
    const otherType = malware({ name: 'c2 family' });
    const otherText = indicator({ name: 'phishing page' });
    await importText(store, writer, bundle([wanted, otherType, otherText]), { distribution: 'community' });
    await importText(store, writer, bundle([hidden]), { distribution: 'organisation' });
    const runner = new SubscriptionRunner(store, { backoffMs: () => 0 });
    hook.answers.push(500);
    expect(await runner.runOnce()).toEqual({ queued: 1, delivered: 0, retrying: 1, failed: 0, withdrawn: 0 });
    expect(await runner.runOnce()).toEqual({ queued: 0, delivered: 1, retrying: 0, failed: 0, withdrawn: 0 });
    expect(await runner.runOnce()).toEqual({ queued: 0, delivered: 0, retrying: 0, failed: 0, withdrawn: 0 });
    expect(hook.received).toHaveLength(2);
    const last = hook.received.at(-1)!;
    const body = JSON.parse(last.body) as {
      subscription: { id: string };
      event: { id: string; kind: string };
    };
    expect(body).toMatchObject({
      type: 'subscription.match',
      subscription: { id: subscription.id },
      event: { id: wanted.id, kind: 'version' },
    });
    expect(JSON.stringify(hook.received)).not.toContain(hidden.id);
    const signature = String(last.headers[SIGNATURE_HEADER]);
    const now = Math.floor(Date.now() / 1000);
    expect(verifyWebhook(secret!, signature, last.body, now)).toBe(true);
    expect(verifyWebhook(secret!, signature, `${last.body} `, now)).toBe(false);
    expect(verifyWebhook('another secret', signature, last.body, now)).toBe(false);
    expect(verifyWebhook(secret!, signature, last.body, now + 3600)).toBe(false);
    const log = await listDeliveries(store, reader, subscription.id);
    expect(log).toMatchObject([
      { status: 'delivered', attempts: 2, lastStatus: 200, objectId: wanted.id, kind: 'version' },
    ]);
    // The secret is sealed at rest.
    const row = await store.db
      .selectFrom('subscriptions')
      .select('webhook_secret')
      .where('id', '=', subscription.id)
      .executeTakeFirstOrThrow();
    expect(row.webhook_secret).not.toContain(secret!);
  });

  it('the worker retries after 500s with growing waits, and a restarted worker resumes the schedule', async () => {
    hook.received.length = 0;
    const { subscription } = await createSubscription(store, reader, {
      name: 'pattern',
      query: { pattern: "[domain-name:value LIKE '%.evil.example']" },
      webhookUrl: hook.url,
    });
    const match = indicator({ name: 'm', pattern: "[domain-name:value = 'cnc.evil.example']" });
    const noMatch = indicator({ name: 'n', pattern: "[domain-name:value = 'good.example']" });
    hook.answers.push(500, 500, 500);
    const backoffMs = (n: number) => 150 * 2 ** (n - 1);
    let worker = startSubscriptionWorker(store, { pollMs: 50, backoffMs });
    await importText(store, writer, bundle([match, noMatch]), { distribution: 'community' });
    const deadline = Date.now() + 5000;
    while (hook.received.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    // Stopped after the second failure, as a serve process would be; a new one picks up the schedule.
    await worker.stop();
    expect(hook.received).toHaveLength(2);
    worker = startSubscriptionWorker(store, { pollMs: 50, backoffMs });
    while (hook.received.length < 4 && Date.now() < deadline + 5000)
      await new Promise((r) => setTimeout(r, 20));
    await worker.stop();
    expect(hook.received).toHaveLength(4);
    const gaps = hook.received.slice(1).map((r, i) => r.at - hook.received[i]!.at);
    expect(gaps[0]).toBeGreaterThanOrEqual(140);
    expect(gaps[1]).toBeGreaterThanOrEqual(290);
    expect(gaps[2]).toBeGreaterThanOrEqual(590);
    expect(new Set(hook.received.map((r) => r.headers['x-accord-delivery'])).size).toBe(1);
    expect(JSON.stringify(hook.received)).not.toContain(noMatch.id);
    const log = await listDeliveries(store, reader, subscription.id);
    expect(log).toMatchObject([{ status: 'delivered', attempts: 4, objectId: match.id }]);
  }, 20_000);

  it('withdraws a queued delivery whose object the subscriber may no longer see', async () => {
    hook.received.length = 0;
    const { subscription } = await createSubscription(store, reader, {
      name: 'narrowed',
      query: { search: { q: 'soon narrowed' } },
      webhookUrl: hook.url,
    });
    const item = indicator({ name: 'soon narrowed' });
    await importText(store, writer, bundle([item]), { distribution: 'community' });
    const runner = new SubscriptionRunner(store, { backoffMs: () => 0 });
    expect(await runner.collect()).toBe(1);
    // The owner deletes it before the webhook is sent.
    const { deleteObject } = await import('../../store/objects/delete-object.js');
    await deleteObject(store, writer, item.id, null);
    expect(await runner.deliver()).toMatchObject({ delivered: 0, withdrawn: 1 });
    expect(hook.received).toHaveLength(0);
    expect(await listDeliveries(store, reader, subscription.id)).toMatchObject([{ status: 'withdrawn' }]);
  });

  it('test-fires a signed ping, logs it, and shows one user nothing of another user’s subscriptions', async () => {
    hook.received.length = 0;
    const { subscription, secret } = await createSubscription(store, reader, {
      name: 'ping me',
      query: { search: { type: ['malware'] } },
      webhookUrl: hook.url,
    });
    const line = await testFire(store, reader, subscription.id);
    expect(line).toMatchObject({ kind: 'test', status: 'delivered', lastStatus: 200 });
    const got = hook.received.at(-1)!;
    expect(JSON.parse(got.body)).toMatchObject({ type: 'subscription.test' });
    expect(verifyWebhook(secret!, String(got.headers[SIGNATURE_HEADER]), got.body, Date.now() / 1000)).toBe(
      true,
    );
    const other = (await testUser(store, reader.orgId, 'admin')).viewer;
    await expect(listDeliveries(store, other, subscription.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(testFire(store, other, subscription.id)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('gives up after the last attempt, keeping the reason, and never sends an event twice', async () => {
    const { subscription } = await createSubscription(store, reader, {
      name: 'to a dead end',
      query: { search: { type: ['indicator'] } },
      webhookUrl: 'http://127.0.0.1:1/unreachable',
    });
    await importText(store, writer, bundle([indicator({ name: 'once' })]), { distribution: 'community' });
    const a = new SubscriptionRunner(store, { backoffMs: () => 0, maxAttempts: 2, timeoutMs: 2000 });
    const b = new SubscriptionRunner(store, { backoffMs: () => 0, maxAttempts: 2, timeoutMs: 2000 });
    await Promise.all([a.collect(), b.collect()]);
    await a.deliver();
    await b.deliver();
    const log = await listDeliveries(store, reader, subscription.id);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ status: 'failed', attempts: 2, lastStatus: null });
    expect(log[0]!.lastError).toContain('could not be reached');
  });
});
