import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { notFound } from '../../errors.js';
import type { AppContext } from '../app-context.js';
import { ObjectParams } from '../objects/objects.schema.js';
import { Graph, GraphQuery } from './graph.schema.js';
import { objectGraph } from './object-graph.js';

/** `GET /api/v1/objects/:id/graph?depth=1`: nodes and edges around an object, for the UI's graph view. */
export function graphRoutes(ctx: AppContext) {
  return (app: FastifyInstance) => {
    app.withTypeProvider<ZodTypeProvider>().get(
      '/api/v1/objects/:id/graph',
      {
        schema: { tags: ['web'], params: ObjectParams, querystring: GraphQuery, response: { 200: Graph } },
      },
      async (request) => {
        const graph = await objectGraph(ctx.store.db, request.viewer, request.params.id, request.query.depth);
        if (graph === undefined) throw notFound(`object ${request.params.id}`);
        return graph;
      },
    );
  };
}
