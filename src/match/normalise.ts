import { canonicalIpv6 } from './ip.js';

/**
 * Canonical form of an observable value for one STIX path key (`domain-name:value`, ...), applied
 * identically to indicator constants and to event values so that equality is a hash lookup:
 * domains, e-mail addresses and hashes are case-insensitive; IPv6 is compressed; URLs get a
 * lower-case scheme and host.
 */
export type Normaliser = (value: string) => string;

const identity: Normaliser = (v) => v;
/** True when v[from, to) has an ASCII upper-case letter or any non-ASCII character. */
function needsLowering(v: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = v.charCodeAt(i);
    if ((c >= 65 && c <= 90) || c > 127) return true;
  }
  return false;
}

// The hot path mostly sees values already in canonical form: check before allocating.
const lower: Normaliser = (v) => (needsLowering(v, 0, v.length) ? v.toLowerCase() : v);
const domain: Normaliser = (v) => {
  const d = lower(v);
  return d.endsWith('.') ? d.slice(0, -1) : d;
};
const ipv6: Normaliser = (v) => {
  const slash = v.indexOf('/');
  const addr = canonicalIpv6(slash < 0 ? v : v.slice(0, slash));
  return addr === null ? v.toLowerCase() : slash < 0 ? addr : addr + v.slice(slash);
};
const URL_HEAD = /^([A-Za-z][A-Za-z0-9+.-]*:\/\/)([^/?#]*)/;
const url: Normaliser = (v) => {
  const scheme = v.indexOf('://');
  if (scheme > 0) {
    let end = scheme + 3;
    while (end < v.length) {
      const c = v.charCodeAt(end);
      if (c === 47 || c === 63 || c === 35) break;
      end++;
    }
    if (!needsLowering(v, 0, end)) return v;
  }
  const m = URL_HEAD.exec(v);
  if (!m) return v;
  return m[1]!.toLowerCase() + m[2]!.toLowerCase() + v.slice(m[0].length);
};

/** Which normaliser a key uses, so a probe can fuse its check with hashing (KeyIndex.lookupRaw). */
export type NormalKind = 'identity' | 'lower' | 'domain' | 'ipv6' | 'url';

const BY_KIND: Record<NormalKind, Normaliser> = { identity, lower, domain, ipv6, url };
const cache = new Map<string, NormalKind>();

export function normalKindFor(key: string): NormalKind {
  let n = cache.get(key);
  if (n) return n;
  const type = key.slice(0, key.indexOf(':'));
  const path = key.slice(key.indexOf(':') + 1);
  if (path.startsWith('hashes.') || path.includes('.hashes.')) n = 'lower';
  else if (path.endsWith('value') && (type === 'domain-name' || type === 'email-addr')) n = 'domain';
  else if (type === 'ipv6-addr' && path === 'value') n = 'ipv6';
  else if (type === 'url' && path === 'value') n = 'url';
  else n = 'identity';
  cache.set(key, n);
  return n;
}

export function normaliserFor(key: string): Normaliser {
  return BY_KIND[normalKindFor(key)];
}

/** The host part of a URL (lower-case), or null. */
export function urlHost(u: string): string | null {
  const m = URL_HEAD.exec(u);
  if (!m) return null;
  let host = m[2]!;
  const at = host.lastIndexOf('@');
  if (at >= 0) host = host.slice(at + 1);
  if (host.startsWith('[')) return host.slice(1, host.indexOf(']')).toLowerCase();
  const colon = host.indexOf(':');
  return (colon >= 0 ? host.slice(0, colon) : host).toLowerCase();
}
