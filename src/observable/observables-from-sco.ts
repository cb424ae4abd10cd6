import type { StixObject } from '../stix/types.js';
import { FILE_HASH_KINDS } from './kind.js';
import type { Observable, ObservableKind } from './kind.js';
import { normaliseObservable } from './normalise-observable.js';

function push(out: Observable[], kind: ObservableKind, raw: unknown): void {
  if (typeof raw !== 'string' && typeof raw !== 'number') return;
  const value = normaliseObservable(kind, String(raw));
  if (value !== null && !out.some((o) => o.kind === kind && o.value === value)) out.push({ kind, value });
}

function hashEntries(hashes: unknown): [string, unknown][] {
  if (typeof hashes !== 'object' || hashes === null || Array.isArray(hashes)) return [];
  return Object.entries(hashes).map(([name, value]) => [name.toUpperCase().replaceAll('-', ''), value]);
}

function address(out: Observable[], sco: StixObject, family: 'ipv4' | 'ipv6'): void {
  const value = sco.value;
  if (typeof value !== 'string') return;
  push(out, value.includes('/') ? `${family}-cidr` : family, value);
}

/**
 * The normalised values one SCO contributes to the observable index: its address, name or hashes.
 * Values that do not normalise (a malformed address in someone's bundle) are left out, not guessed.
 */
export function observablesFromSco(sco: StixObject): Observable[] {
  const out: Observable[] = [];
  switch (sco.type) {
    case 'ipv4-addr':
      address(out, sco, 'ipv4');
      break;
    case 'ipv6-addr':
      address(out, sco, 'ipv6');
      break;
    case 'domain-name':
      push(out, 'domain', sco.value);
      break;
    case 'url':
      push(out, 'url', sco.value);
      break;
    case 'email-addr':
      push(out, 'email', sco.value);
      break;
    case 'file':
      for (const [name, value] of hashEntries(sco.hashes)) {
        const kind = FILE_HASH_KINDS[name];
        if (kind !== undefined) push(out, kind, value);
      }
      push(out, 'filename', sco.name);
      break;
    case 'artifact':
      for (const [name, value] of hashEntries(sco.hashes)) {
        const kind = FILE_HASH_KINDS[name];
        if (kind !== undefined) push(out, kind, value);
      }
      break;
    case 'mutex':
      push(out, 'mutex', sco.name);
      break;
    case 'autonomous-system':
      if (typeof sco.number === 'number' && Number.isInteger(sco.number)) push(out, 'asn', sco.number);
      break;
    case 'windows-registry-key':
      push(out, 'regkey', sco.key);
      break;
    case 'x509-certificate':
      for (const [name, value] of hashEntries(sco.hashes)) if (name === 'SHA1') push(out, 'x509-sha1', value);
      break;
    case 'cryptocurrency-wallet':
      push(out, 'btc', sco.value);
      break;
    default:
      break;
  }
  return out;
}
