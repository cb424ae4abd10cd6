import type { FastifyInstance } from 'fastify';
import { invalidInput, notFound } from '../errors.js';
import type { AppContext } from '../http/app-context.js';
import { limitedStream } from '../http/bundles/limited-stream.js';
import { presentTexts } from '../present/present-texts.js';
import { deleteObject } from '../store/objects/delete-object.js';
import { readableCollection, writableCollection } from './collection-access.js';
import { readCollectionObjects, readCollectionPage } from './collection-reader.js';
import { checkContentType, negotiate, STIX_MEDIA_TYPE } from './media-types.js';
import { postEnvelope } from './post-envelope.js';
import { paging, taxiiEnvelopeReply, taxiiReply } from './taxii-reply.js';
import { parseTaxiiQuery } from './taxii-query.js';
import { withStoredBytes } from './stored-text-cache.js';

const COLLECTION = '/taxii2/api/collections/:collectionId';

type Params = Record<string, string>;
type Query = Record<string, unknown>;

async function* emptyBody(): AsyncGenerator<Buffer> {}

/** Objects, manifest, versions, POST and DELETE of one collection, each cut to the caller's visibility. */
export function taxiiObjectsRoutes(ctx: AppContext, app: FastifyInstance): void {
  const { store } = ctx;
  const db = store.db;

  app.get(`${COLLECTION}/objects/`, { schema: { hide: true } }, async (request, reply) => {
    const type = negotiate(request.headers.accept, true);
    const query = parseTaxiiQuery(request.query as Query);
    const { collectionId } = request.params as Params;
    const collection = await readableCollection(db, request.viewer, collectionId ?? '');
    const page = await readCollectionObjects(db, request.viewer, collection, query);
    return taxiiEnvelopeReply(
      reply,
      type,
      page,
      withStoredBytes(
        db,
        page.versions,
        await presentTexts(db, request.viewer, page.versions, { epoch: page.epoch }),
      ),
    );
  });

  app.get(`${COLLECTION}/manifest/`, { schema: { hide: true } }, async (request, reply) => {
    const type = negotiate(request.headers.accept, false);
    const query = parseTaxiiQuery(request.query as Query);
    const { collectionId } = request.params as Params;
    const collection = await readableCollection(db, request.viewer, collectionId ?? '');
    const page = await readCollectionPage(db, request.viewer, collection, query);
    const records = page.versions.map((v) => ({
      id: v.id,
      date_added: v.dateAdded,
      version: v.version,
      media_type: STIX_MEDIA_TYPE,
    }));
    return taxiiReply(
      reply,
      type,
      { ...paging(page), ...(records.length === 0 ? {} : { objects: records }) },
      page.versions,
    );
  });

  app.get(`${COLLECTION}/objects/:objectId/`, { schema: { hide: true } }, async (request, reply) => {
    const type = negotiate(request.headers.accept, true);
    const { collectionId, objectId } = request.params as Params;
    const query = { ...parseTaxiiQuery(request.query as Query), ids: [objectId ?? ''], types: undefined };
    const collection = await readableCollection(db, request.viewer, collectionId ?? '');
    const page = await readCollectionObjects(db, request.viewer, collection, query);
    if (page.versions.length === 0 && query.after === undefined) {
      const any = await readCollectionPage(db, request.viewer, collection, {
        limit: 1,
        ids: [objectId ?? ''],
        versions: { last: false, first: false, all: true, timestamps: [] },
      });
      if (any.versions.length === 0)
        throw notFound(`object ${objectId ?? ''} in collection ${collection.id}`);
    }
    return taxiiEnvelopeReply(
      reply,
      type,
      page,
      withStoredBytes(
        db,
        page.versions,
        await presentTexts(db, request.viewer, page.versions, { epoch: page.epoch }),
      ),
    );
  });

  app.get(`${COLLECTION}/objects/:objectId/versions/`, { schema: { hide: true } }, async (request, reply) => {
    const type = negotiate(request.headers.accept, false);
    const { collectionId, objectId } = request.params as Params;
    // The versions endpoint lists every version (TAXII 2.1 section 5.8): match[version] does not apply.
    const raw = { ...(request.query as Query), 'match[version]': 'all' };
    const query = { ...parseTaxiiQuery(raw), ids: [objectId ?? ''] };
    const collection = await readableCollection(db, request.viewer, collectionId ?? '');
    const page = await readCollectionPage(db, request.viewer, collection, query);
    if (page.versions.length === 0 && query.after === undefined && query.addedAfter === undefined)
      throw notFound(`object ${objectId ?? ''} in collection ${collection.id}`);
    return taxiiReply(
      reply,
      type,
      {
        ...paging(page),
        ...(page.versions.length === 0 ? {} : { versions: page.versions.map((v) => v.version) }),
      },
      page.versions,
    );
  });

  app.post(`${COLLECTION}/objects/`, { schema: { hide: true } }, async (request, reply) => {
    const type = negotiate(request.headers.accept, false);
    checkContentType(request.headers['content-type']);
    const { collectionId } = request.params as Params;
    const { collection, writer } = await writableCollection(db, request.viewer, collectionId ?? '');
    const body = (request.body as AsyncIterable<Buffer> | undefined) ?? emptyBody();
    const status = await postEnvelope(
      store,
      writer,
      collection,
      limitedStream(body, ctx.config.maxBodyBytes),
    );
    return taxiiReply(reply, type, status, undefined, 202);
  });

  app.delete(`${COLLECTION}/objects/:objectId/`, { schema: { hide: true } }, async (request, reply) => {
    const type = negotiate(request.headers.accept, false);
    const { collectionId, objectId } = request.params as Params;
    const raw = request.query as Query;
    const versions = raw['match[version]'];
    if (versions !== undefined && versions !== 'all')
      throw invalidInput('invalid_parameter', 'Accord deletes whole objects: omit match[version] or use all');
    const { collection, writer } = await writableCollection(db, request.viewer, collectionId ?? '');
    const found = await readCollectionPage(db, writer, collection, {
      limit: 1,
      ids: [objectId ?? ''],
      versions: { last: false, first: false, all: true, timestamps: [] },
    });
    if (found.versions.length === 0)
      throw notFound(`object ${objectId ?? ''} in collection ${collection.id}`);
    await deleteObject(store, writer, objectId ?? '', `deleted through TAXII collection ${collection.id}`);
    return reply.status(200).type(type).send();
  });
}
