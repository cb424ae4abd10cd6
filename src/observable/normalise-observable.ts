import { isBitcoinAddress } from './bitcoin.js';
import { normaliseDomain } from './domain.js';
import { normaliseIpv4, normaliseIpv4Cidr, normaliseIpv6, normaliseIpv6Cidr } from './ip-address.js';
import type { ObservableKind } from './kind.js';
import { normaliseUrl } from './url.js';

const EMAIL_LOCAL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}$/;
const CVE = /^CVE-\d{4}-\d{4,7}$/i;
const ASN = /^(?:AS)?(\d{1,10})$/i;
const SSDEEP = /^\d{1,10}:[A-Za-z0-9/+]{1,128}:[A-Za-z0-9/+]{1,128}(?:,"[^"]*")?$/;
const TLSH = /^(?:T1)?[0-9A-F]{70}$/i;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;
const HIVES: Readonly<Record<string, string>> = {
  HKLM: 'HKEY_LOCAL_MACHINE',
  HKCU: 'HKEY_CURRENT_USER',
  HKCR: 'HKEY_CLASSES_ROOT',
  HKU: 'HKEY_USERS',
  HKCC: 'HKEY_CURRENT_CONFIG',
};

const hex =
  (length: number) =>
  (v: string): string | null =>
    v.length === length && /^[0-9a-f]+$/i.test(v) ? v.toLowerCase() : null;

function email(v: string): string | null {
  const at = v.lastIndexOf('@');
  if (at <= 0) return null;
  const local = v.slice(0, at);
  const domain = normaliseDomain(v.slice(at + 1));
  return domain === null || !EMAIL_LOCAL.test(local) ? null : `${local}@${domain}`;
}

function asn(v: string): string | null {
  const m = ASN.exec(v);
  if (m === null) return null;
  const n = Number(m[1]);
  return n > 4294967295 ? null : String(n);
}

/** Free text values (file names, mutexes, user agents): any printable text, outer blanks trimmed. */
function text(v: string): string | null {
  const t = v.trim();
  return t === '' || CONTROL.test(t) ? null : t;
}

/** Full hive names, as STIX `windows-registry-key:key` asks; backslashes as the separator. */
function regkey(v: string): string | null {
  const t = text(v);
  if (t === null) return null;
  const slash = t.indexOf('\\');
  const hive = slash < 0 ? t : t.slice(0, slash);
  const full =
    HIVES[hive.toUpperCase()] ?? (hive.toUpperCase().startsWith('HKEY_') ? hive.toUpperCase() : hive);
  return full + (slash < 0 ? '' : t.slice(slash));
}

const NORMALISERS: Readonly<Record<ObservableKind, (v: string) => string | null>> = {
  ipv4: normaliseIpv4,
  ipv6: normaliseIpv6,
  'ipv4-cidr': normaliseIpv4Cidr,
  'ipv6-cidr': normaliseIpv6Cidr,
  domain: normaliseDomain,
  url: normaliseUrl,
  email,
  md5: hex(32),
  sha1: hex(40),
  sha256: hex(64),
  sha512: hex(128),
  // ssdeep is base64: case matters, so only the shape is checked.
  ssdeep: (v) => (SSDEEP.test(v) ? v : null),
  tlsh: (v) => (TLSH.test(v) ? v.toLowerCase() : null),
  filename: text,
  mutex: text,
  'user-agent': text,
  asn,
  btc: (v) => (isBitcoinAddress(v) ? (/^bc1/i.test(v) ? v.toLowerCase() : v) : null),
  cve: (v) => (CVE.test(v) ? v.toUpperCase() : null),
  ja3: hex(32),
  'x509-sha1': (v) => hex(40)(v.replaceAll(':', '')),
  regkey,
};

/**
 * The canonical form of a value of a known kind, or null when the value is not one. Canonical means
 * two spellings of one thing become one string (`EVIL.com.` and `evil.com`), so the observable index,
 * correlation and warninglists compare with plain string equality. Idempotent.
 */
export function normaliseObservable(kind: ObservableKind, value: string): string | null {
  const normalise = NORMALISERS[kind] as ((v: string) => string | null) | undefined;
  return normalise === undefined ? null : normalise(value.trim());
}
