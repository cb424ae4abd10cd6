import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectObservable } from '../observable/index.js';
import type { Observable } from '../observable/index.js';
import { BUILTIN_WARNINGLISTS } from './builtin-warninglists.js';
import { WarninglistIndex } from './warninglist-index.js';
import type { Warninglist } from './warninglist.js';

const builtin = new WarninglistIndex(BUILTIN_WARNINGLISTS);
const listsOf = (index: WarninglistIndex, o: Observable): string[] => index.check(o).map((h) => h.list);

describe('WarninglistIndex with the built-in lists', () => {
  it.each([
    ['10.20.30.40', 'accord-rfc1918'],
    ['172.31.255.255', 'accord-rfc1918'],
    ['192.168.1.1', 'accord-rfc1918'],
    ['100.64.0.1', 'accord-rfc6598-cgnat'],
    ['127.0.0.1', 'accord-loopback'],
    ['::1', 'accord-loopback'],
    ['169.254.169.254', 'accord-link-local'],
    ['fe80::1', 'accord-link-local'],
    ['239.255.255.250', 'accord-multicast'],
    ['ff02::1', 'accord-multicast'],
    ['192.0.2.10', 'accord-documentation'],
    ['198.51.100.200', 'accord-documentation'],
    ['203.0.113.7', 'accord-documentation'],
    ['2001:db8:abcd::1', 'accord-documentation'],
    ['fd12:3456::1', 'accord-ipv6-ula'],
    ['8.8.8.8', 'accord-public-dns-resolvers'],
    ['2606:4700:4700::1111', 'accord-public-dns-resolvers'],
    ['149.112.112.112', 'accord-public-dns-resolvers'],
    ['10.0.0.0/16', 'accord-rfc1918'],
    ['example.com', 'accord-reserved-domains'],
    ['www.EXAMPLE.org', 'accord-reserved-domains'],
    ['http://203.0.113.9/x', 'accord-documentation'],
    ['https://cdn.example.net/a', 'accord-reserved-domains'],
    ['alice@example.org', 'accord-reserved-domains'],
  ])('%s is on %s', (raw, list) => {
    const o = detectObservable(raw);
    expect(o).not.toBeNull();
    expect(listsOf(builtin, o!)).toContain(list);
  });

  it.each([
    '172.32.0.1',
    '11.0.0.1',
    '8.8.8.9',
    '100.128.0.1',
    '2001:db9::1',
    'examples.com',
    'evil.co.uk',
    'fe00::1',
  ])('%s is on no list', (raw) => {
    expect(builtin.check(detectObservable(raw)!)).toEqual([]);
  });

  it('checks host names under reserved TLDs that detection would refuse', () => {
    expect(builtin.check({ kind: 'domain', value: 'printer.local' })).toEqual([
      { list: 'accord-reserved-domains', reason: 'printer.local is under local' },
    ]);
  });

  it('does not flag a network wider than the listed one', () => {
    expect(builtin.check({ kind: 'ipv4-cidr', value: '192.0.0.0/16' })).toEqual([]);
    expect(listsOf(builtin, { kind: 'ipv4-cidr', value: '192.0.2.128/25' })).toEqual([
      'accord-documentation',
    ]);
  });

  it('gives each list once, with a reason', () => {
    expect(builtin.check({ kind: 'ipv4', value: '192.0.2.1' })).toEqual([
      { list: 'accord-documentation', reason: '192.0.2.1 is in 192.0.2.0/24' },
    ]);
  });

  it('agrees with a linear scan of every network on random addresses', () => {
    const networks = BUILTIN_WARNINGLISTS.filter((l) => l.type === 'cidr').flatMap((l) =>
      l.values.filter((v) => !v.includes(':')).map((v) => ({ list: l.name, v })),
    );
    const toInt = (ip: string): number => ip.split('.').reduce((n, o) => n * 256 + Number(o), 0);
    const inNet = (ip: string, cidr: string): boolean => {
      const [net, len = '32'] = cidr.split('/');
      const size = 2 ** (32 - Number(len));
      return Math.floor(toInt(ip) / size) === Math.floor(toInt(net!) / size);
    };
    fc.assert(
      fc.property(fc.ipV4(), (ip) => {
        const expected = [...new Set(networks.filter((n) => inNet(ip, n.v)).map((n) => n.list))].sort();
        expect(listsOf(builtin, { kind: 'ipv4', value: ip }).sort()).toEqual(expected);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('WarninglistIndex with MISP-style lists', () => {
  const lists: Warninglist[] = [
    { name: 'strings', description: '', type: 'string', values: ['D41D8CD98F00B204E9800998ECF8427E'] },
    {
      name: 'substrings',
      description: '',
      type: 'substring',
      values: ['sinkhole', 'cdn'],
      matching_attributes: ['domain', 'url'],
    },
    { name: 'regexes', description: '', type: 'regex', values: ['/^update\\.[a-z]+\\.example\\.net$/i'] },
    {
      name: 'hosts-for-urls-only',
      description: '',
      type: 'hostname',
      values: ['example.org'],
      matching_attributes: ['url'],
    },
  ];
  const index = new WarninglistIndex(lists);

  it('matches strings case-insensitively', () => {
    expect(listsOf(index, { kind: 'md5', value: 'd41d8cd98f00b204e9800998ecf8427e' })).toEqual(['strings']);
  });

  it('matches substrings only on the attribute types the list names', () => {
    expect(index.check({ kind: 'domain', value: 'sinkhole.example.com' })).toEqual([
      { list: 'substrings', reason: 'sinkhole.example.com contains "sinkhole"' },
    ]);
    expect(listsOf(index, { kind: 'filename', value: 'sinkhole.exe' })).toEqual([]);
  });

  it('matches regexes', () => {
    expect(listsOf(index, { kind: 'domain', value: 'update.av.example.net' })).toEqual(['regexes']);
    expect(listsOf(index, { kind: 'domain', value: 'update.example.net' })).toEqual([]);
  });

  it('honours matching_attributes for host lists', () => {
    expect(listsOf(index, { kind: 'url', value: 'http://www.example.org/' })).toEqual([
      'hosts-for-urls-only',
    ]);
    expect(listsOf(index, { kind: 'domain', value: 'www.example.org' })).toEqual([]);
  });

  it('never throws on arbitrary observables', () => {
    const all = new WarninglistIndex([...BUILTIN_WARNINGLISTS, ...lists]);
    fc.assert(
      fc.property(
        fc.constantFrom('ipv4', 'ipv6', 'domain', 'url', 'email', 'ipv4-cidr', 'md5') as fc.Arbitrary<
          Observable['kind']
        >,
        fc.string(),
        (kind, value) => {
          expect(Array.isArray(all.check({ kind, value }))).toBe(true);
        },
      ),
    );
  });
});
