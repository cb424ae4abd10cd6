import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import type { AppContext } from '../app-context.js';

export const ACCORD_VERSION = '0.1.0';

/** `GET /api/v1/health`: liveness plus a round trip to the database. */
export function healthRoutes(ctx: AppContext) {
  return (app: FastifyInstance) => {
    app.withTypeProvider<ZodTypeProvider>().get(
      '/api/v1/health',
      {
        schema: {
          tags: ['system'],
          response: {
            200: z.object({
              status: z.literal('ok'),
              database: z.enum(['sqlite', 'postgres']),
              version: z.string(),
            }),
          },
        },
      },
      async () => {
        await sql`select 1`.execute(ctx.store.db);
        return { status: 'ok' as const, database: ctx.store.dialect, version: ACCORD_VERSION };
      },
    );
  };
}
