import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { invalidInput } from '../../errors.js';
import { requireUser } from '../plugins/viewer.js';
import { committedHigh } from '../../stream/read-changes.js';
import { serveStream } from '../../stream/serve-stream.js';
import type { StreamEnd } from '../../stream/serve-stream.js';
import type { StreamEventKind } from '../../stream/stream-event.js';
import type { StreamFilter } from '../../stream/stream-filter.js';
import { StreamHub } from '../../stream/stream-hub.js';
import { openStreamBus } from '../../stream/open-stream-bus.js';
import { readableCollection } from '../../taxii/collection-access.js';
import type { AppContext } from '../app-context.js';
import { LastEventId, StreamQuery } from './stream.schema.js';

export interface StreamRouteOptions {
  heartbeatMs?: number;
  pollMs?: number;
  maxBufferedBytes?: number;
  pageSize?: number;
  /** Called with each stream's hub once built (tests and benches watch it). */
  onHub?: (hub: StreamHub) => void;
  /** Called when a client's stream ends, with how. */
  onStreamEnd?: (end: StreamEnd) => void;
}

const split = (value: string | undefined) => (value === undefined ? undefined : value.split(','));

/** `GET /stream`: Server-Sent Events of every change the caller may see, resumable by seq. */
export function streamRoutes(ctx: AppContext, options: StreamRouteOptions = {}) {
  return async (app: FastifyInstance) => {
    const bus = await openStreamBus(ctx.config, (error) => {
      app.log.warn({ err: error }, 'stream bus: a notice was lost; readers poll the store');
    });
    const hub = new StreamHub(ctx.store, bus, options.pollMs);
    options.onHub?.(hub);
    const open = new Set<AbortController>();
    app.addHook('onClose', async () => {
      for (const c of open) c.abort();
      await hub.close();
    });
    app.withTypeProvider<ZodTypeProvider>().get(
      '/stream',
      {
        schema: {
          tags: ['stream'],
          description:
            'Server-Sent Events (text/event-stream): each change the caller may see, in commit order, with the store sequence as its id — `version`, `revoked`, `deleted`, `removed` (a new version left the caller out) — plus `heartbeat` (its id is the scanned seq) and `cut-off` when the client reads too slowly. Reconnect with Last-Event-ID (or ?from=) to resume with no gap and no duplicate.',
          querystring: StreamQuery,
        },
      },
      async (request, reply) => {
        const viewer = requireUser(request);
        const q = request.query;
        const header = request.headers['last-event-id'];
        let after: number;
        if (header !== undefined) {
          const parsed = LastEventId.safeParse(Array.isArray(header) ? header[0] : header);
          if (!parsed.success)
            throw invalidInput('invalid_last_event_id', `Last-Event-ID: ${parsed.error.issues[0]!.message}`);
          after = Number.parseInt(parsed.data, 10);
        } else {
          after = q.from ?? (await committedHigh(ctx.store));
        }
        const filter: StreamFilter = {
          ...(q.kinds === undefined ? {} : { kinds: split(q.kinds) as StreamEventKind[] }),
          ...(q.types === undefined ? {} : { types: split(q.types)! }),
          ...(q.owners === undefined ? {} : { owners: split(q.owners)! }),
          ...(q.tlp === undefined ? {} : { tlps: split(q.tlp)! }),
          ...(q.collection === undefined
            ? {}
            : { collection: (await readableCollection(ctx.store.db, viewer, q.collection)).filter }),
        };
        const controller = new AbortController();
        open.add(controller);
        const res = reply.raw;
        reply.hijack();
        res.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache, no-transform',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        res.on('close', () => {
          controller.abort();
        });
        try {
          const end = await serveStream(
            hub,
            viewer,
            {
              write: (text) => {
                if (!res.destroyed) res.write(text);
              },
              buffered: () => res.writableLength,
              end: () => {
                if (res.destroyed) return;
                res.end();
                // A client that reads nothing never takes the last bytes: close its socket anyway.
                setTimeout(() => res.destroy(), 5000).unref();
              },
            },
            {
              after,
              filter,
              signal: controller.signal,
              ...(options.heartbeatMs === undefined ? {} : { heartbeatMs: options.heartbeatMs }),
              ...(options.maxBufferedBytes === undefined
                ? {}
                : { maxBufferedBytes: options.maxBufferedBytes }),
              ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }),
              onError: (error) => {
                request.log.error({ err: error }, 'stream read failed');
              },
            },
          );
          options.onStreamEnd?.(end);
        } finally {
          open.delete(controller);
        }
      },
    );
  };
}
