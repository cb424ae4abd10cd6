import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../app-context.js';
import { requireUser } from '../plugins/viewer.js';
import { dashboardCounts } from './dashboard-counts.js';
import { dashboardIntake } from './dashboard-intake.js';
import { dashboardSightings } from './dashboard-sightings.js';
import { dashboardTop } from './dashboard-top.js';
import { Dashboard } from './dashboard.schema.js';

/** `GET /api/v1/dashboard`: every figure is an aggregate over what the viewer may see, nothing more. */
export function dashboardRoutes(ctx: AppContext, now: () => Date = () => new Date()) {
  return (app: FastifyInstance) => {
    app
      .withTypeProvider<ZodTypeProvider>()
      .get(
        '/api/v1/dashboard',
        { schema: { tags: ['web'], response: { 200: Dashboard } } },
        async (request) => {
          const viewer = requireUser(request);
          const { db, dialect } = ctx.store;
          const [counts, intake, top, sightings] = await Promise.all([
            dashboardCounts(db, viewer),
            dashboardIntake(db, viewer, now()),
            dashboardTop(db, dialect, viewer),
            dashboardSightings(db, dialect, viewer),
          ]);
          return {
            total: counts.total,
            by_type: counts.byType,
            by_tlp: counts.byTlp,
            intake,
            top,
            sightings,
          };
        },
      );
  };
}
