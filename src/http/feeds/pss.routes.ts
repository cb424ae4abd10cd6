import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { exportPss, pssFiles, tarArchive } from '../../deconflict/pss/index.js';
import type { AppContext } from '../app-context.js';
import { requireUser } from '../plugins/viewer.js';
import { filtersOf } from './feeds.routes.js';
import { FeedQuery } from './feeds.schema.js';
import { PssExportBody } from './pss.schema.js';

/**
 * `POST /feeds/pss`: the feed selection (the same query as `GET /feeds/{format}`) as a private
 * search set for one recipient, a tar archive of the set directory with its key. POST, because
 * every call records a new set, watermarked for its recipient, with a key shown this once.
 */
export function pssFeedRoutes(ctx: AppContext) {
  return (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.post(
      '/feeds/pss',
      {
        schema: {
          tags: ['feeds'],
          description:
            'A private search set (private-search-set.json, .pss, DCSO .bloom, and the hex key in .key) for one recipient organisation, as an application/x-tar archive of one directory named after the set. Only values both the caller and the recipient may see, never TLP:RED. The key is shown once and not stored: hand it to the recipient only.',
          querystring: FeedQuery,
          body: PssExportBody,
        },
      },
      async (request, reply) => {
        const viewer = requireUser(request);
        const body = request.body;
        const name = body.name ?? 'accord-private-search-set';
        const set = await exportPss(ctx.store, viewer, {
          recipientOrg: body.recipient,
          filters: filtersOf(request.query),
          baseUrl: ctx.config.baseUrl,
          name,
          ...(body.description === undefined ? {} : { description: body.description }),
          ...(body.fp_rate === undefined ? {} : { fpRate: body.fp_rate }),
        });
        return reply
          .type('application/x-tar')
          .header('Content-Disposition', `attachment; filename="${name}.tar"`)
          .header('Cache-Control', 'no-store')
          .header('X-Accord-Pss-Id', set.id)
          .send(tarArchive(name, pssFiles(set, set.key), new Date()));
      },
    );
  };
}
