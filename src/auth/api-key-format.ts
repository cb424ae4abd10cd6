import { createHash, randomBytes, randomInt } from 'node:crypto';

/**
 * `accord_<8-char public id>_<43-char base64url secret>`: the fixed prefix lets secret scanners
 * (GitHub, gitleaks) recognise a leaked key; the public id names the key in lists and logs without
 * revealing anything; the secret is 32 random bytes.
 */
export const API_KEY_PATTERN = /^accord_([a-z0-9]{8})_([A-Za-z0-9_-]{43})$/;

const PREFIX_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

export interface GeneratedApiKey {
  /** The plaintext, shown once and never stored. */
  key: string;
  prefix: string;
  sha256: string;
  last4: string;
}

export function generateApiKey(): GeneratedApiKey {
  let prefix = '';
  for (let i = 0; i < 8; i++) prefix += PREFIX_ALPHABET.charAt(randomInt(PREFIX_ALPHABET.length));
  const key = `accord_${prefix}_${randomBytes(32).toString('base64url')}`;
  return { key, prefix, sha256: sha256Hex(key), last4: key.slice(-4) };
}

/** The public id of a well-formed key, else null (a malformed key is never looked up). */
export function apiKeyPrefix(key: string): string | null {
  return API_KEY_PATTERN.exec(key)?.[1] ?? null;
}

/**
 * A fast hash is enough here, unlike passwords: the secret has 256 bits of entropy, so there is no
 * dictionary to try, and authentication stays cheap on every request.
 */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
