import ipaddr from 'ipaddr.js';
import { OBSERVABLE_KINDS, detectObservable, normaliseObservable } from '../observable/index.js';
import type { ObservableKind } from '../observable/index.js';
import { ipv4ToNumber, maskIpv4, numberToIpv4 } from '../observable/ip-address.js';

/** Every observable kind, plus two deconfliction needs that are no STIX observable: phones, handles. */
export const DECONFLICT_KINDS = [...OBSERVABLE_KINDS, 'phone', 'handle'] as const;
export type DeconflictKind = (typeof DECONFLICT_KINDS)[number];

/** Shortest IPv4 prefix an interest or a check may name: broader networks would hit half the world. */
export const MIN_V4_PREFIX = 8;
/** Shortest IPv6 prefix. */
export const MIN_V6_PREFIX = 16;
/**
 * IPv6 prefix lengths a check probes: every multiple of 4 from /16 to /128 (29 hashes per address).
 * A v6 interest of another length is stored as the networks of the next longer probed length that
 * it covers (at most 8), so it still hits exactly the addresses inside it.
 */
export const V6_LENGTHS: readonly number[] = Array.from({ length: 29 }, (_, i) => 16 + 4 * i);

/** A value ready to hash: its kind, canonical text, and the hash inputs it is stored under. */
export interface InterestValue {
  kind: DeconflictKind;
  value: string;
  /** What is hashed at registration. */
  stored: string[];
  /** What is hashed at a check (an address probes every covering network). */
  probes: string[];
}

const PHONE_SEPARATORS = /[\s().\-/]/g;

/** E.164-like: `+` and 7 to 15 digits; `00` becomes `+`; separators dropped. */
export function normalisePhone(raw: string): string | null {
  let v = raw.trim().replace(PHONE_SEPARATORS, '');
  if (v.startsWith('00')) v = `+${v.slice(2)}`;
  return /^\+?[1-9]\d{6,14}$/.test(v) ? (v.startsWith('+') ? v : `+${v}`) : null;
}

/** `platform:name` or `name`, lower case, a leading `@` dropped (`Telegram:@Evil_Op` = `telegram:evil_op`). */
export function normaliseHandle(raw: string): string | null {
  const t = raw.trim().toLowerCase();
  const colon = t.indexOf(':');
  const platform = colon < 0 ? '' : t.slice(0, colon);
  const name = (colon < 0 ? t : t.slice(colon + 1)).replace(/^@/, '');
  if (platform !== '' && !/^[a-z0-9][a-z0-9.-]{0,31}$/.test(platform)) return null;
  if (!/^[\p{L}\p{N}._-]{1,64}$/u.test(name)) return null;
  return platform === '' ? name : `${platform}:${name}`;
}

/**
 * Which network lengths a check needs to probe (`ip4`, 24): a check passes the lengths someone
 * registered, so the networks of other lengths are never built nor hashed. Registration takes all.
 */
export type ProbeLengths = (family: 'ip4' | 'ip6', length: number) => boolean;
const ALL_LENGTHS: ProbeLengths = () => true;

function v4Networks(n: number, from: number, wanted: ProbeLengths): string[] {
  const out: string[] = [];
  for (let p = from; p >= MIN_V4_PREFIX; p--)
    if (wanted('ip4', p)) out.push(`ip4/${numberToIpv4(maskIpv4(n, p))}/${String(p)}`);
  return out;
}

function v6Network(bytes: number[], prefix: number): string {
  const masked = bytes.map((b, i) => {
    const bits = Math.max(0, Math.min(8, prefix - i * 8));
    return b & ((0xff << (8 - bits)) & 0xff);
  });
  return `ip6/${ipaddr.fromByteArray(masked).toString()}/${String(prefix)}`;
}

function v6Probes(bytes: number[], from: number, wanted: ProbeLengths): string[] {
  return V6_LENGTHS.filter((p) => p <= from && wanted('ip6', p))
    .reverse()
    .map((p) => v6Network(bytes, p));
}

/** The networks of the next probed length inside `bytes/prefix`. */
function v6Stored(bytes: number[], prefix: number): string[] {
  const length = V6_LENGTHS.find((p) => p >= prefix)!;
  const out: string[] = [];
  for (let i = 0; i < 2 ** (length - prefix); i++) {
    const b = [...bytes];
    // Set the bits between prefix and length to i's bits.
    for (let bit = 0; bit < length - prefix; bit++) {
      const pos = prefix + bit;
      const on = (i >> (length - prefix - 1 - bit)) & 1;
      const idx = pos >> 3;
      const mask = 0x80 >> (pos & 7);
      b[idx] = on === 1 ? b[idx]! | mask : b[idx]! & ~mask;
    }
    out.push(v6Network(b, length));
  }
  return out;
}

function address(kind: ObservableKind, value: string, wanted: ProbeLengths): InterestValue | string {
  if (kind === 'ipv4' || kind === 'ipv4-cidr') {
    const [addr = '', prefixText] = value.split('/');
    const prefix = prefixText === undefined ? 32 : Number(prefixText);
    if (prefix < MIN_V4_PREFIX) return `an IPv4 network broader than /${String(MIN_V4_PREFIX)} is too broad`;
    const n = ipv4ToNumber(addr)!;
    return { kind, value, stored: [`ip4/${addr}/${String(prefix)}`], probes: v4Networks(n, prefix, wanted) };
  }
  const [addr = '', prefixText] = value.split('/');
  const prefix = prefixText === undefined ? 128 : Number(prefixText);
  if (prefix < MIN_V6_PREFIX) return `an IPv6 network broader than /${String(MIN_V6_PREFIX)} is too broad`;
  const bytes = ipaddr.IPv6.parse(addr).toByteArray();
  const stored = v6Stored(bytes, prefix);
  // Off the probed lengths, a checked network also probes the networks it was spread over.
  const spread = V6_LENGTHS.find((p) => p >= prefix)!;
  const probes =
    V6_LENGTHS.includes(prefix) || !wanted('ip6', spread)
      ? v6Probes(bytes, prefix, wanted)
      : [...stored, ...v6Probes(bytes, prefix, wanted)];
  return { kind, value, stored, probes };
}

function isKnownKind(kind: string): kind is DeconflictKind {
  return (DECONFLICT_KINDS as readonly string[]).includes(kind);
}

/**
 * Normalises one value with the observable rules (or the phone and handle rules here) and says what
 * it is hashed as. `kind` 'auto' detects the kind as the observable index does. Returns an error
 * message when the value is not one of that kind: the message depends on the input only. `wanted`
 * narrows the network probes of an address to the lengths a check needs (all by default).
 */
export function interestValue(
  kind: string,
  raw: string,
  wanted: ProbeLengths = ALL_LENGTHS,
): InterestValue | string {
  if (kind === 'auto') {
    const detected = detectObservable(raw);
    if (detected === null) return 'not a recognised observable value; name its kind';
    return interestValue(detected.kind, detected.value, wanted);
  }
  if (!isKnownKind(kind)) return `unknown kind ${kind.slice(0, 40)}`;
  if (kind === 'phone' || kind === 'handle') {
    const value = kind === 'phone' ? normalisePhone(raw) : normaliseHandle(raw);
    if (value === null) return `not a ${kind === 'phone' ? 'phone number' : 'handle'}`;
    return { kind, value, stored: [`${kind}/${value}`], probes: [`${kind}/${value}`] };
  }
  let value = normaliseObservable(kind, raw);
  if (value === null) return `not a valid ${kind} value`;
  // A full-length prefix is one address: `1.2.3.4/32` and `1.2.3.4` are one interest.
  if (kind === 'ipv4-cidr' && value.endsWith('/32')) value = value.slice(0, -3);
  if (kind === 'ipv6-cidr' && value.endsWith('/128')) value = value.slice(0, -4);
  if (kind === 'ipv4' || kind === 'ipv4-cidr' || kind === 'ipv6' || kind === 'ipv6-cidr')
    return address(kind, value, wanted);
  return { kind, value, stored: [`${kind}/${value}`], probes: [`${kind}/${value}`] };
}
