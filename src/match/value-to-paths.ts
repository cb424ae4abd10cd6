import { canonicalIpv6, ipv4ToInt } from './ip.js';
import { urlHost } from './normalise.js';

const HEX = /^[0-9a-fA-F]+$/;
const DOMAIN =
  /^(?=.{1,253}$)(?:[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z][A-Za-z0-9-]{0,62}\.?$/;
const EMAIL = /^[^\s@]+@([^\s@]+)$/;
const URL_LIKE = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;

/** Receives the (key, value) pairs a typed value fills, in order. */
export interface PathSink {
  put(key: string, value: string): void;
}

function ipInto(v: string, out: PathSink): boolean {
  if (ipv4ToInt(v) >= 0) {
    out.put('ipv4-addr:value', v);
    return true;
  }
  const v6 = v.includes(':') ? canonicalIpv6(v) : null;
  if (v6 === null) return false;
  out.put('ipv6-addr:value', v6);
  return true;
}

const HASH_KEYS: Record<number, string> = {
  32: 'file:hashes.MD5',
  40: "file:hashes.'SHA-1'",
  64: "file:hashes.'SHA-256'",
  128: "file:hashes.'SHA-512'",
};

/**
 * Types a raw value and hands the STIX paths it fills to `out` without building an object: an IP,
 * a domain, a URL (plus its host as a domain or address), an e-mail address (plus its domain), or
 * an MD5/SHA-1/SHA-256/SHA-512 hash. Returns false for unknown values (nothing was put).
 */
export function typeValueInto(raw: string, out: PathSink): boolean {
  const v = raw.trim();
  if (v === '') return false;
  if (ipInto(v, out)) return true;
  if (URL_LIKE.test(v)) {
    out.put('url:value', v);
    const host = urlHost(v);
    if (host && !ipInto(host, out) && DOMAIN.test(host)) out.put('domain-name:value', host);
    return true;
  }
  const email = EMAIL.exec(v);
  if (email && DOMAIN.test(email[1]!)) {
    out.put('email-addr:value', v);
    out.put('domain-name:value', email[1]!.toLowerCase());
    return true;
  }
  if (HEX.test(v)) {
    const key = HASH_KEYS[v.length];
    if (key !== undefined) {
      out.put(key, v.toLowerCase());
      return true;
    }
  }
  if (DOMAIN.test(v)) {
    out.put('domain-name:value', v.toLowerCase());
    return true;
  }
  return false;
}

/**
 * Types a raw value and returns the STIX paths it fills: an IP, a domain, a URL (plus its host as
 * a domain or address), an e-mail address (plus its domain), or an MD5/SHA-1/SHA-256/SHA-512 hash.
 * Unknown values give an empty object.
 */
export function valueToPaths(raw: string): Record<string, string> {
  const out: Record<string, string> = {};
  typeValueInto(raw, {
    put(key, value) {
      out[key] = value;
    },
  });
  return out;
}
