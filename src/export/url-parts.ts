export interface UrlParts {
  /** Lower-case host name or address without port; IPv6 literals keep their brackets, as in Host headers. */
  host: string;
  /** Path and query exactly as written (not re-encoded), `''` when the URL has none. */
  pathAndQuery: string;
}

const URL_SHAPE = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]/?#]*\]|[^:/?#]*)(?::\d*)?([^#]*)/i;

/**
 * Splits a URL for detection: engines see the Host header and the raw request target separately. The
 * path is kept as written because rules match `http.uri.raw`, which is what travels on the wire.
 */
export function urlParts(url: string): UrlParts | undefined {
  const match = URL_SHAPE.exec(url);
  if (!match) return undefined;
  const host = (match[1] ?? '').toLowerCase();
  if (host === '' || host === '[]') return undefined;
  return { host, pathAndQuery: match[2] ?? '' };
}

/** Zeek's Intel::URL wants the URL without its scheme: `evil.example/path?q`. */
export function urlWithoutScheme(url: string): string {
  return url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
}
