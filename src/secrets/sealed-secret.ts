import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const PREFIX = 'sealed:';
const V1 = 'sealed:v1:';

/** A sealed value that this key cannot open: another key sealed it, or the text was altered. */
export class SecretKeyMismatch extends Error {
  constructor() {
    super('the secret key does not match the one this value was sealed with');
    this.name = 'SecretKeyMismatch';
  }
}

/** Whether a stored value is already sealed (values written before sealing existed are not). */
export function isSealed(value: string): boolean {
  return value.startsWith(PREFIX);
}

function checkKey(key: Uint8Array): void {
  if (key.byteLength !== 32) throw new Error(`a secret key is 32 bytes, got ${key.byteLength}`);
}

/**
 * Seals a credential for storage with AES-256-GCM: `sealed:v1:<iv>.<tag>.<ciphertext>`, each part
 * base64url, a fresh random 12-byte IV per value (so equal secrets never look equal in a dump).
 */
export function sealSecret(key: Uint8Array, plaintext: string): string {
  checkKey(key);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return `${V1}${iv.toString('base64url')}.${tag.toString('base64url')}.${body.toString('base64url')}`;
}

/**
 * Opens a value `sealSecret` wrote. A value not in the sealed format (a row from before sealing) is
 * returned as it is; a sealed one this key cannot open throws `SecretKeyMismatch`.
 */
export function openSecret(key: Uint8Array, stored: string): string {
  if (!isSealed(stored)) return stored;
  if (!stored.startsWith(V1)) throw new Error(`unknown sealed format ${stored.split(':', 2).join(':')}`);
  checkKey(key);
  const parts = stored.slice(V1.length).split('.');
  if (parts.length !== 3) throw new SecretKeyMismatch();
  const [iv, tag, body] = parts.map((p) => Buffer.from(p, 'base64url')) as [Buffer, Buffer, Buffer];
  if (iv.byteLength !== 12 || tag.byteLength !== 16) throw new SecretKeyMismatch();
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  } catch {
    throw new SecretKeyMismatch();
  }
}
