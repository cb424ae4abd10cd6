import { detectObservable, isBitcoinAddress, normaliseObservable, refang } from '../observable/index.js';

export const TARGET_KINDS = [
  'ipv4',
  'ipv6',
  'cidr',
  'domain',
  'url',
  'email',
  'threat-actor',
  'identity',
  'handle',
  'wallet',
  'bank-account',
  'victim-group',
] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

/** Targets hosted somewhere on the network: their jurisdiction comes from IP data. */
export const NETWORK_KINDS: ReadonlySet<TargetKind> = new Set(['ipv4', 'ipv6', 'cidr', 'domain', 'url']);

export interface NormalisedTarget {
  kind: TargetKind;
  /** What is shown: the canonical spelling. */
  value: string;
  /** What deduplicates: `value`, folded to lower case for names and handles. */
  key: string;
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;
const ETH = /^0x[0-9a-fA-F]{40}$/;
const IBAN = /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/;

function name(v: string): string | null {
  const t = v.normalize('NFC').replace(/\s+/g, ' ').trim();
  return t === '' || t.length > 300 || CONTROL.test(t) ? null : t;
}

/** IBAN with its ISO 13616 mod-97 check; other account numbers as country:number text. */
function bankAccount(v: string): string | null {
  const compact = v.replace(/[\s-]/g, '').toUpperCase();
  if (IBAN.test(compact)) {
    const digits = (compact.slice(4) + compact.slice(0, 4)).replace(/[A-Z]/g, (c) =>
      String(c.charCodeAt(0) - 55),
    );
    let rest = 0;
    for (const d of digits) rest = (rest * 10 + Number(d)) % 97;
    return rest === 1 ? compact : null;
  }
  return /^[A-Z]{2}:[A-Z0-9]{4,40}$/.test(compact) ? compact : null;
}

function wallet(v: string): string | null {
  const t = v.trim();
  if (isBitcoinAddress(t)) return /^bc1/i.test(t) ? t.toLowerCase() : t;
  if (ETH.test(t)) return t.toLowerCase();
  return /^[A-Za-z0-9]{26,100}$/.test(t) ? t : null;
}

const FOLDED: ReadonlySet<TargetKind> = new Set(['threat-actor', 'identity', 'handle', 'victim-group']);

/**
 * The canonical form of a target value, by the observable rules of src/observable/ for network and
 * e-mail targets (refanged first: `hxxp://evil[.]com` is `http://evil.com`). Null when it does not parse.
 */
export function normaliseTarget(kind: TargetKind, raw: string): NormalisedTarget | null {
  const v = refang(raw.trim());
  let value: string | null;
  switch (kind) {
    case 'ipv4':
    case 'ipv6':
    case 'domain':
    case 'url':
    case 'email':
      value = normaliseObservable(kind, v);
      break;
    case 'cidr':
      value = normaliseObservable('ipv4-cidr', v) ?? normaliseObservable('ipv6-cidr', v);
      break;
    case 'wallet':
      value = wallet(v);
      break;
    case 'bank-account':
      value = bankAccount(v);
      break;
    case 'handle':
      // Every leading @ goes: `@@x` and `@x` are the handle `x`, so normalising twice changes nothing.
      value = name(v.replace(/^@+/, ''));
      break;
    default:
      value = name(v);
  }
  if (value === null) return null;
  return { kind, value, key: FOLDED.has(kind) ? value.toLowerCase() : value };
}

/** The kind of a bare value from a plain list, for the kinds that can be recognised without being told. */
export function detectTargetKind(raw: string): TargetKind | null {
  const o = detectObservable(raw);
  if (o === null) return wallet(raw) !== null && isBitcoinAddress(raw.trim()) ? 'wallet' : null;
  switch (o.kind) {
    case 'ipv4':
    case 'ipv6':
    case 'domain':
    case 'url':
    case 'email':
      return o.kind;
    case 'ipv4-cidr':
    case 'ipv6-cidr':
      return 'cidr';
    case 'btc':
      return 'wallet';
    default:
      return null;
  }
}

export function isTargetKind(value: string): value is TargetKind {
  return (TARGET_KINDS as readonly string[]).includes(value);
}
