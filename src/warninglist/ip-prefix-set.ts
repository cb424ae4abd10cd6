import ipaddr from 'ipaddr.js';
import { ipv4ToNumber, maskIpv4 } from '../observable/index.js';

/** A parsed address: IPv4 as one integer, IPv6 as eight 16-bit parts. */
export type IpBits = { v: 4; n: number } | { v: 6; parts: number[] };

export function parseIp(value: string): IpBits | null {
  const n = ipv4ToNumber(value);
  if (n !== null) return { v: 4, n };
  if (!value.includes(':') || !ipaddr.IPv6.isValid(value)) return null;
  return { v: 6, parts: ipaddr.IPv6.parse(value).parts };
}

/** `addr/len` or a bare address (full length), or null. */
export function parseCidr(value: string): { ip: IpBits; prefix: number } | null {
  const slash = value.indexOf('/');
  const ip = parseIp(slash < 0 ? value : value.slice(0, slash));
  if (ip === null) return null;
  const max = ip.v === 4 ? 32 : 128;
  if (slash < 0) return { ip, prefix: max };
  const text = value.slice(slash + 1);
  if (!/^\d{1,3}$/.test(text) || Number(text) > max) return null;
  return { ip, prefix: Number(text) };
}

function keyOf(ip: IpBits, prefix: number): string | number {
  if (ip.v === 4) return maskIpv4(ip.n, prefix);
  let key = '';
  for (let i = 0; i < 8; i++) {
    const bits = Math.min(16, Math.max(0, prefix - i * 16));
    const part = ip.parts[i] ?? 0;
    key += `${bits === 16 ? part : bits === 0 ? 0 : part - (part % 2 ** (16 - bits))}:`;
  }
  return key;
}

/**
 * Networks grouped by prefix length, each group a hash map of masked network addresses: a lookup
 * masks the address once per distinct prefix length present (a handful in practice, at most 33/129)
 * instead of scanning every network like `net.BlockList` does.
 */
export class IpPrefixSet<T> {
  private readonly v4 = new Map<number, Map<string | number, T[]>>();
  private readonly v6 = new Map<number, Map<string | number, T[]>>();
  private v4Lengths: number[] = [];
  private v6Lengths: number[] = [];

  add(network: { ip: IpBits; prefix: number }, item: T): void {
    const byLength = network.ip.v === 4 ? this.v4 : this.v6;
    let map = byLength.get(network.prefix);
    if (map === undefined) {
      map = new Map<string | number, T[]>();
      byLength.set(network.prefix, map);
      const lengths = [...byLength.keys()].sort((a, b) => a - b);
      if (network.ip.v === 4) this.v4Lengths = lengths;
      else this.v6Lengths = lengths;
    }
    const key = keyOf(network.ip, network.prefix);
    const items = map.get(key);
    if (items === undefined) map.set(key, [item]);
    else items.push(item);
  }

  /** Items of every network containing the address, or the whole network `[ip, prefix]` given. */
  lookup(ip: IpBits, prefix: number, visit: (item: T) => void): void {
    const byLength = ip.v === 4 ? this.v4 : this.v6;
    for (const length of ip.v === 4 ? this.v4Lengths : this.v6Lengths) {
      if (length > prefix) break;
      const items = byLength.get(length)?.get(keyOf(ip, length));
      if (items !== undefined) for (const item of items) visit(item);
    }
  }
}
