import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { createApiKey, listApiKeys, revokeApiKey } from '../../auth/api-keys.js';
import type { AppContext } from '../app-context.js';
import { requireUser } from '../plugins/viewer.js';
import { ApiKey, CreatedKey, IdParams, KeyBody, items } from './admin.schema.js';
import { auditDenied } from './audit-denied.js';
import { presentKey } from './present-admin.js';

/** API keys: everyone manages their own; org-admins those of their users; administrators all. */
export function keysRoutes(ctx: AppContext) {
  return (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const store = ctx.store;
    const tags = ['admin'];

    r.get('/api/v1/keys', { schema: { tags, response: { 200: items(ApiKey) } } }, async (request) => {
      const viewer = requireUser(request);
      return { items: (await listApiKeys(store, viewer, viewer.userId)).map(presentKey) };
    });

    r.get(
      '/api/v1/users/:id/keys',
      { schema: { tags, params: IdParams, response: { 200: items(ApiKey) } } },
      async (request) => {
        const viewer = requireUser(request);
        const keys = await auditDenied(store, viewer, { action: 'key.list', target: request.params.id }, () =>
          listApiKeys(store, viewer, request.params.id),
        );
        return { items: keys.map(presentKey) };
      },
    );

    r.post(
      '/api/v1/keys',
      {
        schema: {
          tags,
          description: 'Creates an API key; the plaintext `key` is in this response only, never again.',
          body: KeyBody,
          response: { 201: CreatedKey },
        },
      },
      async (request, reply) => {
        const viewer = requireUser(request);
        const body = request.body;
        const created = await createApiKey(store, viewer, body.user_id ?? viewer.userId, {
          name: body.name,
          readOnly: body.read_only,
          expiresAt: body.expires_at,
        });
        void reply.header('cache-control', 'no-store');
        return reply.status(201).send({ key: created.key, record: presentKey(created.record) });
      },
    );

    r.delete(
      '/api/v1/keys/:id',
      { schema: { tags, params: IdParams, response: { 200: ApiKey } } },
      async (request) => presentKey(await revokeApiKey(store, requireUser(request), request.params.id)),
    );
  };
}
