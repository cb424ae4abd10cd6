import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserViewer } from '../../policy/viewer.js';
import { useSecretKey } from '../../secrets/index.js';
import type { Store } from '../../store/store.js';
import { bundle, indicator, malware, orgId } from '../../../test/factories.js';
import { testUser } from '../../../test/http-harness.js';
import { importText } from '../../../test/import-helpers.js';
import { storeBackends } from '../../../test/store-harness.js';
import { SubscriptionRunner } from './subscription-runner.js';
import { createSubscription } from './subscriptions.js';
import { SIGNATURE_HEADER, verifyWebhook } from './webhook-signature.js';

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

describe.each(storeBackends())('subscriptions to webhooks on $name', ({ open }) => {
  let store: Store;
  let server: http.Server;
  let url: string;
  const received: Received[] = [];
  let answers: number[] = [];
  let writer: UserViewer;
  let reader: UserViewer;

  beforeAll(async () => {
    store = await open();
    useSecretKey(store, randomBytes(32));
    writer = (await testUser(store, orgId())).viewer;
    reader = (await testUser(store, orgId(), 'reader')).viewer;
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.statusCode = answers.shift() ?? 200;
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await store.close();
  });

  it('sends each new matching object the subscriber may see, signed, retrying failures', async () => {
    const { subscription, secret } = await createSubscription(store, reader, {
      name: 'C2 indicators',
      filter: { types: ['indicator'], text: 'c2' },
      webhookUrl: url,
    });
    const wanted = indicator({ name: 'C2 server for Emotet' });
    const hidden = indicator({ name: 'C2 secret' });
    const otherType = malware({ name: 'c2 family' });
    const otherText = indicator({ name: 'phishing page' });
    await importText(store, writer, bundle([wanted, otherType, otherText]), { distribution: 'community' });
    await importText(store, writer, bundle([hidden]), { distribution: 'organisation' });
    const runner = new SubscriptionRunner(store, { backoffMs: () => 0 });
    answers = [500];
    expect(await runner.runOnce()).toEqual({ queued: 1, delivered: 0, retrying: 1, failed: 0 });
    expect(await runner.runOnce()).toEqual({ queued: 0, delivered: 1, retrying: 0, failed: 0 });
    expect(await runner.runOnce()).toEqual({ queued: 0, delivered: 0, retrying: 0, failed: 0 });
    expect(received).toHaveLength(2);
    const last = received.at(-1)!;
    const body = JSON.parse(last.body) as { subscription: string; event: { id: string; kind: string } };
    expect(body).toMatchObject({ subscription: subscription.id, event: { id: wanted.id, kind: 'version' } });
    expect(JSON.stringify(received)).not.toContain(hidden.id);
    const signature = String(last.headers[SIGNATURE_HEADER]);
    const now = Math.floor(Date.now() / 1000);
    expect(verifyWebhook(secret!, signature, last.body, now)).toBe(true);
    expect(verifyWebhook(secret!, signature, `${last.body} `, now)).toBe(false);
    expect(verifyWebhook('another secret', signature, last.body, now)).toBe(false);
    const log = await store.db
      .selectFrom('subscription_deliveries')
      .selectAll()
      .where('subscription_id', '=', subscription.id)
      .execute();
    expect(log).toMatchObject([{ status: 'delivered', attempts: 2, last_status: 200, object_id: wanted.id }]);
    // The secret is sealed at rest.
    const row = await store.db.selectFrom('subscriptions').select('webhook_secret').executeTakeFirstOrThrow();
    expect(row.webhook_secret).not.toContain(secret!);
  });

  it('gives up after the last attempt, keeping the reason, and never sends an event twice', async () => {
    const { subscription } = await createSubscription(store, reader, {
      name: 'to a dead end',
      filter: { types: ['indicator'] },
      webhookUrl: 'http://127.0.0.1:1/unreachable',
    });
    await importText(store, writer, bundle([indicator({ name: 'once' })]), { distribution: 'community' });
    const a = new SubscriptionRunner(store, { backoffMs: () => 0, maxAttempts: 2, timeoutMs: 2000 });
    const b = new SubscriptionRunner(store, { backoffMs: () => 0, maxAttempts: 2, timeoutMs: 2000 });
    await Promise.all([a.collect(), b.collect()]);
    await a.deliver();
    await b.deliver();
    const log = await store.db
      .selectFrom('subscription_deliveries')
      .selectAll()
      .where('subscription_id', '=', subscription.id)
      .execute();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ status: 'failed', attempts: 2, last_status: null });
    expect(log[0]!.last_error).toContain('could not be reached');
  });
});
