import ipaddr from 'ipaddr.js';

/** An address or network: bytes (4 or 16) and prefix length (32/128 for a single address). */
export interface Net {
  v6: boolean;
  bytes: number[];
  prefix: number;
}

/** Parses `1.2.3.4`, `1.2.3.0/24`, `2001:db8::/32`; host bits in a CIDR are allowed and ignored. */
export function parseNet(text: string): Net | null {
  try {
    const slash = text.indexOf('/');
    if (slash < 0) {
      if (!ipaddr.isValid(text)) return null;
      const a = ipaddr.parse(text);
      return { v6: a.kind() === 'ipv6', bytes: a.toByteArray(), prefix: a.kind() === 'ipv6' ? 128 : 32 };
    }
    if (!ipaddr.isValidCIDR(text)) return null;
    const [a, prefix] = ipaddr.parseCIDR(text);
    return { v6: a.kind() === 'ipv6', bytes: a.toByteArray(), prefix };
  } catch {
    return null;
  }
}

export function isCidrOrAddress(text: string): boolean {
  return parseNet(text) !== null;
}

/** True when `inner` lies entirely inside `outer`. */
export function netWithin(inner: Net, outer: Net): boolean {
  if (inner.v6 !== outer.v6 || inner.prefix < outer.prefix) return false;
  let bits = outer.prefix;
  for (let i = 0; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if (((inner.bytes[i] ?? 0) & mask) !== ((outer.bytes[i] ?? 0) & mask)) return false;
  }
  return true;
}
