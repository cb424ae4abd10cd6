import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { appendAudit } from '../../audit/index.js';
import { FORMATS, parseCsvColumns, rpzSerial } from '../../export/index.js';
import type { ExportOptions } from '../../export/index.js';
import { notFound, invalidInput } from '../../errors.js';
import { mispFeedEvents } from '../../feeds/misp-feed-events.js';
import { bundleStream } from '../../present/bundle-stream.js';
import { defenderItems } from '../../present/defender-items.js';
import type { DefenderFilters } from '../../present/defender-items.js';
import type { UserViewer } from '../../policy/viewer.js';
import type { AppContext } from '../app-context.js';
import { requireUser } from '../plugins/viewer.js';
import { feedValidator } from './feed-validator.js';
import { FeedParams, FeedQuery } from './feeds.schema.js';

/** The defender selection a feed query asks for (shared with the private-search-set export). */
export function filtersOf(q: FeedQuery): DefenderFilters {
  return {
    ...(q.type === undefined ? {} : { types: q.type }),
    ...(q.kind === undefined ? {} : { kinds: q.kind }),
    ...(q.owner === undefined ? {} : { ownerOrg: q.owner }),
    ...(q.min_confidence === undefined ? {} : { minConfidence: q.min_confidence }),
    ...(q.label === undefined ? {} : { label: q.label }),
    ...(q.max_tlp === undefined ? {} : { maxTlp: q.max_tlp }),
    ...(q.since === undefined ? {} : { since: q.since }),
    activeOnly: q.active ?? true,
    includePapRed: q.include_pap_red ?? false,
  };
}

/** Sets the validators and says whether the client's copy is current (then the caller answers 304). */
async function checkFreshness(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  viewer: UserViewer,
): Promise<{ fresh: boolean; lastModified: Date }> {
  const query = { ...(request.query as Record<string, unknown>) };
  delete query.token;
  const { etag, lastModified } = await feedValidator(
    ctx.store.db,
    viewer,
    `${request.routeOptions.url ?? ''}|${JSON.stringify(request.params)}|${JSON.stringify(query)}`,
  );
  reply
    .header('ETag', etag)
    .header('Last-Modified', lastModified.toUTCString())
    .header('Cache-Control', 'private, no-cache');
  const inm = request.headers['if-none-match'];
  if (inm !== undefined)
    return {
      fresh: inm
        .split(',')
        .map((t) => t.trim())
        .includes(etag),
      lastModified,
    };
  const ims = request.headers['if-modified-since'];
  const fresh =
    ims !== undefined && !Number.isNaN(Date.parse(ims)) && lastModified.getTime() <= Date.parse(ims);
  return { fresh, lastModified };
}

async function audit(ctx: AppContext, viewer: UserViewer, format: string, q: FeedQuery, viaToken: boolean) {
  const details: Record<string, unknown> = { ...q, via_query_token: viaToken };
  delete details.token;
  await ctx.store.writeTransaction((trx) =>
    appendAudit(trx, {
      actor: viewer.userId,
      actorOrg: viewer.orgId,
      action: 'export',
      target: `feeds/${format}`,
      outcome: 'ok',
      details,
    }),
  );
}

/** `GET /feeds/{format}`: defender formats and STIX, per API key, cut to what the key's user may act on. */
export function feedsRoutes(ctx: AppContext) {
  return (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.get(
      '/feeds/:format',
      { schema: { tags: ['feeds'], params: FeedParams, querystring: FeedQuery } },
      async (request, reply) => {
        const viewer = requireUser(request);
        const { format } = request.params;
        const q = request.query;
        if (format !== 'stix' && format !== 'misp' && FORMATS[format] === undefined) {
          throw notFound(`feed format ${format} (use stix, misp, ${Object.keys(FORMATS).join(', ')})`);
        }
        const validity = await checkFreshness(ctx, request, reply, viewer);
        if (validity.fresh) return reply.status(304).send();
        await audit(ctx, viewer, format, q, q.token !== undefined);
        if (format === 'misp') {
          // The events of the MISP feed (/feeds/misp/) in one document, cut to the caller.
          return reply
            .type('application/json')
            .send({ response: await mispFeedEvents(ctx.store.db, viewer) });
        }
        if (format === 'stix') {
          const stream = bundleStream(ctx.store.db, viewer, {
            filters: {
              ...(q.type === undefined ? {} : { types: q.type }),
              ...(q.owner === undefined ? {} : { ownerOrg: q.owner }),
              ...(q.since === undefined ? {} : { modifiedFrom: q.since }),
              excludeTlpRed: true,
              includeRevoked: q.active === false,
            },
          });
          return reply.type('application/stix+json;version=2.1').send(Readable.from(stream));
        }
        const spec = FORMATS[format]!;
        // The zone's SOA serial follows the last change, so DNS secondaries pick up every update.
        const options: ExportOptions = {
          baseUrl: ctx.config.baseUrl,
          serial: rpzSerial(validity.lastModified),
        };
        if (format === 'csv' && q.columns !== undefined) {
          try {
            options.columns = parseCsvColumns(q.columns);
          } catch (error) {
            throw invalidInput('invalid_columns', (error as Error).message);
          }
        }
        const filters = filtersOf(q);
        const items = defenderItems(ctx.store.db, viewer, {
          blocking: spec.blocking,
          filters,
          baseUrl: ctx.config.baseUrl,
        });
        return reply
          .type(spec.contentType)
          .header('Content-Disposition', `inline; filename="accord-${format}.${spec.fileExtension}"`)
          .send(Readable.from(spec.formatter(items, options)));
      },
    );

    r.get(
      '/feeds/suricata/lists/:name',
      {
        schema: {
          tags: ['feeds'],
          params: z.object({ name: z.string().regex(/^[A-Za-z0-9_.-]+\.list$/) }),
          querystring: FeedQuery,
        },
      },
      async (request, reply) => {
        const viewer = requireUser(request);
        const spec = FORMATS.suricata!;
        const items = defenderItems(ctx.store.db, viewer, {
          blocking: true,
          filters: filtersOf(request.query),
          baseUrl: ctx.config.baseUrl,
        });
        const files = await spec.sideFiles!(items);
        const file = files.get(request.params.name);
        if (file === undefined) throw notFound(`hash list ${request.params.name}`);
        await audit(
          ctx,
          viewer,
          `suricata/lists/${request.params.name}`,
          request.query,
          request.query.token !== undefined,
        );
        return reply.type('text/plain; charset=utf-8').send(file);
      },
    );
  };
}
