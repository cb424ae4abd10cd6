import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  checkValues,
  listNotifications,
  listOwnInterests,
  registerInterests,
  removeInterest,
} from '../../deconflict/index.js';
import type { CheckLimits } from '../../deconflict/index.js';
import { AccordError } from '../../errors.js';
import type { AppContext } from '../app-context.js';
import { requireUser } from '../plugins/viewer.js';
import {
  CheckBody,
  CheckResponse,
  InterestParams,
  ListResponse,
  NotificationsResponse,
  RegisterBody,
  RegisterResponse,
} from './deconflict.schema.js';

export interface DeconflictRouteOptions {
  limits?: CheckLimits;
}

/** `/api/v1/deconflict`: register, list own, remove, notifications, check (hit/no-hit + contact). */
export function deconflictRoutes(ctx: AppContext, options: DeconflictRouteOptions = {}) {
  return (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['deconflict'];
    r.post(
      '/api/v1/deconflict/interests',
      {
        schema: {
          tags,
          description:
            "Register interests of the caller's organisation; values are stored as keyed hashes, the clear value sealed for the owner.",
          body: RegisterBody,
          response: { 200: RegisterResponse },
        },
      },
      async (request) => {
        const viewer = requireUser(request);
        const results = await registerInterests(
          ctx.store,
          viewer,
          request.body.interests.map((i) => ({
            kind: i.kind,
            value: i.value,
            caseRef: i.case_ref,
            contact: i.contact,
            expiresAt: i.expires_at,
            sensitivity: i.sensitivity,
            notifyOwner: i.notify_owner,
          })),
        );
        return { results };
      },
    );
    r.get(
      '/api/v1/deconflict/interests',
      {
        schema: {
          tags,
          description: "The caller's organisation's own interests, in clear. No path lists another's.",
          response: { 200: ListResponse },
        },
      },
      async (request) => ({ interests: await listOwnInterests(ctx.store, requireUser(request)) }),
    );
    r.delete(
      '/api/v1/deconflict/interests/:id',
      {
        schema: {
          tags,
          description: "Remove one of the caller's organisation's interests (404 for any other).",
          params: InterestParams,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await removeInterest(ctx.store, requireUser(request), request.params.id);
        return reply.status(204).send(null);
      },
    );
    r.get(
      '/api/v1/deconflict/notifications',
      {
        schema: {
          tags,
          description: "Checks that hit the caller's organisation's interests: who checked and when.",
          response: { 200: NotificationsResponse },
        },
      },
      async (request) => ({ notifications: await listNotifications(ctx.store, requireUser(request)) }),
    );
    r.post(
      '/api/v1/deconflict/check',
      {
        schema: {
          tags,
          description:
            "Check values against every other organisation's live interests: per value no-hit, or hit with contact points only. Rate-limited per key (429 with retry_after).",
          body: CheckBody,
          response: { 200: CheckResponse },
        },
      },
      async (request, reply) => {
        const viewer = requireUser(request);
        const inputs = request.body.values.map((v) => (typeof v === 'string' ? { value: v } : v));
        try {
          return { results: await checkValues(ctx.store, viewer, inputs, options) };
        } catch (error) {
          if (error instanceof AccordError && error.status === 429)
            void reply.header('retry-after', String((error.details as { retry_after: number }).retry_after));
          throw error;
        }
      },
    );
  };
}
