import { describe, expect, it } from 'vitest';
import { item } from '../../test/fixtures/export/items.js';
import { csvField, csvFormatter, parseCsvColumns } from './csv.js';
import { collect } from './stream-lines.js';

describe('csv', () => {
  it('writes a header and one RFC 4180 row per item, CRLF-terminated', async () => {
    const out = await collect(
      csvFormatter(
        [
          item({
            kind: 'url',
            value: 'http://evil.example/a,b',
            name: 'Say "hi"',
            tlp: 'amber+strict',
            pap: 'green',
            confidence: 80,
            labels: ['phishing', 'c2'],
            ownerName: 'Telco CTI',
            created: '2025-01-01T00:00:00.000Z',
            validUntil: '2026-01-01T00:00:00.000Z',
            url: 'https://accord.example/objects/x',
          }),
          item({ kind: 'ipv4', value: '203.0.113.5' }),
        ],
        {},
      ),
    );
    expect(out).toBe(
      'id,kind,value,name,tlp,pap,confidence,labels,owner,created,modified,valid_until,url\r\n' +
        'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f,url,"http://evil.example/a,b","Say ""hi""",TLP:AMBER+STRICT,PAP:GREEN,80,"phishing,c2",Telco CTI,2025-01-01T00:00:00.000Z,2025-01-02T03:04:05.000Z,2026-01-01T00:00:00.000Z,https://accord.example/objects/x\r\n' +
        'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f,ipv4,203.0.113.5,,,,,,,,2025-01-02T03:04:05.000Z,,\r\n',
    );
  });

  it('writes chosen columns in the chosen order; owner falls back to the owner id', async () => {
    const out = await collect(
      csvFormatter([item({ kind: 'domain', value: 'evil.example', ownerId: 'identity--1' })], {
        columns: ['value', 'owner', 'kind'],
      }),
    );
    expect(out).toBe('value,owner,kind\r\nevil.example,identity--1,domain\r\n');
  });

  it('quotes line breaks so a value never starts a new record', () => {
    expect(csvField('a\nb')).toBe('"a\nb"');
    expect(csvField('a\rb')).toBe('"a\rb"');
    expect(csvField('plain')).toBe('plain');
  });

  it('parses a column list and refuses unknown columns', () => {
    expect(parseCsvColumns('value, kind')).toEqual(['value', 'kind']);
    expect(() => parseCsvColumns('value,secret')).toThrow(/unknown CSV column\(s\): secret/);
  });
});
