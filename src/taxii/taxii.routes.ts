import type { FastifyInstance } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { notFound } from '../errors.js';
import type { AppContext } from '../http/app-context.js';
import { requireUser } from '../http/plugins/viewer.js';
import type { Viewer } from '../policy/viewer.js';
import { readableCollection } from './collection-access.js';
import { negotiate, STIX_MEDIA_TYPE, TAXII_MEDIA_TYPE } from './media-types.js';
import { canReadCollection, canWriteCollection, listCollections } from './taxii-collection.js';
import type { TaxiiCollection } from './taxii-collection.js';
import { taxiiObjectsRoutes } from './taxii-objects.routes.js';
import { taxiiReply } from './taxii-reply.js';
import { loadStatus } from './taxii-status.js';

export const API_ROOT = '/taxii2/api';

type Params = Record<string, string>;

function presentCollection(viewer: Viewer, c: TaxiiCollection) {
  return {
    id: c.id,
    title: c.title,
    ...(c.description === null ? {} : { description: c.description }),
    ...(c.alias === null ? {} : { alias: c.alias }),
    can_read: canReadCollection(viewer, c),
    can_write: canWriteCollection(viewer, c),
    media_types: [STIX_MEDIA_TYPE],
  };
}

/**
 * TAXII 2.1 under `/taxii2/`: discovery, one API root, collections and status. Every error renders as
 * the TAXII error message resource (src/http/plugins/error-handler.ts).
 */
export function taxiiRoutes(ctx: AppContext) {
  return (app: FastifyInstance) => {
    const db = ctx.store.db;
    // Envelopes stream into the importer; they are never parsed whole here.
    app.addContentTypeParser(
      ['application/taxii+json', 'application/stix+json'],
      (_request, payload: IncomingMessage, done) => {
        done(null, payload);
      },
    );

    // Fastify rewrites media types as `type; version="2.1"; charset=utf-8`; TAXII clients compare the
    // header with what they asked for token by token, so send the exact spelling of the specification.
    app.addHook('onSend', async (_request, reply, payload) => {
      const type = String(reply.getHeader('content-type') ?? '');
      if (type.startsWith('application/taxii+json')) reply.header('content-type', TAXII_MEDIA_TYPE);
      else if (type.startsWith('application/stix+json')) reply.header('content-type', STIX_MEDIA_TYPE);
      return payload;
    });

    app.get('/taxii2/', { schema: { hide: true } }, (request, reply) =>
      taxiiReply(reply, negotiate(request.headers.accept, false), {
        title: ctx.config.taxiiTitle,
        description: ctx.config.taxiiDescription,
        default: `${ctx.config.baseUrl}${API_ROOT}/`,
        api_roots: [`${ctx.config.baseUrl}${API_ROOT}/`],
      }),
    );

    app.get(`${API_ROOT}/`, { schema: { hide: true } }, (request, reply) =>
      taxiiReply(reply, negotiate(request.headers.accept, false), {
        title: ctx.config.taxiiTitle,
        description: ctx.config.taxiiDescription,
        versions: [TAXII_MEDIA_TYPE],
        max_content_length: ctx.config.maxBodyBytes,
      }),
    );

    app.get(`${API_ROOT}/status/:statusId/`, { schema: { hide: true } }, async (request, reply) => {
      const type = negotiate(request.headers.accept, false);
      const viewer = requireUser(request);
      const { statusId } = request.params as Params;
      const status = await loadStatus(db, statusId ?? '', viewer.userId);
      if (status === undefined) throw notFound(`status ${statusId ?? ''}`);
      return taxiiReply(reply, type, status);
    });

    app.get(`${API_ROOT}/collections/`, { schema: { hide: true } }, async (request, reply) => {
      const type = negotiate(request.headers.accept, false);
      const viewer = request.viewer;
      const visible = (await listCollections(db)).filter(
        (c) => canReadCollection(viewer, c) || canWriteCollection(viewer, c),
      );
      // TAXII 2.1 section 5.1: with no collections the key is omitted.
      return taxiiReply(
        reply,
        type,
        visible.length === 0 ? {} : { collections: visible.map((c) => presentCollection(viewer, c)) },
      );
    });

    app.get(`${API_ROOT}/collections/:collectionId/`, { schema: { hide: true } }, async (request, reply) => {
      const type = negotiate(request.headers.accept, false);
      const { collectionId } = request.params as Params;
      const collection = await readableCollection(db, request.viewer, collectionId ?? '');
      return taxiiReply(reply, type, presentCollection(request.viewer, collection));
    });

    taxiiObjectsRoutes(ctx, app);
  };
}
