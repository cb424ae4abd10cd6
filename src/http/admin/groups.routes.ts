import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  addGroupMember,
  createSharingGroup,
  getSharingGroup,
  listSharingGroups,
  removeGroupMember,
  updateSharingGroup,
} from '../../admin/sharing-groups.js';
import type { AppContext } from '../app-context.js';
import { requireUser } from '../plugins/viewer.js';
import {
  GroupBody,
  GroupPatchBody,
  IdParams,
  MemberBody,
  MemberParams,
  SharingGroup,
  items,
} from './admin.schema.js';
import { presentGroup } from './present-admin.js';

/** `/api/v1/groups`: members see their groups; the owner's org-admin (or an administrator) changes them. */
export function groupsRoutes(ctx: AppContext) {
  return (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const store = ctx.store;
    const tags = ['admin'];

    r.get('/api/v1/groups', { schema: { tags, response: { 200: items(SharingGroup) } } }, async (request) => {
      const groups = await listSharingGroups(store.db, requireUser(request));
      return { items: groups.map(presentGroup) };
    });

    r.get(
      '/api/v1/groups/:id',
      { schema: { tags, params: IdParams, response: { 200: SharingGroup } } },
      async (request) =>
        presentGroup(await getSharingGroup(store.db, requireUser(request), request.params.id)),
    );

    r.post(
      '/api/v1/groups',
      { schema: { tags, body: GroupBody, response: { 201: SharingGroup } } },
      async (request, reply) => {
        const { name, description, owner_org } = request.body;
        const group = await createSharingGroup(store, requireUser(request), {
          name,
          description,
          ownerOrg: owner_org,
        });
        return reply.status(201).send(presentGroup(group));
      },
    );

    r.patch(
      '/api/v1/groups/:id',
      { schema: { tags, params: IdParams, body: GroupPatchBody, response: { 200: SharingGroup } } },
      async (request) => {
        const { name, description } = request.body;
        const group = await updateSharingGroup(store, requireUser(request), request.params.id, {
          name,
          description,
        });
        return presentGroup(group);
      },
    );

    r.post(
      '/api/v1/groups/:id/members',
      { schema: { tags, params: IdParams, body: MemberBody, response: { 200: SharingGroup } } },
      async (request) => {
        const viewer = requireUser(request);
        return presentGroup(await addGroupMember(store, viewer, request.params.id, request.body.org_id));
      },
    );

    r.delete(
      '/api/v1/groups/:id/members/:orgId',
      { schema: { tags, params: MemberParams, response: { 200: SharingGroup } } },
      async (request) => {
        const viewer = requireUser(request);
        const { id, orgId } = request.params;
        return presentGroup(await removeGroupMember(store, viewer, id, orgId));
      },
    );
  };
}
