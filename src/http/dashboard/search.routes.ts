import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { invalidInput } from '../../errors.js';
import { presentVersions } from '../../present/present-objects.js';
import type { AppContext } from '../app-context.js';
import { Cursor, ObjectPage } from '../objects/objects.schema.js';
import { countSearch, searchObjects } from './search-objects.js';
import type { SearchFilters } from './search-objects.js';
import { SearchQuery } from './search.schema.js';

/**
 * `GET /api/v1/search`: the web search page's listing, newest first (analysts look for what just
 * arrived), with organisation, TLP and label filters on top of the objects listing's.
 */
export function searchRoutes(ctx: AppContext) {
  return (app: FastifyInstance) => {
    app
      .withTypeProvider<ZodTypeProvider>()
      .get(
        '/api/v1/search',
        { schema: { tags: ['web'], querystring: SearchQuery, response: { 200: ObjectPage } } },
        async (request) => {
          const q = request.query;
          const before = q.after === undefined ? undefined : Cursor.decode(q.after);
          if (q.after !== undefined && before === undefined)
            throw invalidInput('invalid_cursor', 'the "after" cursor is not one this server issued');
          const filters: SearchFilters = {
            ...(q.type === undefined ? {} : { types: q.type }),
            ...(q.org === undefined ? {} : { ownerOrg: q.org }),
            ...(q.created_by_ref === undefined ? {} : { createdByRef: q.created_by_ref }),
            ...(q.modified_from === undefined ? {} : { modifiedFrom: q.modified_from }),
            ...(q.modified_to === undefined ? {} : { modifiedTo: q.modified_to }),
            ...(q.added_after === undefined ? {} : { addedAfter: q.added_after }),
            ...(q.q === undefined ? {} : { text: q.q }),
            ...(q.tlp === undefined ? {} : { tlps: q.tlp }),
            ...(q.label === undefined ? {} : { label: q.label }),
          };
          const { db, dialect } = ctx.store;
          const page = await searchObjects(db, dialect, request.viewer, filters, {
            ...(before === undefined ? {} : { before }),
            limit: q.limit,
          });
          return {
            items: await presentVersions(db, request.viewer, page.items),
            ...(page.next === undefined ? {} : { next: Cursor.encode(page.next) }),
            ...(q.total ? { total: await countSearch(db, dialect, request.viewer, filters) } : {}),
          };
        },
      );
  };
}
