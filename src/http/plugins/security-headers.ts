import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';
import type { HelmetOptions } from 'helmet';

/**
 * The response headers Helmet sets for `options`, worked out once. Helmet's middleware sets the same
 * fixed headers on every response (no nonces are configured); @fastify/helmet built that middleware
 * anew for every request (parsing the CSP directives each time), about a tenth of the server's CPU
 * for a request that does little else. Here Helmet runs once against a response that only records.
 */
export function securityHeaders(options: Readonly<HelmetOptions>): Record<string, string> {
  const headers = new Map<string, string>();
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers.set(name.toLowerCase(), Array.isArray(value) ? value.join(', ') : String(value));
    },
    removeHeader(name: string) {
      headers.delete(name.toLowerCase());
    },
  };
  let failed: unknown;
  helmet(options)({} as never, recorder as never, (error?: unknown) => {
    failed = error;
  });
  if (failed !== undefined) throw failed instanceof Error ? failed : new Error('security headers failed');
  return Object.fromEntries(headers);
}

/**
 * Every response carries Helmet's headers for `options`. Set on the reply before routing, so a route
 * that sends a stricter header of its own (the CSP of a rendered report) replaces the default.
 */
export function installSecurityHeaders(app: FastifyInstance, options: Readonly<HelmetOptions>): void {
  const headers = securityHeaders(options);
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
}
