import { normaliseObservable } from '../../observable/index.js';
import type { ObservableKind } from '../../observable/index.js';
import type { StixObject } from '../../stix/types.js';
import { fail } from './misp-values.js';
import { customComparisons, customSco, makeSco } from './sco.js';
import type { StixComparison } from './stix-comparison.js';

/**
 * What one MISP value is in STIX: the comparisons of its indicator pattern and the SCOs that observe
 * it (the main one first). Either list may be empty: then the custom `x-misp-attribute` stands in.
 */
export interface MappedValue {
  comparisons: StixComparison[];
  scos: StixObject[];
}

type Mapper = (value: string, path: string) => MappedValue;

export function canonical(kind: ObservableKind, value: string, path: string, what: string): string {
  const v = normaliseObservable(kind, value);
  if (v === null)
    fail(path, 'invalid_value', `${path} is not a valid ${what}: ${JSON.stringify(value).slice(0, 80)}.`);
  return v;
}

export interface IpValue {
  type: 'ipv4-addr' | 'ipv6-addr';
  value: string;
  cidr: boolean;
}

/** An IPv4/IPv6 address or CIDR block, canonical. */
export function readIp(value: string, path: string): IpValue {
  const v = value.trim();
  const v6 = v.includes(':');
  const cidr = v.includes('/');
  const kind: ObservableKind = v6 ? (cidr ? 'ipv6-cidr' : 'ipv6') : cidr ? 'ipv4-cidr' : 'ipv4';
  return {
    type: v6 ? 'ipv6-addr' : 'ipv4-addr',
    value: canonical(kind, v, path, 'IP address or CIDR block'),
    cidr,
  };
}

function ip(value: string, path: string): MappedValue {
  const a = readIp(value, path);
  return {
    comparisons: [
      {
        objectType: a.type,
        path: 'value',
        value: a.value,
        ...(a.cidr ? { operator: 'ISSUBSET' as const } : {}),
      },
    ],
    scos: [makeSco(a.type, { value: a.value })],
  };
}

/** `a|b` composite values: exactly two parts. */
export function split2(value: string, path: string, what: string): [string, string] {
  const bar = value.indexOf('|');
  if (bar < 0 || value.indexOf('|', bar + 1) >= 0)
    fail(
      path,
      'invalid_value',
      `${path} must be "${what}" (two parts joined by |), found ${JSON.stringify(value).slice(0, 80)}.`,
    );
  return [value.slice(0, bar), value.slice(bar + 1)];
}

export function readPort(value: string, path: string): number {
  const port = Number(value.trim());
  if (!/^\d{1,5}$/.test(value.trim()) || port > 65535)
    fail(
      path,
      'invalid_value',
      `${path} holds a port that is not 0 to 65535: ${JSON.stringify(value).slice(0, 20)}.`,
    );
  return port;
}

function ipPort(side: 'src' | 'dst'): Mapper {
  return (value, path) => {
    const [address, portText] = split2(value, path, 'ip|port');
    const a = readIp(address, path);
    const port = readPort(portText, path);
    const addr = makeSco(a.type, { value: a.value });
    const traffic = makeSco('network-traffic', {
      [`${side}_ref`]: addr.id,
      [`${side}_port`]: port,
      protocols: [a.type === 'ipv4-addr' ? 'ipv4' : 'ipv6'],
    });
    return {
      comparisons: [
        { objectType: 'network-traffic', path: `${side}_ref.value`, value: a.value },
        { objectType: 'network-traffic', path: `${side}_port`, value: port },
      ],
      scos: [traffic, addr],
    };
  };
}

function simple(kind: ObservableKind, what: string, objectType: string, property: string): Mapper {
  return (value, path) => {
    const v = canonical(kind, value, path, what);
    return {
      comparisons: [{ objectType, path: property, value: v }],
      scos: [makeSco(objectType, { [property]: v })],
    };
  };
}

const domain = simple('domain', 'domain name', 'domain-name', 'value');

function domainIp(value: string, path: string): MappedValue {
  const [name, address] = split2(value, path, 'domain|ip');
  const d = canonical('domain', name, path, 'domain name');
  const a = readIp(address, path);
  const addr = makeSco(a.type, { value: a.value });
  return {
    comparisons: [
      { objectType: 'domain-name', path: 'value', value: d },
      { objectType: 'domain-name', path: 'resolves_to_refs[*].value', value: a.value },
    ],
    scos: [makeSco('domain-name', { value: d, resolves_to_refs: [addr.id] }), addr],
  };
}

function urlOf(kind: 'url' | 'uri'): Mapper {
  return (value, path) => {
    // A uri is often a bare path ("/gate.php"): kept as written, only trimmed.
    const v = kind === 'url' ? canonical('url', value, path, 'URL') : value.trim();
    if (v === '') fail(path, 'invalid_value', `${path} is empty.`);
    return {
      comparisons: [{ objectType: 'url', path: 'value', value: v }],
      scos: [makeSco('url', { value: v })],
    };
  };
}

const HASHES: Readonly<Record<string, [ObservableKind, string]>> = {
  md5: ['md5', 'MD5'],
  sha1: ['sha1', 'SHA-1'],
  sha256: ['sha256', 'SHA-256'],
  sha512: ['sha512', 'SHA-512'],
  ssdeep: ['ssdeep', 'SSDEEP'],
  tlsh: ['tlsh', 'TLSH'],
};

export function hashPath(algorithm: string): string {
  return /^[A-Z0-9]+$/.test(algorithm) ? `hashes.${algorithm}` : `hashes.'${algorithm}'`;
}

function hash(type: string): Mapper {
  const [kind, algorithm] = HASHES[type] ?? ['md5', 'MD5'];
  return (value, path) => {
    const v = canonical(kind, value, path, `${type} hash`);
    return {
      comparisons: [{ objectType: 'file', path: hashPath(algorithm), value: v }],
      scos: [makeSco('file', { hashes: { [algorithm]: v } })],
    };
  };
}

function filenameHash(type: string): Mapper {
  const [kind, algorithm] = HASHES[type] ?? ['md5', 'MD5'];
  return (value, path) => {
    const [name, digest] = split2(value, path, `filename|${type}`);
    const n = canonical('filename', name, path, 'file name');
    const v = canonical(kind, digest, path, `${type} hash`);
    return {
      comparisons: [
        { objectType: 'file', path: 'name', value: n },
        { objectType: 'file', path: hashPath(algorithm), value: v },
      ],
      scos: [makeSco('file', { name: n, hashes: { [algorithm]: v } })],
    };
  };
}

function imphash(value: string, path: string): MappedValue {
  const v = canonical('md5', value, path, 'imphash (MD5 of the import table)');
  return {
    comparisons: [{ objectType: 'file', path: "extensions.'windows-pebinary-ext'.imphash", value: v }],
    // A STIX file needs a name or a hash besides its PE extension: what is only observed stays custom.
    scos: [customSco('imphash', v)],
  };
}

function email(value: string, path: string): MappedValue {
  const v = canonical('email', value, path, 'e-mail address');
  return {
    comparisons: [{ objectType: 'email-addr', path: 'value', value: v }],
    scos: [makeSco('email-addr', { value: v })],
  };
}

function emailSubject(value: string): MappedValue {
  return {
    comparisons: [{ objectType: 'email-message', path: 'subject', value }],
    scos: [makeSco('email-message', { is_multipart: false, subject: value })],
  };
}

function regkeyValue(value: string, path: string): MappedValue {
  const [key, data] = split2(value, path, 'regkey|value');
  const k = canonical('regkey', key, path, 'registry key');
  return {
    comparisons: [
      { objectType: 'windows-registry-key', path: 'key', value: k },
      { objectType: 'windows-registry-key', path: 'values[*].data', value: data },
    ],
    scos: [makeSco('windows-registry-key', { key: k, values: [{ name: '', data }] })],
  };
}

function userAgent(value: string, path: string): MappedValue {
  const v = canonical('user-agent', value, path, 'user agent');
  // No core SCO: an http-request-ext needs a network-traffic with endpoints MISP does not give.
  return {
    comparisons: [
      {
        objectType: 'network-traffic',
        path: "extensions.'http-request-ext'.request_header.'User-Agent'",
        value: v,
      },
    ],
    scos: [customSco('user-agent', v)],
  };
}

function asn(value: string, path: string): MappedValue {
  const number = Number(canonical('asn', value, path, 'AS number'));
  return {
    comparisons: [{ objectType: 'autonomous-system', path: 'number', value: number }],
    scos: [makeSco('autonomous-system', { number })],
  };
}

function btc(value: string, path: string): MappedValue {
  const v = canonical('btc', value, path, 'bitcoin address');
  // The pattern follows observable/observable-to-pattern (OpenCTI's wallet type); no core SCO exists,
  // so what is only observed is kept as the custom SCO.
  return {
    comparisons: [{ objectType: 'cryptocurrency-wallet', path: 'value', value: v }],
    scos: [customSco('btc', v)],
  };
}

function x509Sha1(value: string, path: string): MappedValue {
  const v = canonical('x509-sha1', value, path, 'X.509 SHA-1 fingerprint');
  return {
    comparisons: [{ objectType: 'x509-certificate', path: "hashes.'SHA-1'", value: v }],
    scos: [makeSco('x509-certificate', { hashes: { 'SHA-1': v } })],
  };
}

function ja3(value: string, path: string): MappedValue {
  const v = canonical('ja3', value, path, 'JA3 fingerprint (MD5)');
  return {
    comparisons: customComparisons('ja3-fingerprint-md5', v),
    scos: [customSco('ja3-fingerprint-md5', v)],
  };
}

/** Observable MISP attribute types and their STIX form. `link`, text and CVEs are handled apart. */
export const OBSERVABLE_TYPES: Readonly<Record<string, Mapper>> = {
  'ip-src': ip,
  'ip-dst': ip,
  'ip-src|port': ipPort('src'),
  'ip-dst|port': ipPort('dst'),
  domain,
  hostname: domain,
  'domain|ip': domainIp,
  url: urlOf('url'),
  uri: urlOf('uri'),
  link: urlOf('url'),
  'email-src': email,
  'email-dst': email,
  email,
  'email-subject': emailSubject,
  md5: hash('md5'),
  sha1: hash('sha1'),
  sha256: hash('sha256'),
  sha512: hash('sha512'),
  ssdeep: hash('ssdeep'),
  tlsh: hash('tlsh'),
  filename: simple('filename', 'file name', 'file', 'name'),
  'filename|md5': filenameHash('md5'),
  'filename|sha1': filenameHash('sha1'),
  'filename|sha256': filenameHash('sha256'),
  'filename|sha512': filenameHash('sha512'),
  imphash,
  mutex: simple('mutex', 'mutex name', 'mutex', 'name'),
  regkey: simple('regkey', 'registry key', 'windows-registry-key', 'key'),
  'regkey|value': regkeyValue,
  'user-agent': userAgent,
  AS: asn,
  btc,
  'x509-fingerprint-sha1': x509Sha1,
  'ja3-fingerprint-md5': ja3,
};
