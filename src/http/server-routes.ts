import type { FastifyInstance } from 'fastify';
import type { AppContext } from './app-context.js';

/** Route modules beyond the core ones, in registration order; each feature adds itself here. */
export const serverRoutes: Array<(ctx: AppContext) => (app: FastifyInstance) => void | Promise<void>> = [];
