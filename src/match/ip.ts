import ipaddr from 'ipaddr.js';

/** Dotted-quad IPv4 to an unsigned 32-bit integer without allocation; -1 when not an address. */
export function ipv4ToInt(s: string): number {
  let n = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || part > 255) return -1;
      n = n * 256 + part;
      part = 0;
      digits = 0;
      dots++;
    } else if (c >= 48 && c <= 57) {
      part = part * 10 + (c - 48);
      if (++digits > 3) return -1;
    } else return -1;
  }
  if (dots !== 3 || digits === 0 || part > 255) return -1;
  return n * 256 + part;
}

/** IPv6 text to four 32-bit words, or null. */
export function ipv6ToWords(s: string): [number, number, number, number] | null {
  if (!s.includes(':') || !ipaddr.IPv6.isValid(s)) return null;
  const parts = ipaddr.IPv6.parse(s).parts;
  const w = (i: number): number => ((parts[i] ?? 0) * 65536 + (parts[i + 1] ?? 0)) >>> 0;
  return [w(0), w(2), w(4), w(6)];
}

export function canonicalIpv6(s: string): string | null {
  try {
    return ipaddr.IPv6.isValid(s) ? ipaddr.IPv6.parse(s).toString() : null;
  } catch {
    return null;
  }
}

/**
 * Network address of `ip` under a prefix length, as a signed 32-bit integer: small integers stay
 * unboxed in V8, so map keys neither allocate nor hash as doubles.
 */
export function maskV4(ip: number, len: number): number {
  return len === 0 ? 0 : ip & (-1 << (32 - len));
}
