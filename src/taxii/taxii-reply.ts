import { Readable } from 'node:stream';
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
 * Sends an envelope of objects already presented as JSON text (`presentTexts`): the body is the
 * texts joined, which is what serialising `{ more, next?, objects? }` would give, without parsing or
 * serialising the objects again. It goes out as a stream of its chunks (`envelopeChunks`) with its
 * length set, so the stored-text arena's slices are written to the socket as they are: copying a
 * 250 KB page into a fresh buffer cost about a fifth of the server's CPU per page (fresh memory
 * is page-faulted in, then unmapped again), more than everything else Accord does for it.
 */
export function taxiiEnvelopeReply(
  reply: FastifyReply,
  mediaType: string,
  page: { more: boolean; next?: string; versions: readonly Dated[] },
  texts: readonly (string | Buffer)[],
): FastifyReply {
  const head = JSON.stringify(paging(page));
  if (texts.length === 0) return taxiiReply(reply, mediaType, Buffer.from(head), page.versions);
  const chunks = envelopeChunks(head.slice(0, -1), texts);
  let length = 0;
  for (const chunk of chunks) length += chunk.length;
  reply.header('content-length', length);
  return taxiiReply(reply, mediaType, Readable.from(chunks, { objectMode: false }), page.versions);
}

const COMMA = 44;
const OBJECTS = ',"objects":[';
/** A piece of bytes this long goes out as it is; shorter pieces and strings are joined into one chunk. */
const ALONE = 16 * 1024;

/**
 * `${open},"objects":[${texts.join(',')}]}` as UTF-8 byte chunks, in order. Texts held as long UTF-8
 * byte slices (the stored-text cache's runs) are chunks of their own, not copied; everything
 * between them (the envelope's head, commas, strings, short slices) is written into one buffer.
 */
export function envelopeChunks(open: string, texts: readonly (string | Buffer)[]): Buffer[] {
  const chunks: Buffer[] = [];
  let run: Array<string | Buffer> = [open + OBJECTS];
  for (const [i, text] of texts.entries()) {
    if (i > 0) run.push(',');
    if (typeof text !== 'string' && text.length >= ALONE) {
      chunks.push(joined(run), text);
      run = [];
    } else run.push(text);
  }
  run.push(']}');
  // Never an empty chunk: a run always holds the head or a comma.
  chunks.push(joined(run));
  return chunks;
}

/** The pieces written one after another into one buffer of exactly their size. */
function joined(pieces: readonly (string | Buffer)[]): Buffer {
  let size = 0;
  for (const piece of pieces) size += typeof piece === 'string' ? Buffer.byteLength(piece) : piece.length;
  const bytes = Buffer.allocUnsafe(size);
  let at = 0;
  for (const piece of pieces) {
    if (piece === ',') bytes[at++] = COMMA;
    else if (typeof piece === 'string') at += bytes.write(piece, at);
    else {
      // TypedArray#set: Buffer#copy's argument checks cost more than the copy for a text this size.
      bytes.set(piece, at);
      at += piece.length;
    }
  }
  // Exactly `size` bytes were written; the check guards against a miscount leaking uninitialised memory.
  if (at !== size) throw new Error(`envelope chunk is ${at} bytes, expected ${size}`);
  return bytes;
}

/** The `more`/`next` part of an envelope, manifest or versions resource. */
export function paging(page: { more: boolean; next?: string }): { more: boolean; next?: string } {
  return page.next === undefined ? { more: page.more } : { more: page.more, next: page.next };
}
