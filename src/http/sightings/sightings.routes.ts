import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AccordError, notFound } from '../../errors.js';
import type { Distribution } from '../../policy/distribution.js';
import { reportSighting } from '../../sightings/report-sighting.js';
import { sightingSummary } from '../../sightings/sighting-summary.js';
import type { AppContext } from '../app-context.js';
import { ObjectParams } from '../objects/objects.schema.js';
import { requireUser } from '../plugins/viewer.js';
import { PostedSightings, PostSightingBody, SightingSummary } from './sightings.schema.js';

/** Sightings reported back to an indicator's owner, and their per-organisation summary. */
export function sightingsRoutes(ctx: AppContext) {
  return (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.post(
      '/api/v1/sightings',
      { schema: { tags: ['sightings'], body: PostSightingBody, response: { 201: PostedSightings } } },
      async (request, reply) => {
        const viewer = requireUser(request);
        const { distribution, ...rest } = request.body;
        const sightings = await reportSighting(ctx.store, viewer, {
          ...rest,
          ...(distribution === undefined ? {} : { distribution: distribution as Distribution }),
        });
        const refused = sightings.filter((s) => s.status === 'refused');
        if (refused.length === sightings.length) {
          const first = refused[0]!;
          throw new AccordError(first.code ?? 'refused', 409, first.message ?? 'the sighting was refused', {
            sightings,
          });
        }
        return reply.status(201).send({ sightings });
      },
    );

    r.get(
      '/api/v1/objects/:id/sightings',
      { schema: { tags: ['sightings'], params: ObjectParams, response: { 200: SightingSummary } } },
      async (request) => {
        const viewer = requireUser(request);
        const summary = await sightingSummary(ctx.store.db, viewer, request.params.id);
        if (summary === undefined) throw notFound(`object ${request.params.id}`);
        return summary;
      },
    );
  };
}
