import type { Observable, ObservableKind } from '../observable/kind.js';
import { normaliseObservable } from '../observable/index.js';
import { parsePattern, singleComparison } from '../pattern/index.js';

/** Which observable kind a single comparison's `type:path` names. */
const PATH_KINDS: Record<string, ObservableKind> = {
  'ipv4-addr:value': 'ipv4',
  'ipv6-addr:value': 'ipv6',
  'domain-name:value': 'domain',
  'url:value': 'url',
  'email-addr:value': 'email',
  'file:hashes.MD5': 'md5',
  "file:hashes.'MD5'": 'md5',
  "file:hashes.'SHA-1'": 'sha1',
  "file:hashes.'SHA-256'": 'sha256',
  "file:hashes.'SHA-512'": 'sha512',
  'file:hashes.SSDEEP': 'ssdeep',
  "file:hashes.'SSDEEP'": 'ssdeep',
  'file:hashes.TLSH': 'tlsh',
  "file:hashes.'TLSH'": 'tlsh',
  'file:name': 'filename',
  'mutex:name': 'mutex',
  'autonomous-system:number': 'asn',
  'windows-registry-key:key': 'regkey',
  'cryptocurrency-wallet:value': 'btc',
  "x509-certificate:hashes.'SHA-1'": 'x509-sha1',
};

// The shape nearly every indicator has; decided without the full parser on the ingest hot path.
const SIMPLE =
  /^\[([a-z0-9-]+):([A-Za-z0-9_]+(?:\.(?:[A-Za-z0-9_]+|'[A-Za-z0-9_-]+'))?) (=|ISSUBSET) '((?:[^'\\]|\\.)*)'\]$/;

function toObservable(path: string, operator: string, raw: string): Observable | null {
  let kind = PATH_KINDS[path];
  if (kind === undefined) return null;
  const isIp = kind === 'ipv4' || kind === 'ipv6';
  if (operator === 'ISSUBSET' || (isIp && raw.includes('/'))) {
    if (!isIp) return null;
    kind = kind === 'ipv4' ? 'ipv4-cidr' : 'ipv6-cidr';
  } else if (operator !== '=') return null;
  const value = normaliseObservable(kind, raw);
  return value === null ? null : { kind, value };
}

/**
 * The observable an indicator stands for when its pattern is one equality (or CIDR `ISSUBSET`)
 * comparison, e.g. `[ipv4-addr:value = '203.0.113.5']`; null for anything more complex.
 */
export function patternObservable(pattern: string): Observable | null {
  const simple = SIMPLE.exec(pattern);
  if (simple !== null) {
    return toObservable(`${simple[1]!}:${simple[2]!}`, simple[3]!, simple[4]!.replace(/\\(.)/g, '$1'));
  }
  const parsed = parsePattern(pattern);
  if (!parsed.ok) return null;
  const single = singleComparison(parsed.ast);
  if (single === null || single.negated) return null;
  return toObservable(`${single.objectType}:${single.path}`, single.operator, String(single.value));
}
