import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportItem } from '../../test/fixtures/export/arbitrary.js';
import { awkwardItems, item } from '../../test/fixtures/export/items.js';
import { hasTool, suricataTest } from '../../test/fixtures/export/tools.js';
import { hashLists } from './hash-lists.js';
import { SidAllocator } from './sid-allocator.js';
import { collect } from './stream-lines.js';
import { suricataFormatter } from './suricata.js';

const ID = 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f';
const sid = (variant: string) => new SidAllocator().preferred(`${ID}#${variant}`);
const META = `metadata:accord_id ${ID}, tlp amber, updated_at 2025_01_02;)`;
const REV = 'rev:1735787045;';

async function rules(...items: Parameters<typeof item>[0][]): Promise<string[]> {
  const out = await collect(suricataFormatter(items.map(item), { baseUrl: 'https://accord.example/' }));
  return out.split('\n').slice(1, -1);
}

describe('suricata rules', () => {
  it('writes one bidirectional ip rule per address, with name, TLP, reference, stable sid and rev', async () => {
    expect(await rules({ kind: 'ipv4', value: '203.0.113.5', name: 'C2 server', tlp: 'amber' })).toEqual([
      `alert ip $HOME_NET any <> 203.0.113.5 any (msg:"ACCORD TLP:AMBER C2 server 203.0.113.5"; reference:url,accord.example/objects/${ID}; classtype:bad-unknown; sid:${sid('ip')}; ${REV} ${META}`,
    ]);
  });

  it('writes CIDRs with the host bits cleared', async () => {
    const [rule] = await rules({ kind: 'ipv4-cidr', value: '198.51.100.7/24', tlp: 'amber' });
    expect(rule).toMatch(
      /^alert ip \$HOME_NET any <> 198\.51\.100\.0\/24 any \(msg:"ACCORD TLP:AMBER ipv4-cidr 198\.51\.100\.7\/24"/,
    );
  });

  it('covers a domain through DNS query, TLS SNI and HTTP Host, subdomains included', async () => {
    const out = await rules({ kind: 'domain', value: 'evil.example', name: 'Phish', tlp: 'amber' });
    const tail = (v: string) =>
      `reference:url,accord.example/objects/${ID}; classtype:bad-unknown; sid:${sid(v)}; ${REV} ${META}`;
    expect(out).toEqual([
      `alert dns $HOME_NET any -> any any (msg:"ACCORD TLP:AMBER Phish evil.example (DNS query)"; dns.query; dotprefix; content:".evil.example"; nocase; endswith; ${tail('dns')}`,
      `alert tls $HOME_NET any -> any any (msg:"ACCORD TLP:AMBER Phish evil.example (TLS SNI)"; flow:established,to_server; tls.sni; dotprefix; content:".evil.example"; nocase; endswith; ${tail('tls')}`,
      `alert http $HOME_NET any -> any any (msg:"ACCORD TLP:AMBER Phish evil.example (HTTP Host)"; flow:established,to_server; http.host; dotprefix; content:".evil.example"; endswith; ${tail('http')}`,
    ]);
  });

  it('matches a URL by exact host and raw path, escaping ; " \\ | as hex', async () => {
    const [rule] = await rules({
      kind: 'url',
      value: 'http://Evil.example:8080/a;b"c\\d|e?x=1',
      tlp: 'amber',
    });
    expect(rule).toContain(
      'flow:established,to_server; http.host; content:"evil.example"; bsize:12; http.uri.raw; content:"/a|3B|b|22|c|5C|d|7C|e?x=1";',
    );
    expect(rule).toContain('msg:"ACCORD TLP:AMBER url http://Evil.example:8080/a\\;b\\"c\\\\d|e?x=1 (URL)";');
  });

  it('writes one list rule per hash kind at the end, and hashLists gives the files they name', async () => {
    const items = [
      item({ kind: 'md5', value: 'D41D8CD98F00B204E9800998ECF8427E', modified: '2025-01-02T03:04:05Z' }),
      item({
        id: 'indicator--2',
        kind: 'md5',
        value: '0cc175b9c0f1b6a831c399e269772661',
        modified: '2025-02-02T00:00:00Z',
      }),
      item({ kind: 'sha256', value: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' }),
      item({ kind: 'md5', value: 'nothex' }),
    ];
    const out = (await collect(suricataFormatter(items, { hashListPrefix: 'feed' }))).split('\n');
    const listSid = (name: string) => new SidAllocator().preferred(`list#${name}`);
    expect(out.slice(1, -1)).toEqual([
      `alert ip any any -> any any (msg:"ACCORD file MD5 on list feed-md5.list (2 hashes)"; filemd5:feed-md5.list; classtype:bad-unknown; sid:${listSid('feed-md5.list')}; rev:1738454400;)`,
      `alert ip any any -> any any (msg:"ACCORD file SHA256 on list feed-sha256.list (1 hashes)"; filesha256:feed-sha256.list; classtype:bad-unknown; sid:${listSid('feed-sha256.list')}; rev:1735787045;)`,
    ]);
    expect(await hashLists(items, 'feed')).toEqual(
      new Map([
        ['feed-md5.list', 'd41d8cd98f00b204e9800998ecf8427e\n0cc175b9c0f1b6a831c399e269772661\n'],
        ['feed-sha256.list', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n'],
      ]),
    );
  });

  it('gives the same sids in every run and one rule set per value', async () => {
    const first = await collect(suricataFormatter(awkwardItems()));
    const second = await collect(suricataFormatter(awkwardItems()));
    expect(second).toBe(first);
    const sids = [...first.matchAll(/sid:(\d+);/g)].map((m) => m[1]);
    expect(new Set(sids).size).toBe(sids.length);
    expect(first.match(/<> 203\.0\.113\.5 /g)).toHaveLength(1);
  });

  it('skips values no engine could load', async () => {
    const out = await collect(suricataFormatter(awkwardItems()));
    expect(out).not.toContain('999.1.1.1');
    expect(out).not.toContain('newline');
  });

  it('probes to the next free sid on a collision, deterministically', async () => {
    // A one-sid range makes every rule collide; with three sids the three rules must take all three.
    const items = [item({ kind: 'domain', value: 'evil.example' })];
    const out = await collect(suricataFormatter(items, { sidBase: 5000, sidRange: 3 }));
    expect([...out.matchAll(/sid:(\d+);/g)].map((m) => m[1]).sort()).toEqual(['5000', '5001', '5002']);
    await expect(collect(suricataFormatter(items, { sidBase: 5000, sidRange: 2 }))).rejects.toThrow(
      /sid range exhausted/,
    );
  });
});

const suricata = hasTool('suricata');
if (!suricata)
  console.warn('skipped: suricata not installed (apt-get install suricata from bookworm-backports)');

describe.skipIf(!suricata)('suricata -T loads the rules', () => {
  it('accepts the awkward mix with its hash lists', async () => {
    const items = awkwardItems();
    const run = suricataTest(
      await collect(suricataFormatter(items, { baseUrl: 'https://accord.example:8443/x' })),
      await hashLists(items),
    );
    expect(run.output).not.toMatch(/^E: /m);
    expect(run.status, run.output).toBe(0);
  });

  it('really checks: a broken rule fails the test run', () => {
    const run = suricataTest('alert ip any any -> any any (msg:"broken; sid:1;)\n');
    expect(run.status).not.toBe(0);
  });
});

describe.skipIf(!suricata)('suricata -T on generated items', () => {
  it('loads rules written from 300 random items full of awkward characters', async () => {
    const items = fc.sample(exportItem, { numRuns: 300, seed: 7 });
    const run = suricataTest(
      await collect(suricataFormatter(items, { baseUrl: 'https://accord.example' })),
      await hashLists(items),
    );
    expect(run.status, run.output).toBe(0);
  });
});
