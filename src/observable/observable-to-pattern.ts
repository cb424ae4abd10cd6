import type { Observable, ObservableKind } from './kind.js';

/** The STIX object path each kind is compared on; CVEs are vulnerabilities, not patterns. */
const PATHS: Readonly<Partial<Record<ObservableKind, string>>> = {
  ipv4: 'ipv4-addr:value',
  ipv6: 'ipv6-addr:value',
  'ipv4-cidr': 'ipv4-addr:value',
  'ipv6-cidr': 'ipv6-addr:value',
  domain: 'domain-name:value',
  url: 'url:value',
  email: 'email-addr:value',
  md5: 'file:hashes.MD5',
  sha1: "file:hashes.'SHA-1'",
  sha256: "file:hashes.'SHA-256'",
  sha512: "file:hashes.'SHA-512'",
  ssdeep: 'file:hashes.SSDEEP',
  tlsh: 'file:hashes.TLSH',
  filename: 'file:name',
  mutex: 'mutex:name',
  'user-agent': "network-traffic:extensions.'http-request-ext'.request_header.'User-Agent'",
  asn: 'autonomous-system:number',
  regkey: 'windows-registry-key:key',
  'x509-sha1': "x509-certificate:hashes.'SHA-1'",
  // No STIX 2.1 core SCO for wallets; OpenCTI's `cryptocurrency-wallet` is the de-facto type.
  btc: 'cryptocurrency-wallet:value',
};

/** A STIX string literal: backslash and quote escaped, nothing else (STIX 2.1 §9.5). */
export function quoteStixString(value: string): string {
  return `'${value.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}

/**
 * The STIX pattern for one observable (`[ipv4-addr:value = '1.2.3.4']`, CIDRs with ISSUBSET, hashes by
 * their STIX algorithm names), or null for kinds with no STIX pattern (CVE: a vulnerability object;
 * JA3: no standard property) and for an ASN that is not a number.
 */
export function observableToPattern(o: Observable): string | null {
  const path = PATHS[o.kind];
  if (path === undefined) return null;
  if (o.kind === 'asn') return /^\d{1,10}$/.test(o.value) ? `[${path} = ${Number(o.value)}]` : null;
  const operator = o.kind === 'ipv4-cidr' || o.kind === 'ipv6-cidr' ? 'ISSUBSET' : '=';
  return `[${path} ${operator} ${quoteStixString(o.value)}]`;
}
