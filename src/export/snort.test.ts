import { describe, expect, it } from 'vitest';
import { awkwardItems, item } from '../../test/fixtures/export/items.js';
import { SidAllocator } from './sid-allocator.js';
import { dnsWireContent, snortFormatter } from './snort.js';
import { collect } from './stream-lines.js';

const ID = 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f';
const tail = (variant: string) =>
  `classtype:bad-unknown; sid:${new SidAllocator().preferred(`${ID}#${variant}`)}; rev:1735787045; metadata:accord_id ${ID}, updated_at 2025_01_02;)`;

async function rules(...items: Parameters<typeof item>[0][]): Promise<string[]> {
  return (await collect(snortFormatter(items.map(item)))).split('\n').slice(1, -1);
}

/** Snort 2.9 syntax checks we can make without Snort (it is not packaged in Debian). */
function assertSnort29(rule: string): void {
  expect(rule).toMatch(/^alert (ip|tcp|udp) \S+ \S+ (->|<>) \S+ \S+ \(msg:"(?:[^"\\;]|\\.)*";/);
  expect(rule.endsWith(';)')).toBe(true);
  // Suricata-only sticky buffers and transforms must not leak into Snort 2.9 rules.
  expect(rule).not.toMatch(/dns\.query|tls\.sni|http\.host|http\.uri|dotprefix|endswith|bsize|filemd5/);
  for (const content of rule.matchAll(/content:"([^"]*)"/g)) {
    // Inside content only hex groups may carry ; \ " |, and hex groups hold whole bytes.
    const text = content[1] ?? '';
    expect(text.replace(/\|(?:[0-9A-F]{2} )*[0-9A-F]{2}\|/g, '')).not.toMatch(/[;\\"|]/);
  }
}

describe('snort 2.9 rules', () => {
  it('writes an ip rule in both directions', async () => {
    expect(await rules({ kind: 'ipv6', value: '2001:db8::1' })).toEqual([
      `alert ip $HOME_NET any <> 2001:db8::1 any (msg:"ACCORD ipv6 2001:db8::1"; ${tail('ip')}`,
    ]);
  });

  it('matches a domain in DNS wire form, the SNI extension and the Host header', async () => {
    expect(await rules({ kind: 'domain', value: 'evil.example' })).toEqual([
      `alert udp $HOME_NET any -> any 53 (msg:"ACCORD domain evil.example (DNS query)"; content:"|04|evil|07|example|00|"; nocase; ${tail('dns')}`,
      `alert tcp $HOME_NET any -> any 443 (msg:"ACCORD domain evil.example (TLS SNI)"; flow:established,to_server; content:"|00 00 0C|evil.example"; nocase; ${tail('tls')}`,
      `alert tcp $HOME_NET any -> any $HTTP_PORTS (msg:"ACCORD domain evil.example (HTTP Host)"; flow:established,to_server; content:"Host|3A 20|evil.example|0D 0A|"; http_header; nocase; ${tail('http')}`,
    ]);
  });

  it('matches a URL by raw URI and Host header', async () => {
    expect(await rules({ kind: 'url', value: 'http://evil.example/x;y' })).toEqual([
      `alert tcp $HOME_NET any -> any $HTTP_PORTS (msg:"ACCORD url http://evil.example/x\\;y (URL)"; flow:established,to_server; content:"/x|3B|y"; http_raw_uri; content:"Host|3A 20|evil.example|0D 0A|"; http_header; nocase; ${tail('url')}`,
    ]);
  });

  it('merges hex groups that meet in wire-form names', () => {
    expect(dnsWireContent('a|b.example')).toBe('|03|a|7C|b|07|example|00|');
    expect(dnsWireContent('é.example')).toBe('|02 C3 A9 07|example|00|');
    expect(dnsWireContent('a..example')).toBeUndefined();
  });

  it('keeps every rule of the awkward mix within Snort 2.9 syntax, and skips file hashes', async () => {
    const out = (await collect(snortFormatter(awkwardItems())))
      .split('\n')
      .filter((l) => l.startsWith('alert'));
    expect(out.length).toBeGreaterThan(10);
    for (const rule of out) assertSnort29(rule);
    expect(out.join('\n')).not.toMatch(/d41d8cd98f00b204e9800998ecf8427e/);
  });
});
