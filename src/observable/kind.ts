/**
 * The kinds of observable value Accord indexes, correlates, matches and exports.
 * One value of one kind is one thing across every report that mentions it.
 */
export const OBSERVABLE_KINDS = [
  'ipv4',
  'ipv6',
  'ipv4-cidr',
  'ipv6-cidr',
  'domain',
  'url',
  'email',
  'md5',
  'sha1',
  'sha256',
  'sha512',
  'ssdeep',
  'tlsh',
  'filename',
  'mutex',
  'user-agent',
  'asn',
  'btc',
  'cve',
  'ja3',
  'x509-sha1',
  'regkey',
] as const;

export type ObservableKind = (typeof OBSERVABLE_KINDS)[number];

/** A normalised observable value: `value` is canonical (lower-case domain, compressed IPv6, ...). */
export interface Observable {
  kind: ObservableKind;
  value: string;
}

/** STIX hash algorithm names, folded (upper case, no dashes: `SHA-256` -> `SHA256`), to file-hash kinds. */
export const FILE_HASH_KINDS: Readonly<Record<string, ObservableKind>> = {
  MD5: 'md5',
  SHA1: 'sha1',
  SHA256: 'sha256',
  SHA512: 'sha512',
  SSDEEP: 'ssdeep',
  TLSH: 'tlsh',
};
