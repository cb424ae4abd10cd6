import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { listDeliveries, testFire } from '../../stream/subscriptions/subscription-deliveries.js';
import {
  createSubscription,
  deleteSubscription,
  getSubscription,
  listSubscriptions,
} from '../../stream/subscriptions/subscriptions.js';
import type { AppContext } from '../app-context.js';
import { requireUser } from '../plugins/viewer.js';
import { presentDelivery, presentSubscription } from './subscription-presenters.js';
import {
  CreatedSubscription,
  CreateSubscriptionBody,
  DeliveriesQuery,
  DeliveryList,
  DeliveryView,
  SubscriptionList,
  SubscriptionParams,
  SubscriptionView,
} from './subscriptions.schema.js';

/**
 * `/api/v1/subscriptions`: a user's saved searches and patterns, their webhook delivery log and a
 * test fire. Each user sees and touches only their own (another's is a 404, whatever the role).
 */
export function subscriptionsRoutes(ctx: AppContext) {
  return (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['subscriptions'];
    r.post(
      '/api/v1/subscriptions',
      { schema: { tags, body: CreateSubscriptionBody, response: { 201: CreatedSubscription } } },
      async (request, reply) => {
        const { name, query, webhook_url } = request.body;
        const { subscription, secret } = await createSubscription(ctx.store, requireUser(request), {
          name,
          query,
          webhookUrl: webhook_url,
        });
        return reply.status(201).send({
          subscription: presentSubscription(subscription),
          ...(secret === undefined ? {} : { webhook_secret: secret }),
        });
      },
    );
    r.get(
      '/api/v1/subscriptions',
      { schema: { tags, response: { 200: SubscriptionList } } },
      async (request) => ({
        items: (await listSubscriptions(ctx.store, requireUser(request))).map(presentSubscription),
      }),
    );
    r.get(
      '/api/v1/subscriptions/:id',
      { schema: { tags, params: SubscriptionParams, response: { 200: SubscriptionView } } },
      async (request) =>
        presentSubscription(await getSubscription(ctx.store, requireUser(request), request.params.id)),
    );
    r.delete(
      '/api/v1/subscriptions/:id',
      { schema: { tags, params: SubscriptionParams } },
      async (request, reply) => {
        await deleteSubscription(ctx.store, requireUser(request), request.params.id);
        return reply.status(204).send();
      },
    );
    r.get(
      '/api/v1/subscriptions/:id/deliveries',
      {
        schema: {
          tags,
          params: SubscriptionParams,
          querystring: DeliveriesQuery,
          response: { 200: DeliveryList },
        },
      },
      async (request) => ({
        items: (
          await listDeliveries(ctx.store, requireUser(request), request.params.id, request.query.limit)
        ).map(presentDelivery),
      }),
    );
    r.post(
      '/api/v1/subscriptions/:id/test',
      { schema: { tags, params: SubscriptionParams, response: { 200: DeliveryView } } },
      async (request) => presentDelivery(await testFire(ctx.store, requireUser(request), request.params.id)),
    );
  };
}
