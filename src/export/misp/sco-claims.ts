import { hashPath } from '../../ingest/misp/attribute-types.js';
import { CUSTOM_SCO_TYPE } from '../../ingest/misp/sco.js';
import type { StixObject } from '../../stix/types.js';
import type { Claim } from './reverse-types.js';

const SKIP = new Set([
  'type',
  'id',
  'spec_version',
  'object_marking_refs',
  'granular_markings',
  'defanged',
  'is_multipart',
  'protocols',
]);

function scalar(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * An SCO as the comparisons a pattern for it would make (`file:hashes.MD5 = '…'`), following its
 * references one step (`network-traffic:dst_ref.value`), so SCOs and patterns share one way back to
 * MISP attributes.
 */
export function scoClaims(sco: StixObject, lookup: (id: string) => StixObject | undefined): Claim[] {
  const t = sco.type;
  const out: Claim[] = [];
  const push = (path: string, value: unknown): void => {
    const v = scalar(value);
    if (v !== undefined) out.push({ objectType: t, path, value: v });
  };
  for (const [k, v] of Object.entries(sco)) {
    if (SKIP.has(k) || (k.startsWith('x_') && t !== CUSTOM_SCO_TYPE)) continue;
    if (k === 'hashes' && isRecord(v)) {
      for (const [algorithm, digest] of Object.entries(v)) push(hashPath(algorithm), digest);
    } else if (k.endsWith('_ref') && typeof v === 'string') {
      push(`${k}.value`, lookup(v)?.value);
    } else if (k.endsWith('_refs') && Array.isArray(v)) {
      for (const id of v) if (typeof id === 'string') push(`${k}[*].value`, lookup(id)?.value);
    } else if (k === 'values' && Array.isArray(v)) {
      for (const entry of v) if (isRecord(entry)) push('values[*].data', entry.data);
    } else if (k === 'extensions' && isRecord(v)) {
      const pe = v['windows-pebinary-ext'];
      if (isRecord(pe)) push("extensions.'windows-pebinary-ext'.imphash", pe.imphash);
    } else {
      push(k, v);
    }
  }
  return out;
}
