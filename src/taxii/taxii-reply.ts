import type { FastifyReply } from 'fastify';
import type { StoredVersion } from '../store/objects/read-objects.js';

/** Sends a TAXII resource with its media type and, for pages of objects, the date-added headers. */
export function taxiiReply(
  reply: FastifyReply,
  mediaType: string,
  body: unknown,
  page?: readonly StoredVersion[],
  status = 200,
): FastifyReply {
  reply.status(status).type(mediaType);
  const first = page?.[0];
  const last = page?.at(-1);
  if (first !== undefined && last !== undefined) {
    reply.header('X-TAXII-Date-Added-First', first.dateAdded);
    reply.header('X-TAXII-Date-Added-Last', last.dateAdded);
  }
  return reply.send(body);
}

/** The `more`/`next` part of an envelope, manifest or versions resource. */
export function paging(page: { more: boolean; next?: string }): { more: boolean; next?: string } {
  return page.next === undefined ? { more: page.more } : { more: page.more, next: page.next };
}
