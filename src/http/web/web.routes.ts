import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, normalize, sep } from 'node:path';
import type { AppContext } from '../app-context.js';

/** `web/dist` beside the package root, from both `src/http/web` (tsx) and `dist/http/web` (built). */
export const WEB_DIST = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

/** Paths that belong to machine interfaces: they 404 as JSON, never fall back to the UI. */
const NOT_UI = /^\/(api|taxii2|feeds)(\/|$)/;

/** The file under `root` a URL path names, or undefined when it escapes `root` or is no file. */
export function staticFile(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  const relative = normalize(decoded).replace(/^([/\\])+/, '');
  if (relative === '' || relative.split(sep).includes('..') || relative.includes('\0')) return undefined;
  const full = join(root, relative);
  if (!full.startsWith(root)) return undefined;
  try {
    return statSync(full).isFile() ? relative : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Serves the built web UI at `/`: files from `web/dist` (hashed assets cached for a year), and
 * index.html for any other GET so client-side routes survive a reload. /api, /taxii2 and /feeds keep
 * their JSON 404s.
 */
export function webRoutes(_ctx: AppContext, root: string = WEB_DIST) {
  return async (app: FastifyInstance) => {
    await app.register(fastifyStatic, { root, serve: false });
    const handler = async (request: FastifyRequest, reply: FastifyReply) => {
      const path = request.url.split('?')[0] ?? '/';
      if (NOT_UI.test(path)) {
        reply.callNotFound();
        return reply;
      }
      if (!existsSync(join(root, 'index.html')))
        return reply
          .status(503)
          .send({ code: 'web_not_built', message: 'the web UI is not built: run `vite build web`' });
      const file = staticFile(root, path);
      if (file !== undefined && file !== 'index.html') {
        const immutable = file.startsWith(`assets${sep}`);
        return reply.sendFile(file, { maxAge: immutable ? 31_536_000_000 : 0, immutable });
      }
      void reply.header('cache-control', 'no-cache');
      return reply.sendFile('index.html', { maxAge: 0 });
    };
    app.get('/', { schema: { hide: true } }, handler);
    app.get('/*', { schema: { hide: true } }, handler);
  };
}
