import type { Network } from './address.js';
import { parseNetwork } from './address.js';
import type { ExportItem, Formatter } from './export-item.js';
import { streamLines } from './stream-lines.js';

/** What a trigger does: NXDOMAIN (`CNAME .`), NODATA (`CNAME *.`), drop, pass through, or a walled garden. */
export type RpzAction = 'nxdomain' | 'nodata' | 'drop' | 'passthru' | { redirect: string };

export interface RpzOptions {
  /** The policy zone's name, e.g. `rpz.accord.example`; used for the size check and the SOA comment. */
  origin?: string;
  /** SOA serial; compute it with `rpzSerial(newest modified)` so secondaries see every change. */
  serial?: number;
  ttl?: number;
  action?: RpzAction;
  /** Primary name server and contact for the SOA/NS records. */
  nameServer?: string;
  hostmaster?: string;
  chunkSize?: number;
}

/**
 * SOA serial from the time of the last change: seconds since the epoch, which grows with every change
 * (the YYYYMMDDnn style allows only 100 a day) and fits the 32-bit serial until 2106.
 */
export function rpzSerial(date: Date | string): number {
  const ms = typeof date === 'string' ? Date.parse(date) : date.getTime();
  if (!Number.isFinite(ms)) throw new Error(`rpzSerial: not a date: ${String(date)}`);
  return Math.floor(ms / 1000) >>> 0;
}

function actionTarget(action: RpzAction): string {
  if (typeof action === 'object') return absolute(action.redirect);
  return { nxdomain: '.', nodata: '*.', drop: 'rpz-drop.', passthru: 'rpz-passthru.' }[action];
}

function absolute(name: string): string {
  return name.endsWith('.') ? name : `${name}.`;
}

const LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;

/**
 * A domain as an RPZ owner name relative to the zone, or undefined when it would not load: only LDH and
 * underscore labels of 1-63 octets (IDNs arrive as punycode), and short enough that `*.<domain>.<origin>`
 * fits the 255-octet limit. One bad line makes the server reject the whole zone, so doubt means skip.
 */
export function rpzDomain(value: string, origin: string): string | undefined {
  const domain = value.replace(/^\.+|\.+$/g, '').toLowerCase();
  if (domain === '' || !domain.split('.').every((label) => LABEL.test(label))) return undefined;
  return domain.length + 2 + origin.length + 2 <= 255 ? domain : undefined;
}

/**
 * The `rpz-ip` owner name of a network: prefix length first, then the address reversed; IPv4 by octets
 * (`32.5.113.0.203`), IPv6 by 16-bit words in hex with `zz` standing for the `::` run
 * (`128.1.zz.db8.2001`), as the RPZ specification writes them.
 */
export function rpzIpName(network: Network): string {
  if (network.family === 'ipv4') return `${network.prefix}.${network.address.split('.').reverse().join('.')}`;
  const [head = '', tail] = network.address.split('::');
  const words =
    tail === undefined
      ? head.split(':')
      : [...head.split(':').filter((w) => w !== ''), 'zz', ...tail.split(':').filter((w) => w !== '')];
  return `${network.prefix}.${words.reverse().join('.')}`;
}

/**
 * A DNS Response Policy Zone: each domain blocks itself and its subdomains (`evil.example` and
 * `*.evil.example`), each IP or CIDR is an `rpz-ip` trigger (answers that contain it are rewritten).
 */
export const rpzFormatter: Formatter<RpzOptions> = (items, opts = {}) => {
  const origin = (opts.origin ?? 'rpz.accord.local').replace(/\.+$/, '');
  const ttl = opts.ttl ?? 300;
  const serial = opts.serial ?? 1;
  const target = actionTarget(opts.action ?? 'nxdomain');
  const ns = absolute(opts.nameServer ?? 'localhost');
  const contact = absolute(opts.hostmaster ?? 'hostmaster.localhost');
  const seen = new Set<string>();

  const header = (): string[] => [
    `; Accord response policy zone ${origin}`,
    `$TTL ${ttl}`,
    `@ IN SOA ${ns} ${contact} ${serial} 3600 600 86400 ${Math.min(ttl, 300)}`,
    `@ IN NS ${ns}`,
  ];

  const owners = (entry: ExportItem): string[] => {
    switch (entry.kind) {
      case 'domain': {
        const domain = rpzDomain(entry.value, origin);
        return domain === undefined ? [] : [domain, `*.${domain}`];
      }
      case 'ipv4':
      case 'ipv6':
      case 'ipv4-cidr':
      case 'ipv6-cidr': {
        const network = parseNetwork(entry.value);
        // A /0 trigger would rewrite every answer: never what an indicator means.
        return network === undefined || network.prefix === 0 ? [] : [`${rpzIpName(network)}.rpz-ip`];
      }
      default:
        return [];
    }
  };

  const item = (entry: ExportItem): string[] =>
    owners(entry).flatMap((owner) => {
      if (seen.has(owner)) return [];
      seen.add(owner);
      return [`${owner} CNAME ${target}`];
    });

  return streamLines(items, { header, item }, opts.chunkSize);
};
