import type { ExportItem, ExportItems } from './export-item.js';

export type HashKind = 'md5' | 'sha1' | 'sha256';

const HEX_LENGTH: Record<HashKind, number> = { md5: 32, sha1: 40, sha256: 64 };

/** Suricata's keyword for each list: `filemd5:<file>;` and so on. */
export const HASH_KEYWORD: Record<HashKind, string> = {
  md5: 'filemd5',
  sha1: 'filesha1',
  sha256: 'filesha256',
};

export const HASH_KINDS = Object.keys(HEX_LENGTH) as HashKind[];

export function isHashKind(kind: string): kind is HashKind {
  return kind in HEX_LENGTH;
}

/** `accord-md5.list`: list files sit beside the rules file, where Suricata looks for them. */
export function hashListName(kind: HashKind, prefix = 'accord'): string {
  return `${prefix.replace(/[^A-Za-z0-9\-_.]/g, '_')}-${kind}.list`;
}

/** The hash as a list line (lower-case hex), or undefined when it is not a well-formed hash of its kind. */
export function hashListEntry(item: ExportItem): string | undefined {
  if (!isHashKind(item.kind)) return undefined;
  const value = item.value.toLowerCase();
  return value.length === HEX_LENGTH[item.kind] && /^[0-9a-f]+$/.test(value) ? value : undefined;
}

/**
 * The hash list files the Suricata rules refer to: file name -> content (one hash per line). Lists are
 * small next to the rules (16 bytes a hash in the engine), so they are built whole; only lists with at
 * least one hash appear, exactly as the formatter writes a rule only for those.
 */
export async function hashLists(items: ExportItems, prefix = 'accord'): Promise<Map<string, string>> {
  const seen = new Map<HashKind, Set<string>>();
  for await (const item of items) {
    const entry = hashListEntry(item);
    if (entry === undefined || !isHashKind(item.kind)) continue;
    let set = seen.get(item.kind);
    if (set === undefined) seen.set(item.kind, (set = new Set()));
    set.add(entry);
  }
  const files = new Map<string, string>();
  for (const kind of HASH_KINDS) {
    const set = seen.get(kind);
    if (set !== undefined) files.set(hashListName(kind, prefix), `${[...set].join('\n')}\n`);
  }
  return files;
}
