import type { ExportItem, Formatter } from './export-item.js';
import { networkRules } from './network-rules.js';
import { firstSeen, RuleBuilder, ruleDomain } from './rule-builder.js';
import type { RuleOptions } from './rule-builder.js';
import { joinContent, ruleContent } from './rule-text.js';
import { streamLines } from './stream-lines.js';
import { urlParts } from './url-parts.js';

const TO_SERVER = 'flow:established,to_server;';

/** Length-prefixed DNS labels (`|04|evil|07|example|00|`), how the name travels in a DNS query. */
export function dnsWireContent(domain: string): string | undefined {
  const labels = domain.split('.');
  const parts: string[] = [];
  for (const label of labels) {
    const length = Buffer.byteLength(label, 'utf8');
    if (length === 0 || length > 63) return undefined;
    parts.push(`|${hexByte(length)}|`, ruleContent(label));
  }
  return joinContent(...parts, '|00|');
}

/**
 * Snort 2.9 rules (the version still most deployed; Snort 3 reads them through snort2lua). Snort 2.9 has
 * no DNS, SNI or Host buffers, so:
 * - IPs and CIDRs: `alert ip $HOME_NET any <> <net> any`, as for Suricata;
 * - domains: the query name in DNS wire form over UDP/53 (length-prefixed labels, so `notevil.example`
 *   never matches and subdomains do), the TLS SNI extension (`|00| len name`) and the `Host:` header;
 * - URLs: raw URI plus exact `Host:` header;
 * - file hashes are not rule keywords in Snort 2.9 (its file policy loads them), so they are skipped.
 */
export const snortFormatter: Formatter<RuleOptions> = (items, opts = {}) => {
  const builder = new RuleBuilder(opts);
  const isNew = firstSeen();
  return streamLines(
    items,
    {
      header: () => ['# Accord indicators as Snort 2.9 rules'],
      item: (entry) => (isNew(entry) ? snortRules(builder, entry) : []),
    },
    opts.chunkSize,
  );
};

function hexByte(byte: number): string {
  return byte.toString(16).toUpperCase().padStart(2, '0');
}

function hostHeader(host: string): string {
  return `content:"${joinContent('Host|3A 20|', ruleContent(host), '|0D 0A|')}"; http_header; nocase;`;
}

export function snortRules(builder: RuleBuilder, item: ExportItem): string[] {
  switch (item.kind) {
    case 'ipv4':
    case 'ipv6':
    case 'ipv4-cidr':
    case 'ipv6-cidr':
      return networkRules(builder, item);
    case 'domain': {
      const domain = ruleDomain(item.value);
      const wire = domain === undefined ? undefined : dnsWireContent(domain);
      if (domain === undefined || wire === undefined) return [];
      const sniLength = Buffer.byteLength(domain, 'utf8');
      const sni = `|00 ${hexByte(sniLength >> 8)} ${hexByte(sniLength & 0xff)}|`;
      return [
        builder.rule('alert udp $HOME_NET any -> any 53', item, 'dns', 'DNS query', [
          `content:"${wire}";`,
          'nocase;',
        ]),
        builder.rule('alert tcp $HOME_NET any -> any 443', item, 'tls', 'TLS SNI', [
          TO_SERVER,
          `content:"${joinContent(sni, ruleContent(domain))}";`,
          'nocase;',
        ]),
        builder.rule('alert tcp $HOME_NET any -> any $HTTP_PORTS', item, 'http', 'HTTP Host', [
          TO_SERVER,
          hostHeader(domain),
        ]),
      ];
    }
    case 'url': {
      const parts = urlParts(item.value);
      if (parts === undefined) return [];
      const options = [TO_SERVER];
      if (parts.pathAndQuery !== '' && parts.pathAndQuery !== '/') {
        options.push(`content:"${ruleContent(parts.pathAndQuery)}"; http_raw_uri;`);
      }
      options.push(hostHeader(parts.host));
      return [builder.rule('alert tcp $HOME_NET any -> any $HTTP_PORTS', item, 'url', 'URL', options)];
    }
    default:
      return [];
  }
}
