/**
 * Credentials Accord keeps for reaching other servers (feed request headers, scheduled TAXII pull
 * keys and passwords), sealed with AES-256-GCM under a key that lives outside the database.
 */
export { isSealed, openSecret, sealSecret, SecretKeyMismatch } from './sealed-secret.js';
export { defaultKeyFile, loadSecretKey, parseSecretKey, secretKey, useSecretKey } from './secret-key.js';
export type { SecretKey } from './secret-key.js';
export { hasPlainValues, openValues, SET, sealValues } from './store-secrets.js';
