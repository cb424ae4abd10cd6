import { canonicalIpv6, ipv4ToInt } from './ip.js';
import { urlHost } from './normalise.js';

const HEX = /^[0-9a-fA-F]+$/;
const DOMAIN =
  /^(?=.{1,253}$)(?:[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z][A-Za-z0-9-]{0,62}\.?$/;
const EMAIL = /^[^\s@]+@([^\s@]+)$/;
const URL_LIKE = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;

function ipPaths(v: string): Record<string, string> | null {
  if (ipv4ToInt(v) >= 0) return { 'ipv4-addr:value': v };
  const v6 = v.includes(':') ? canonicalIpv6(v) : null;
  return v6 ? { 'ipv6-addr:value': v6 } : null;
}

/**
 * Types a raw value and returns the STIX paths it fills: an IP, a domain, a URL (plus its host as
 * a domain or address), an e-mail address (plus its domain), or an MD5/SHA-1/SHA-256/SHA-512 hash.
 * Unknown values give an empty object.
 */
export function valueToPaths(raw: string): Record<string, string> {
  const v = raw.trim();
  if (v === '') return {};
  const ip = ipPaths(v);
  if (ip) return ip;
  if (URL_LIKE.test(v)) {
    const host = urlHost(v);
    const hostPaths = host ? (ipPaths(host) ?? (DOMAIN.test(host) ? { 'domain-name:value': host } : {})) : {};
    return { 'url:value': v, ...hostPaths };
  }
  const email = EMAIL.exec(v);
  if (email && DOMAIN.test(email[1]!))
    return { 'email-addr:value': v, 'domain-name:value': email[1]!.toLowerCase() };
  if (HEX.test(v)) {
    const algo = { 32: 'MD5', 40: "'SHA-1'", 64: "'SHA-256'", 128: "'SHA-512'" }[v.length];
    if (algo) return { [`file:hashes.${algo}`]: v.toLowerCase() };
  }
  if (DOMAIN.test(v)) return { 'domain-name:value': v.toLowerCase() };
  return {};
}
