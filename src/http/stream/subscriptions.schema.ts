import { z } from 'zod';
import { SubscriptionQuery } from '../../stream/subscriptions/subscription-query.js';

export const SubscriptionParams = z.object({ id: z.uuid('must be a subscription id') });

export const CreateSubscriptionBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    query: SubscriptionQuery,
    webhook_url: z.url().max(2000).optional().describe('http(s) URL that receives signed POSTs'),
  })
  .strict();

export const SubscriptionView = z.object({
  id: z.string(),
  name: z.string(),
  query: z.record(z.string(), z.unknown()),
  webhook_url: z.string().nullable(),
  start_seq: z.number().int(),
  cursor: z.number().int(),
  created: z.string(),
});

export const CreatedSubscription = z.object({
  subscription: SubscriptionView,
  webhook_secret: z
    .string()
    .optional()
    .describe('the HMAC-SHA256 signing secret, shown once; see README "Verifying webhooks"'),
});

export const SubscriptionList = z.object({ items: z.array(SubscriptionView) });

export const DeliveryView = z.object({
  id: z.string(),
  seq: z.number().int(),
  kind: z.string(),
  object_id: z.string().nullable(),
  status: z.enum(['pending', 'delivered', 'failed', 'withdrawn']),
  attempts: z.number().int(),
  next_attempt_at: z.string().nullable(),
  last_status: z.number().int().nullable(),
  last_error: z.string().nullable(),
  created: z.string(),
  delivered_at: z.string().nullable(),
});

export const DeliveryList = z.object({ items: z.array(DeliveryView) });

export const DeliveriesQuery = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) });
