import type { ExportItem } from './export-item.js';
import { isLineSafe } from './line-safe.js';
import { alertText, referenceUrl, ruleMessage, ruleMetadata, ruleRev } from './rule-text.js';
import { SidAllocator } from './sid-allocator.js';

/** Options shared by the Suricata and Snort formatters. */
export interface RuleOptions {
  /** Accord's public base URL; with it every rule gets `reference:url,<base>/objects/<id>`. */
  baseUrl?: string;
  /** First sid and number of sids the export may use (see sid-allocator.ts for the defaults). */
  sidBase?: number;
  sidRange?: number;
  /** `classtype` for every rule; must exist in the engine's classification.config. */
  classtype?: string;
  chunkSize?: number;
}

/** The link to an object in Accord: the item's own `url`, or one made from `baseUrl`. */
export function objectUrl(item: ExportItem, baseUrl: string | undefined): string | undefined {
  if (item.url !== undefined && item.url !== '') return item.url;
  if (baseUrl === undefined || baseUrl === '') return undefined;
  return `${baseUrl.replace(/\/+$/, '')}/objects/${encodeURIComponent(item.id)}`;
}

/** Writes whole rules for one export run: owns the sid allocator so sids never repeat within a run. */
export class RuleBuilder {
  readonly sids: SidAllocator;
  private readonly classtype: string;

  constructor(private readonly opts: RuleOptions) {
    this.sids = new SidAllocator(opts.sidBase, opts.sidRange);
    this.classtype = (opts.classtype ?? 'bad-unknown').replace(/[^A-Za-z0-9\-_]/g, '');
  }

  /**
   * `<header> (msg:"..."; <options> reference; classtype; sid; rev; metadata;)`. `variant` names the
   * rule within its indicator (dns, tls, http, ...) and is part of the sid key, so each keeps its sid.
   */
  rule(
    header: string,
    item: ExportItem,
    variant: string,
    what: string | undefined,
    options: string[],
  ): string {
    const sid = this.sids.allocate(`${item.id}#${variant}`);
    const url = objectUrl(item, this.opts.baseUrl);
    const parts = [
      `msg:"${ruleMessage(alertText(item, what))}";`,
      ...options,
      ...(url === undefined ? [] : [`reference:url,${referenceUrl(url)};`]),
      `classtype:${this.classtype};`,
      `sid:${sid};`,
      `rev:${ruleRev(item.modified)};`,
      `metadata:${ruleMetadata(item)};`,
    ];
    return `${header} (${parts.join(' ')})`;
  }

  /** A rule that stands for a whole list (hash lists), keyed by the list's name. */
  listRule(header: string, key: string, message: string, options: string[], rev: number): string {
    const sid = this.sids.allocate(`list#${key}`);
    const parts = [
      `msg:"${ruleMessage(message)}";`,
      ...options,
      `classtype:${this.classtype};`,
      `sid:${sid};`,
      `rev:${rev};`,
    ];
    return `${header} (${parts.join(' ')})`;
  }
}

/** A domain fit for a rule: trimmed of dots, lower-case, one token, at most 253 characters. */
export function ruleDomain(value: string): string | undefined {
  const domain = value.replace(/^\.+|\.+$/g, '').toLowerCase();
  if (domain === '' || domain.length > 253 || !isLineSafe(domain)) return undefined;
  return domain;
}

/**
 * Seen-before test keyed by kind and value, so one value gives one set of rules per run. One Set per
 * kind holds the items' own value strings: no key string is built per item, which at a million items
 * keeps the garbage collector out of the way.
 */
export function firstSeen(): (item: ExportItem) => boolean {
  const seen = new Map<string, Set<string>>();
  return (item) => {
    let values = seen.get(item.kind);
    if (values === undefined) seen.set(item.kind, (values = new Set()));
    if (values.has(item.value)) return false;
    values.add(item.value);
    return true;
  };
}
