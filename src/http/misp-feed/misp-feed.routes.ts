import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { appendAudit } from '../../audit/index.js';
import { notFound } from '../../errors.js';
import { mispFeedHashes, mispFeedManifest } from '../../export/misp/index.js';
import type { MispEventDocument, MispManifest } from '../../export/misp/index.js';
import { mispFeedEvents } from '../../feeds/misp-feed-events.js';
import type { AppContext } from '../app-context.js';
import { feedValidator } from '../feeds/feed-validator.js';
import { requireUser } from '../plugins/viewer.js';

const FeedFile = z.object({
  file: z
    .string()
    .regex(
      /^(manifest\.json|hashes\.csv|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\.json)$/,
      'manifest.json, hashes.csv or <event uuid>.json',
    ),
});
const FeedQuery = z.object({
  token: z.string().optional().describe('API key, for clients that cannot send headers'),
});

interface BuiltFeed {
  events: Map<string, MispEventDocument>;
  manifest: MispManifest;
  hashes: string;
}

/**
 * A MISP feed of what the caller may see, so a MISP instance can pull from Accord: `manifest.json`,
 * `hashes.csv` and `<uuid>.json` under /feeds/misp/. One build per content version and audience
 * (the feed validator's ETag) serves all three files; a few recent builds are kept.
 */
export function mispFeedRoutes(ctx: AppContext) {
  return (app: FastifyInstance) => {
    const builds = new Map<string, Promise<BuiltFeed>>();
    const build = (key: string, make: () => Promise<BuiltFeed>): Promise<BuiltFeed> => {
      let feed = builds.get(key);
      if (feed === undefined) {
        feed = make();
        builds.set(key, feed);
        feed.catch(() => builds.delete(key));
        while (builds.size > 8) builds.delete(builds.keys().next().value!);
      }
      return feed;
    };

    app
      .withTypeProvider<ZodTypeProvider>()
      .get(
        '/feeds/misp/:file',
        { schema: { tags: ['feeds'], params: FeedFile, querystring: FeedQuery } },
        async (request, reply) => {
          const viewer = requireUser(request);
          const file = request.params.file.toLowerCase();
          const { etag: base, lastModified } = await feedValidator(ctx.store.db, viewer, 'misp-feed');
          const etag = `"${createHash('sha256').update(`${base}|${file}`).digest('base64url').slice(0, 27)}"`;
          reply
            .header('ETag', etag)
            .header('Last-Modified', lastModified.toUTCString())
            .header('Cache-Control', 'private, no-cache');
          const inm = request.headers['if-none-match'];
          const ims = request.headers['if-modified-since'];
          const fresh =
            inm !== undefined
              ? inm.split(',').some((t) => t.trim() === etag)
              : ims !== undefined &&
                !Number.isNaN(Date.parse(ims)) &&
                lastModified.getTime() <= Date.parse(ims);
          if (fresh) return reply.status(304).send();
          const feed = await build(base, async () => {
            const events = await mispFeedEvents(ctx.store.db, viewer);
            return {
              events: new Map(events.map((e) => [e.Event.uuid.toLowerCase(), e])),
              manifest: mispFeedManifest(events),
              hashes: mispFeedHashes(events),
            };
          });
          const uuid = file.endsWith('.json') && file !== 'manifest.json' ? file.slice(0, -5) : undefined;
          const event = uuid === undefined ? undefined : feed.events.get(uuid);
          if (uuid !== undefined && event === undefined) throw notFound(`MISP feed event ${uuid}`);
          await ctx.store.writeTransaction((trx) =>
            appendAudit(trx, {
              actor: viewer.userId,
              actorOrg: viewer.orgId,
              action: 'export',
              target: `feeds/misp/${file}`,
              outcome: 'ok',
              details: {
                events: uuid === undefined ? feed.events.size : 1,
                via_query_token: request.query.token !== undefined,
              },
            }),
          );
          if (file === 'hashes.csv') return reply.type('text/csv; charset=utf-8').send(feed.hashes);
          return reply.type('application/json; charset=utf-8').send(JSON.stringify(event ?? feed.manifest));
        },
      );
  };
}
