import type { FastifyInstance, FastifyRequest } from 'fastify';
import { unauthorized } from '../../errors.js';
import { ANONYMOUS } from '../../policy/viewer.js';
import type { UserViewer, Viewer } from '../../policy/viewer.js';

declare module 'fastify' {
  interface FastifyRequest {
    viewer: Viewer;
  }
}

/** How the HTTP face turns credentials into a viewer; implemented by src/auth. */
export interface Authenticator {
  bearer(key: string): Promise<UserViewer | null>;
  basic(email: string, key: string): Promise<UserViewer | null>;
  /** Web sessions (cookie); returns null when absent or invalid. */
  session?(request: FastifyRequest): Promise<UserViewer | null>;
}

function parseBasic(value: string): { user: string; secret: string } | null {
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : { user: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

/**
 * Resolves every request's viewer before routing: a Bearer API key, Basic auth (e-mail + API key, for
 * TAXII clients), `?token=` for appliances on feed URLs, a web session, or anonymous. Wrong
 * credentials are a 401, never a silent fall-back to anonymous.
 */
export function installViewer(app: FastifyInstance, auth: Authenticator): void {
  // Fastify 5 forbids object defaults on decorators; the hook sets a viewer on every request.
  app.decorateRequest('viewer', null as unknown as UserViewer);
  app.addHook('onRequest', async (request) => {
    request.viewer = ANONYMOUS;
    const header = request.headers.authorization;
    if (header !== undefined) {
      const [scheme, value = ''] = header.split(/\s+/, 2);
      if (scheme?.toLowerCase() === 'bearer') {
        const viewer = await auth.bearer(value);
        if (viewer === null) throw unauthorized('invalid, expired or revoked API key');
        request.viewer = viewer;
        return;
      }
      if (scheme?.toLowerCase() === 'basic') {
        const creds = parseBasic(value);
        const viewer = creds === null ? null : await auth.basic(creds.user, creds.secret);
        if (viewer === null) throw unauthorized('invalid e-mail or API key');
        request.viewer = viewer;
        return;
      }
      throw unauthorized(`unsupported authorization scheme ${scheme ?? ''}; use Bearer <API key>`);
    }
    const token = (request.query as Record<string, unknown> | undefined)?.token;
    if (typeof token === 'string' && request.url.startsWith('/feeds/')) {
      const viewer = await auth.bearer(token);
      if (viewer === null) throw unauthorized('invalid, expired or revoked API key in ?token=');
      request.viewer = viewer;
      return;
    }
    const session = await auth.session?.(request);
    if (session !== undefined && session !== null) request.viewer = session;
  });
}

/** The signed-in user, or a 401 for anonymous callers. */
export function requireUser(request: FastifyRequest): UserViewer {
  if (request.viewer.kind !== 'user') throw unauthorized();
  return request.viewer;
}
