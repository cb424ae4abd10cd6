import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { invalidInput } from '../../errors.js';
import { CsvMapping } from '../../ingest/csv/index.js';
import { FormatSpec } from '../../feeds/convert-format.js';
import { importFormat } from '../../feeds/import-format.js';
import type { Distribution } from '../../policy/distribution.js';
import type { AppContext } from '../app-context.js';
import { limitedStream } from '../bundles/limited-stream.js';
import { requireUser } from '../plugins/viewer.js';
import {
  CatalogueError,
  ImportFormatParams,
  ImportFormatQuery,
  ImportFormatResponse,
} from './imports.schema.js';

function specOf(format: 'misp' | 'csv' | 'text', q: ImportFormatQuery): FormatSpec {
  let mapping: unknown;
  if (q.mapping !== undefined) {
    try {
      mapping = JSON.parse(q.mapping);
    } catch (error) {
      throw invalidInput('invalid_mapping', `mapping is not JSON: ${(error as Error).message}`);
    }
    const checked = CsvMapping.partial().safeParse(mapping);
    if (!checked.success)
      throw invalidInput(
        'invalid_mapping',
        `invalid CSV mapping: ${checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
  }
  return FormatSpec.parse({
    format,
    ...(format === 'csv' ? { preset: q.preset, mapping } : {}),
    ...(format === 'text' ? { textFormat: q.text_format } : {}),
  });
}

async function readAll(body: AsyncIterable<Buffer>, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of limitedStream(body, maxBytes)) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** `POST /api/v1/import/{misp|csv|text}`: the raw body through a converter into the store. */
export function importsRoutes(ctx: AppContext) {
  return (app: FastifyInstance) => {
    // Any media type: the format is in the path, and MISP/CSV/text/e-mail come labelled every way.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', (_request, payload: IncomingMessage, done) => {
      done(null, payload);
    });
    app.withTypeProvider<ZodTypeProvider>().post(
      '/api/v1/import/:format',
      {
        schema: {
          tags: ['objects'],
          description:
            'Import a MISP event (JSON), a CSV feed or free text; returns one result per converted object and the converter errors with line/column or JSON path. Nothing is written when the input has errors or with dry_run.',
          params: ImportFormatParams,
          querystring: ImportFormatQuery,
          // A 400 is either input errors (this shape) or a bad query from the error catalogue.
          response: { 200: ImportFormatResponse, 400: ImportFormatResponse.or(CatalogueError) },
        },
      },
      async (request, reply) => {
        const viewer = requireUser(request);
        const q = request.query;
        const spec = specOf(request.params.format, q);
        const body = request.body as AsyncIterable<Buffer> | undefined;
        const text = body === undefined ? '' : await readAll(body, ctx.config.maxBodyBytes);
        const { summary, results, conversion } = await importFormat(ctx.store, viewer, text, spec, {
          source: `http:${spec.format}`,
          distribution: q.distribution as Distribution | undefined,
          tlp: q.tlp,
          strict: q.strict,
          dryRun: q.dry_run,
          warninglist: q.drop_warninglisted ? 'drop' : 'flag',
        });
        const { errors, warnings, dryRun, ...counts } = summary;
        return reply.status(summary.fatal === undefined ? 200 : 400).send({
          summary: { ...counts, dry_run: dryRun },
          errors,
          warnings,
          results: results.map((r) => ({ ...r, type: conversion.objects[r.index]?.object.type })),
        });
      },
    );
  };
}
