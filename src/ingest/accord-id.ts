import { createHash } from 'node:crypto';

/** Namespace for Accord's deterministic ids of non-SCO objects made by converters. */
export const ACCORD_NAMESPACE = '6d0f8a1e-3c2b-5b7e-9a43-0c5e2f1a7b90';

function uuidBytes(uuid: string): Buffer {
  return Buffer.from(uuid.replace(/-/g, ''), 'hex');
}

/** RFC 4122 version-5 UUID of `name` in `namespace`. */
export function uuidv5(name: string, namespace: string): string {
  const hash = createHash('sha1').update(uuidBytes(namespace)).update(name, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * A deterministic STIX id for an object a converter derives from source data, so that re-running an
 * import produces the same ids (idempotent) instead of duplicates.
 */
export function accordId(type: string, ...parts: readonly string[]): string {
  return `${type}--${uuidv5(`${type}\u0000${parts.join('\u0000')}`, ACCORD_NAMESPACE)}`;
}
