import { computeScoId } from '../stix/index.js';
import type { StixObject } from '../stix/types.js';
import type { Observable, ObservableKind } from './kind.js';

const HASH_NAMES: Readonly<Partial<Record<ObservableKind, string>>> = {
  md5: 'MD5',
  sha1: 'SHA-1',
  sha256: 'SHA-256',
  sha512: 'SHA-512',
  ssdeep: 'SSDEEP',
  tlsh: 'TLSH',
};

function body(o: Observable): Record<string, unknown> | null {
  const hash = HASH_NAMES[o.kind];
  if (hash !== undefined) return { type: 'file', hashes: { [hash]: o.value } };
  switch (o.kind) {
    case 'ipv4':
    case 'ipv4-cidr':
      return { type: 'ipv4-addr', value: o.value };
    case 'ipv6':
    case 'ipv6-cidr':
      return { type: 'ipv6-addr', value: o.value };
    case 'domain':
      return { type: 'domain-name', value: o.value };
    case 'url':
      return { type: 'url', value: o.value };
    case 'email':
      return { type: 'email-addr', value: o.value };
    case 'filename':
      return { type: 'file', name: o.value };
    case 'mutex':
      return { type: 'mutex', name: o.value };
    case 'asn':
      return /^\d{1,10}$/.test(o.value) ? { type: 'autonomous-system', number: Number(o.value) } : null;
    case 'regkey':
      return { type: 'windows-registry-key', key: o.value };
    case 'x509-sha1':
      return { type: 'x509-certificate', hashes: { 'SHA-1': o.value } };
    default:
      // user-agent needs a network-traffic with src/dst refs; btc, ja3 and cve have no core SCO.
      return null;
  }
}

/**
 * The STIX Cyber-observable Object for an observable, with its deterministic id (STIX 2.1 §2.9), so
 * the same value always becomes the same SCO whoever imports it. Null for kinds without a core SCO.
 */
export function observableToSco(o: Observable): StixObject | null {
  const fields = body(o);
  if (fields === null) return null;
  const sco = { spec_version: '2.1', ...fields } as unknown as StixObject;
  const id = computeScoId({ ...sco, id: '' });
  return id === null ? null : { type: sco.type, spec_version: '2.1', id, ...fields };
}
