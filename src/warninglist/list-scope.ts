import type { ObservableKind } from '../observable/index.js';
import type { Warninglist } from './warninglist.js';

const IP: readonly ObservableKind[] = ['ipv4', 'ipv6', 'ipv4-cidr', 'ipv6-cidr'];

/** MISP attribute types (as in `matching_attributes`) to the observable kinds they hold. */
const MISP_TYPE_KINDS: Readonly<Record<string, readonly ObservableKind[]>> = {
  'ip-src': IP,
  'ip-dst': IP,
  'ip-src|port': IP,
  'ip-dst|port': IP,
  'domain|ip': [...IP, 'domain'],
  domain: ['domain'],
  hostname: ['domain'],
  'hostname|port': ['domain'],
  url: ['url'],
  uri: ['url'],
  link: ['url'],
  email: ['email'],
  'email-src': ['email'],
  'email-dst': ['email'],
  'email-reply-to': ['email'],
  'target-email': ['email'],
  'whois-registrant-email': ['email'],
  md5: ['md5'],
  sha1: ['sha1'],
  sha256: ['sha256'],
  sha512: ['sha512'],
  'filename|md5': ['md5', 'filename'],
  'filename|sha1': ['sha1', 'filename'],
  'filename|sha256': ['sha256', 'filename'],
  ssdeep: ['ssdeep'],
  tlsh: ['tlsh'],
  filename: ['filename'],
  mutex: ['mutex'],
  'user-agent': ['user-agent'],
  AS: ['asn'],
  btc: ['btc'],
  vulnerability: ['cve'],
  'ja3-fingerprint-md5': ['ja3'],
  'x509-fingerprint-sha1': ['x509-sha1'],
  regkey: ['regkey'],
};

/** Without `matching_attributes`, a list applies to the kinds that can hold its kind of value. */
const BY_TYPE: Readonly<Record<Warninglist['type'], readonly ObservableKind[] | 'all'>> = {
  cidr: [...IP, 'url'],
  hostname: ['domain', 'url', 'email'],
  string: 'all',
  substring: 'all',
  regex: 'all',
};

/** The observable kinds a warninglist is checked against; `all` for every kind. */
export function listScope(list: Warninglist): ReadonlySet<ObservableKind> | 'all' {
  if (list.matching_attributes === undefined || list.matching_attributes.length === 0) {
    const byType = BY_TYPE[list.type];
    return byType === 'all' ? 'all' : new Set(byType);
  }
  const kinds = new Set<ObservableKind>();
  for (const attribute of list.matching_attributes)
    for (const kind of MISP_TYPE_KINDS[attribute] ?? []) kinds.add(kind);
  return kinds;
}
