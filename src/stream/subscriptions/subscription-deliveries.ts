import { randomInt, randomUUID } from 'node:crypto';
import { invalidInput } from '../../errors.js';
import type { UserViewer } from '../../policy/viewer.js';
import type { Store } from '../../store/store.js';
import { postWebhook } from './post-webhook.js';
import { getSubscription, webhookSecret } from './subscriptions.js';

/** One line of a subscription's delivery log, as its owner sees it (never the payload). */
export interface Delivery {
  id: string;
  seq: number;
  /** `version`, `revoked`, or `test` for a test fire. */
  kind: string;
  objectId: string | null;
  /** `pending`, `delivered`, `failed` (after the last attempt) or `withdrawn` (no longer visible). */
  status: string;
  attempts: number;
  nextAttemptAt: string | null;
  lastStatus: number | null;
  lastError: string | null;
  created: string;
  deliveredAt: string | null;
}

/** The delivery log of the viewer's own subscription, newest first; 404 for anyone else's. */
export async function listDeliveries(
  store: Store,
  viewer: UserViewer,
  subscriptionId: string,
  limit = 100,
): Promise<Delivery[]> {
  await getSubscription(store, viewer, subscriptionId);
  const rows = await store.db
    .selectFrom('subscription_deliveries')
    .selectAll()
    .where('subscription_id', '=', subscriptionId)
    .orderBy('created', 'desc')
    .orderBy('seq', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    seq: r.seq,
    kind: r.kind,
    objectId: r.kind === 'test' ? null : r.object_id,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    lastStatus: r.last_status,
    lastError: r.last_error,
    created: r.created,
    deliveredAt: r.delivered_at,
  }));
}

/**
 * Sends a signed `subscription.test` to the subscription's webhook now, once, and logs it (a test
 * has a negative seq, so it never stands in the way of a real event). Returns the log line.
 */
export async function testFire(
  store: Store,
  viewer: UserViewer,
  subscriptionId: string,
  options: { fetch?: typeof fetch; timeoutMs?: number } = {},
): Promise<Delivery> {
  const subscription = await getSubscription(store, viewer, subscriptionId);
  const row = await store.db
    .selectFrom('subscriptions')
    .select(['webhook_url', 'webhook_secret'])
    .where('id', '=', subscriptionId)
    .executeTakeFirstOrThrow();
  if (row.webhook_url === null || row.webhook_secret === null)
    throw invalidInput('no_webhook', `subscription ${subscriptionId} has no webhook to test`);
  const id = randomUUID();
  const at = new Date();
  const body = JSON.stringify({
    type: 'subscription.test',
    subscription: { id: subscription.id, name: subscription.name },
    sent: at.toISOString(),
  });
  const outcome = await postWebhook(
    row.webhook_url,
    await webhookSecret(store, row.webhook_secret),
    { id, kind: 'subscription.test', body },
    { timestamp: Math.floor(at.getTime() / 1000), ...options },
  );
  const created = at.toISOString();
  await store.writeTransaction((trx) =>
    trx
      .insertInto('subscription_deliveries')
      .values({
        id,
        subscription_id: subscriptionId,
        seq: -(at.getTime() * 1000 + randomInt(1000)),
        kind: 'test',
        object_id: '',
        payload: body,
        status: outcome.ok ? 'delivered' : 'failed',
        attempts: 1,
        next_attempt_at: null,
        locked_until: null,
        last_status: outcome.status,
        last_error: outcome.error,
        created,
        delivered_at: outcome.ok ? new Date().toISOString() : null,
      })
      .execute(),
  );
  const [line] = (await listDeliveries(store, viewer, subscriptionId, 1000)).filter((d) => d.id === id);
  return line!;
}
