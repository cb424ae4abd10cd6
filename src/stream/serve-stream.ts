import type { Viewer } from '../policy/viewer.js';
import { DEFAULT_PAGE } from './read-changes.js';
import { markMatches, readFilterFor, userMatchers } from './subscriptions/stream-matches.js';
import type { StreamEvent } from './stream-event.js';
import { wantsKind } from './stream-filter.js';
import { sseEvent } from './sse-format.js';
import type { StreamFilter } from './stream-filter.js';
import type { StreamHub } from './stream-hub.js';

/** Where a stream writes: an HTTP response, or anything else that buffers text. */
export interface StreamSink {
  write(text: string): void;
  /** Bytes written but not yet taken by the peer (the response's and its socket's buffers). */
  buffered(): number;
  end(): void;
}

export interface ServeStreamOptions {
  /** The last seq the client has. */
  after: number;
  filter?: StreamFilter;
  heartbeatMs?: number;
  /** A client whose unread bytes pass this is cut off (never buffered without bound). */
  maxBufferedBytes?: number;
  pageSize?: number;
  signal: AbortSignal;
  onError?: (error: unknown) => void;
}

export type StreamEnd = 'closed' | 'cut-off' | 'error';

export const DEFAULT_HEARTBEAT_MS = 15_000;
export const DEFAULT_MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

/**
 * Follows the store for one viewer and writes each change as an SSE event whose id is its seq, until
 * the client goes away. Heartbeats carry the scanned seq as their id, so a reconnecting client does not
 * rescan what it was not shown. Reads from the store at its own pace: a client that does not keep up
 * is sent `cut-off` (with the seq to resume from) and closed.
 */
export async function serveStream(
  hub: StreamHub,
  viewer: Viewer,
  sink: StreamSink,
  options: ServeStreamOptions,
): Promise<StreamEnd> {
  const heartbeatMs = options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
  const maxBuffered = options.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES;
  const { signal } = options;
  // A function, so the check after an await is not narrowed away by the loop's condition.
  const gone = () => signal.aborted;
  let cursor = options.after;
  let delivered = options.after;
  let lastBeat = Date.now();
  const tooSlow = () => {
    const buffered = sink.buffered();
    if (buffered <= maxBuffered) return false;
    sink.write(
      sseEvent('cut-off', {
        reason: 'slow_consumer',
        message: `more than ${maxBuffered} bytes were waiting for this client; reconnect with Last-Event-ID to resume`,
        buffered,
        resume_from: delivered,
      }),
    );
    sink.end();
    return true;
  };
  const filter = options.filter ?? {};
  const readFilter = readFilterFor(filter);
  const matching = viewer.kind === 'user' && wantsKind(filter, 'match');
  sink.write(`retry: 2000\n\n${sseEvent('ready', { from: cursor }, cursor)}`);
  while (!signal.aborted) {
    const generation = hub.generation;
    let page;
    try {
      page = await hub.readPage(viewer, readFilter, cursor, options.pageSize ?? DEFAULT_PAGE, generation);
    } catch (error) {
      options.onError?.(error);
      sink.write(
        sseEvent('error', { message: 'the stream failed; reconnect to resume', resume_from: delivered }),
      );
      sink.end();
      return 'error';
    }
    if (gone()) break;
    let { events, text } = page;
    if (matching && events.some((e) => e.kind === 'version' || e.kind === 'revoked')) {
      // The shared page stays as read; this reader's own subscriptions mark their matches in a copy.
      let marked: StreamEvent[];
      try {
        marked = markMatches(events, await userMatchers(hub.store, viewer.userId), filter.kinds);
      } catch (error) {
        options.onError?.(error);
        marked =
          filter.kinds === undefined ? [...events] : events.filter((e) => filter.kinds!.includes(e.kind));
      }
      if (marked.some((e, i) => e !== events[i]) || marked.length !== events.length) {
        events = marked;
        text = marked.map((e) => sseEvent(e.kind, e, e.seq)).join('');
      }
    }
    if (events.length > 0) {
      sink.write(text);
      delivered = events.at(-1)!.seq;
      if (tooSlow()) return 'cut-off';
    }
    cursor = page.next;
    if (!page.caughtUp) continue;
    const sinceBeat = Date.now() - lastBeat;
    if (sinceBeat >= heartbeatMs) {
      sink.write(sseEvent('heartbeat', { seq: cursor }, cursor));
      delivered = cursor;
      lastBeat = Date.now();
      if (tooSlow()) return 'cut-off';
      continue;
    }
    await hub.waitForChange(generation, Math.min(hub.pollMs, heartbeatMs - sinceBeat), signal);
  }
  sink.end();
  return 'closed';
}
