import { hasPublicSuffix } from './domain.js';
import type { Observable, ObservableKind } from './kind.js';
import { normaliseObservable } from './normalise-observable.js';
import { refang } from './refang.js';

const HASH_KINDS: Readonly<Record<number, ObservableKind>> = {
  32: 'md5',
  40: 'sha1',
  64: 'sha256',
  128: 'sha512',
};
const IPV4_PORT = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/;
const BRACKETED_V6 = /^\[([0-9a-f:.]+)\](?::\d{1,5})?$/i;

function as(kind: ObservableKind, value: string): Observable | null {
  const canonical = normaliseObservable(kind, value);
  return canonical === null ? null : { kind, value: canonical };
}

function detectAddress(v: string): Observable | null {
  if (v.includes('/') && !v.includes('://')) {
    const cidr = v.includes(':') ? as('ipv6-cidr', v) : as('ipv4-cidr', v);
    // A full-length prefix names one address: one value is one thing.
    if (cidr?.value.endsWith('/32') === true && cidr.kind === 'ipv4-cidr')
      return as('ipv4', cidr.value.slice(0, -3));
    if (cidr?.value.endsWith('/128') === true) return as('ipv6', cidr.value.slice(0, -4));
    return cidr;
  }
  const withPort = IPV4_PORT.exec(v);
  if (withPort !== null) return as('ipv4', withPort[1]!);
  const bracketed = BRACKETED_V6.exec(v);
  if (bracketed !== null) return as('ipv6', bracketed[1]!);
  return as('ipv4', v) ?? (v.includes(':') ? as('ipv6', v) : null);
}

function detectDomain(v: string): Observable | null {
  const d = as('domain', v);
  return d !== null && hasPublicSuffix(d.value) ? d : null;
}

/**
 * Types one raw value (a CSV cell, a search box entry): refangs it, then tries the kinds from the
 * most to the least specific. Domains must end in a real public suffix (`foo.notatld` is no domain).
 * Null when the value is none of the kinds Accord recognises without being told.
 */
export function detectObservable(raw: string): Observable | null {
  const v = refang(raw.trim());
  if (v === '' || v.length > 8192) return null;
  if (/^CVE-/i.test(v)) return as('cve', v);
  if (/^AS\d+$/i.test(v)) return as('asn', v);
  const hashKind = /^[0-9a-f]+$/i.test(v) ? HASH_KINDS[v.length] : undefined;
  if (hashKind !== undefined) return as(hashKind, v);
  if (v.includes('://')) return as('url', v);
  const address = detectAddress(v);
  if (address !== null) return address;
  if (v.includes('@')) {
    const email = as('email', v);
    return email !== null && hasPublicSuffix(email.value.slice(email.value.lastIndexOf('@') + 1))
      ? email
      : null;
  }
  return as('btc', v) ?? detectDomain(v);
}
