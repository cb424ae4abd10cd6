import type { FastifyInstance } from 'fastify';
import { taxiiCollectionsAdminRoutes } from '../taxii/collections-admin.routes.js';
import { taxiiRoutes } from '../taxii/taxii.routes.js';
import type { AppContext } from './app-context.js';

/** Route modules beyond the core ones, in registration order; each feature adds itself here. */
export const serverRoutes: Array<(ctx: AppContext) => (app: FastifyInstance) => void | Promise<void>> = [
  taxiiRoutes,
  taxiiCollectionsAdminRoutes,
];
