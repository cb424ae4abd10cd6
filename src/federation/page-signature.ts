import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header carrying a page's HMAC-SHA-256 under the peers' shared secret. */
export const SIGNATURE_HEADER = 'x-accord-signature';
/** The headers a caller names itself and proves it with. */
export const INSTANCE_HEADER = 'x-accord-instance';
export const TOKEN_HEADER = 'x-accord-federation-token';

export function signPage(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** Constant-time comparison of two strings (secrets, signatures). */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function verifyPage(secret: string, body: string, signature: string | null): boolean {
  return signature !== null && sameSecret(signPage(secret, body), signature);
}
