import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import ipaddr from 'ipaddr.js';
import { ipv4ToNumber } from '../observable/ip-address.js';

/**
 * Offline IP → country and IP → ASN + holder, from the CSV files of the `@ip-location-db` packages
 * (`geo-whois-asn-country`, CC0-1.0; `asn`, CC-BY-4.0 from RouteViews and DB-IP). Each file is read once
 * into sorted typed arrays and searched by bisection, so a lookup costs a few dozen comparisons and no
 * allocation for IPv4. Rows are `start,end,value[,holder]` with addresses as integers (the `-num` files)
 * or in dotted/colon form; an operator points at newer files with ACCORD_IP_COUNTRY_V4,
 * ACCORD_IP_COUNTRY_V6, ACCORD_IP_ASN_V4 and ACCORD_IP_ASN_V6.
 */
export interface IpJurisdiction {
  country: string | null;
  asn: number | null;
  asnHolder: string | null;
}

export interface IpDbFiles {
  countryV4: string;
  countryV6: string;
  asnV4: string;
  asnV6: string;
}

interface V4Table {
  starts: Uint32Array;
  ends: Uint32Array;
  values: Uint32Array;
}

interface V6Table {
  startHi: BigUint64Array;
  startLo: BigUint64Array;
  endHi: BigUint64Array;
  endLo: BigUint64Array;
  values: Uint32Array;
}

/** The files shipped with the installed packages, each replaceable by its environment variable. */
export function ipDbFiles(env: NodeJS.ProcessEnv = process.env): IpDbFiles {
  const require = createRequire(import.meta.url);
  const geo = dirname(require.resolve('@ip-location-db/geo-whois-asn-country/package.json'));
  const asn = dirname(require.resolve('@ip-location-db/asn/package.json'));
  const pick = (name: string, fallback: string) => {
    const v = env[name];
    return v === undefined || v === '' ? fallback : v;
  };
  return {
    countryV4: pick('ACCORD_IP_COUNTRY_V4', join(geo, 'geo-whois-asn-country-ipv4-num.csv')),
    countryV6: pick('ACCORD_IP_COUNTRY_V6', join(geo, 'geo-whois-asn-country-ipv6-num.csv')),
    asnV4: pick('ACCORD_IP_ASN_V4', join(asn, 'asn-ipv4-num.csv')),
    asnV6: pick('ACCORD_IP_ASN_V6', join(asn, 'asn-ipv6-num.csv')),
  };
}

const MASK64 = (1n << 64n) - 1n;

function v4(text: string): number | null {
  if (text.includes('.')) return ipv4ToNumber(text);
  const n = Number(text);
  return Number.isInteger(n) && n >= 0 && n <= 0xffffffff ? n : null;
}

function v6(text: string): bigint | null {
  try {
    if (text.includes(':')) {
      let n = 0n;
      for (const byte of ipaddr.IPv6.parse(text).toByteArray()) n = (n << 8n) | BigInt(byte);
      return n;
    }
    return /^\d{1,39}$/.test(text) ? BigInt(text) : null;
  } catch {
    return null;
  }
}

/** Splits `start,end,value[,holder]`; the holder may be quoted with `""` escapes and hold commas. */
function fields(line: string): [string, string, string, string] | null {
  const a = line.indexOf(',');
  const b = line.indexOf(',', a + 1);
  if (a < 0 || b < 0) return null;
  const c = line.indexOf(',', b + 1);
  const value = c < 0 ? line.slice(b + 1) : line.slice(b + 1, c);
  let holder = c < 0 ? '' : line.slice(c + 1);
  if (holder.startsWith('"') && holder.endsWith('"')) holder = holder.slice(1, -1).replaceAll('""', '"');
  return [line.slice(0, a), line.slice(a + 1, b), value.trim(), holder.trim()];
}

class Interner {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();
  id(value: string): number {
    let i = this.index.get(value);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(value);
      this.index.set(value, i);
    }
    return i;
  }
}

function readRows(path: string): string[] {
  return readFileSync(path, 'utf8').split('\n');
}

/** Reads a v4 file; `value` maps the third (and fourth) field to a number stored beside the range. */
function loadV4(path: string, value: (v: string, holder: string) => number): V4Table {
  const rows = readRows(path);
  const starts = new Uint32Array(rows.length);
  const ends = new Uint32Array(rows.length);
  const values = new Uint32Array(rows.length);
  let n = 0;
  for (const line of rows) {
    const f = fields(line);
    if (f === null) continue;
    const s = v4(f[0]);
    const e = v4(f[1]);
    if (s === null || e === null || e < s) continue;
    starts[n] = s;
    ends[n] = e;
    values[n] = value(f[2], f[3]);
    n++;
  }
  return sortV4({ starts: starts.slice(0, n), ends: ends.slice(0, n), values: values.slice(0, n) });
}

function sortV4(t: V4Table): V4Table {
  for (let i = 1; i < t.starts.length; i++) if (t.starts[i - 1]! > t.starts[i]!) return resortV4(t);
  return t;
}

function resortV4(t: V4Table): V4Table {
  const order = Array.from(t.starts.keys()).sort((a, b) => t.starts[a]! - t.starts[b]!);
  return {
    starts: Uint32Array.from(order, (i) => t.starts[i]!),
    ends: Uint32Array.from(order, (i) => t.ends[i]!),
    values: Uint32Array.from(order, (i) => t.values[i]!),
  };
}

function loadV6(path: string, value: (v: string, holder: string) => number): V6Table {
  const rows = readRows(path);
  const items: { s: bigint; e: bigint; v: number }[] = [];
  for (const line of rows) {
    const f = fields(line);
    if (f === null) continue;
    const s = v6(f[0]);
    const e = v6(f[1]);
    if (s === null || e === null || e < s) continue;
    items.push({ s, e, v: value(f[2], f[3]) });
  }
  items.sort((a, b) => (a.s < b.s ? -1 : a.s > b.s ? 1 : 0));
  const t: V6Table = {
    startHi: new BigUint64Array(items.length),
    startLo: new BigUint64Array(items.length),
    endHi: new BigUint64Array(items.length),
    endLo: new BigUint64Array(items.length),
    values: new Uint32Array(items.length),
  };
  items.forEach((it, i) => {
    t.startHi[i] = it.s >> 64n;
    t.startLo[i] = it.s & MASK64;
    t.endHi[i] = it.e >> 64n;
    t.endLo[i] = it.e & MASK64;
    t.values[i] = it.v;
  });
  return t;
}

/** Index of the last range starting at or before `ip`, or -1. */
function findV4(t: V4Table, ip: number): number {
  let lo = 0;
  let hi = t.starts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (t.starts[mid]! <= ip) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found >= 0 && t.ends[found]! >= ip ? found : -1;
}

function findV6(t: V6Table, ip: bigint): number {
  const h = ip >> 64n;
  const l = ip & MASK64;
  let lo = 0;
  let hi = t.values.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const sh = t.startHi[mid]!;
    if (sh < h || (sh === h && t.startLo[mid]! <= l)) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (found < 0) return -1;
  const eh = t.endHi[found]!;
  return eh > h || (eh === h && t.endLo[found]! >= l) ? found : -1;
}

export class IpJurisdictionDb {
  private constructor(
    private readonly countries: Interner,
    private readonly holders: Interner,
    private readonly countryV4: V4Table,
    private readonly countryV6: V6Table,
    private readonly asnV4: V4Table,
    private readonly asnV6: V6Table,
    private readonly asnHolder: Map<number, number>,
  ) {}

  static load(files: IpDbFiles = ipDbFiles()): IpJurisdictionDb {
    const countries = new Interner();
    const holders = new Interner();
    const asnHolder = new Map<number, number>();
    const country = (v: string) => countries.id(v.toUpperCase());
    const asn = (v: string, holder: string) => {
      const n = Number(v);
      if (!asnHolder.has(n)) asnHolder.set(n, holders.id(holder));
      return n;
    };
    return new IpJurisdictionDb(
      countries,
      holders,
      loadV4(files.countryV4, country),
      loadV6(files.countryV6, country),
      loadV4(files.asnV4, asn),
      loadV6(files.asnV6, asn),
      asnHolder,
    );
  }

  /** Country and ASN of an IPv4 address given as a 32-bit number. */
  lookupV4(ip: number): IpJurisdiction {
    const c = findV4(this.countryV4, ip);
    const a = findV4(this.asnV4, ip);
    return this.result(c < 0 ? null : this.countryV4.values[c]!, a < 0 ? null : this.asnV4.values[a]!);
  }

  lookupV6(ip: bigint): IpJurisdiction {
    const c = findV6(this.countryV6, ip);
    const a = findV6(this.asnV6, ip);
    return this.result(c < 0 ? null : this.countryV6.values[c]!, a < 0 ? null : this.asnV6.values[a]!);
  }

  /** An address in either family, in its text form; null when it is no address. */
  lookup(address: string): IpJurisdiction | null {
    if (address.includes(':')) {
      const n = v6(address);
      return n === null ? null : this.lookupV6(n);
    }
    const n = ipv4ToNumber(address);
    return n === null ? null : this.lookupV4(n);
  }

  private result(country: number | null, asn: number | null): IpJurisdiction {
    const code = country === null ? null : this.countries.list[country]!;
    const holder = asn === null ? undefined : this.asnHolder.get(asn);
    return {
      // ZZ and similar placeholders mean "unknown" in these files.
      country: code === null || code === 'ZZ' || code === '' ? null : code,
      asn,
      asnHolder: holder === undefined ? null : (this.holders.list[holder] ?? null),
    };
  }
}

let shared: IpJurisdictionDb | undefined;

/** The process's one copy, read on first use. */
export function sharedIpJurisdictionDb(): IpJurisdictionDb {
  shared ??= IpJurisdictionDb.load();
  return shared;
}
