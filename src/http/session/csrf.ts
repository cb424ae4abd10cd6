import type { FastifyRequest } from 'fastify';
import { forbidden } from '../../errors.js';

/** The header the web UI sends on every request; a cross-site form or image can never set it. */
export const CSRF_HEADER = 'x-accord-csrf';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Cookie-authenticated writes must carry the CSRF header (SameSite=Strict is the second wall). */
export function assertCsrfHeader(request: FastifyRequest): void {
  if (SAFE.has(request.method)) return;
  if (request.headers[CSRF_HEADER] !== '1')
    throw forbidden(
      `cookie-authenticated ${request.method} requests need the ${CSRF_HEADER}: 1 header`,
      'csrf_required',
    );
}

/** True when the browser reached us over TLS, directly or through a proxy that says so. */
export function isSecureRequest(request: FastifyRequest): boolean {
  const forwarded = request.headers['x-forwarded-proto'];
  const proto = Array.isArray(forwarded) ? forwarded[0] : forwarded;
  return request.protocol === 'https' || proto?.split(',')[0]?.trim() === 'https';
}
