import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { createUser, disableUser, enableUser, listUsers } from '../../admin/users.js';
import type { AppContext } from '../app-context.js';
import { requireUser } from '../plugins/viewer.js';
import { IdParams, User, UserBody, UsersQuery, items } from './admin.schema.js';
import { auditDenied } from './audit-denied.js';
import { presentUser } from './present-admin.js';

/** `/api/v1/users`: administrators manage everyone, an org-admin the users of their organisation. */
export function usersRoutes(ctx: AppContext) {
  return (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const store = ctx.store;
    const tags = ['admin'];

    r.get(
      '/api/v1/users',
      { schema: { tags, querystring: UsersQuery, response: { 200: items(User) } } },
      async (request) => {
        const viewer = requireUser(request);
        const org = request.query.org ?? viewer.orgId;
        const users = await auditDenied(store, viewer, { action: 'user.list', target: org }, () =>
          listUsers(store, viewer, org),
        );
        return { items: users.map(presentUser) };
      },
    );

    r.post(
      '/api/v1/users',
      { schema: { tags, body: UserBody, response: { 201: User } } },
      async (request, reply) => {
        const viewer = requireUser(request);
        const { email, name, org_id, role, password } = request.body;
        const user = await createUser(store, viewer, {
          email,
          name,
          orgId: org_id ?? viewer.orgId,
          role,
          password: password === undefined || password === '' ? undefined : password,
        });
        return reply.status(201).send(presentUser(user));
      },
    );

    for (const [verb, change] of [
      ['disable', disableUser],
      ['enable', enableUser],
    ] as const) {
      r.post(
        `/api/v1/users/:id/${verb}`,
        { schema: { tags, params: IdParams, response: { 200: User } } },
        async (request) => presentUser(await change(store, requireUser(request), request.params.id)),
      );
    }
  };
}
