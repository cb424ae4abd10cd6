import { createHmac } from 'node:crypto';
import { DcsoBloom } from './dcso-bloom.js';

/** The PSS meta format version, and the names of the three files of a set directory. */
export const PSS_VERSION = 1;
export const PSS_FILES = {
  metadata: 'private-search-set.json',
  hashes: 'private-search-set.pss',
  bloom: 'private-search-set.bloom',
  key: 'private-search-set.key',
} as const;

/**
 * How values are canonicalised before hashing: Accord's observable normalisation (lower-case
 * domains and e-mail addresses, compressed IPv6, lower-case hex file hashes, refanged), the value
 * only. `accord pss check` extracts and normalises log values the same way.
 */
export const PSS_CANONICALISATION = 'accord-observable-v1';

/** Observable kinds to MISP attribute types, for the meta format's `misp-attribute-types`. */
const MISP_TYPES: Readonly<Record<string, string>> = {
  ipv4: 'ip-dst',
  ipv6: 'ip-dst',
  'ipv4-cidr': 'ip-dst',
  'ipv6-cidr': 'ip-dst',
  domain: 'domain',
  url: 'url',
  email: 'email',
  md5: 'md5',
  sha1: 'sha1',
  sha256: 'sha256',
  sha512: 'sha512',
};

/** The private-search-set meta format (hashlookup/private-search-set README), plus Accord fields. */
export interface PssMetadata {
  version: number;
  name: string;
  description: string;
  'generated-timestamp': number;
  algorithm: 'HMAC-SHA-256';
  keyid: string;
  bloomfilter: { capacity: number; 'fp-probability': number; format: 'dcso-v1' };
  'canonicalization-format': string;
  'misp-attribute-types': string[];
  /** Values in the set (the hash file's line count). */
  'x-accord-count': number;
  /** The recipient organisation's id: the set is watermarked for it. */
  'x-accord-recipient': string;
  /** The issuing instance's base URL: where `accord pss check --report-sightings` reports hits. */
  'x-accord-issuer'?: string;
}

export interface PssSet {
  metadata: PssMetadata;
  /** Sorted lower-case hex HMAC-SHA-256 of every canonical value, one per value. */
  hashes: string[];
  /** The DCSO bloom filter over the same hex strings. */
  bloom: Buffer;
}

export interface PssBuildInput {
  name: string;
  description: string;
  keyId: string;
  recipient: string;
  issuer?: string;
  fpRate?: number;
  now?: Date;
}

/** Lower-case hex HMAC-SHA-256 of a canonical value under a set's key. */
export function pssHash(key: Buffer, canonical: string): string {
  return createHmac('sha256', key).update(canonical, 'utf8').digest('hex');
}

/**
 * Builds a set from canonical values: each value's keyed hash, deduplicated and sorted, and a DCSO
 * bloom filter over the hashes' hex text sized for the count at `fpRate` (default 0.001).
 */
export function buildPssSet(
  key: Buffer,
  values: Iterable<{ kind: string; value: string }>,
  input: PssBuildInput,
): PssSet {
  const hashes = new Set<string>();
  const types = new Set<string>();
  for (const v of values) {
    hashes.add(pssHash(key, v.value));
    types.add(MISP_TYPES[v.kind] ?? 'text');
  }
  const sorted = [...hashes].sort();
  const fpRate = input.fpRate ?? 0.001;
  const capacity = Math.max(sorted.length, 1);
  const bloom = DcsoBloom.create(capacity, fpRate);
  for (const h of sorted) bloom.add(h);
  return {
    metadata: {
      version: PSS_VERSION,
      name: input.name,
      description: input.description,
      'generated-timestamp': Math.floor((input.now ?? new Date()).getTime() / 1000),
      algorithm: 'HMAC-SHA-256',
      keyid: input.keyId,
      bloomfilter: { capacity, 'fp-probability': fpRate, format: 'dcso-v1' },
      'canonicalization-format': PSS_CANONICALISATION,
      'misp-attribute-types': [...types].sort(),
      'x-accord-count': sorted.length,
      'x-accord-recipient': input.recipient,
      ...(input.issuer === undefined ? {} : { 'x-accord-issuer': input.issuer }),
    },
    hashes: sorted,
    bloom: bloom.write(),
  };
}
