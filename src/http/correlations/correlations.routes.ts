import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { correlateObject, correlateObservables } from '../../correlate/correlate.js';
import { invalidInput, notFound } from '../../errors.js';
import { detectObservable } from '../../observable/index.js';
import type { AppContext } from '../app-context.js';
import { ObjectParams } from '../objects/objects.schema.js';
import { requireUser } from '../plugins/viewer.js';
import {
  CorrelationQuery,
  ObjectCorrelations,
  ValueCorrelations,
  ValueLookupQuery,
} from './correlations.schema.js';

/** Correlations from the observable index, computed per request and cut to the caller's visibility. */
export function correlationsRoutes(ctx: AppContext) {
  return (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const db = ctx.store.db;

    r.get(
      '/api/v1/objects/:id/correlations',
      {
        schema: {
          tags: ['correlations'],
          params: ObjectParams,
          querystring: CorrelationQuery,
          response: { 200: ObjectCorrelations },
        },
      },
      async (request) => {
        const viewer = requireUser(request);
        const cap = request.query.cap;
        const found = await correlateObject(db, viewer, request.params.id, cap === undefined ? {} : { cap });
        if (found === undefined) throw notFound(`object ${request.params.id}`);
        return found;
      },
    );

    r.get(
      '/api/v1/correlations',
      {
        schema: {
          tags: ['correlations'],
          querystring: ValueLookupQuery,
          response: { 200: ValueCorrelations },
        },
      },
      async (request) => {
        const viewer = requireUser(request);
        const { value, cap } = request.query;
        const observable = detectObservable(value);
        if (observable === null)
          throw invalidInput(
            'unrecognised_value',
            `"${value.slice(0, 200)}" is no IP, network, domain, URL, e-mail, hash or other known value`,
          );
        const observables = await correlateObservables(
          db,
          viewer,
          [observable],
          cap === undefined ? {} : { cap },
        );
        return { query: value, observables };
      },
    );
  };
}
