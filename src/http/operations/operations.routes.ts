import type { FastifyInstance } from 'fastify';
import { notFound } from '../../errors.js';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  createOperation,
  getOperation,
  listOperations,
  setParticipant,
  setPhases,
} from '../../operations/operations.js';
import { operationAccess, requireOperationLead } from '../../operations/operation-access.js';
import type { AppContext } from '../app-context.js';
import { requireUser } from '../plugins/viewer.js';
import {
  OperationDetailSchema,
  OperationInput,
  OperationListSchema,
  OperationParams,
  OperationUpdate,
} from './operations.schema.js';
import { mapRoute } from './map.routes.js';
import { targetRoutes } from './targets.routes.js';

export const OPERATIONS = '/api/v1/operations';

/**
 * Operations: create (law-enforcement leads only), list the caller's, read one, change its phases and
 * participants. A non-participant gets 404 on every path and finds nothing in the list.
 */
export function operationsRoutes(ctx: AppContext) {
  return (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.post(
      OPERATIONS,
      {
        schema: {
          tags: ['operations'],
          description:
            'Create an operation with its sharing group. The lead must be a law-enforcement organisation (`lead_not_law_enforcement`, 400, nothing written otherwise).',
          body: OperationInput,
          response: { 201: OperationDetailSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createOperation(ctx.store, requireUser(request), request.body)),
    );
    r.get(
      OPERATIONS,
      {
        schema: {
          tags: ['operations'],
          description: 'The operations the caller takes part in (all for administrators), newest first.',
          response: { 200: OperationListSchema },
        },
      },
      async (request) => ({ operations: await listOperations(ctx.store.db, requireUser(request)) }),
    );
    r.get(
      `${OPERATIONS}/:id`,
      {
        schema: {
          tags: ['operations'],
          description:
            'One operation (by id or code) with participants and phases; 404 for non-participants.',
          params: OperationParams,
          response: { 200: OperationDetailSchema },
        },
      },
      async (request) => getOperation(ctx.store.db, requireUser(request), request.params.id),
    );
    r.patch(
      `${OPERATIONS}/:id`,
      {
        schema: {
          tags: ['operations'],
          description:
            'Change phase dates and add participants or change their roles (the lead only). Every participant is checked before anything is written.',
          params: OperationParams,
          body: OperationUpdate,
          response: { 200: OperationDetailSchema },
        },
      },
      async (request) => {
        const viewer = requireUser(request);
        const { id } = request.params;
        const access = await operationAccess(ctx.store.db, viewer, id);
        requireOperationLead(access, viewer, 'change the operation');
        // Check every organisation first, so a bad one in the middle leaves everything as it was.
        const orgs = request.body.participants ?? [];
        if (orgs.length > 0) {
          const known = await ctx.store.db
            .selectFrom('organisations')
            .select('id')
            .where(
              'id',
              'in',
              orgs.map((p) => p.orgId),
            )
            .execute();
          const missing = orgs.findIndex((p) => !known.some((k) => k.id === p.orgId));
          if (missing >= 0) {
            throw notFound(`participants.${missing}: organisation ${orgs[missing]!.orgId}`);
          }
        }
        if (request.body.phases !== undefined)
          await setPhases(ctx.store, viewer, access.operation.id, request.body.phases);
        for (const p of orgs) await setParticipant(ctx.store, viewer, access.operation.id, p.orgId, p.role);
        return getOperation(ctx.store.db, viewer, access.operation.id);
      },
    );
    targetRoutes(ctx, app);
    mapRoute(ctx, app);
  };
}
