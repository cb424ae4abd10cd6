import { randomBytes, randomUUID } from 'node:crypto';
import { forbidden, notFound } from '../../errors.js';
import type { UserViewer } from '../../policy/viewer.js';
import { openSecret, sealSecret, secretKey } from '../../secrets/index.js';
import type { Store } from '../../store/store.js';
import { committedHigh } from '../read-changes.js';
import type { StreamFilter } from '../stream-filter.js';

export interface Subscription {
  id: string;
  userId: string;
  name: string;
  filter: StreamFilter;
  webhookUrl: string | null;
  cursor: number;
  created: string;
}

export interface NewSubscription {
  name: string;
  filter: StreamFilter;
  webhookUrl?: string | undefined;
}

type Row = {
  id: string;
  user_id: string;
  name: string;
  filter: string;
  webhook_url: string | null;
  cursor: number;
  created: string;
};

const present = (r: Row): Subscription => ({
  id: r.id,
  userId: r.user_id,
  name: r.name,
  filter: JSON.parse(r.filter) as StreamFilter,
  webhookUrl: r.webhook_url,
  cursor: r.cursor,
  created: r.created,
});

const COLUMNS = ['id', 'user_id', 'name', 'filter', 'webhook_url', 'cursor', 'created'] as const;

/**
 * Saves a search for `viewer`, followed from now on. With a webhook, returns its signing secret once
 * (sealed at rest; only the signer opens it).
 */
export async function createSubscription(
  store: Store,
  viewer: UserViewer,
  input: NewSubscription,
  now = new Date().toISOString(),
): Promise<{ subscription: Subscription; secret?: string }> {
  if (viewer.readOnly) throw forbidden('a read-only key cannot save subscriptions', 'read_only');
  const secret = input.webhookUrl === undefined ? undefined : randomBytes(32).toString('base64url');
  const sealed = secret === undefined ? null : sealSecret((await secretKey(store)).key, secret);
  const row: Row & { webhook_secret: string | null } = {
    id: randomUUID(),
    user_id: viewer.userId,
    name: input.name,
    filter: JSON.stringify(input.filter),
    webhook_url: input.webhookUrl ?? null,
    webhook_secret: sealed,
    cursor: await committedHigh(store),
    created: now,
  };
  await store.writeTransaction((trx) => trx.insertInto('subscriptions').values(row).execute());
  return { subscription: present(row), ...(secret === undefined ? {} : { secret }) };
}

export async function listSubscriptions(store: Store, viewer: UserViewer): Promise<Subscription[]> {
  const rows = await store.db
    .selectFrom('subscriptions')
    .select(COLUMNS)
    .where('user_id', '=', viewer.userId)
    .orderBy('created')
    .execute();
  return rows.map(present);
}

/** The viewer's own subscription (an admin: anyone's); 404 otherwise, as for an unknown id. */
export async function getSubscription(store: Store, viewer: UserViewer, id: string): Promise<Subscription> {
  const row = await store.db
    .selectFrom('subscriptions')
    .select(COLUMNS)
    .where('id', '=', id)
    .executeTakeFirst();
  if (row === undefined || (row.user_id !== viewer.userId && viewer.role !== 'admin'))
    throw notFound(`subscription ${id}`);
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
