import type { ObservableKind } from '../observable/kind.js';
import { parseNetwork } from './address.js';
import type { ExportItem, Formatter } from './export-item.js';
import { oneLine } from './line-safe.js';
import { firstSeen, objectUrl } from './rule-builder.js';
import { streamLines } from './stream-lines.js';
import { urlWithoutScheme } from './url-parts.js';

export interface ZeekOptions {
  /** `meta.source` of every line; `accord` by default. */
  source?: string;
  /** Accord's base URL, for `meta.url` when an item carries no `url`. */
  baseUrl?: string;
  chunkSize?: number;
}

export const ZEEK_HEADER = '#fields\tindicator\tindicator_type\tmeta.source\tmeta.desc\tmeta.url';

/** Zeek Intel framework type per kind, with how the indicator is written (Intel::URL has no scheme). */
const ZEEK_TYPES: Partial<
  Record<ObservableKind, { type: string; write: (value: string) => string | undefined }>
> = {
  ipv4: { type: 'Intel::ADDR', write: address },
  ipv6: { type: 'Intel::ADDR', write: address },
  'ipv4-cidr': { type: 'Intel::SUBNET', write: subnet },
  'ipv6-cidr': { type: 'Intel::SUBNET', write: subnet },
  domain: { type: 'Intel::DOMAIN', write: (v) => v },
  url: { type: 'Intel::URL', write: urlWithoutScheme },
  email: { type: 'Intel::EMAIL', write: (v) => v },
  md5: { type: 'Intel::FILE_HASH', write: hexHash(32) },
  sha1: { type: 'Intel::FILE_HASH', write: hexHash(40) },
  sha256: { type: 'Intel::FILE_HASH', write: hexHash(64) },
  'x509-sha1': { type: 'Intel::CERT_HASH', write: hexHash(40) },
  filename: { type: 'Intel::FILE_NAME', write: (v) => v },
};

export const ZEEK_KINDS = Object.keys(ZEEK_TYPES) as ObservableKind[];

/** Zeek compares hashes as lower-case hex text, so anything else could never match. */
function hexHash(length: number): (value: string) => string | undefined {
  return (value) => {
    const hash = value.toLowerCase();
    return hash.length === length && /^[0-9a-f]+$/.test(hash) ? hash : undefined;
  };
}

function address(value: string): string | undefined {
  const network = parseNetwork(value);
  return network !== undefined && !value.includes('/') ? network.address : undefined;
}

function subnet(value: string): string | undefined {
  const network = parseNetwork(value);
  return network === undefined ? undefined : `${network.address}/${network.prefix}`;
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f\u0085\u2028\u2029]/;

/** A free-text field: one line, no tabs, and `-` (Zeek's "unset") when there is nothing to say. */
function field(text: string | undefined): string {
  const line = text === undefined ? '' : oneLine(text);
  return line === '' ? '-' : line;
}

/**
 * A Zeek Intel framework file (tab-separated, one `#fields` header). An indicator holding a tab or line
 * break cannot be written in this format and is skipped; free text has such characters folded to spaces.
 */
export const zeekFormatter: Formatter<ZeekOptions> = (items, opts = {}) => {
  const isNew = firstSeen();
  const source = field(opts.source ?? 'accord');
  const item = (entry: ExportItem): string[] => {
    const zeek = ZEEK_TYPES[entry.kind];
    if (zeek === undefined || CONTROL.test(entry.value) || !isNew(entry)) return [];
    const indicator = zeek.write(entry.value);
    if (indicator === undefined || indicator === '' || indicator === '-' || CONTROL.test(indicator))
      return [];
    const tlp = entry.tlp === undefined ? '' : `TLP:${entry.tlp.toUpperCase()} `;
    const desc = field(`${tlp}${entry.name ?? entry.description ?? ''}`);
    return [[indicator, zeek.type, source, desc, field(objectUrl(entry, opts.baseUrl))].join('\t')];
  };
  return streamLines(items, { header: () => [ZEEK_HEADER], item }, opts.chunkSize);
};
