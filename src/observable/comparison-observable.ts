import { FILE_HASH_KINDS } from './kind.js';
import type { ObservableKind } from './kind.js';
import type { SingleComparison } from '../pattern/index.js';

/** `hashes.'SHA-256'` / `hashes.SHA256` -> `SHA256`: hash names as STIX and MISP spell them, folded. */
function hashName(path: string): string | undefined {
  const match = /^hashes\.'?([^']+)'?$/.exec(path);
  return match?.[1]?.toUpperCase().replaceAll('-', '');
}

/** Single-property SCO comparisons that name one observable, keyed `type:path`. */
const SIMPLE: Record<string, ObservableKind> = {
  'domain-name:value': 'domain',
  'url:value': 'url',
  'email-addr:value': 'email',
  'file:name': 'filename',
  'mutex:name': 'mutex',
  'autonomous-system:number': 'asn',
  'windows-registry-key:key': 'regkey',
  'cryptocurrency-wallet:value': 'btc',
  "network-traffic:extensions.'http-request-ext'.request_header.'User-Agent'": 'user-agent',
};

/** A single address written as a full-length CIDR (`/32`, `/128`) is an address, not a network. */
function address(family: 'ipv4' | 'ipv6', value: string): { kind: ObservableKind; value: string } {
  const full = family === 'ipv4' ? '/32' : '/128';
  if (value.endsWith(full)) return { kind: family, value: value.slice(0, -full.length) };
  return { kind: value.includes('/') ? `${family}-cidr` : family, value };
}

/**
 * The one place that maps a comparison's `type:path` to an observable kind (correlation, matching's
 * live-indicator test and the defender exports all use it). The observable a one-comparison pattern
 * names, before normalisation: `[ipv4-addr:value = '1.2.3.4']`
 * is an ipv4, `ISSUBSET '10.0.0.0/8'` a CIDR, `[file:hashes.'SHA-256' = ...]` a sha256. Negations and
 * operators other than `=`/`ISSUBSET` describe sets a blocklist cannot hold, so they give null.
 */
export function comparisonObservable(c: SingleComparison): { kind: ObservableKind; value: string } | null {
  if (c.negated || (c.operator !== '=' && c.operator !== 'ISSUBSET')) return null;
  const value = typeof c.value === 'number' ? String(c.value) : c.value;
  if (typeof value !== 'string' || value === '') return null;
  if (c.objectType === 'ipv4-addr' || c.objectType === 'ipv6-addr') {
    return c.path === 'value' ? address(c.objectType === 'ipv4-addr' ? 'ipv4' : 'ipv6', value) : null;
  }
  if (c.operator !== '=') return null;
  if (c.objectType === 'file' || c.objectType === 'x509-certificate') {
    const hash = hashName(c.path);
    if (hash === undefined)
      return c.objectType === 'file' && c.path === 'name' ? { kind: 'filename', value } : null;
    if (c.objectType === 'x509-certificate') return hash === 'SHA1' ? { kind: 'x509-sha1', value } : null;
    const kind = FILE_HASH_KINDS[hash];
    return kind === undefined ? null : { kind, value };
  }
  const kind = SIMPLE[`${c.objectType}:${c.path}`];
  return kind === undefined ? null : { kind, value };
}
