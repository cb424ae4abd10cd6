import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id with the package defaults (19 MiB, 2 passes: OWASP's minimum). The algorithm is left to
 * the default, argon2id, because the package's `Algorithm` is a const enum isolatedModules cannot
 * import; a test pins the `$argon2id$` prefix.
 */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

let dummy: Promise<string> | undefined;

/**
 * Verifies against the stored hash, or against a throwaway hash when there is none, so a missing
 * user costs as much time as a wrong password and e-mail addresses cannot be probed by timing.
 */
export async function checkPasswordHash(stored: string | null, password: string): Promise<boolean> {
  dummy ??= hashPassword('accord-timing-equaliser');
  const ok = await verify(stored ?? (await dummy), password);
  return stored !== null && ok;
}
