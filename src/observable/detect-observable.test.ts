import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectObservable } from './detect-observable.js';

describe('detectObservable', () => {
  it.each([
    ['1.2.3.4', 'ipv4', '1.2.3.4'],
    ['010.001.002.003', 'ipv4', '10.1.2.3'],
    ['203.0.113.9:443', 'ipv4', '203.0.113.9'],
    ['203[.]0[.]113[.]9', 'ipv4', '203.0.113.9'],
    ['10.1.2.3/8', 'ipv4-cidr', '10.0.0.0/8'],
    ['192.0.2.7/32', 'ipv4', '192.0.2.7'],
    ['2001:DB8:0:0:0:0:0:1', 'ipv6', '2001:db8::1'],
    ['[2001:db8::1]:8443', 'ipv6', '2001:db8::1'],
    ['2001:db8::1/32', 'ipv6-cidr', '2001:db8::/32'],
    ['2001:db8::1/128', 'ipv6', '2001:db8::1'],
    ['evil.co.uk', 'domain', 'evil.co.uk'],
    ['EVIL.Example.COM.', 'domain', 'evil.example.com'],
    ['example[.]com', 'domain', 'example.com'],
    ['bücher.de', 'domain', 'xn--bcher-kva.de'],
    ['hxxps://evil[.]com/a?b=c', 'url', 'https://evil.com/a?b=c'],
    ['HTTP://Example.COM:80/Path?Q=A', 'url', 'http://example.com/Path?Q=A'],
    ['user[at]example[.]org', 'email', 'user@example.org'],
    ['Alice@EXAMPLE.net', 'email', 'Alice@example.net'],
    ['D41D8CD98F00B204E9800998ECF8427E', 'md5', 'd41d8cd98f00b204e9800998ecf8427e'],
    ['da39a3ee5e6b4b0d3255bfef95601890afd80709', 'sha1', 'da39a3ee5e6b4b0d3255bfef95601890afd80709'],
    [
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      'sha256',
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    ],
    ['a'.repeat(128), 'sha512', 'a'.repeat(128)],
    ['cve-2021-44228', 'cve', 'CVE-2021-44228'],
    ['AS64496', 'asn', '64496'],
    ['1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', 'btc', '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa'],
    ['3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy', 'btc', '3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy'],
    ['bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq', 'btc', 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq'],
    [
      'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0',
      'btc',
      'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0',
    ],
  ])('%s -> %s %s', (raw, kind, value) => {
    expect(detectObservable(raw)).toEqual({ kind, value });
  });

  it.each([
    '1.2.3.4.5',
    '999.1.1.1',
    '1.2.3',
    'foo.notatld',
    'co.uk',
    'invoice.pdf',
    'readme.txt',
    'a.exe',
    '1.2.3.4/33',
    '2001:db8::1%eth0',
    '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb', // checksum broken
    'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdz',
    'abc123',
    '',
    '   ',
    'hello world',
    'user@foo.notatld',
  ])('%j is not an observable', (raw) => {
    expect(detectObservable(raw)).toBeNull();
  });

  it('never throws and only returns values that are already canonical', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.domain(), fc.webUrl(), fc.ipV6()),
        (raw) => {
          const found = detectObservable(raw);
          if (found !== null) expect(detectObservable(found.value)).toEqual(found);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
