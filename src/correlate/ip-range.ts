import ipaddr from 'ipaddr.js';
import type { Observable } from '../observable/kind.js';
import { ipv4ToNumber, normaliseObservable } from '../observable/index.js';

/** An address block as fixed-width hex, which sorts like the integers it spells. */
export interface IpRange {
  family: 4 | 6;
  lo: string;
  hi: string;
  prefix: number;
}

const BITS = { 4: 32, 6: 128 } as const;

function toHex(family: 4 | 6, n: bigint): string {
  return n.toString(16).padStart(family === 4 ? 8 : 32, '0');
}

function parseAddress(text: string): { family: 4 | 6; n: bigint } | null {
  const v4 = ipv4ToNumber(text);
  if (v4 !== null) return { family: 4, n: BigInt(v4) };
  if (!text.includes(':') || !ipaddr.IPv6.isValid(text)) return null;
  let n = 0n;
  for (const byte of ipaddr.IPv6.parse(text).toByteArray()) n = (n << 8n) | BigInt(byte);
  return { family: 6, n };
}

function block(family: 4 | 6, n: bigint, prefix: number): { lo: bigint; hi: bigint } {
  const size = 1n << BigInt(BITS[family] - prefix);
  const lo = n - (n % size);
  return { lo, hi: lo + size - 1n };
}

/** The range an IP or CIDR observable covers (a single address is a block of one), or null. */
export function ipRangeOf(o: Observable): IpRange | null {
  if (o.kind !== 'ipv4' && o.kind !== 'ipv6' && o.kind !== 'ipv4-cidr' && o.kind !== 'ipv6-cidr') return null;
  const slash = o.value.indexOf('/');
  const address = parseAddress(slash < 0 ? o.value : o.value.slice(0, slash));
  if (address === null) return null;
  const prefix = slash < 0 ? BITS[address.family] : Number(o.value.slice(slash + 1));
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > BITS[address.family]) return null;
  const { lo, hi } = block(address.family, address.n, prefix);
  return { family: address.family, lo: toHex(address.family, lo), hi: toHex(address.family, hi), prefix };
}

function addressText(family: 4 | 6, n: bigint): string {
  if (family === 4) return [24n, 16n, 8n, 0n].map((s) => String((n >> s) & 255n)).join('.');
  const bytes: number[] = [];
  for (let s = 120n; s >= 0n; s -= 8n) bytes.push(Number((n >> s) & 255n));
  return ipaddr.fromByteArray(bytes).toString();
}

/**
 * Every network strictly larger than the observable that contains it, as the normalised CIDR values
 * the observable index stores (`10.0.0.0/8`, ...): an address is inside /0 to /32 (or /128), a /24 inside
 * /0 to /23. Looking these up exactly finds every stored CIDR that contains the value, with one
 * primary-key probe each and no range table.
 */
export function enclosingNetworks(o: Observable): Observable[] {
  const range = ipRangeOf(o);
  if (range === null) return [];
  const kind = range.family === 4 ? 'ipv4-cidr' : 'ipv6-cidr';
  const n = BigInt(`0x${range.lo}`);
  const isCidr = o.kind === 'ipv4-cidr' || o.kind === 'ipv6-cidr';
  const out: Observable[] = [];
  for (let prefix = 0; prefix <= (isCidr ? range.prefix - 1 : range.prefix); prefix++) {
    const network = block(range.family, n, prefix).lo;
    const value = normaliseObservable(kind, `${addressText(range.family, network)}/${prefix}`);
    if (value !== null) out.push({ kind, value });
  }
  return out;
}
