import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { IncomingMessage } from 'node:http';
import type { ObjectResult } from '../../ingest/import-result.js';
import { importStix } from '../../ingest/import-service.js';
import type { Distribution } from '../../policy/distribution.js';
import type { AppContext } from '../app-context.js';
import { BundleImportResponse, ImportQuery } from '../objects/objects.schema.js';
import { requireUser } from '../plugins/viewer.js';
import { limitedStream } from './limited-stream.js';

async function* emptyStream(): AsyncGenerator<Buffer> {}

/** `POST /api/v1/bundles`: the body streams into the importer, never parsed whole. */
export function bundlesRoutes(ctx: AppContext) {
  return (app: FastifyInstance) => {
    app.addContentTypeParser(
      ['application/json', 'application/stix+json'],
      (_request, payload: IncomingMessage, done) => {
        done(null, payload);
      },
    );
    app.withTypeProvider<ZodTypeProvider>().post(
      '/api/v1/bundles',
      {
        schema: {
          tags: ['objects'],
          description: 'Import a STIX 2.1 bundle; returns one result per object.',
          querystring: ImportQuery,
          response: { 200: BundleImportResponse, 400: BundleImportResponse },
        },
      },
      async (request, reply) => {
        const viewer = requireUser(request);
        const results: ObjectResult[] = [];
        const body = request.body as AsyncIterable<Buffer> | undefined;
        const summary = await importStix(
          ctx.store,
          viewer,
          limitedStream(body ?? emptyStream(), ctx.config.maxBodyBytes),
          {
            source: 'http',
            strict: request.query.strict,
            distribution: request.query.distribution as Distribution | undefined,
            tlp: request.query.tlp,
            warninglist: request.query.drop_warninglisted ? 'drop' : 'flag',
            onResult: (r) => results.push(r),
          },
        );
        return reply.status(summary.fatal === undefined ? 200 : 400).send({ summary, results });
      },
    );
  };
}
