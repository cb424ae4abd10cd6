import { hashPath } from '../../ingest/misp/attribute-types.js';
import { CUSTOM_SCO_TYPE } from '../../ingest/misp/sco.js';

/** One comparison as plain data, from a pattern or from an SCO. */
export interface Claim {
  objectType: string;
  path: string;
  value: string;
}

/** A MISP attribute recovered from STIX, before its metadata (uuid, category, ...) is added. */
export interface Recovered {
  type: string;
  value: string;
  relation?: string;
}

const HASH_TYPES: ReadonlyArray<[string, string]> = [
  ['MD5', 'md5'],
  ['SHA-1', 'sha1'],
  ['SHA-256', 'sha256'],
  ['SHA-512', 'sha512'],
  ['SSDEEP', 'ssdeep'],
  ['TLSH', 'tlsh'],
];

/** `objectType:path` → [MISP type, object relation], for claims that stand alone. */
const SINGLE = new Map<string, [string, string]>([
  ['ipv4-addr:value', ['ip-dst', 'ip']],
  ['ipv6-addr:value', ['ip-dst', 'ip']],
  ['domain-name:value', ['domain', 'domain']],
  ['domain-name:resolves_to_refs[*].value', ['ip-dst', 'ip']],
  ['url:value', ['url', 'url']],
  ['email-addr:value', ['email-src', 'email']],
  ['email-message:subject', ['email-subject', 'subject']],
  ['email-message:message_id', ['email-message-id', 'message-id']],
  ['email-message:from_ref.value', ['email-src', 'from']],
  ['email-message:to_refs[*].value', ['email-dst', 'to']],
  ['email-message:cc_refs[*].value', ['email-dst', 'cc']],
  ['file:name', ['filename', 'filename']],
  ['file:size', ['size-in-bytes', 'size-in-bytes']],
  ['file:mime_type', ['mime-type', 'mimetype']],
  ["file:extensions.'windows-pebinary-ext'.imphash", ['imphash', 'imphash']],
  ...HASH_TYPES.map(
    ([algorithm, type]) => [`file:${hashPath(algorithm)}`, [type, type]] as [string, [string, string]],
  ),
  ['mutex:name', ['mutex', 'name']],
  ['windows-registry-key:key', ['regkey', 'key']],
  ['windows-registry-key:values[*].data', ['text', 'data']],
  ["network-traffic:extensions.'http-request-ext'.request_header.'User-Agent'", ['user-agent', 'user-agent']],
  ['network-traffic:dst_ref.value', ['ip-dst', 'ip-dst']],
  ['network-traffic:src_ref.value', ['ip-src', 'ip-src']],
  ['network-traffic:dst_port', ['port', 'dst-port']],
  ['network-traffic:src_port', ['port', 'src-port']],
  ['autonomous-system:number', ['AS', 'asn']],
  ['cryptocurrency-wallet:value', ['btc', 'btc']],
  ["x509-certificate:hashes.'SHA-1'", ['x509-fingerprint-sha1', 'x509-fingerprint-sha1']],
]);

/** MISP object template for a group of claims on one SCO type. */
export const TEMPLATE_OF: Readonly<Record<string, string>> = {
  file: 'file',
  'domain-name': 'domain-ip',
  url: 'url',
  'email-message': 'email',
  'network-traffic': 'ip-port',
};

/** Types one STIX form stands for; a `misp:type` label picks among them. */
const ALTERNATIVES: ReadonlyArray<readonly string[]> = [
  ['ip-dst', 'ip-src'],
  ['domain', 'hostname'],
  ['url', 'uri', 'link'],
  ['email-src', 'email-dst', 'email'],
];

export function applyHint(type: string, hint: string | undefined): string {
  if (hint === undefined || hint === type) return type;
  return ALTERNATIVES.some((group) => group.includes(type) && group.includes(hint)) ? hint : type;
}

function key(c: Claim): string {
  return `${c.objectType}:${c.path}`;
}

function only(claims: readonly Claim[], ...paths: string[]): Claim[] | undefined {
  if (claims.length !== paths.length) return undefined;
  const picked = paths.map((p) => claims.find((c) => key(c) === p));
  return picked.every((c) => c !== undefined) ? picked : undefined;
}

/** Claims that make one composite MISP attribute (`filename|md5`, `ip-dst|port`, ...), if they do. */
function composite(claims: readonly Claim[]): Recovered | undefined {
  for (const [algorithm, type] of HASH_TYPES.slice(0, 4)) {
    const c = only(claims, 'file:name', `file:${hashPath(algorithm)}`);
    if (c) return { type: `filename|${type}`, value: `${c[0]!.value}|${c[1]!.value}` };
  }
  for (const side of ['dst', 'src']) {
    const c = only(claims, `network-traffic:${side}_ref.value`, `network-traffic:${side}_port`);
    if (c) return { type: `ip-${side}|port`, value: `${c[0]!.value}|${c[1]!.value}` };
  }
  const d = only(claims, 'domain-name:value', 'domain-name:resolves_to_refs[*].value');
  if (d) return { type: 'domain|ip', value: `${d[0]!.value}|${d[1]!.value}` };
  const r = only(claims, 'windows-registry-key:key', 'windows-registry-key:values[*].data');
  if (r) return { type: 'regkey|value', value: `${r[0]!.value}|${r[1]!.value}` };
  const x = only(claims, `${CUSTOM_SCO_TYPE}:x_misp_type`, `${CUSTOM_SCO_TYPE}:x_misp_value`);
  if (x) return { type: x[0]!.value, value: x[1]!.value };
  return undefined;
}

export interface Recovery {
  /** One attribute, or several (the parts of a MISP object). */
  attributes: Recovered[];
  /** Claims with no MISP form, for the caller to report. */
  unknown: Claim[];
  /** The SCO type the claims are about (for the object template). */
  objectType: string | undefined;
}

/** Claims (from one pattern observation or one SCO) → the MISP attribute(s) they stand for. */
export function recover(claims: readonly Claim[], asObject = false): Recovery {
  const objectType = claims[0]?.objectType;
  const c = asObject ? undefined : composite(claims);
  if (c !== undefined) return { attributes: [c], unknown: [], objectType };
  const attributes: Recovered[] = [];
  const unknown: Claim[] = [];
  for (const claim of claims) {
    const found = SINGLE.get(key(claim));
    if (found === undefined) unknown.push(claim);
    else attributes.push({ type: found[0], value: claim.value, relation: found[1] });
  }
  return { attributes, unknown, objectType };
}
