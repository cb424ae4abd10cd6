import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  createOrganisation,
  getOrganisation,
  listOrganisations,
  updateOrganisation,
} from '../../admin/organisations.js';
import type { OrganisationPatch } from '../../admin/organisation-input.js';
import type { AppContext } from '../app-context.js';
import { requireUser } from '../plugins/viewer.js';
import { IdParams, Organisation, OrganisationBody, OrganisationPatchBody, items } from './admin.schema.js';
import { presentOrganisation } from './present-admin.js';
import { publishIdentity } from './publish-identity.js';

function toPatch(body: OrganisationPatchBody): OrganisationPatch {
  return {
    ...(body.name === undefined ? {} : { name: body.name }),
    ...(body.kind === undefined ? {} : { kind: body.kind }),
    ...(body.sector === undefined ? {} : { sector: body.sector }),
    ...(body.country === undefined ? {} : { country: body.country }),
    ...(body.default_distribution === undefined ? {} : { defaultDistribution: body.default_distribution }),
    ...(body.default_tlp === undefined ? {} : { defaultTlp: body.default_tlp }),
  };
}

/** `/api/v1/organisations`: every member may list them; administrators create; org-admins edit their own. */
export function organisationsRoutes(ctx: AppContext) {
  return (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const store = ctx.store;
    const tags = ['admin'];

    r.get(
      '/api/v1/organisations',
      { schema: { tags, response: { 200: items(Organisation) } } },
      async (request) => {
        requireUser(request);
        return { items: (await listOrganisations(store.db)).map(presentOrganisation) };
      },
    );

    r.get(
      '/api/v1/organisations/:id',
      { schema: { tags, params: IdParams, response: { 200: Organisation } } },
      async (request) => {
        requireUser(request);
        return presentOrganisation(await getOrganisation(store.db, request.params.id));
      },
    );

    r.post(
      '/api/v1/organisations',
      { schema: { tags, body: OrganisationBody, response: { 201: Organisation } } },
      async (request, reply) => {
        const viewer = requireUser(request);
        const body = request.body;
        const org = await createOrganisation(store, viewer, {
          name: body.name,
          kind: body.kind,
          sector: body.sector,
          country: body.country,
          defaultDistribution: body.default_distribution,
          defaultTlp: body.default_tlp,
        });
        await publishIdentity(store, viewer, org);
        return reply.status(201).send(presentOrganisation(org));
      },
    );

    r.patch(
      '/api/v1/organisations/:id',
      { schema: { tags, params: IdParams, body: OrganisationPatchBody, response: { 200: Organisation } } },
      async (request) => {
        const viewer = requireUser(request);
        const before = await getOrganisation(store.db, request.params.id);
        const org = await updateOrganisation(store, viewer, request.params.id, toPatch(request.body));
        // Defaults are Accord's business; a new identity version only when what it says changed.
        const identityChanged = (['name', 'kind', 'sector', 'country'] as const).some(
          (k) => before[k] !== org[k],
        );
        if (identityChanged) await publishIdentity(store, viewer, org, new Date().toISOString());
        return presentOrganisation(org);
      },
    );
  };
}
