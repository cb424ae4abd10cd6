import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { PREFIX_LENGTH, RANGE_KINDS, rangeLookup } from '../../deconflict/range/index.js';
import type { RangeKind } from '../../deconflict/range/index.js';
import { invalidInput } from '../../errors.js';
import type { AppContext } from '../app-context.js';
import { ClientRateLimit } from '../public/client-rate-limit.js';
import { RangeParams, RangeResponse } from './range.schema.js';

/** Look-ups a minute per client address (anonymous) or per API key / user. */
export const RANGE_PER_MINUTE = 600;

/** The prefix as upper-case hex, or a 400 that says what is wrong with it. */
function validPrefix(prefix: string): string {
  if (prefix.length !== PREFIX_LENGTH)
    throw invalidInput(
      'invalid_range_prefix',
      `prefix: send exactly ${String(PREFIX_LENGTH)} hexadecimal digits of the SHA-256 of the normalised value; got ${String(prefix.length)} characters`,
    );
  if (!/^[0-9a-fA-F]+$/.test(prefix))
    throw invalidInput(
      'invalid_range_prefix',
      'prefix: only hexadecimal digits 0-9 and A-F (either case) are allowed',
    );
  return prefix.toUpperCase();
}

function validKind(kind: string): RangeKind {
  if (!Object.hasOwn(RANGE_KINDS, kind))
    throw invalidInput(
      'invalid_range_kind',
      `kind: use ${Object.keys(RANGE_KINDS).join(', ')}; got ${kind.slice(0, 40)}`,
    );
  return kind as RangeKind;
}

/**
 * `GET /api/v1/range/{kind}/{prefix}`: k-anonymous look-ups in compromised/victim sets. Anonymous
 * callers reach public sets; a key reaches what its organisation may see. Never audited per value:
 * the prefix is all the server learns, and it is kept nowhere.
 */
export function rangeRoutes(ctx: AppContext, limit = new ClientRateLimit(RANGE_PER_MINUTE)) {
  return (app: FastifyInstance) => {
    app.withTypeProvider<ZodTypeProvider>().get(
      '/api/v1/range/:kind/:prefix',
      {
        schema: {
          tags: ['range'],
          description:
            'k-anonymous look-up: every SHA-256 suffix in the bucket of `prefix` (first 5 hex digits) among e-mail addresses, IPs or domains of the compromised/victim sets the caller may see (public ones without a key), padded with random decoys so the bucket size stays hidden. 600 look-ups a minute per key or address.',
          params: RangeParams,
          response: { 200: RangeResponse },
          security: [{}, { bearer: [] }],
        },
      },
      async (request) => {
        const v = request.viewer;
        limit.take(v.kind === 'user' ? (v.keyId ?? `user:${v.userId}`) : `ip:${request.ip}`);
        const kind = validKind(request.params.kind);
        const prefix = validPrefix(request.params.prefix);
        return rangeLookup(ctx.store, v, kind, prefix);
      },
    );
  };
}
