import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { invalidInput, notFound } from '../../errors.js';
import { presentVersions } from '../../present/present-objects.js';
import { countCurrent, getVersion, listCurrent, listVersions } from '../../store/objects/read-objects.js';
import type { ObjectFilters } from '../../store/objects/read-objects.js';
import { deleteObject } from '../../store/objects/delete-object.js';
import type { AppContext } from '../app-context.js';
import { requireUser } from '../plugins/viewer.js';
import {
  Cursor,
  DeleteQuery,
  GetObjectQuery,
  ListObjectsQuery,
  ObjectPage,
  ObjectParams,
  PresentedObject,
} from './objects.schema.js';
import { z } from 'zod';

/** `/api/v1/objects`: list, get, versions and delete, every answer cut to the caller's visibility. */
export function objectsRoutes(ctx: AppContext) {
  return (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const db = ctx.store.db;

    r.get(
      '/api/v1/objects',
      { schema: { tags: ['objects'], querystring: ListObjectsQuery, response: { 200: ObjectPage } } },
      async (request) => {
        const q = request.query;
        const after = q.after === undefined ? undefined : Cursor.decode(q.after);
        if (q.after !== undefined && after === undefined)
          throw invalidInput('invalid_cursor', 'the "after" cursor is not one this server issued');
        const filters: ObjectFilters = {
          ...(q.type === undefined ? {} : { types: q.type }),
          ...(q.created_by_ref === undefined ? {} : { createdByRef: q.created_by_ref }),
          ...(q.modified_from === undefined ? {} : { modifiedFrom: q.modified_from }),
          ...(q.modified_to === undefined ? {} : { modifiedTo: q.modified_to }),
          ...(q.added_after === undefined ? {} : { addedAfter: q.added_after }),
          ...(q.q === undefined ? {} : { text: q.q }),
        };
        const page = await listCurrent(db, request.viewer, filters, {
          ...(after === undefined ? {} : { after }),
          limit: q.limit,
        });
        const items = await presentVersions(db, request.viewer, page.items);
        return {
          items,
          ...(page.next === undefined ? {} : { next: Cursor.encode(page.next) }),
          ...(q.total ? { total: await countCurrent(db, request.viewer, filters) } : {}),
        };
      },
    );

    r.get(
      '/api/v1/objects/:id',
      {
        schema: {
          tags: ['objects'],
          params: ObjectParams,
          querystring: GetObjectQuery,
          response: { 200: PresentedObject },
        },
      },
      async (request) => {
        const found = await getVersion(db, request.viewer, request.params.id, request.query.version);
        if (found === undefined)
          throw notFound(
            `object ${request.params.id}${request.query.version === undefined ? '' : ` version ${request.query.version}`}`,
          );
        const [presented] = await presentVersions(db, request.viewer, [found]);
        return presented!;
      },
    );

    r.get(
      '/api/v1/objects/:id/versions',
      {
        schema: {
          tags: ['objects'],
          params: ObjectParams,
          response: { 200: z.object({ versions: z.array(PresentedObject) }) },
        },
      },
      async (request) => {
        const versions = await listVersions(db, request.viewer, request.params.id);
        if (versions.length === 0) throw notFound(`object ${request.params.id}`);
        return { versions: await presentVersions(db, request.viewer, versions) };
      },
    );

    r.delete(
      '/api/v1/objects/:id',
      { schema: { tags: ['objects'], params: ObjectParams, querystring: DeleteQuery } },
      async (request) => {
        const viewer = requireUser(request);
        return deleteObject(ctx.store, viewer, request.params.id, request.query.reason ?? null);
      },
    );
  };
}
