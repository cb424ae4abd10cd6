import ipaddr from 'ipaddr.js';

/** A parsed IP or CIDR indicator value: family, network address (host bits cleared) and prefix length. */
export interface Network {
  family: 'ipv4' | 'ipv6';
  /** Network address in canonical text (compressed IPv6). */
  address: string;
  prefix: number;
}

/**
 * Reads an `ipv4`/`ipv6` address or `a.b.c.d/n` / `x::/n` CIDR. Returns undefined for anything invalid
 * so a bad value is skipped instead of producing a rule or zone file the engine refuses to load.
 */
export function parseNetwork(value: string): Network | undefined {
  const v4 = parseIpv4(value);
  if (v4 !== null) return v4;
  try {
    if (value.includes('%')) return undefined; // IPv6 zone ids mean nothing outside one host
    if (value.includes('/')) {
      if (!ipaddr.isValidCIDR(value)) return undefined;
      const [addr, prefix] = ipaddr.parseCIDR(value);
      if (addr.kind() === 'ipv4' && !ipaddr.IPv4.isValidCIDRFourPartDecimal(value)) return undefined;
      const family = addr.kind();
      const network =
        family === 'ipv4'
          ? ipaddr.IPv4.networkAddressFromCIDR(value).toString()
          : ipaddr.IPv6.networkAddressFromCIDR(value).toString();
      return { family, address: network, prefix };
    }
    if (!ipaddr.isValid(value)) return undefined;
    const addr = ipaddr.parse(value);
    // Dotted forms ipaddr accepts but engines do not ("1", "0x7f.1") are refused.
    if (addr.kind() === 'ipv4' && !ipaddr.IPv4.isValidFourPartDecimal(value)) return undefined;
    return { family: addr.kind(), address: addr.toString(), prefix: addr.kind() === 'ipv4' ? 32 : 128 };
  } catch {
    return undefined;
  }
}

/** `203.0.113.5`, `198.51.100.0/24`, `2001:db8::/32`: the network as an IDS address or blocklist entry. */
export function networkText(network: Network): string {
  const full = network.family === 'ipv4' ? 32 : 128;
  return network.prefix === full ? network.address : `${network.address}/${network.prefix}`;
}

const IPV4 =
  /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\/(3[0-2]|[12]?\d))?$/;

/**
 * Fast path for canonical dotted-quad IPv4 and IPv4 CIDRs, most of any export: one regex instead of
 * ipaddr.js's three parses (4 us per value, the largest cost of a million-rule export). Returns null,
 * not undefined, for "not this shape; ask ipaddr.js".
 */
function parseIpv4(value: string): Network | null {
  const m = IPV4.exec(value);
  if (m === null) return null;
  const prefix = m[5] === undefined ? 32 : Number(m[5]);
  if (prefix === 32)
    return {
      family: 'ipv4',
      address: m[5] === undefined ? value : value.slice(0, value.indexOf('/')),
      prefix,
    };
  const bits = ((Number(m[1]) << 24) | (Number(m[2]) << 16) | (Number(m[3]) << 8) | Number(m[4])) >>> 0;
  const net = prefix === 0 ? 0 : (bits & (~0 << (32 - prefix))) >>> 0;
  const address = `${net >>> 24}.${(net >>> 16) & 255}.${(net >>> 8) & 255}.${net & 255}`;
  return { family: 'ipv4', address, prefix };
}
