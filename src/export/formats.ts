import { OBSERVABLE_KINDS } from '../observable/kind.js';
import type { ObservableKind } from '../observable/kind.js';
import { csvFormatter } from './csv.js';
import type { CsvOptions } from './csv.js';
import type { ExportItems, Formatter } from './export-item.js';
import { hashLists } from './hash-lists.js';
import { PLAIN_LISTS, plainListFormatter, plainListKinds } from './plain-list.js';
import type { PlainListName } from './plain-list.js';
import type { RuleOptions } from './rule-builder.js';
import { rpzFormatter } from './rpz.js';
import type { RpzOptions } from './rpz.js';
import { snortFormatter } from './snort.js';
import { suricataFormatter } from './suricata.js';
import type { SuricataOptions } from './suricata.js';
import { ZEEK_KINDS, zeekFormatter } from './zeek.js';
import type { ZeekOptions } from './zeek.js';

/** Every option any format reads; each formatter ignores the ones that are not its own. */
export type ExportOptions = CsvOptions & SuricataOptions & RuleOptions & ZeekOptions & RpzOptions;

export interface ExportFormat {
  name: string;
  contentType: string;
  fileExtension: string;
  /**
   * Formats that block or alert automatically (lists, rules, RPZ). The caller keeps PAP:RED and
   * TLP:RED items out of these, as BRIEF.md requires.
   */
  blocking: boolean;
  /** Kinds the format writes; others are skipped, so the caller can filter its query by these. */
  kinds: readonly ObservableKind[];
  formatter: Formatter<ExportOptions>;
  /** Files that must sit beside the main output (Suricata hash lists): name -> content. */
  sideFiles?: (items: ExportItems, opts?: ExportOptions) => Promise<Map<string, string>>;
}

const TEXT = 'text/plain; charset=utf-8';
const IP_KINDS: ObservableKind[] = ['ipv4', 'ipv6', 'ipv4-cidr', 'ipv6-cidr'];

function plainList(name: PlainListName): ExportFormat {
  return {
    name,
    contentType: TEXT,
    fileExtension: 'txt',
    blocking: true,
    kinds: plainListKinds(name),
    formatter: plainListFormatter(name),
  };
}

export const FORMATS: Readonly<Record<string, ExportFormat>> = {
  ...Object.fromEntries(PLAIN_LISTS.map((name) => [name, plainList(name)])),
  csv: {
    name: 'csv',
    contentType: 'text/csv; charset=utf-8; header=present',
    fileExtension: 'csv',
    blocking: false,
    kinds: OBSERVABLE_KINDS,
    formatter: csvFormatter,
  },
  suricata: {
    name: 'suricata',
    contentType: TEXT,
    fileExtension: 'rules',
    blocking: true,
    kinds: [...IP_KINDS, 'domain', 'url', 'md5', 'sha1', 'sha256'],
    formatter: suricataFormatter,
    sideFiles: (items, opts) => hashLists(items, opts?.hashListPrefix),
  },
  snort: {
    name: 'snort',
    contentType: TEXT,
    fileExtension: 'rules',
    blocking: true,
    kinds: [...IP_KINDS, 'domain', 'url'],
    formatter: snortFormatter,
  },
  zeek: {
    name: 'zeek',
    contentType: TEXT,
    fileExtension: 'intel',
    blocking: false,
    kinds: ZEEK_KINDS,
    formatter: zeekFormatter,
  },
  rpz: {
    name: 'rpz',
    // RFC 4027 registers text/dns for DNS master files.
    contentType: 'text/dns',
    fileExtension: 'zone',
    blocking: true,
    kinds: [...IP_KINDS, 'domain'],
    formatter: rpzFormatter,
  },
};

export function exportFormat(name: string): ExportFormat | undefined {
  return Object.hasOwn(FORMATS, name) ? FORMATS[name] : undefined;
}
