import { createHash, createHmac, createSecretKey, hkdfSync } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { secretKey } from '../secrets/index.js';
import { HmacHasher } from './hmac-hasher.js';
import { PerStore } from '../store/per-store.js';
import type { Store } from '../store/store.js';

/** The key interests are hashed under, and a public id naming it (never the key). */
export interface DeconflictKey {
  key: Buffer;
  /**
   * The same key as a KeyObject, for hashing many values: createHmac with a Buffer imports the key on
   * every call (measured ~25% of a short value's HMAC).
   */
  hmacKey: KeyObject;
  /** HMAC-SHA-256 under the key with its pad blocks compressed once, for the values of a check. */
  hasher: HmacHasher;
  /** First 16 hex digits of SHA-256 of the key: tells two keys apart, opens nothing. */
  keyId: string;
}

/**
 * Derives a key for `purpose` from the instance secret key with HKDF-SHA-256, so the key that seals
 * credentials is never used as an HMAC key and a leaked derived key opens no sealed value. Nothing
 * derived here is ever written to the database.
 */
export function deriveKey(secret: Uint8Array, purpose: string): DeconflictKey {
  const key = Buffer.from(hkdfSync('sha256', secret, 'accord', `accord ${purpose} v1`, 32));
  return {
    key,
    hmacKey: createSecretKey(key),
    hasher: new HmacHasher(key),
    keyId: createHash('sha256').update(key).digest('hex').slice(0, 16),
  };
}

const keys = new PerStore(async (store: Store): Promise<DeconflictKey> =>
  deriveKey((await secretKey(store)).key, 'deconflict'),
);

/** The store's deconfliction key, derived once per store. */
export function deconflictKey(store: Store): Promise<DeconflictKey> {
  return keys.get(store);
}

/** HMAC-SHA-256 of `text` under `key`, as 64 lower-case hex digits. */
export function keyedHash(key: Buffer | KeyObject, text: string): string {
  return createHmac('sha256', key).update(text).digest('hex');
}
