/**
 * One log record already mapped to STIX paths. Keys are `<sco-type>:<path>` exactly as the path is
 * printed in a pattern (`ipv4-addr:value`, `domain-name:value`, `url:value`,
 * `file:hashes.'SHA-256'`, `network-traffic:dst_port`); values are strings. A plain object with
 * string values is the fastest input (no Map or array allocation per event).
 */
export interface MatchEvent {
  /** Optional id echoed in stream hits. */
  id?: string;
  /** RFC 3339 time of the event; defaults to the index clock. */
  time?: string;
  values: Map<string, string[]> | Record<string, string | string[] | undefined>;
}

const HASH_NAMES: Record<string, string> = {
  md5: 'MD5',
  sha1: 'SHA-1',
  'sha-1': 'SHA-1',
  sha256: 'SHA-256',
  'sha-256': 'SHA-256',
  sha512: 'SHA-512',
  'sha-512': 'SHA-512',
  ssdeep: 'SSDEEP',
  tlsh: 'TLSH',
};

const keyCache = new Map<string, string>();

/** Canonical key: hash algorithm names spelled as in the STIX vocabulary (`hashes.'SHA-256'`). */
export function canonicalKey(key: string): string {
  const hit = keyCache.get(key);
  if (hit !== undefined) return hit;
  const m = /^(.*\bhashes\.)'?([^'.]+)'?$/.exec(key);
  let out = key;
  if (m) {
    const name = HASH_NAMES[m[2]!.toLowerCase()] ?? m[2]!;
    out = `${m[1]!}${/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `'${name}'`}`;
  }
  if (keyCache.size < 10_000) keyCache.set(key, out);
  return out;
}

/** Calls `visit` for each (canonical key, value) of the event, without allocating. */
export function forEachValue(event: MatchEvent, visit: (key: string, value: string) => void): void {
  const v = event.values;
  if (v instanceof Map) {
    for (const [k, vals] of v) {
      const key = canonicalKey(k);
      for (const x of vals) visit(key, x);
    }
    return;
  }
  for (const k in v) {
    const vals = v[k];
    if (vals === undefined) continue;
    const key = canonicalKey(k);
    if (typeof vals === 'string') visit(key, vals);
    else for (const x of vals) visit(key, x);
  }
}
