import type { FastifyReply } from 'fastify';
/** A listed version: its date added dates the page (`X-TAXII-Date-Added-First` / `-Last`). */
interface Dated {
  dateAdded: string;
}

/** Sends a TAXII resource with its media type and, for pages of objects, the date-added headers. */
export function taxiiReply(
  reply: FastifyReply,
  mediaType: string,
  body: unknown,
  page?: readonly Dated[],
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

/**
 * Sends an envelope of objects already presented as JSON text (`presentTexts`): the body is built by
 * joining the texts, which is what serialising `{ more, next?, objects? }` would give, without
 * parsing or serialising the objects again.
 */
export function taxiiEnvelopeReply(
  reply: FastifyReply,
  mediaType: string,
  page: { more: boolean; next?: string; versions: readonly Dated[] },
  texts: readonly string[],
): FastifyReply {
  const head = JSON.stringify(paging(page));
  const body = texts.length === 0 ? head : `${head.slice(0, -1)},"objects":[${texts.join(',')}]}`;
  // As bytes: encoded once, where a string would be measured for Content-Length and then encoded.
  return taxiiReply(reply, mediaType, Buffer.from(body), page.versions);
}

/** The `more`/`next` part of an envelope, manifest or versions resource. */
export function paging(page: { more: boolean; next?: string }): { more: boolean; next?: string } {
  return page.next === undefined ? { more: page.more } : { more: page.more, next: page.next };
}
