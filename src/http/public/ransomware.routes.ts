import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { notFound } from '../../errors.js';
import {
  GENERAL_ADVICE,
  GENERAL_ADVICE_EN,
  reportingContactFor,
  reportingContacts,
} from '../../public/ransomware/advice.js';
import { identifyRansomware } from '../../public/ransomware/identify-ransomware.js';
import { countIdentification } from '../../public/ransomware/identify-counts.js';
import { loadRansomwareDatabase } from '../../public/ransomware/ransomware-database.js';
import type { Store } from '../../store/store.js';
import type { AppContext } from '../app-context.js';
import { ClientRateLimit } from './client-rate-limit.js';
import {
  AdviceQuery,
  AdviceResponse,
  FamilyParams,
  FamilyResponse,
  IdentifyBody,
  IdentifyResponse,
} from './ransomware.schema.js';

/** Identifications per minute per client address. */
export const IDENTIFY_PER_MINUTE = 30;

const general = () => GENERAL_ADVICE.map((key) => ({ key, text: GENERAL_ADVICE_EN[key] }));

async function advice(store: Store, country: string | undefined) {
  return { general: general(), reporting_contact: await reportingContactFor(store, country) };
}

/**
 * The public ransomware endpoints, open to anyone without an account. The evidence of an
 * identification is neither stored nor logged unless the visitor sets `share`.
 */
export function publicRansomwareRoutes(ctx: AppContext, limit = new ClientRateLimit(IDENTIFY_PER_MINUTE)) {
  return (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.post(
      '/api/v1/public/ransomware/identify',
      {
        schema: {
          tags: ['public'],
          security: [],
          description:
            'Identify a ransomware family from what a victim sees: encrypted file names, the note (name, text), contacts, the first bytes of an encrypted file. Anonymous and rate-limited; nothing of the input is stored or logged unless `share` is true (only a count per day and outcome).',
          body: IdentifyBody,
          response: { 200: IdentifyResponse },
        },
      },
      async (request) => {
        limit.take(request.ip);
        const e = request.body;
        const result = await identifyRansomware(ctx.store, e);
        await countIdentification(ctx.store, result);
        let shareId: string | undefined;
        if (e.share) {
          shareId = randomUUID();
          const row = {
            id: shareId,
            created: new Date().toISOString(),
            evidence: JSON.stringify({ ...e, share: undefined, country: undefined }),
            result: JSON.stringify({ status: result.status, candidates: result.candidates.slice(0, 3) }),
          };
          await ctx.store.writeTransaction((trx) =>
            trx.insertInto('public_ransomware_shares').values(row).execute(),
          );
        }
        return {
          ...result,
          advice: await advice(ctx.store, e.country),
          ...(shareId === undefined ? {} : { share_id: shareId }),
        };
      },
    );
    r.get(
      '/api/v1/public/ransomware/families/:uuid',
      {
        schema: {
          tags: ['public'],
          security: [],
          description:
            'One ransomware family of the database in force, with its decryptor if a free one is known.',
          params: FamilyParams,
          response: { 200: FamilyResponse },
        },
      },
      async (request) => {
        const loaded = await loadRansomwareDatabase(ctx.store);
        const i = loaded.index.byUuid.get(request.params.uuid.toLowerCase());
        if (i === undefined) throw notFound(`ransomware family ${request.params.uuid}`);
        const family = loaded.index.families[i]!;
        return { family, decryptor: loaded.tables.decryptors.get(family.galaxy_uuid) ?? null };
      },
    );
    r.get(
      '/api/v1/public/ransomware/advice',
      {
        schema: {
          tags: ['public'],
          security: [],
          description: 'General advice for ransomware victims and where to report, per country.',
          querystring: AdviceQuery,
          response: { 200: AdviceResponse },
        },
      },
      async (request) => ({
        ...(await advice(ctx.store, request.query.country)),
        reporting_contacts: await reportingContacts(ctx.store),
      }),
    );
  };
}
