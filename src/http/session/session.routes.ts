import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { verifyPassword } from '../../admin/users.js';
import { appendAudit } from '../../audit/index.js';
import { AccordError, unauthorized } from '../../errors.js';
import type { UserViewer } from '../../policy/viewer.js';
import type { Store } from '../../store/store.js';
import type { AppContext } from '../app-context.js';
import { requireUser } from '../plugins/viewer.js';
import { sessionCookie } from './cookies.js';
import { assertCsrfHeader, isSecureRequest } from './csrf.js';
import { sessionInfo } from './session-info.js';
import { sessionSecret } from './session-secret.js';
import { SESSION_SECONDS, signSession } from './session-token.js';
import { SessionInfo, SignInBody } from './session.schema.js';
import { SignInLimiter } from './sign-in-limiter.js';

/** Sign-in is audited by `verifyPassword`; sign-out is recorded here. */
async function auditLogout(store: Store, viewer: UserViewer): Promise<void> {
  await store.writeTransaction((trx) =>
    appendAudit(trx, {
      actor: viewer.userId,
      actorOrg: viewer.orgId,
      action: 'logout',
      target: viewer.email,
      outcome: 'ok',
      details: { method: 'session' },
    }),
  );
}

const cookieFor = (request: FastifyRequest, token: string, maxAgeSeconds: number) =>
  sessionCookie(token, { maxAgeSeconds, secure: isSecureRequest(request) });

/** `/api/v1/session`: sign in with e-mail and password (cookie session), who am I, sign out. */
export function sessionRoutes(ctx: AppContext, limiter = new SignInLimiter()) {
  return (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const store = ctx.store;

    r.post(
      '/api/v1/session',
      { schema: { tags: ['session'], body: SignInBody, response: { 200: SessionInfo }, security: [] } },
      async (request, reply) => {
        // The header also stops login CSRF (a forged form signing the victim into our account).
        assertCsrfHeader(request);
        const { email, password } = request.body;
        if (!limiter.allow(request.ip, email))
          throw new AccordError('rate_limited', 429, 'too many sign-in attempts; wait a few minutes');
        const viewer = await verifyPassword(store, email, password);
        if (viewer === null) {
          limiter.failed(email);
          throw unauthorized('wrong e-mail or password, or the account is disabled');
        }
        limiter.succeeded(email);
        const token = await signSession(await sessionSecret(store), viewer.userId);
        void reply.header('set-cookie', cookieFor(request, token, SESSION_SECONDS));
        void reply.header('cache-control', 'no-store');
        return sessionInfo(store, viewer);
      },
    );

    r.get(
      '/api/v1/session',
      { schema: { tags: ['session'], response: { 200: SessionInfo } } },
      async (request, reply) => {
        void reply.header('cache-control', 'no-store');
        return sessionInfo(store, requireUser(request));
      },
    );

    r.delete('/api/v1/session', { schema: { tags: ['session'] } }, async (request, reply) => {
      const viewer = request.viewer;
      if (viewer.kind === 'user') await auditLogout(store, viewer);
      void reply.header('set-cookie', cookieFor(request, '', 0));
      return reply.status(204).send();
    });
  };
}
