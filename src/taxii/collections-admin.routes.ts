import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireAdmin } from '../admin/authorise.js';
import type { AppContext } from '../http/app-context.js';
import { requireUser } from '../http/plugins/viewer.js';
import { CollectionInput, createCollection, listCollections, removeCollection } from './taxii-collection.js';
import type { TaxiiCollection } from './taxii-collection.js';

/** A collection definition as administrators see it, with the TAXII URL to give clients. */
export function presentDefinition(baseUrl: string, c: TaxiiCollection) {
  return {
    id: c.id,
    title: c.title,
    description: c.description,
    alias: c.alias,
    filter: c.filter,
    can_read: c.canRead,
    can_write: c.canWrite,
    public: c.public,
    created: c.created,
    url: `${baseUrl}/taxii2/api/collections/${c.id}/`,
  };
}

/** `/api/v1/taxii/collections`: administrators define, list and remove TAXII collections. */
export function taxiiCollectionsAdminRoutes(ctx: AppContext) {
  return (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const base = ctx.config.baseUrl;

    r.get('/api/v1/taxii/collections', { schema: { tags: ['taxii'] } }, async (request) => {
      requireAdmin(requireUser(request), 'list TAXII collection definitions');
      const all = await listCollections(ctx.store.db);
      return { collections: all.map((c) => presentDefinition(base, c)) };
    });

    r.post(
      '/api/v1/taxii/collections',
      { schema: { tags: ['taxii'], body: CollectionInput } },
      async (request, reply) => {
        const created = await createCollection(ctx.store, requireUser(request), request.body);
        return reply.status(201).send(presentDefinition(base, created));
      },
    );

    r.delete(
      '/api/v1/taxii/collections/:id',
      { schema: { tags: ['taxii'], params: z.object({ id: z.string().min(1) }) } },
      async (request, reply) => {
        await removeCollection(ctx.store, requireUser(request), request.params.id);
        return reply.status(204).send();
      },
    );
  };
}
