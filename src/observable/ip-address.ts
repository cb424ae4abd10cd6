import ipaddr from 'ipaddr.js';

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const PREFIX = /^\d{1,3}$/;

/**
 * Dotted-quad IPv4 to an unsigned 32-bit integer, or null. Octets are read as decimal even with
 * leading zeros (`010` is 10, not octal 8): threat feeds zero-pad, they do not mean inet_aton.
 */
export function ipv4ToNumber(value: string): number | null {
  const m = IPV4.exec(value);
  if (m === null) return null;
  let n = 0;
  for (let i = 1; i <= 4; i++) {
    const octet = Number(m[i]);
    if (octet > 255) return null;
    n = n * 256 + octet;
  }
  return n;
}

export function numberToIpv4(n: number): string {
  return `${Math.floor(n / 16777216) % 256}.${Math.floor(n / 65536) % 256}.${Math.floor(n / 256) % 256}.${n % 256}`;
}

/** Network address of an IPv4 integer under a prefix length. */
export function maskIpv4(n: number, prefix: number): number {
  return prefix === 0 ? 0 : n - (n % 2 ** (32 - prefix));
}

export function normaliseIpv4(value: string): string | null {
  const n = ipv4ToNumber(value);
  return n === null ? null : numberToIpv4(n);
}

/** RFC 5952 form (compressed, lower-case) as ipaddr.js prints it; zone ids are refused. */
export function normaliseIpv6(value: string): string | null {
  if (!value.includes(':') || value.includes('%') || !ipaddr.IPv6.isValid(value)) return null;
  try {
    return ipaddr.IPv6.parse(value).toString();
  } catch {
    return null;
  }
}

function splitCidr(value: string, max: number): [string, number] | null {
  const slash = value.indexOf('/');
  if (slash < 0) return null;
  const prefixText = value.slice(slash + 1);
  if (!PREFIX.test(prefixText)) return null;
  const prefix = Number(prefixText);
  return prefix > max ? null : [value.slice(0, slash), prefix];
}

/** `10.1.2.3/8` -> `10.0.0.0/8`: the network address, so one network is one value. */
export function normaliseIpv4Cidr(value: string): string | null {
  const parts = splitCidr(value, 32);
  if (parts === null) return null;
  const n = ipv4ToNumber(parts[0]);
  return n === null ? null : `${numberToIpv4(maskIpv4(n, parts[1]))}/${parts[1]}`;
}

export function normaliseIpv6Cidr(value: string): string | null {
  const parts = splitCidr(value, 128);
  if (parts === null || normaliseIpv6(parts[0]) === null) return null;
  try {
    const network = ipaddr.IPv6.networkAddressFromCIDR(`${parts[0]}/${parts[1]}`);
    return `${network.toString()}/${parts[1]}`;
  } catch {
    return null;
  }
}
