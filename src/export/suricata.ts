import type { ExportItem, Formatter } from './export-item.js';
import { HASH_KEYWORD, HASH_KINDS, hashListEntry, hashListName, isHashKind } from './hash-lists.js';
import type { HashKind } from './hash-lists.js';
import { networkRules } from './network-rules.js';
import { firstSeen, RuleBuilder, ruleDomain } from './rule-builder.js';
import type { RuleOptions } from './rule-builder.js';
import { ruleContent, ruleRev } from './rule-text.js';
import { streamLines } from './stream-lines.js';
import { urlParts } from './url-parts.js';

export interface SuricataOptions extends RuleOptions {
  /** Prefix of the hash list files (`accord-md5.list`, ...); see `hashLists`. */
  hashListPrefix?: string;
}

const TO_SERVER = 'flow:established,to_server;';

/**
 * Suricata 7 rules:
 * - IPs and CIDRs: one `alert ip $HOME_NET any <> <net> any` rule, so traffic either way (a host calling
 *   out to a C2, or the C2 reaching in) alerts with one sid per indicator;
 * - domains: the DNS query, the TLS SNI and the HTTP Host, each through `dotprefix` + `endswith` on
 *   `.<domain>`, which matches the domain and its subdomains but not `notevil.example`;
 * - URLs: HTTP Host (exact, via bsize) and the raw request target containing the URL's path and query;
 * - MD5/SHA-1/SHA-256: one `filemd5`/`filesha1`/`filesha256` rule per list, written at the end, with the
 *   list files themselves from `hashLists`.
 */
export const suricataFormatter: Formatter<SuricataOptions> = (items, opts = {}) => {
  const builder = new RuleBuilder(opts);
  const isNew = firstSeen();
  const hashes = new Map<HashKind, { count: number; rev: number }>();

  const item = (entry: ExportItem): string[] => {
    if (!isNew(entry)) return [];
    if (isHashKind(entry.kind)) {
      if (hashListEntry(entry) !== undefined) {
        const tally = hashes.get(entry.kind) ?? { count: 0, rev: 1 };
        hashes.set(entry.kind, { count: tally.count + 1, rev: Math.max(tally.rev, ruleRev(entry.modified)) });
      }
      return [];
    }
    return suricataRules(builder, entry);
  };

  const footer = (): string[] =>
    HASH_KINDS.flatMap((kind) => {
      const tally = hashes.get(kind);
      if (tally === undefined) return [];
      const list = hashListName(kind, opts.hashListPrefix);
      return [
        builder.listRule(
          'alert ip any any -> any any',
          list,
          `ACCORD file ${kind.toUpperCase()} on list ${list} (${tally.count} hashes)`,
          [`${HASH_KEYWORD[kind]}:${list};`],
          tally.rev,
        ),
      ];
    });

  return streamLines(
    items,
    { header: () => ['# Accord indicators as Suricata 7 rules'], item, footer },
    opts.chunkSize,
  );
};

/** The rules for one (non-hash) item; empty for kinds Suricata rules do not cover or invalid values. */
export function suricataRules(builder: RuleBuilder, item: ExportItem): string[] {
  switch (item.kind) {
    case 'ipv4':
    case 'ipv6':
    case 'ipv4-cidr':
    case 'ipv6-cidr':
      return networkRules(builder, item);
    case 'domain': {
      const domain = ruleDomain(item.value);
      if (domain === undefined) return [];
      const suffix = `content:"${ruleContent(`.${domain}`)}";`;
      return [
        builder.rule('alert dns $HOME_NET any -> any any', item, 'dns', 'DNS query', [
          'dns.query;',
          'dotprefix;',
          suffix,
          'nocase;',
          'endswith;',
        ]),
        builder.rule('alert tls $HOME_NET any -> any any', item, 'tls', 'TLS SNI', [
          TO_SERVER,
          'tls.sni;',
          'dotprefix;',
          suffix,
          'nocase;',
          'endswith;',
        ]),
        // http.host is already lower-cased by the engine, which refuses `nocase` there.
        builder.rule('alert http $HOME_NET any -> any any', item, 'http', 'HTTP Host', [
          TO_SERVER,
          'http.host;',
          'dotprefix;',
          suffix,
          'endswith;',
        ]),
      ];
    }
    case 'url': {
      const parts = urlParts(item.value);
      if (parts === undefined) return [];
      const host = Buffer.byteLength(parts.host, 'utf8');
      const options = [TO_SERVER, 'http.host;', `content:"${ruleContent(parts.host)}";`, `bsize:${host};`];
      if (parts.pathAndQuery !== '' && parts.pathAndQuery !== '/') {
        options.push('http.uri.raw;', `content:"${ruleContent(parts.pathAndQuery)}";`);
      }
      return [builder.rule('alert http $HOME_NET any -> any any', item, 'url', 'URL', options)];
    }
    default:
      return [];
  }
}
