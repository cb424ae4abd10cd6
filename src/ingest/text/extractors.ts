import { hasPublicSuffix, isBitcoinAddress, normaliseObservable } from '../../observable/index.js';
import type { Observable, ObservableKind } from '../../observable/index.js';

/** One kind of indicator found in text: a candidate regex and what the candidate normalises to. */
export interface Extractor {
  pattern: RegExp;
  accept: (candidate: string) => { observable: Observable; length: number } | null;
}

// Public suffixes that are also common file extensions: `setup.py`, `invoice.zip`, `README.md` in
// prose are files, not domains. Only two-label names are treated so (`evil.example.zip` is a domain).
const FILE_EXTENSION_TLDS = new Set(['zip', 'mov', 'py', 'sh', 'pl', 'rs', 'md', 'ps', 'so', 'one', 'pm']);
const HASH_LENGTHS = new Map<number, ObservableKind>([
  [32, 'md5'],
  [40, 'sha1'],
  [64, 'sha256'],
  [128, 'sha512'],
]);
const TRAILING = /[.,;:!?'"*>]+$/;

function as(
  kind: ObservableKind,
  value: string,
  length = value.length,
): { observable: Observable; length: number } | null {
  const canonical = normaliseObservable(kind, value);
  return canonical === null ? null : { observable: { kind, value: canonical }, length };
}

/** Drops sentence punctuation and unbalanced closing brackets a URL picked up from prose. */
export function trimUrl(url: string): string {
  let u = url;
  for (;;) {
    const before = u;
    u = u.replace(TRAILING, '');
    for (const [open, close] of [
      ['(', ')'],
      ['[', ']'],
    ] as const) {
      if (u.endsWith(close) && u.split(close).length > u.split(open).length) u = u.slice(0, -1);
    }
    if (u === before) return u;
  }
}

function domainCandidate(candidate: string): { observable: Observable; length: number } | null {
  const found = as('domain', candidate);
  if (found === null || !hasPublicSuffix(found.observable.value)) return null;
  const labels = found.observable.value.split('.');
  if (labels.length === 2 && FILE_EXTENSION_TLDS.has(labels[1]!)) return null;
  return found;
}

function address(
  candidate: string,
  family: 'ipv4' | 'ipv6',
): { observable: Observable; length: number } | null {
  const slash = candidate.indexOf('/');
  if (slash < 0) return as(family, candidate);
  const full = family === 'ipv4' ? '32' : '128';
  const prefix = candidate.slice(slash + 1);
  if (prefix === full) return as(family, candidate.slice(0, slash), candidate.length);
  // `1.2.3.4/33` or a path after an address: keep the address alone.
  return as(`${family}-cidr`, candidate) ?? as(family, candidate.slice(0, slash), slash);
}

/**
 * In priority order: a URL's host is not reported again as a domain, an e-mail's domain neither,
 * an IPv4 inside an IPv6 neither. Look-arounds keep candidates from starting or ending inside a
 * longer token (`1.2.3.4.5` is no address, `invoice.pdf.exe` no domain).
 */
export const EXTRACTORS: readonly Extractor[] = [
  {
    pattern: /\b(?:https?|ftps?|sftp|wss?):\/\/[^\s<>"'`{}|\\^\u00a0]+/gi,
    accept: (c) => {
      const url = trimUrl(c);
      return as('url', url, url.length);
    },
  },
  {
    pattern:
      /(?<![\p{L}\p{N}._%+-])[A-Za-z0-9._%+-]{1,64}@(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+\p{L}[\p{L}\p{N}-]{0,62}(?![\p{L}\p{N}_-]|\.[\p{L}\p{N}])/gu,
    accept: (c) => {
      const found = as('email', c.replace(/^\.+/, ''));
      return found !== null &&
        hasPublicSuffix(found.observable.value.slice(found.observable.value.lastIndexOf('@') + 1))
        ? found
        : null;
    },
  },
  {
    pattern:
      /(?<![\w:.])(?=[0-9A-Fa-f:]*:[0-9A-Fa-f]*:)[0-9A-Fa-f:]{2,39}(?:(?<=:)(?:\d{1,3}\.){3}\d{1,3})?(?:\/\d{1,3})?(?![\w:]|\.\d)/g,
    accept: (c) => (/[0-9a-f]/i.test(c) ? address(c, 'ipv6') : null),
  },
  {
    pattern: /(?<![\w.-])(?:\d{1,3}\.){3}\d{1,3}(?:\/\d{1,3})?(?!\w|\.\d)/g,
    accept: (c) => address(c, 'ipv4'),
  },
  {
    pattern: /(?<![0-9A-Za-z])[0-9A-Fa-f]{32,128}(?![0-9A-Za-z])/g,
    accept: (c) => {
      // A real digest has both digits and letters; all-digit runs are serial numbers, phone logs...
      if (!/[0-9]/.test(c) || !/[a-f]/i.test(c)) return null;
      const kind = HASH_LENGTHS.get(c.length);
      return kind === undefined ? null : as(kind, c);
    },
  },
  { pattern: /\bCVE-\d{4}-\d{4,7}\b/gi, accept: (c) => as('cve', c) },
  {
    pattern:
      /(?<![0-9A-Za-z])(?:[13][1-9A-HJ-NP-Za-km-z]{25,34}|bc1[02-9ac-hj-np-z]{11,71}|BC1[02-9AC-HJ-NP-Z]{11,71})(?![0-9A-Za-z])/g,
    accept: (c) => (isBitcoinAddress(c) ? as('btc', c) : null),
  },
  {
    pattern:
      /(?<![\p{L}\p{N}_.@-])(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+\p{L}[\p{L}\p{N}-]{0,62}(?![\p{L}\p{N}_@-]|\.[\p{L}\p{N}])/gu,
    accept: domainCandidate,
  },
];
