import { notAcceptable, unsupportedMediaType } from '../errors.js';

export const TAXII_MEDIA_TYPE = 'application/taxii+json;version=2.1';
export const STIX_MEDIA_TYPE = 'application/stix+json;version=2.1';

interface MediaRange {
  type: string;
  version: string | undefined;
  q: number;
}

/** Parses one media type or an Accept list into lower-cased ranges with their version and q. */
export function parseMediaRanges(header: string): MediaRange[] {
  return header
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const [type = '', ...params] = part.split(';').map((p) => p.trim());
      let version: string | undefined;
      let q = 1;
      for (const param of params) {
        const eq = param.indexOf('=');
        if (eq < 0) continue;
        const key = param.slice(0, eq).trim().toLowerCase();
        const value = param
          .slice(eq + 1)
          .trim()
          .replace(/^"(.*)"$/, '$1');
        if (key === 'version') version = value;
        if (key === 'q') q = Number.isFinite(Number(value)) ? Number(value) : 0;
      }
      return { type: type.toLowerCase(), version, q };
    });
}

/** A TAXII/STIX JSON type at version 2.1; no version parameter means the latest, which is 2.1. */
function isOurs(range: MediaRange, type: string): boolean {
  return range.type === type && (range.version === undefined || range.version === '2.1');
}

/**
 * Decides the response media type from Accept (TAXII 2.1 section 1.6.8): the TAXII type, or the
 * STIX type where objects are served, version 2.1 or unversioned; wildcards fit; anything else is a
 * 406. A missing Accept is treated as `*\/*`.
 */
export function negotiate(accept: string | undefined, allowStix: boolean): string {
  if (accept === undefined || accept.trim() === '') return TAXII_MEDIA_TYPE;
  const ranges = parseMediaRanges(accept).filter((r) => r.q > 0);
  for (const r of [...ranges].sort((a, b) => b.q - a.q)) {
    if (isOurs(r, 'application/taxii+json')) return TAXII_MEDIA_TYPE;
    if (allowStix && isOurs(r, 'application/stix+json')) return STIX_MEDIA_TYPE;
    if (r.type === '*/*' || r.type === 'application/*') return TAXII_MEDIA_TYPE;
  }
  throw notAcceptable(
    `this endpoint serves ${TAXII_MEDIA_TYPE}${allowStix ? ` or ${STIX_MEDIA_TYPE}` : ''}; Accept was "${accept}"`,
  );
}

/** Checks a POST body's Content-Type: the TAXII envelope type (or STIX type), version 2.1 or none. */
export function checkContentType(contentType: string | undefined): void {
  const [range] = parseMediaRanges(contentType ?? '');
  if (
    range !== undefined &&
    (isOurs(range, 'application/taxii+json') || isOurs(range, 'application/stix+json'))
  )
    return;
  throw unsupportedMediaType(
    `send the envelope as ${TAXII_MEDIA_TYPE}; Content-Type was "${contentType ?? '(none)'}"`,
  );
}
