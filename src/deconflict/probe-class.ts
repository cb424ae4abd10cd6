/**
 * The class of a hashed network string (`ip4/24`, `ip6/48`), null for any other value. Stored beside
 * each network's keyed hash, so a check hashes only the covering networks of lengths someone has
 * registered instead of all 25 (IPv4) or 29 (IPv6). It tells a database reader a network's length,
 * never its address; checkers learn nothing from it.
 */
export function probeClass(hashed: string): string | null {
  const m = /^(ip[46])\/[^/]+\/(\d+)$/.exec(hashed);
  return m === null ? null : `${m[1]!}/${m[2]!}`;
}
