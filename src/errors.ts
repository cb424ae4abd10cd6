/**
 * The one error catalogue (STYLE.md habit 5). Services throw these; the HTTP layer renders them (a TAXII
 * error envelope under /taxii2, JSON elsewhere) and the CLI prints their message. Anything else is an
 * unexpected 500 that is logged and never shown.
 */
export class AccordError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AccordError';
  }
}

export const notFound = (what: string) => new AccordError('not_found', 404, `${what} not found`);
export const forbidden = (message: string, code = 'forbidden') => new AccordError(code, 403, message);
export const unauthorized = (message = 'authentication required') =>
  new AccordError('unauthorized', 401, message);
export const conflict = (code: string, message: string) => new AccordError(code, 409, message);
export const invalidInput = (code: string, message: string, details?: unknown) =>
  new AccordError(code, 400, message, details);
export const tlpExceedsDistribution = (tlp: string, distribution: string) =>
  new AccordError(
    'tlp_exceeds_distribution',
    422,
    `TLP:${tlp.toUpperCase()} does not allow distribution "${distribution}" (AMBER and RED go to an organisation or a sharing group at most, GREEN to the community at most)`,
  );
export const notAcceptable = (message: string) => new AccordError('not_acceptable', 406, message);
export const unsupportedMediaType = (message: string) =>
  new AccordError('unsupported_media_type', 415, message);
export const payloadTooLarge = (message: string) => new AccordError('payload_too_large', 413, message);
/**
 * A client asked more often than an endpoint allows (the public portal, deconfliction checks);
 * `retryAfter` in seconds, when known.
 */
export const rateLimited = (message: string, retryAfter?: number) =>
  new AccordError(
    'rate_limited',
    429,
    message,
    retryAfter === undefined ? undefined : { retry_after: retryAfter },
  );

/* Operations (src/operations). */
export const illegalTransition = (from: string, to: string, allowed: readonly string[]) =>
  new AccordError(
    'illegal_transition',
    409,
    `a target cannot go from ${from} to ${to}; from ${from} it may go to ${allowed.length === 0 ? 'nothing' : allowed.join(', ')}`,
  );
/** A connected Accord instance was refused (src/federation): `code` says why (bad_credentials, …). */
export const federationRefused = (code: string, message: string) =>
  new AccordError(code, code === 'not_sending' ? 403 : 401, message);

/* Report intake (src/public/intake). */
export const intakeNotConfigured = () =>
  new AccordError(
    'intake_not_configured',
    503,
    'report intake is not configured: an administrator must choose the intake organisation (PUT /api/v1/admin/intake/organisation)',
  );
