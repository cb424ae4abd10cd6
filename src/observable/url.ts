import { normaliseDomain } from './domain.js';
import { normaliseIpv4, normaliseIpv6 } from './ip-address.js';

const URL_PARTS = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)([\s\S]*)$/;
const DEFAULT_PORTS: Readonly<Record<string, string>> = {
  http: '80',
  https: '443',
  ftp: '21',
  ws: '80',
  wss: '443',
};
// Control characters and spaces never belong in a URL value; the path may hold anything else.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\s\u0000-\u001f\u007f]/;

function normaliseHost(host: string): string | null {
  if (host.startsWith('[') && host.endsWith(']')) {
    const v6 = normaliseIpv6(host.slice(1, -1));
    return v6 === null ? null : `[${v6}]`;
  }
  return normaliseIpv4(host) ?? normaliseDomain(host);
}

/**
 * Canonical URL: lower-case scheme and host (IDN to punycode, addresses canonical), default port
 * dropped; user info, path, query and fragment are kept byte for byte because servers may treat
 * them case-sensitively and re-encoding would change what a sensor sees on the wire.
 */
export function normaliseUrl(value: string): string | null {
  if (FORBIDDEN.test(value)) return null;
  const m = URL_PARTS.exec(value);
  if (m === null) return null;
  const scheme = m[1]!.toLowerCase();
  const authority = m[2]!;
  const at = authority.lastIndexOf('@');
  const userinfo = at >= 0 ? authority.slice(0, at + 1) : '';
  let hostPort = authority.slice(at + 1);
  let port = '';
  const portMatch = /:(\d{0,5})$/.exec(hostPort);
  if (
    portMatch !== null &&
    !(hostPort.startsWith('[') && !hostPort.slice(0, portMatch.index).endsWith(']'))
  ) {
    hostPort = hostPort.slice(0, portMatch.index);
    const digits = portMatch[1]!;
    if (digits !== '') {
      const n = Number(digits);
      if (n > 65535) return null;
      port = String(n) === DEFAULT_PORTS[scheme] ? '' : `:${n}`;
    }
  }
  const host = normaliseHost(hostPort);
  if (host === null) return null;
  return `${scheme}://${userinfo}${host}${port}${m[3]!}`;
}
