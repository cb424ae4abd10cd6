import type { Observable, ObservableKind } from '../../observable/index.js';
import { observableToPattern } from '../../observable/index.js';
import type { StixObject } from '../../stix/types.js';
import { accordId } from '../accord-id.js';
import type { ConversionContext } from '../conversion.js';

const KIND_LABELS: Readonly<Record<ObservableKind, string>> = {
  ipv4: 'IPv4 address',
  ipv6: 'IPv6 address',
  'ipv4-cidr': 'IPv4 network',
  'ipv6-cidr': 'IPv6 network',
  domain: 'Domain',
  url: 'URL',
  email: 'E-mail address',
  md5: 'MD5',
  sha1: 'SHA-1',
  sha256: 'SHA-256',
  sha512: 'SHA-512',
  ssdeep: 'SSDEEP',
  tlsh: 'TLSH',
  filename: 'File name',
  mutex: 'Mutex',
  'user-agent': 'User agent',
  asn: 'AS',
  btc: 'Bitcoin address',
  cve: 'Vulnerability',
  ja3: 'JA3',
  'x509-sha1': 'Certificate SHA-1',
  regkey: 'Registry key',
};

/** Optional details a source gives about an indicator (CSV columns). */
export interface IndicatorDetails {
  validFrom?: string;
  validUntil?: string;
  /** When the source last saw it active; kept as `x_accord_last_seen` (indicators have no such property). */
  lastSeen?: string;
  confidence?: number;
  labels?: string[];
  description?: string;
  externalReferences?: { source_name: string; url?: string; external_id?: string; description?: string }[];
}

/** The id an indicator for this observable gets: per owner, kind and value, so re-imports converge. */
export function indicatorId(ctx: ConversionContext, o: Observable): string {
  return accordId('indicator', ctx.ownerIdentityId, o.kind, o.value);
}

/** A STIX indicator for one observable, or null for kinds with no STIX pattern (CVE, JA3). */
export function indicatorFor(
  o: Observable,
  ctx: ConversionContext,
  details: IndicatorDetails = {},
): StixObject | null {
  const pattern = observableToPattern(o);
  if (pattern === null) return null;
  const indicator: StixObject = {
    type: 'indicator',
    spec_version: '2.1',
    id: indicatorId(ctx, o),
    created: ctx.now,
    modified: ctx.now,
    created_by_ref: ctx.ownerIdentityId,
    name: `${KIND_LABELS[o.kind]} ${o.kind === 'asn' ? `AS${o.value}` : o.value}`.slice(0, 1024),
    pattern,
    pattern_type: 'stix',
    valid_from: details.validFrom ?? ctx.now,
  };
  if (details.validUntil !== undefined && details.validUntil > indicator.valid_from!)
    indicator.valid_until = details.validUntil;
  if (details.lastSeen !== undefined) indicator.x_accord_last_seen = details.lastSeen;
  if (details.description !== undefined && details.description !== '')
    indicator.description = details.description;
  if (details.confidence !== undefined) indicator.confidence = details.confidence;
  if (details.labels !== undefined && details.labels.length > 0) indicator.labels = details.labels;
  if (details.externalReferences !== undefined && details.externalReferences.length > 0) {
    indicator.external_references = details.externalReferences;
  }
  return indicator;
}

/** A STIX vulnerability named by its CVE id, with the CVE external reference tools key on. */
export function vulnerabilityFor(cve: string, ctx: ConversionContext): StixObject {
  return {
    type: 'vulnerability',
    spec_version: '2.1',
    id: accordId('vulnerability', ctx.ownerIdentityId, cve),
    created: ctx.now,
    modified: ctx.now,
    created_by_ref: ctx.ownerIdentityId,
    name: cve,
    external_references: [{ source_name: 'cve', external_id: cve }],
  };
}
