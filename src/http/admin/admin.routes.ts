import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context.js';
import { groupsRoutes } from './groups.routes.js';
import { keysRoutes } from './keys.routes.js';
import { organisationsRoutes } from './organisations.routes.js';
import { usersRoutes } from './users.routes.js';

/** The administration API (organisations, users, API keys, sharing groups) as one route module. */
export function adminRoutes(ctx: AppContext) {
  return (app: FastifyInstance) => {
    for (const routes of [organisationsRoutes, usersRoutes, keysRoutes, groupsRoutes]) routes(ctx)(app);
  };
}
