import { backoffMs, retryAfterMs, sleep } from '../net/retry.js';
/** How a feed fetch retries and what it sends. */
export interface FetchOptions {
  /** Validators from the previous run, sent as If-None-Match / If-Modified-Since. */
  etag?: string | undefined;
  lastModified?: string | undefined;
  headers?: Readonly<Record<string, string>> | undefined;
  /** Attempts on 429, 5xx and network errors, the first included. */
  attempts?: number;
  /** First back-off delay, doubled after each failure up to `maxDelayMs` (Retry-After wins). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  timeoutMs?: number;
  /** The largest body read; a bigger one fails the fetch rather than filling memory. */
  maxBytes?: number;
  signal?: AbortSignal | undefined;
}

export type FetchResult =
  | { status: 'not-modified' }
  | { status: 'not-found' }
  | { status: 'ok'; body: string; etag?: string; lastModified?: string };

/** A fetch that failed for good: a 4xx other than 404/429, or every attempt used up. */
export class FeedFetchError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'FeedFetchError';
  }
}

async function readBody(response: Response, maxBytes: number, url: string): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > maxBytes)
    throw new FeedFetchError(`${url}: ${declared} bytes is over the ${maxBytes}-byte limit`);
  if (response.body === null) return '';
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    total += chunk.byteLength;
    if (total > maxBytes) throw new FeedFetchError(`${url}: body is over the ${maxBytes}-byte limit`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * GETs a feed URL with conditional headers and bounded retries with exponential back-off on 429,
 * 5xx and network errors (Retry-After honoured). 304 and 404 are answers, not failures.
 */
export async function fetchFeed(url: string, options: FetchOptions = {}): Promise<FetchResult> {
  const attempts = Math.max(1, options.attempts ?? 4);
  const base = options.baseDelayMs ?? 1000;
  const cap = options.maxDelayMs ?? 60_000;
  const headers: Record<string, string> = {
    'user-agent': 'Accord feed client',
    ...(options.etag === undefined ? {} : { 'if-none-match': options.etag }),
    ...(options.lastModified === undefined ? {} : { 'if-modified-since': options.lastModified }),
    ...options.headers,
  };
  let last = '';
  let lastStatus: number | undefined;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    let wait = backoffMs(attempt, base, cap);
    try {
      const signals = [
        AbortSignal.timeout(options.timeoutMs ?? 120_000),
        ...(options.signal ? [options.signal] : []),
      ];
      const response = await fetch(url, { headers, signal: AbortSignal.any(signals), redirect: 'follow' });
      if (response.status === 304) return { status: 'not-modified' };
      if (response.status === 404) return { status: 'not-found' };
      if (response.ok) {
        const body = await readBody(response, options.maxBytes ?? 512 * 1024 * 1024, url);
        const etag = response.headers.get('etag');
        const lastModified = response.headers.get('last-modified');
        return {
          status: 'ok',
          body,
          ...(etag === null ? {} : { etag }),
          ...(lastModified === null ? {} : { lastModified }),
        };
      }
      lastStatus = response.status;
      last = `GET ${url}: ${response.status} ${response.statusText}`;
      await response.body?.cancel();
      if (response.status !== 429 && response.status < 500) throw new FeedFetchError(last, response.status);
      wait = Math.min(cap, retryAfterMs(response.headers) ?? wait);
    } catch (error) {
      if (error instanceof FeedFetchError) throw error;
      if (options.signal?.aborted === true) throw new FeedFetchError('aborted');
      lastStatus = undefined;
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : undefined;
      last = `GET ${url}: ${cause ?? (error instanceof Error ? error.message : String(error))}`;
    }
    if (attempt < attempts) await sleep(wait, options.signal, () => new FeedFetchError('aborted'));
  }
  throw new FeedFetchError(`${last} (gave up after ${attempts} attempts)`, lastStatus);
}
