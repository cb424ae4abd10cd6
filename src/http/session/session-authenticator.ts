import type { FastifyRequest } from 'fastify';
import { viewerForUser } from '../../auth/index.js';
import type { UserViewer } from '../../policy/viewer.js';
import type { Store } from '../../store/store.js';
import { SESSION_COOKIE, parseCookies } from './cookies.js';
import { assertCsrfHeader } from './csrf.js';
import { sessionSecret } from './session-secret.js';
import { verifySession } from './session-token.js';

/**
 * The `session` hook of the store authenticator: a valid cookie becomes the user's viewer, rebuilt
 * from the store on every request so a disabled user or a changed group membership takes effect at
 * once. Unsafe methods authenticated by cookie must carry the CSRF header. Pass it as
 * `storeAuthenticator(store, sessionAuthenticator(store))`.
 */
export function sessionAuthenticator(store: Store): (request: FastifyRequest) => Promise<UserViewer | null> {
  return async (request) => {
    const token = parseCookies(request.headers.cookie).get(SESSION_COOKIE);
    if (token === undefined || token === '') return null;
    const userId = await verifySession(await sessionSecret(store), token);
    if (userId === null) return null;
    const viewer = await viewerForUser(store, userId);
    if (viewer === null) return null;
    assertCsrfHeader(request);
    return viewer;
  };
}
