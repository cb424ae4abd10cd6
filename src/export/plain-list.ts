import type { ObservableKind } from '../observable/kind.js';
import type { ExportItem, Formatter } from './export-item.js';
import { isLineSafe } from './line-safe.js';
import { streamLines } from './stream-lines.js';

export const PLAIN_LISTS = ['ip', 'cidr', 'domain', 'url', 'md5', 'sha1', 'sha256'] as const;
export type PlainListName = (typeof PLAIN_LISTS)[number];

export interface PlainListOptions {
  chunkSize?: number;
}

/** Which kinds each list takes, and how a value is written there (single IPs become /32 and /128 CIDRs). */
const LIST_KINDS: Record<PlainListName, Partial<Record<ObservableKind, (value: string) => string>>> = {
  ip: { ipv4: (v) => v, ipv6: (v) => v },
  cidr: {
    'ipv4-cidr': (v) => v,
    'ipv6-cidr': (v) => v,
    ipv4: (v) => `${v}/32`,
    ipv6: (v) => `${v}/128`,
  },
  domain: { domain: (v) => v },
  url: { url: (v) => v },
  md5: { md5: (v) => v },
  sha1: { sha1: (v) => v },
  sha256: { sha256: (v) => v },
};

export function plainListKinds(list: PlainListName): ObservableKind[] {
  return Object.keys(LIST_KINDS[list]) as ObservableKind[];
}

/**
 * A plain blocklist: one value per line, in arrival order, each value once per run. The Set of values
 * already written is the only state; at 1M values it stays well under 100 MB.
 */
export function plainListFormatter(list: PlainListName): Formatter<PlainListOptions> {
  const writers = LIST_KINDS[list];
  return (items, opts = {}) => {
    const seen = new Set<string>();
    const item = (entry: ExportItem): string[] => {
      const write = writers[entry.kind];
      if (write === undefined || !isLineSafe(entry.value)) return [];
      const line = write(entry.value);
      if (seen.has(line)) return [];
      seen.add(line);
      return [line];
    };
    return streamLines(items, { item }, opts.chunkSize);
  };
}
