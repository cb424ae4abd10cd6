import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../errors.js';
import { explainAudience } from '../../policy/audience.js';
import type { AudienceReport } from '../../policy/audience.js';
import { getVersion } from '../../store/objects/read-objects.js';
import type { AppContext } from '../app-context.js';
import { ObjectParams } from '../objects/objects.schema.js';
import { requireUser } from '../plugins/viewer.js';
import { explainedVersion, loadAudienceWorld } from './audience-world.js';

export const AudienceResponse = z.object({
  id: z.string(),
  owner_org: z.string(),
  distribution: z.string(),
  markings: z.object({ tlp: z.string().nullable(), pap: z.string().nullable() }),
  organisations: z.array(z.object({ id: z.string(), name: z.string(), reasons: z.array(z.string()) })),
  public: z.boolean(),
  constraints: z.array(z.string()),
});
export type AudienceResponse = z.infer<typeof AudienceResponse>;

export function presentAudience(report: AudienceReport): AudienceResponse {
  return {
    id: report.id,
    owner_org: report.ownerOrg,
    distribution: report.distribution,
    markings: { tlp: report.tlp, pap: report.pap },
    organisations: report.organisations,
    public: report.public,
    constraints: report.constraints,
  };
}

/**
 * `GET /api/v1/objects/:id/audience`: who can see the newest version the caller can see, and why.
 * Whoever cannot see any version gets the same 404 as for a missing object.
 */
export function audienceRoutes(ctx: AppContext) {
  return (app: FastifyInstance) => {
    app
      .withTypeProvider<ZodTypeProvider>()
      .get(
        '/api/v1/objects/:id/audience',
        { schema: { tags: ['objects'], params: ObjectParams, response: { 200: AudienceResponse } } },
        async (request) => {
          const viewer = requireUser(request);
          const version = await getVersion(ctx.store.db, viewer, request.params.id);
          if (version === undefined) throw notFound(`object ${request.params.id}`);
          const world = await loadAudienceWorld(ctx.store.db);
          return presentAudience(explainAudience(explainedVersion(version), world.orgs, world.groupName));
        },
      );
  };
}
