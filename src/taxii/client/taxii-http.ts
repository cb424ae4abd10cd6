import { backoffMs, retryAfterMs, sleep } from '../../net/retry.js';
import { TAXII_MEDIA_TYPE } from '../media-types.js';

export type TaxiiAuth =
  { kind: 'none' } | { kind: 'bearer'; key: string } | { kind: 'basic'; user: string; password: string };

export interface TaxiiHttpOptions {
  /** The API root URL, e.g. https://intel.example.org/taxii2/api/ */
  apiRoot: string;
  auth: TaxiiAuth;
  /** Attempts per request on 429, 5xx and network errors (the first one included). */
  attempts?: number;
  /** First back-off delay; doubled after every failure, capped at `maxDelayMs`. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface TaxiiResponse<T> {
  status: number;
  headers: Headers;
  body: T;
}

/** A request that failed for good: a 4xx, or a 429/5xx/network error after every attempt. */
export class TaxiiClientError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
  ) {
    super(message);
    this.name = 'TaxiiClientError';
  }
}

async function errorText(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { title?: unknown; description?: unknown };
    if (typeof body.title === 'string') return body.title;
  } catch {
    // not a TAXII error message; fall through to the raw text
  }
  return text.slice(0, 200) || response.statusText;
}

/**
 * A small TAXII 2.1 HTTP client on Node's `fetch`: the right media types and credentials on every
 * request, and bounded retries with exponential back-off (honouring Retry-After) on 429, 5xx and
 * network errors. Other errors fail at once with the server's TAXII error title.
 */
export class TaxiiHttp {
  readonly apiRoot: string;
  private readonly attempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly timeoutMs: number;

  constructor(private readonly options: TaxiiHttpOptions) {
    this.apiRoot = options.apiRoot.endsWith('/') ? options.apiRoot : `${options.apiRoot}/`;
    this.attempts = Math.max(1, options.attempts ?? 5);
    this.baseDelayMs = options.baseDelayMs ?? 500;
    this.maxDelayMs = options.maxDelayMs ?? 30_000;
    this.timeoutMs = options.timeoutMs ?? 120_000;
  }

  url(path: string, query: Record<string, string | undefined> = {}): string {
    const url = new URL(path, this.apiRoot);
    for (const [key, value] of Object.entries(query))
      if (value !== undefined) url.searchParams.set(key, value);
    return url.toString();
  }

  get<T>(path: string, query: Record<string, string | undefined> = {}): Promise<TaxiiResponse<T>> {
    return this.request<T>('GET', this.url(path, query));
  }

  post<T>(path: string, body: string): Promise<TaxiiResponse<T>> {
    return this.request<T>('POST', this.url(path), body);
  }

  private headers(hasBody: boolean): Record<string, string> {
    const auth = this.options.auth;
    return {
      accept: TAXII_MEDIA_TYPE,
      ...(hasBody ? { 'content-type': TAXII_MEDIA_TYPE } : {}),
      ...(auth.kind === 'bearer' ? { authorization: `Bearer ${auth.key}` } : {}),
      ...(auth.kind === 'basic'
        ? { authorization: `Basic ${Buffer.from(`${auth.user}:${auth.password}`).toString('base64')}` }
        : {}),
    };
  }

  private async request<T>(method: string, url: string, body?: string): Promise<TaxiiResponse<T>> {
    let lastError = '';
    let lastStatus: number | undefined;
    for (let attempt = 1; attempt <= this.attempts; attempt++) {
      let wait = backoffMs(attempt, this.baseDelayMs, this.maxDelayMs);
      try {
        const signals = [
          AbortSignal.timeout(this.timeoutMs),
          ...(this.options.signal ? [this.options.signal] : []),
        ];
        const response = await fetch(url, {
          method,
          headers: this.headers(body !== undefined),
          ...(body === undefined ? {} : { body }),
          signal: AbortSignal.any(signals),
        });
        if (response.ok) {
          const text = await response.text();
          return {
            status: response.status,
            headers: response.headers,
            body: (text === '' ? {} : JSON.parse(text)) as T,
          };
        }
        lastStatus = response.status;
        lastError = `${method} ${url}: ${response.status} ${await errorText(response)}`;
        if (response.status !== 429 && response.status < 500)
          throw new TaxiiClientError(lastError, response.status);
        wait = Math.min(this.maxDelayMs, retryAfterMs(response.headers) ?? wait);
      } catch (error) {
        if (error instanceof TaxiiClientError) throw error;
        if (this.options.signal?.aborted === true) throw new TaxiiClientError('aborted', undefined);
        lastStatus = undefined;
        lastError = `${method} ${url}: ${error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error)}`;
      }
      if (attempt < this.attempts)
        await sleep(wait, this.options.signal, () => new TaxiiClientError('aborted', undefined));
    }
    throw new TaxiiClientError(`${lastError} (gave up after ${this.attempts} attempts)`, lastStatus);
  }
}
