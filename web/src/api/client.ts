/** A failed API call: the server's catalogue code and message, or a network failure. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Every request carries the CSRF header: the server refuses cookie-authenticated writes without it. */
export const CSRF_HEADERS = { 'x-accord-csrf': '1' } as const;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** Sent as is (a File or text), with this content type. */
  raw?: { body: Blob | string; type: string };
  signal?: AbortSignal;
}

async function errorOf(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as { code?: string; message?: string; details?: unknown };
    return new ApiError(
      response.status,
      body.code ?? 'error',
      body.message ?? response.statusText,
      body.details,
    );
  } catch {
    return new ApiError(response.status, 'error', response.statusText || `HTTP ${response.status}`);
  }
}

/** Calls the Accord API on this origin with the session cookie; JSON in, JSON out. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { ...CSRF_HEADERS, accept: 'application/json' };
  let body: BodyInit | undefined;
  if (options.raw !== undefined) {
    headers['content-type'] = options.raw.type;
    body = options.raw.body;
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const response = await fetch(path, {
    method: options.method ?? 'GET',
    headers,
    credentials: 'same-origin',
    ...(body === undefined ? {} : { body }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  if (response.status === 204) return undefined as T;
  if (!response.ok && response.status !== 400) throw await errorOf(response);
  const json = (await response.json()) as T & { code?: string; message?: string };
  // 400 carries either a catalogue error or, for imports, per-object results worth showing.
  if (response.status === 400 && typeof json.code === 'string')
    throw new ApiError(400, json.code, json.message ?? 'bad request');
  return json;
}

/** `?a=1&b=2` from defined, non-empty values. */
export function query(params: Record<string, string | number | boolean | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}
