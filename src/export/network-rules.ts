import { networkText, parseNetwork } from './address.js';
import type { ExportItem } from './export-item.js';
import type { RuleBuilder } from './rule-builder.js';

/**
 * The rule for an IP or CIDR item, the same in Suricata 7 and Snort 2.9: one
 * `alert ip $HOME_NET any <> <net> any`, so traffic either way (a host calling out to a C2, or the C2
 * reaching in) alerts with one sid per indicator. Empty when the value is not an address or network.
 */
export function networkRules(builder: RuleBuilder, item: ExportItem): string[] {
  const network = parseNetwork(item.value);
  if (network === undefined) return [];
  return [builder.rule(`alert ip $HOME_NET any <> ${networkText(network)} any`, item, 'ip', undefined, [])];
}
