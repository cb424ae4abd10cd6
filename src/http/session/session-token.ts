import { SignJWT, jwtVerify } from 'jose';

/** Sessions last a working day; signing in again starts a new one. */
export const SESSION_SECONDS = 12 * 3600;
const ISSUER = 'accord';
const AUDIENCE = 'accord-web';

/** Signs a session for `userId` (HS256). */
export async function signSession(secret: Uint8Array, userId: string, now = new Date()): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(iat + SESSION_SECONDS)
    .sign(secret);
}

/** The user id a valid, unexpired session names, or null for anything else. */
export async function verifySession(
  secret: Uint8Array,
  token: string,
  now = new Date(),
): Promise<string | null> {
  try {
    const { payload } = await jwtVerify(token, secret, {
      algorithms: ['HS256'],
      issuer: ISSUER,
      audience: AUDIENCE,
      currentDate: now,
    });
    return typeof payload.sub === 'string' && payload.sub !== '' ? payload.sub : null;
  } catch {
    return null;
  }
}
