import { randomBytes, randomUUID } from 'node:crypto';
import { forbidden, invalidInput, notFound } from '../../errors.js';
import type { UserViewer } from '../../policy/viewer.js';
import { openSecret, sealSecret, secretKey } from '../../secrets/index.js';
import type { Store } from '../../store/store.js';
import { committedHigh } from '../read-changes.js';
import { checkPattern, SubscriptionQuery } from './subscription-query.js';

export interface Subscription {
  id: string;
  userId: string;
  name: string;
  query: SubscriptionQuery;
  webhookUrl: string | null;
  /** Versions written after this seq match. */
  startSeq: number;
  /** The webhook runner has queued every match up to this seq. */
  cursor: number;
  created: string;
}

export interface NewSubscription {
  name: string;
  query: SubscriptionQuery;
  webhookUrl?: string | undefined;
}

type Row = {
  id: string;
  user_id: string;
  name: string;
  filter: string;
  webhook_url: string | null;
  cursor: number;
  start_seq: number;
  created: string;
};

/** The saved query; null when a stored one no longer parses (it then matches nothing). */
export function parseStoredQuery(text: string): SubscriptionQuery | null {
  try {
    const parsed = SubscriptionQuery.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const present = (r: Row): Subscription => ({
  id: r.id,
  userId: r.user_id,
  name: r.name,
  query: parseStoredQuery(r.filter) ?? {},
  webhookUrl: r.webhook_url,
  startSeq: r.start_seq,
  cursor: r.cursor,
  created: r.created,
});

const COLUMNS = ['id', 'user_id', 'name', 'filter', 'webhook_url', 'cursor', 'start_seq', 'created'] as const;

/** Webhooks go to http(s) URLs only, with no credentials in them. */
export function checkWebhookUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalidInput('invalid_webhook_url', `webhook_url: "${url}" is not a URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw invalidInput('invalid_webhook_url', 'webhook_url: only http and https URLs are allowed');
  if (parsed.username !== '' || parsed.password !== '')
    throw invalidInput('invalid_webhook_url', 'webhook_url: no credentials in the URL (the body is signed)');
}

/**
 * Saves a search or pattern for `viewer`, followed from now on. With a webhook, returns its signing
 * secret once (sealed at rest; only the signer opens it).
 */
export async function createSubscription(
  store: Store,
  viewer: UserViewer,
  input: NewSubscription,
  now = new Date().toISOString(),
): Promise<{ subscription: Subscription; secret?: string }> {
  if (viewer.readOnly) throw forbidden('a read-only key cannot save subscriptions', 'read_only');
  const query = SubscriptionQuery.parse(input.query);
  if (query.pattern !== undefined) checkPattern(query.pattern);
  if (input.webhookUrl !== undefined) checkWebhookUrl(input.webhookUrl);
  const secret = input.webhookUrl === undefined ? undefined : randomBytes(32).toString('base64url');
  const sealed = secret === undefined ? null : sealSecret((await secretKey(store)).key, secret);
  const high = await committedHigh(store);
  const row: Row & { webhook_secret: string | null } = {
    id: randomUUID(),
    user_id: viewer.userId,
    name: input.name,
    filter: JSON.stringify(query),
    webhook_url: input.webhookUrl ?? null,
    webhook_secret: sealed,
    cursor: high,
    start_seq: high,
    created: now,
  };
  await store.writeTransaction((trx) => trx.insertInto('subscriptions').values(row).execute());
  return { subscription: present(row), ...(secret === undefined ? {} : { secret }) };
}

/** The viewer's own subscriptions; nobody else's, whatever their role. */
export async function listSubscriptions(store: Store, viewer: UserViewer): Promise<Subscription[]> {
  const rows = await store.db
    .selectFrom('subscriptions')
    .select(COLUMNS)
    .where('user_id', '=', viewer.userId)
    .orderBy('created')
    .orderBy('id')
    .execute();
  return rows.map(present);
}

/** The viewer's own subscription; 404 otherwise, exactly as for an unknown id. */
export async function getSubscription(store: Store, viewer: UserViewer, id: string): Promise<Subscription> {
  const row = await store.db
    .selectFrom('subscriptions')
    .select(COLUMNS)
    .where('id', '=', id)
    .where('user_id', '=', viewer.userId)
    .executeTakeFirst();
  if (row === undefined) throw notFound(`subscription ${id}`);
  return present(row);
}

export async function deleteSubscription(store: Store, viewer: UserViewer, id: string): Promise<void> {
  await getSubscription(store, viewer, id);
  await store.writeTransaction(async (trx) => {
    await trx.deleteFrom('subscription_deliveries').where('subscription_id', '=', id).execute();
    await trx.deleteFrom('subscriptions').where('id', '=', id).execute();
  });
}

/** The webhook's signing secret, opened for one delivery run. */
export async function webhookSecret(store: Store, sealed: string): Promise<string> {
  return openSecret((await secretKey(store)).key, sealed);
}
