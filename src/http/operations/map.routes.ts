import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { operationKpis } from '../../operations/kpis/kpis.js';
import { renderWorldMapSvg } from '../../render/world-map.js';
import type { AppContext } from '../app-context.js';
import { requireUser } from '../plugins/viewer.js';
import { OperationParams } from './operations.schema.js';

const MEASURES = { targets: 'Targets', reported: 'Reported', takenDown: 'Taken down' } as const;
export const MapQuery = z.object({
  measure: z.enum(['targets', 'reported', 'takenDown']).default('targets'),
});

/**
 * The operation's targets by country as an SVG choropleth, drawn from its KPIs, so through the same
 * operation access check: a non-participant gets the 404 an unknown operation gets, never a map.
 */
export function mapRoute(ctx: AppContext, app: FastifyInstance): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/operations/:id/map.svg',
    {
      schema: {
        tags: ['operations'],
        description:
          "A world choropleth (SVG) of the operation's targets per country: all targets, those reported, or those taken down (`measure`). Targets without a country are not drawn.",
        params: OperationParams,
        querystring: MapQuery,
        produces: ['image/svg+xml'],
      },
    },
    async (request, reply) => {
      const kpis = await operationKpis(ctx.store.db, requireUser(request), request.params.id);
      const { measure } = request.query;
      const counts: Record<string, number> = {};
      for (const j of kpis.byJurisdiction)
        if (j.country !== null && j[measure] > 0) counts[j.country] = j[measure];
      return reply
        .type('image/svg+xml; charset=utf-8')
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
        .header('cache-control', 'private, max-age=60')
        .send(renderWorldMapSvg(counts, { label: MEASURES[measure] }));
    },
  );
}
