import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractIndicators } from './extract-indicators.js';
import type { TextFormat } from './extract-indicators.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`../../../test/fixtures/text/${name}`, import.meta.url), 'utf8');
const found = (text: string, format?: TextFormat): string[] =>
  extractIndicators(text, { format }).observables.map((o) => `${o.kind} ${o.value} @${o.line}:${o.column}`);

describe('extractIndicators', () => {
  it('reads plain text: refanged, normalised, deduplicated, located, file names and versions left out', () => {
    expect(found(fixture('report.txt'))).toEqual([
      'url https://payload.example.com/stage2.bin?id=7 @3:22',
      'ipv4 203.0.113.50 @4:1',
      'ipv6 2001:db8::77 @4:23',
      'domain backup.example.net @4:54',
      'email ops@example.org @5:22',
      'cve CVE-2023-12345 @5:53',
      'sha256 72a67ec44a91ad0490d47eacc6673140007a9836c1d0b10faa4810cc9f698e29 @7:1',
      'btc bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq @8:11',
    ]);
  });

  it('reads Markdown: emphasis, code spans, links and backslash escapes', () => {
    expect(found(fixture('report.md'), 'markdown')).toEqual([
      'domain c2.example.com @3:16',
      'domain update.example.org @4:14',
      'url http://203.0.113.9/dl/file.exe @5:25',
      'domain mirror.example.net @6:12',
      'ipv4-cidr 198.51.100.0/24 @7:12',
      'md5 5f8207c0ecf9c3b040ecade85c5f9db5 @7:39',
    ]);
  });

  it('reads HTML: tags stripped, entities decoded, hrefs taken, scripts, styles and comments skipped', () => {
    expect(found(fixture('report.html'), 'html')).toEqual([
      'url https://login.example.net/verify?u=1&s=2 @16:34',
      'ipv4 203.0.113.77 @17:10',
      'domain files.example.org @17:37',
      'email abuse@example.com @20:17',
      'cve CVE-2022-0001 @20:47',
    ]);
  });

  it('reads an e-mail: headers without plumbing, quoted-printable soft breaks, base64 HTML parts', () => {
    expect(found(fixture('phish.eml'), 'email')).toEqual([
      'email bounce@mailer.example.net @1:15',
      'domain mx.example.org @2:16',
      'ipv4 198.51.100.25 @2:48',
      'domain inbound.example.com @3:5',
      'email support@helpdesk.example.org @4:21',
      'email victim@example.com @5:5',
      'url https://reset.example.com/account?token=42 @17:42',
      'url http://backup-reset.example.net/r @23:1',
    ]);
  });

  it.each([
    ['1.2.3.4.5 and 999.1.1.1 and 10.0.0.256', []],
    ['example[.]com', ['domain example.com @1:1']],
    ['hxxps://evil[.]com/a?b=c.', ['url https://evil.com/a?b=c @1:1']],
    [
      '(see http://example.com/path_(x)) and [http://example.org/].',
      ['url http://example.com/path_(x) @1:6', 'url http://example.org/ @1:40'],
    ],
    ['EVIL.Example.COM. is bad', ['domain evil.example.com @1:1']],
    ['mail alice[at]example[.]org', ['email alice@example.org @1:6']],
    [
      'fe80::1%eth0, ::ffff:192.0.2.1, [2001:db8::5]:443',
      ['ipv6 fe80::1 @1:1', 'ipv6 ::ffff:c000:201 @1:15', 'ipv6 2001:db8::5 @1:34'],
    ],
    ['Time 12:30:45, MAC 00:1a:2b:3c:4d:5e, C++ std::vector', []],
    ['invoice.pdf readme.txt a.exe archive.zip setup.py README.md v1.2.3 node.js e.g. i.e.', []],
    ['foo.notatld but evil.co.uk', ['domain evil.co.uk @1:17']],
    ['1.2.3.4/32 and 10.1.2.3/8', ['ipv4 1.2.3.4 @1:1', 'ipv4-cidr 10.0.0.0/8 @1:16']],
    ['a'.repeat(64), []],
    [
      'https://evil.example.com/x and evil.example.com',
      ['url https://evil.example.com/x @1:1', 'domain evil.example.com @1:32'],
    ],
  ])('%j', (text, expected) => {
    expect(found(text)).toEqual(expected);
  });

  it('locates after CRLF line breaks and multi-character defangs', () => {
    expect(found('first\r\nsecond evil[.]example[.]com then 192[.]0[.]2[.]1')).toEqual([
      'domain evil.example.com @2:8',
      'ipv4 192.0.2.1 @2:34',
    ]);
  });

  it('never throws on arbitrary input in any format', () => {
    const piece = fc.oneof(
      fc.string(),
      fc.ipV4(),
      fc.ipV6(),
      fc.domain(),
      fc.webUrl(),
      fc.constantFrom(
        '[.]',
        'hxxp://',
        '<a href="',
        '">',
        '&amp;',
        '=\r\n',
        '=3D',
        '\r\n\r\n',
        '--b',
        '[at]',
        '**',
        '\\.',
      ),
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 40 }),
        fc.constantFrom<TextFormat>('text', 'markdown', 'html', 'email'),
        (pieces, format) => {
          const text = pieces.join(' ');
          const { observables } = extractIndicators(text, { format });
          const lines = text.split('\n').length;
          for (const o of observables) {
            expect(o.line).toBeGreaterThanOrEqual(1);
            expect(o.line).toBeLessThanOrEqual(lines);
            expect(o.column).toBeGreaterThanOrEqual(1);
          }
          expect(new Set(observables.map((o) => `${o.kind} ${o.value}`)).size).toBe(observables.length);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('finds every generated address and domain it is given', () => {
    fc.assert(
      fc.property(fc.ipV4(), fc.constantFrom('example.com', 'evil.co.uk', 'c2.example.org'), (ip, domain) => {
        const values = extractIndicators(`seen ${ip} and ${domain}.`).observables.map((o) => o.value);
        expect(values).toContain(ip.split('.').map(Number).join('.'));
        expect(values).toContain(domain);
      }),
    );
  });
});
