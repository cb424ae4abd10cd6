import type { StixObject } from '../../stix/types.js';
import type { MappedValue } from './attribute-types.js';
import { canonical, hashPath, readIp, readPort } from './attribute-types.js';
import type { MispAttribute } from './misp-attribute.js';
import { at } from './misp-values.js';
import { makeSco } from './sco.js';
import type { StixComparison } from './stix-comparison.js';

/** What a MISP object template maps to: one SCO (with the SCOs it refers to) and its comparisons. */
export interface TemplateResult extends MappedValue {
  /** The attributes that went into the SCO; the others travel as `x_misp_attributes`. */
  used: Set<MispAttribute>;
}

type Template = (attrs: readonly MispAttribute[]) => TemplateResult | undefined;

const FILE_HASHES: Readonly<Record<string, string>> = {
  md5: 'MD5',
  sha1: 'SHA-1',
  sha256: 'SHA-256',
  sha512: 'SHA-512',
  ssdeep: 'SSDEEP',
  tlsh: 'TLSH',
};

function vpath(a: MispAttribute): string {
  return at(a.path, 'value');
}

const file: Template = (attrs) => {
  const used = new Set<MispAttribute>();
  const fields: Record<string, unknown> = {};
  const hashes: Record<string, string> = {};
  const comparisons: StixComparison[] = [];
  for (const a of attrs) {
    const algorithm = FILE_HASHES[a.type];
    if (algorithm !== undefined && hashes[algorithm] === undefined) {
      const v = canonical(a.type as 'md5', a.value, vpath(a), `${a.type} hash`);
      hashes[algorithm] = v;
      comparisons.push({ objectType: 'file', path: hashPath(algorithm), value: v });
    } else if (a.type === 'filename' && fields.name === undefined) {
      fields.name = canonical('filename', a.value, vpath(a), 'file name');
      comparisons.push({ objectType: 'file', path: 'name', value: fields.name as string });
    } else if (a.type === 'size-in-bytes' && fields.size === undefined && /^\d{1,15}$/.test(a.value.trim())) {
      fields.size = Number(a.value.trim());
      comparisons.push({ objectType: 'file', path: 'size', value: fields.size as number });
    } else if (a.type === 'mime-type' && fields.mime_type === undefined) {
      fields.mime_type = a.value.trim();
      comparisons.push({ objectType: 'file', path: 'mime_type', value: a.value.trim() });
    } else continue;
    used.add(a);
  }
  if (fields.name === undefined && Object.keys(hashes).length === 0) return undefined;
  if (Object.keys(hashes).length > 0) fields.hashes = hashes;
  return { comparisons, scos: [makeSco('file', fields)], used };
};

const domainIp: Template = (attrs) => {
  const domainAttr = attrs.find((a) => a.type === 'domain' || a.type === 'hostname');
  if (domainAttr === undefined) return undefined;
  const value = canonical('domain', domainAttr.value, vpath(domainAttr), 'domain name');
  const used = new Set<MispAttribute>([domainAttr]);
  const comparisons: StixComparison[] = [{ objectType: 'domain-name', path: 'value', value }];
  const addresses: StixObject[] = [];
  for (const a of attrs) {
    if (a.type !== 'ip-dst' && a.type !== 'ip-src') continue;
    const ip = readIp(a.value, vpath(a));
    addresses.push(makeSco(ip.type, { value: ip.value }));
    comparisons.push({ objectType: 'domain-name', path: 'resolves_to_refs[*].value', value: ip.value });
    used.add(a);
  }
  const domain = makeSco('domain-name', {
    value,
    ...(addresses.length > 0 ? { resolves_to_refs: addresses.map((s) => s.id) } : {}),
  });
  return { comparisons, scos: [domain, ...addresses], used };
};

const url: Template = (attrs) => {
  const a = attrs.find((x) => x.type === 'url' || x.type === 'link');
  if (a === undefined) return undefined;
  const value = canonical('url', a.value, vpath(a), 'URL');
  return {
    comparisons: [{ objectType: 'url', path: 'value', value }],
    scos: [makeSco('url', { value })],
    used: new Set([a]),
  };
};

const EMAIL_REFS: Readonly<Record<string, string>> = { from: 'from_ref', to: 'to_refs', cc: 'cc_refs' };

const email: Template = (attrs) => {
  const used = new Set<MispAttribute>();
  const fields: Record<string, unknown> = { is_multipart: false };
  const addresses: StixObject[] = [];
  const comparisons: StixComparison[] = [];
  for (const a of attrs) {
    const ref = EMAIL_REFS[a.objectRelation ?? ''];
    if (ref !== undefined && (a.type === 'email-src' || a.type === 'email-dst' || a.type === 'email')) {
      if (ref === 'from_ref' && fields.from_ref !== undefined) continue;
      const v = canonical('email', a.value, vpath(a), 'e-mail address');
      const addr = makeSco('email-addr', { value: v });
      addresses.push(addr);
      if (ref === 'from_ref') fields.from_ref = addr.id;
      else fields[ref] = [...((fields[ref] as string[] | undefined) ?? []), addr.id];
      comparisons.push({
        objectType: 'email-message',
        path: ref === 'from_ref' ? 'from_ref.value' : `${ref}[*].value`,
        value: v,
      });
    } else if (a.type === 'email-subject' && fields.subject === undefined) {
      fields.subject = a.value;
      comparisons.push({ objectType: 'email-message', path: 'subject', value: a.value });
    } else if (a.type === 'email-message-id' && fields.message_id === undefined) {
      fields.message_id = a.value.trim();
      comparisons.push({ objectType: 'email-message', path: 'message_id', value: a.value.trim() });
    } else continue;
    used.add(a);
  }
  if (comparisons.length === 0) return undefined;
  return { comparisons, scos: [makeSco('email-message', fields), ...addresses], used };
};

const ipPort: Template = (attrs) => {
  const used = new Set<MispAttribute>();
  const fields: Record<string, unknown> = {};
  const addresses: StixObject[] = [];
  const comparisons: StixComparison[] = [];
  let version: string | undefined;
  for (const a of attrs) {
    const rel = a.objectRelation ?? '';
    const side = a.type === 'ip-src' || rel === 'ip-src' || rel === 'src-ip' ? 'src' : 'dst';
    if ((a.type === 'ip-dst' || a.type === 'ip-src') && fields[`${side}_ref`] === undefined) {
      const ip = readIp(a.value, vpath(a));
      const addr = makeSco(ip.type, { value: ip.value });
      addresses.push(addr);
      fields[`${side}_ref`] = addr.id;
      version ??= ip.type === 'ipv4-addr' ? 'ipv4' : 'ipv6';
      comparisons.push({ objectType: 'network-traffic', path: `${side}_ref.value`, value: ip.value });
    } else if (a.type === 'port' && (rel === 'dst-port' || rel === 'src-port')) {
      const key = rel === 'dst-port' ? 'dst_port' : 'src_port';
      if (fields[key] !== undefined) continue;
      fields[key] = readPort(a.value, vpath(a));
      comparisons.push({ objectType: 'network-traffic', path: key, value: fields[key] as number });
    } else continue;
    used.add(a);
  }
  if (version === undefined) return undefined;
  return {
    comparisons,
    scos: [makeSco('network-traffic', { ...fields, protocols: [version] }), ...addresses],
    used,
  };
};

/** MISP object templates with a STIX form; others convert attribute by attribute. */
export const OBJECT_TEMPLATES: Readonly<Record<string, Template>> = {
  file,
  'domain-ip': domainIp,
  url,
  email,
  'ip-port': ipPort,
};
