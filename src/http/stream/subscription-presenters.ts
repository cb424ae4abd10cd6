import type { z } from 'zod';
import type { Delivery } from '../../stream/subscriptions/subscription-deliveries.js';
import type { Subscription } from '../../stream/subscriptions/subscriptions.js';
import type { DeliveryView, SubscriptionView } from './subscriptions.schema.js';

/** A subscription as its owner receives it (never the sealed secret, never the owner's id). */
export function presentSubscription(s: Subscription): z.infer<typeof SubscriptionView> {
  return {
    id: s.id,
    name: s.name,
    query: s.query,
    webhook_url: s.webhookUrl,
    start_seq: s.startSeq,
    cursor: s.cursor,
    created: s.created,
  };
}

/** One delivery log line (never the payload: the object is fetched through the objects API). */
export function presentDelivery(d: Delivery): z.infer<typeof DeliveryView> {
  return {
    id: d.id,
    seq: d.seq,
    kind: d.kind,
    object_id: d.objectId,
    status: d.status as z.infer<typeof DeliveryView>['status'],
    attempts: d.attempts,
    next_attempt_at: d.nextAttemptAt,
    last_status: d.lastStatus,
    last_error: d.lastError,
    created: d.created,
    delivered_at: d.deliveredAt,
  };
}
