import { describe, expect, it } from 'vitest';
import { awkwardItems, item } from '../../test/fixtures/export/items.js';
import { plainListFormatter } from './plain-list.js';
import { collect } from './stream-lines.js';

const mixed = [
  item({ kind: 'ipv4', value: '203.0.113.5' }),
  item({ kind: 'ipv6', value: '2001:db8::1' }),
  item({ kind: 'ipv4-cidr', value: '198.51.100.0/24' }),
  item({ kind: 'ipv6-cidr', value: '2001:db8::/32' }),
  item({ kind: 'domain', value: 'evil.example' }),
  item({ kind: 'url', value: 'http://evil.example/a?b=c' }),
  item({ kind: 'md5', value: 'd41d8cd98f00b204e9800998ecf8427e' }),
  item({ kind: 'sha1', value: 'da39a3ee5e6b4b0d3255bfef95601890afd80709' }),
  item({ kind: 'sha256', value: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' }),
  item({ kind: 'ipv4', value: '203.0.113.5' }),
];

describe('plain lists', () => {
  it('ip takes single addresses only, once each', async () => {
    expect(await collect(plainListFormatter('ip')(mixed))).toBe('203.0.113.5\n2001:db8::1\n');
  });

  it('cidr writes networks and single addresses as /32 and /128', async () => {
    expect(await collect(plainListFormatter('cidr')(mixed))).toBe(
      '203.0.113.5/32\n2001:db8::1/128\n198.51.100.0/24\n2001:db8::/32\n',
    );
  });

  it('cidr de-duplicates an address given both ways', async () => {
    const both = [
      item({ kind: 'ipv4', value: '192.0.2.1' }),
      item({ kind: 'ipv4-cidr', value: '192.0.2.1/32' }),
    ];
    expect(await collect(plainListFormatter('cidr')(both))).toBe('192.0.2.1/32\n');
  });

  it.each([
    ['domain', 'evil.example\n'],
    ['url', 'http://evil.example/a?b=c\n'],
    ['md5', 'd41d8cd98f00b204e9800998ecf8427e\n'],
    ['sha1', 'da39a3ee5e6b4b0d3255bfef95601890afd80709\n'],
    ['sha256', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n'],
  ] as const)('%s lists only its kind', async (list, expected) => {
    expect(await collect(plainListFormatter(list)(mixed))).toBe(expected);
  });

  it('drops values with whitespace or control characters instead of writing half a line', async () => {
    const out = await collect(plainListFormatter('domain')(awkwardItems()));
    expect(out.split('\n')).toEqual([
      'evil.example',
      'xn--bcher-kva.example',
      '_dmarc.sub-domain.evil.example',
      '',
    ]);
  });

  it('reads async sources too', async () => {
    async function* source() {
      yield item({ kind: 'domain', value: 'a.example' });
      await Promise.resolve();
      yield item({ kind: 'domain', value: 'b.example' });
    }
    expect(await collect(plainListFormatter('domain')(source()))).toBe('a.example\nb.example\n');
  });

  it('writes nothing for no items', async () => {
    expect(await collect(plainListFormatter('ip')([]))).toBe('');
  });
});
