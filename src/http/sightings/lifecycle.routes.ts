import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { notFound } from '../../errors.js';
import { objectLifecycle } from '../../lifecycle/object-lifecycle.js';
import { revokeObject } from '../../lifecycle/revoke-object.js';
import type { AppContext } from '../app-context.js';
import { ObjectParams } from '../objects/objects.schema.js';
import { requireUser } from '../plugins/viewer.js';
import { Lifecycle, Revoked } from './sightings.schema.js';

/**
 * An object's lifecycle (decay, validity, revocation, warninglists) beside `GET /api/v1/objects/:id`,
 * whose response schema stays as it is, and revocation by the owner.
 */
export function lifecycleRoutes(ctx: AppContext) {
  return (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.get(
      '/api/v1/objects/:id/lifecycle',
      { schema: { tags: ['objects'], params: ObjectParams, response: { 200: Lifecycle } } },
      async (request) => {
        const found = await objectLifecycle(ctx.store.db, request.viewer, request.params.id);
        if (found === undefined) throw notFound(`object ${request.params.id}`);
        return found;
      },
    );

    r.post(
      '/api/v1/objects/:id/revoke',
      { schema: { tags: ['objects'], params: ObjectParams, response: { 200: Revoked } } },
      async (request) => revokeObject(ctx.store, requireUser(request), request.params.id),
    );
  };
}
