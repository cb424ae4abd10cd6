import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { IncomingMessage } from 'node:http';
import { invalidInput, unsupportedMediaType } from '../../errors.js';
import { FIELD_MAPS } from '../../match/index.js';
import type { FieldMapName } from '../../match/index.js';
import { runMatch, ViewerIndexCache } from '../../matching/index.js';
import type { InputKind, MatchRecord } from '../../matching/index.js';
import type { AppContext } from '../app-context.js';
import { limitedStream } from '../bundles/limited-stream.js';
import { requireUser } from '../plugins/viewer.js';
import { MatchQuery, MatchResponse } from './match.schema.js';

/** Most matches carried in one response; the summary still counts them all. */
export const MAX_RESPONSE_MATCHES = 10_000;

const BY_CONTENT_TYPE: Record<string, InputKind> = {
  'application/json': 'stix',
  'application/stix+json': 'stix',
  'application/x-ndjson': 'jsonl',
  'application/jsonl': 'jsonl',
  'application/json-lines': 'jsonl',
  'text/plain': 'values',
};

async function* emptyStream(): AsyncGenerator<Buffer> {}

/** `POST /api/v1/match`: the body streams through the caller's compiled index, never parsed whole. */
export function matchRoutes(ctx: AppContext, cache: ViewerIndexCache = new ViewerIndexCache()) {
  // One cache per app: repeated calls by the same audience reuse the compiled index until a write.
  return (app: FastifyInstance) => {
    // octet-stream carries any of the three when `?input=` names it.
    const types = [...Object.keys(BY_CONTENT_TYPE), 'application/octet-stream'];
    app.addContentTypeParser(types, (_request, payload: IncomingMessage, done) => {
      done(null, payload);
    });
    app.withTypeProvider<ZodTypeProvider>().post(
      '/api/v1/match',
      {
        schema: {
          tags: ['match'],
          description:
            'Match a STIX observed-data bundle (application/json), JSON Lines log records (application/x-ndjson, with field_map) or plain values (text/plain) against every live indicator the caller may see.',
          querystring: MatchQuery,
          response: { 200: MatchResponse },
        },
      },
      async (request) => {
        const viewer = requireUser(request);
        const q = request.query;
        const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
        const input = q.input ?? BY_CONTENT_TYPE[type];
        if (input === undefined)
          throw unsupportedMediaType(`send ${Object.keys(BY_CONTENT_TYPE).join(', ')} or name ?input=`);
        if (input === 'jsonl' && q.field_map === undefined)
          throw invalidInput(
            'field_map_required',
            `JSON Lines need ?field_map= (${Object.keys(FIELD_MAPS).join(', ')})`,
          );
        const matches: MatchRecord[] = [];
        let found = 0;
        const body = (request.body as AsyncIterable<Buffer> | undefined) ?? emptyStream();
        const outcome = await runMatch(
          ctx.store,
          viewer,
          [{ open: () => limitedStream(body, ctx.config.maxBodyBytes) }],
          {
            input,
            ...(q.field_map === undefined ? {} : { fieldMap: FIELD_MAPS[q.field_map as FieldMapName] }),
            reportSightings: q.report_sightings,
            ...(q.sighting_tlp === undefined ? {} : { sightingTlp: q.sighting_tlp }),
            cache,
            onMatch: (m) => {
              found++;
              if (matches.length < MAX_RESPONSE_MATCHES) matches.push(m);
            },
          },
        );
        return {
          matches,
          summary: { ...outcome.summary, truncated: found > matches.length },
          ...(outcome.sightings === undefined ? {} : { sightings: outcome.sightings }),
        };
      },
    );
  };
}
