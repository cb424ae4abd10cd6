import { describe, expect, it } from 'vitest';
import { awkwardItems, item } from '../../test/fixtures/export/items.js';
import { collect } from './stream-lines.js';
import { ZEEK_HEADER, zeekFormatter } from './zeek.js';

describe('zeek intel', () => {
  it('starts with the exact #fields header', () => {
    expect(ZEEK_HEADER).toBe('#fields\tindicator\tindicator_type\tmeta.source\tmeta.desc\tmeta.url');
  });

  it('writes each kind with its Intel type, URLs without scheme, empty fields as -', async () => {
    const out = await collect(
      zeekFormatter(
        [
          item({
            kind: 'ipv4',
            value: '203.0.113.5',
            name: 'C2',
            tlp: 'amber',
            url: 'https://accord.example/o/1',
          }),
          item({ kind: 'ipv6-cidr', value: '2001:db8::1/32' }),
          item({ kind: 'domain', value: 'evil.example', description: 'line one\nline\ttwo' }),
          item({ kind: 'url', value: 'https://evil.example/a?b=1' }),
          item({ kind: 'email', value: 'boss@evil.example' }),
          item({ kind: 'sha256', value: 'E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855' }),
          item({ kind: 'x509-sha1', value: 'da39a3ee5e6b4b0d3255bfef95601890afd80709' }),
          item({ kind: 'filename', value: 'invoice 2025.exe' }),
          item({ kind: 'mutex', value: 'Global\\x' }),
          item({ kind: 'ipv4', value: '203.0.113.5' }),
        ],
        { source: 'Accord community' },
      ),
    );
    expect(out).toBe(
      [
        ZEEK_HEADER,
        '203.0.113.5\tIntel::ADDR\tAccord community\tTLP:AMBER C2\thttps://accord.example/o/1',
        '2001:db8::/32\tIntel::SUBNET\tAccord community\t-\t-',
        'evil.example\tIntel::DOMAIN\tAccord community\tline one line two\t-',
        'evil.example/a?b=1\tIntel::URL\tAccord community\t-\t-',
        'boss@evil.example\tIntel::EMAIL\tAccord community\t-\t-',
        'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\tIntel::FILE_HASH\tAccord community\t-\t-',
        'da39a3ee5e6b4b0d3255bfef95601890afd80709\tIntel::CERT_HASH\tAccord community\t-\t-',
        'invoice 2025.exe\tIntel::FILE_NAME\tAccord community\t-\t-',
        '',
      ].join('\n'),
    );
  });

  it('builds meta.url from the base URL when the item has none', async () => {
    const out = await collect(
      zeekFormatter([item({ kind: 'domain', value: 'a.example' })], { baseUrl: 'https://accord.example' }),
    );
    expect(out.split('\n')[1]).toBe(
      'a.example\tIntel::DOMAIN\taccord\t-\thttps://accord.example/objects/indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
    );
  });

  it('keeps five fields on every line of the awkward mix and skips values it cannot carry', async () => {
    const lines = (await collect(zeekFormatter(awkwardItems()))).split('\n').slice(1, -1);
    for (const line of lines) expect(line.split('\t')).toHaveLength(5);
    expect(lines.join('\n')).not.toMatch(/not-a-hash|999\.1\.1\.1|newline/);
  });
});
