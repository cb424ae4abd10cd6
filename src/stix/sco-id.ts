import { canonicalJson } from './canonical-json.js';
import { isPlainObject } from './issues.js';
import type { StixObject } from './types.js';
import { uuidv5 } from './uuid-v5.js';

/** The namespace STIX 2.1 §2.9 fixes for deterministic SCO identifiers. */
export const SCO_ID_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7';

/**
 * "ID Contributing Properties" of each SCO type (STIX 2.1 §6). `process` has none: its ids are
 * UUIDv4, so there is nothing to compute.
 */
export const ID_CONTRIBUTING_PROPERTIES: Readonly<Record<string, readonly string[]>> = {
  artifact: ['hashes', 'payload_bin'],
  'autonomous-system': ['number'],
  directory: ['path'],
  'domain-name': ['value'],
  'email-addr': ['value'],
  'email-message': ['from_ref', 'subject', 'body'],
  file: ['hashes', 'name', 'extensions', 'parent_directory_ref'],
  'ipv4-addr': ['value'],
  'ipv6-addr': ['value'],
  'mac-addr': ['value'],
  mutex: ['name'],
  'network-traffic': [
    'start',
    'end',
    'src_ref',
    'dst_ref',
    'src_port',
    'dst_port',
    'protocols',
    'extensions',
  ],
  process: [],
  software: ['name', 'cpe', 'swid', 'vendor', 'version'],
  url: ['value'],
  'user-account': ['account_type', 'user_id', 'account_login'],
  'windows-registry-key': ['key', 'values'],
  'x509-certificate': ['hashes', 'serial_number'],
};

/** When `hashes` contributes, exactly one hash is used, chosen in this order (§2.9). */
const HASH_PREFERENCE = ['MD5', 'SHA-1', 'SHA-256', 'SHA-512'] as const;

function chooseOneHash(hashes: unknown): Record<string, unknown> | undefined {
  if (!isPlainObject(hashes)) return undefined;
  for (const algorithm of HASH_PREFERENCE) {
    if (hashes[algorithm] !== undefined) return { [algorithm]: hashes[algorithm] };
  }
  // None of the preferred ones: the first one given, as the stix2 reference library does.
  for (const algorithm of Object.keys(hashes)) {
    if (hashes[algorithm] !== undefined) return { [algorithm]: hashes[algorithm] };
  }
  return undefined;
}

/**
 * The deterministic id `<type>--<UUIDv5>` of an SCO: UUIDv5 in {@link SCO_ID_NAMESPACE} over the
 * canonical JSON (RFC 8785) of its ID contributing properties. Null when the type has none defined
 * (unknown, custom or `process`), none of them is present, or the values cannot be serialised —
 * the caller then decides (a random UUIDv4 would not be deterministic, so we never make one here).
 */
export function computeScoId(obj: StixObject): string | null {
  const type: unknown = obj.type;
  if (typeof type !== 'string') return null;
  const properties = ID_CONTRIBUTING_PROPERTIES[type];
  if (properties === undefined || properties.length === 0) return null;
  const contributing: Record<string, unknown> = {};
  let present = false;
  for (const property of properties) {
    const value = obj[property];
    if (value === undefined) continue;
    if (property === 'hashes') {
      const chosen = chooseOneHash(value);
      if (chosen === undefined) continue;
      contributing[property] = chosen;
    } else {
      contributing[property] = value;
    }
    present = true;
  }
  if (!present) return null;
  try {
    return `${type}--${uuidv5(canonicalJson(contributing), SCO_ID_NAMESPACE)}`;
  } catch {
    return null;
  }
}
