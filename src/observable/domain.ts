import { domainToASCII } from 'node:url';
import { parse } from 'tldts';
import { ipv4ToNumber } from './ip-address.js';

// Letters (any script, for IDNs), digits, hyphen and underscore (`_dmarc`); everything else is refused
// before domainToASCII, which would otherwise percent-decode or map characters silently.
const RAW_HOST = /^[\p{L}\p{M}\p{N}_.-]+$/u;
const LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;
const ASCII_HOST = /^[A-Za-z0-9_.-]+$/;
const PUNYCODE_LABEL = /(?:^|\.)xn--/i;
// The WHATWG host parser's "ends in a number": a last label of digits or 0x and hex digits.
const NUMERIC_END = /(?:^|\.)(?:\d+|0x[0-9a-f]*)\.?$/i;

/**
 * domainToASCII, skipping its work where the answer is known: a host of ASCII letters, digits, `_`,
 * `.` and `-` with no punycode label and not ending in a number (which the host parser reads as an
 * IPv4 address) maps to its lower case. Everything else goes through domainToASCII; the property
 * test in normalise-observable.test.ts holds the two to the same answer.
 */
export function hostToAscii(v: string): string {
  return ASCII_HOST.test(v) && !PUNYCODE_LABEL.test(v) && !NUMERIC_END.test(v)
    ? v.toLowerCase()
    : domainToASCII(v);
}

/**
 * Canonical domain name: trailing dot stripped, IDN to punycode (which also lower-cases), each label
 * checked against LDH syntax. Null when it is not a host name at all (or is an IPv4 address).
 */
export function normaliseDomain(value: string): string | null {
  let v = value.endsWith('.') ? value.slice(0, -1) : value;
  if (v === '' || v.length > 253 || !(ASCII_HOST.test(v) || RAW_HOST.test(v))) return null;
  v = hostToAscii(v);
  if (v === '' || v.length > 253 || ipv4ToNumber(v) !== null) return null;
  const labels = v.split('.');
  for (const label of labels) if (!LABEL.test(label)) return null;
  // A name ending in an all-numeric label is an address or a version number, never a DNS name.
  return /^\d+$/.test(labels[labels.length - 1] ?? '') ? null : v;
}

/**
 * True when a canonical domain sits under a real ICANN public suffix (`evil.co.uk` yes, `foo.notatld`,
 * `co.uk` and `readme.txt` no). ICANN-only on purpose: `blogspot.com` is itself a registrable domain.
 */
export function hasPublicSuffix(domain: string): boolean {
  const parsed = parse(domain, { allowPrivateDomains: false, extractHostname: false });
  return parsed.isIcann === true && parsed.domain !== null;
}
