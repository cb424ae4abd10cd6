import AhoCorasick from 'modern-ahocorasick';
import type { Observable, ObservableKind } from '../observable/index.js';
import { HostnameSet } from './hostname-set.js';
import { IpPrefixSet, parseCidr, parseIp } from './ip-prefix-set.js';
import type { IpBits } from './ip-prefix-set.js';
import { listScope } from './list-scope.js';
import { hostnameValue } from './hostname-value.js';
import { compileWarninglistRegex } from './regex-value.js';
import type { Warninglist, WarninglistHit } from './warninglist.js';

interface Entry {
  list: number;
  value: string;
}

const URL_HOST = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)/;

/** The host an observable names, for hostname and network lists: a domain, a URL's host, an e-mail's domain. */
function hostOf(o: Observable): string | null {
  if (o.kind === 'domain') return o.value;
  if (o.kind === 'email') return o.value.slice(o.value.lastIndexOf('@') + 1);
  if (o.kind === 'url') return URL_HOST.exec(o.value)?.[1] ?? null;
  return null;
}

function addressOf(o: Observable): { ip: IpBits; prefix: number } | null {
  if (o.kind === 'ipv4' || o.kind === 'ipv6' || o.kind === 'ipv4-cidr' || o.kind === 'ipv6-cidr')
    return parseCidr(o.value);
  if (o.kind !== 'url') return null;
  const host = hostOf(o);
  if (host === null) return null;
  const ip = parseIp(host.startsWith('[') ? host.slice(1, -1) : host);
  return ip === null ? null : { ip, prefix: ip.v === 4 ? 32 : 128 };
}

/**
 * All warninglists compiled once for the hot paths (import, export, matching): networks by prefix
 * length over integer addresses, host names by suffix walk, exact strings in a map, substrings in
 * one Aho-Corasick automaton, regexes compiled once. `check` costs a few hash lookups.
 */
export class WarninglistIndex {
  private readonly names: string[] = [];
  private readonly scopes: (ReadonlySet<ObservableKind> | 'all')[] = [];
  private readonly networks = new IpPrefixSet<Entry>();
  private readonly hosts = new HostnameSet<Entry>();
  private readonly strings = new Map<string, Entry[]>();
  private readonly substrings: Entry[] = [];
  private readonly automaton: AhoCorasick<Entry> | null;
  private readonly regexes: { list: number; regex: RegExp; source: string }[] = [];

  constructor(lists: readonly Warninglist[]) {
    lists.forEach((list, index) => {
      this.names.push(list.name);
      this.scopes.push(listScope(list));
      for (const value of list.values) this.add(list, index, value);
    });
    this.automaton =
      this.substrings.length === 0
        ? null
        : new AhoCorasick(this.substrings.map((e) => ({ pattern: e.value.toLowerCase(), data: e })));
  }

  private add(list: Warninglist, index: number, value: string): void {
    if (list.type === 'cidr') {
      const network = parseCidr(value.trim());
      if (network !== null) this.networks.add(network, { list: index, value: value.trim() });
    } else if (list.type === 'hostname') {
      const host = hostnameValue(value);
      if (host !== null) this.hosts.add(host, { list: index, value: host });
    } else if (list.type === 'string') {
      const key = value.toLowerCase();
      const entries = this.strings.get(key);
      if (entries === undefined) this.strings.set(key, [{ list: index, value }]);
      else entries.push({ list: index, value });
    } else if (list.type === 'substring') {
      if (value !== '') this.substrings.push({ list: index, value });
    } else {
      const compiled = compileWarninglistRegex(value);
      if (compiled.ok) this.regexes.push({ list: index, regex: compiled.regex, source: value });
    }
  }

  /** Every list the observable is on, once per list, with why. */
  check(o: Observable): WarninglistHit[] {
    const hits: WarninglistHit[] = [];
    const seen = new Set<number>();
    const hit = (list: number, reason: string): void => {
      const scope = this.scopes[list]!;
      if (seen.has(list) || (scope !== 'all' && !scope.has(o.kind))) return;
      seen.add(list);
      hits.push({ list: this.names[list]!, reason });
    };
    const address = addressOf(o);
    if (address !== null)
      this.networks.lookup(address.ip, address.prefix, (e) => {
        hit(e.list, `${o.value} is in ${e.value}`);
      });
    const host = address === null ? hostOf(o) : null;
    if (host !== null) {
      this.hosts.lookup(host, (e, matched) => {
        hit(e.list, matched === host ? `${host} is listed` : `${host} is under ${matched}`);
      });
    }
    if (this.strings.size > 0 || this.automaton !== null) {
      const lower = o.value.toLowerCase();
      for (const e of this.strings.get(lower) ?? []) hit(e.list, `${o.value} is listed`);
      if (this.automaton !== null) {
        for (const m of this.automaton.iterate(lower))
          if (m.data !== undefined) hit(m.data.list, `${o.value} contains "${m.data.value}"`);
      }
    }
    for (const r of this.regexes)
      if (o.value.length <= 8192 && r.regex.test(o.value)) hit(r.list, `${o.value} matches ${r.source}`);
    return hits;
  }
}
