import { domainToASCII } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostToAscii } from './domain.js';
import { OBSERVABLE_KINDS } from './kind.js';
import type { ObservableKind } from './kind.js';
import { normaliseObservable } from './normalise-observable.js';

describe('normaliseObservable', () => {
  it.each<[ObservableKind, string, string | null]>([
    ['ipv4', '192.000.002.001', '192.0.2.1'],
    ['ipv4', '256.0.0.1', null],
    ['ipv4', ' 192.0.2.1 ', '192.0.2.1'],
    ['ipv6', '2001:0DB8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
    ['ipv6', '2001:db8:0:1:0:0:0:1', '2001:db8:0:1::1'],
    ['ipv6', '1.2.3.4', null],
    ['ipv4-cidr', '198.51.100.77/24', '198.51.100.0/24'],
    ['ipv4-cidr', '198.51.100.77/0', '0.0.0.0/0'],
    ['ipv4-cidr', '198.51.100.77', null],
    ['ipv6-cidr', '2001:DB8:1:2::5/48', '2001:db8:1::/48'],
    ['ipv6-cidr', '2001:db8::/129', null],
    ['domain', 'WWW.Example.ORG.', 'www.example.org'],
    ['domain', 'münchen.example', 'xn--mnchen-3ya.example'],
    ['domain', '_dmarc.example.com', '_dmarc.example.com'],
    ['domain', 'a..b.com', null],
    ['domain', '-bad.example.com', null],
    ['domain', 'ex%41mple.com', null],
    ['domain', '1.2.3.4', null],
    ['url', 'HTTPS://WWW.Example.com:443/A/B?C=D#E', 'https://www.example.com/A/B?C=D#E'],
    ['url', 'http://example.com:8080', 'http://example.com:8080'],
    ['url', 'http://user:Pass@EXAMPLE.com/', 'http://user:Pass@example.com/'],
    ['url', 'http://[2001:DB8::1]:80/x', 'http://[2001:db8::1]/x'],
    ['url', 'http://198.051.100.1/x', 'http://198.51.100.1/x'],
    ['url', 'http://example.com:99999/', null],
    ['url', 'http://exa mple.com/', null],
    ['url', 'example.com/path', null],
    ['email', 'Bob.Smith@Example.COM', 'Bob.Smith@example.com'],
    ['email', 'no-at-sign.example.com', null],
    ['md5', 'D41D8CD98F00B204E9800998ECF8427E', 'd41d8cd98f00b204e9800998ecf8427e'],
    ['md5', 'xyz', null],
    ['sha1', 'g'.repeat(40), null],
    [
      'x509-sha1',
      'DA:39:A3:EE:5E:6B:4B:0D:32:55:BF:EF:95:60:18:90:AF:D8:07:09',
      'da39a3ee5e6b4b0d3255bfef95601890afd80709',
    ],
    ['cve', 'cve-2014-0160', 'CVE-2014-0160'],
    ['cve', 'CVE-14-0160', null],
    ['asn', 'as13335', '13335'],
    ['asn', '13335', '13335'],
    ['asn', 'AS99999999999', null],
    ['regkey', 'HKLM\\Software\\Run', 'HKEY_LOCAL_MACHINE\\Software\\Run'],
    ['regkey', 'hkey_current_user\\X', 'HKEY_CURRENT_USER\\X'],
    ['filename', '  invoice.pdf.exe ', 'invoice.pdf.exe'],
    ['mutex', 'Global\\MyMutex', 'Global\\MyMutex'],
    ['ssdeep', '3:AXGBicFlgVNhBGcL6wCrFQEv:AXGHsNhxLsr2C', '3:AXGBicFlgVNhBGcL6wCrFQEv:AXGHsNhxLsr2C'],
    ['btc', 'BC1QAR0SRRR7XFKVY5L643LYDNW9RE59GTZZWF5MDQ', 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq'],
  ])('%s %j -> %j', (kind, raw, expected) => {
    expect(normaliseObservable(kind, raw)).toBe(expected);
  });

  it('is idempotent for every kind and never throws', () => {
    const raw = fc.oneof(
      fc.string(),
      fc.ipV4(),
      fc.ipV6(),
      fc.domain(),
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
      fc.emailAddress(),
      fc.stringMatching(/^[0-9A-Fa-f]{32,128}$/),
    );
    fc.assert(
      fc.property(fc.constantFrom(...OBSERVABLE_KINDS), raw, (kind, value) => {
        const once = normaliseObservable(kind, value);
        if (once !== null) expect(normaliseObservable(kind, once)).toBe(once);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('hostToAscii', () => {
  it('gives what domainToASCII gives for any ASCII host, punycode and numeric endings included', () => {
    const host = fc
      .array(
        fc.oneof(
          fc.constantFrom('xn--', 'XN--', '0x', '0X', '.', '-', '_', '1', '09', 'a', 'Z', 'f'),
          fc.string({
            unit: fc.constantFrom('a', 'b', 'x', 'z', 'A', 'X', 'Z', '0', '1', '8', '9', '_', '.', '-'),
            minLength: 1,
            maxLength: 6,
          }),
        ),
        { minLength: 1, maxLength: 8 },
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(host, (v) => {
        expect(hostToAscii(v)).toBe(domainToASCII(v));
      }),
      { numRuns: 5000 },
    );
    for (const v of ['a.0x1f', 'a.1', 'a.09.', '0x7f.1', 'xn--abc.com', 'a.xn--p1ai', 'Ab.COM'])
      expect(hostToAscii(v)).toBe(domainToASCII(v));
  });
});
