import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateObject } from '../../stix/index.js';
import type { StixObject } from '../../stix/types.js';
import type { ConversionContext, ConversionResult } from '../conversion.js';
import { convertCsv } from './convert-csv.js';
import { CSV_PRESETS } from './csv-mapping.js';
import type { CsvMapping } from './csv-mapping.js';

const ctx: ConversionContext = {
  ownerIdentityId: 'identity--0b0c3b0e-5b3a-4f8e-9f0a-0d5d7b6c1a11',
  now: '2024-06-01T00:00:00.000Z',
  source: 'fixture-feed',
};
const fixture = (name: string): URL => new URL(`../../../test/fixtures/csv/${name}`, import.meta.url);

function objectsOf(result: ConversionResult, type: string): StixObject[] {
  return result.objects.map((o) => o.object).filter((o) => o.type === type);
}

function expectValidStix(result: ConversionResult): void {
  for (const { object } of result.objects) {
    const report = validateObject(object);
    expect(report.errors, JSON.stringify(object)).toEqual([]);
  }
}

describe('convertCsv presets on their fixtures', () => {
  it('urlhaus: urls refanged, tags as labels, first seen as valid_from, link as reference', async () => {
    const result = await convertCsv(await readFile(fixture('urlhaus.csv'), 'utf8'), CSV_PRESETS.urlhaus, ctx);
    expect(result.errors).toEqual([]);
    expectValidStix(result);
    const indicators = objectsOf(result, 'indicator');
    expect(indicators.map((i) => i.pattern)).toEqual([
      "[url:value = 'http://198.51.100.23:8080/bins/mips']",
      "[url:value = 'https://download.example.com/invoice.zip']",
      `[url:value = 'https://cdn.example.net/a/b?c=d&e="quoted"']`,
    ]);
    expect(indicators[0]).toMatchObject({
      valid_from: '2024-03-02T10:15:00Z',
      labels: ['elf', 'mozi'],
      x_accord_last_seen: '2024-03-02T11:00:00Z',
      external_references: [{ source_name: 'fixture-feed', url: 'https://urlhaus.example.org/url/1000003/' }],
      created_by_ref: ctx.ownerIdentityId,
    });
    expect(indicators[2]?.labels).toBeUndefined();
  });

  it('threatfox: ip:port typed as the address, families with indicates relationships, confidence', async () => {
    const result = await convertCsv(createReadStream(fixture('threatfox.csv')), CSV_PRESETS.threatfox, ctx);
    expect(result.errors).toEqual([]);
    expectValidStix(result);
    const indicators = objectsOf(result, 'indicator');
    expect(indicators.map((i) => [i.pattern, i.confidence])).toEqual([
      ["[ipv4-addr:value = '203.0.113.10']", 75],
      ["[domain-name:value = 'c2.example.org']", 100],
      ["[url:value = 'http://203.0.113.11/gate.php']", 50],
      ["[file:hashes.MD5 = '6218665e380c8508d905b232d8ecb3b1']", 90],
    ]);
    const malware = objectsOf(result, 'malware');
    expect(malware.map((m) => [m.name, m.is_family])).toEqual([
      ['FixtureBot', true],
      ['OtherFamily', true],
    ]);
    const relationships = objectsOf(result, 'relationship');
    expect(relationships.map((r) => [r.source_ref, r.relationship_type, r.target_ref])).toEqual([
      [indicators[0]!.id, 'indicates', malware[0]!.id],
      [indicators[1]!.id, 'indicates', malware[0]!.id],
      [indicators[3]!.id, 'indicates', malware[1]!.id],
    ]);
    expect(indicators[1]?.labels).toBeUndefined();
  });

  it('malwarebazaar: sha256 plus the md5 and sha1 columns, signature as family, n/a ignored', async () => {
    const result = await convertCsv(
      await readFile(fixture('malwarebazaar.csv'), 'utf8'),
      CSV_PRESETS.malwarebazaar,
      ctx,
    );
    expect(result.errors).toEqual([]);
    expectValidStix(result);
    expect(objectsOf(result, 'indicator').map((i) => i.name)).toEqual([
      'SHA-256 70ef2554cf486b6d1f8c2fc5171a4532404cebb77a37f12ba650bbb4a98a5140',
      'MD5 6218665e380c8508d905b232d8ecb3b1',
      'SHA-1 4eb87a2b0d2a574c95f367cebe328a0b79e9ed3a',
      'SHA-256 f252b7ab41a9ac8fe2f9d7d9fa5a7848b10d6dc31f4587ba5839ffe4f26684f4',
      'MD5 5f8207c0ecf9c3b040ecade85c5f9db5',
      'SHA-1 f749d90120d9c44cd1471e33e819b5d29862f283',
    ]);
    expect(objectsOf(result, 'malware').map((m) => m.name)).toEqual(['FixtureBot']);
    expect(objectsOf(result, 'relationship')).toHaveLength(3);
  });

  it('feodotracker: the quoted header line is recognised and skipped', async () => {
    const result = await convertCsv(
      await readFile(fixture('feodotracker.csv'), 'utf8'),
      CSV_PRESETS.feodotracker,
      ctx,
    );
    expect(result.errors).toEqual([]);
    expectValidStix(result);
    expect(objectsOf(result, 'indicator').map((i) => [i.pattern, i.valid_from])).toEqual([
      ["[ipv4-addr:value = '192.0.2.44']", '2024-01-17T07:44:46Z'],
      ["[ipv4-addr:value = '198.51.100.7']", '2024-02-03T10:00:00Z'],
    ]);
    expect(objectsOf(result, 'malware').map((m) => m.name)).toEqual(['FixtureBot', 'Pikachu Loader']);
  });

  it('list: any kind per line; a line that is no indicator is an error at its line', async () => {
    const result = await convertCsv(await readFile(fixture('list.txt'), 'utf8'), CSV_PRESETS.list, ctx);
    expectValidStix(result);
    expect(objectsOf(result, 'indicator').map((i) => i.pattern)).toEqual([
      "[ipv4-addr:value = '192.0.2.200']",
      "[domain-name:value = 'evil.example.com']",
      "[url:value = 'http://evil.example.com/x']",
      "[ipv6-addr:value = '2001:db8::dead:beef']",
      "[file:hashes.'SHA-256' = '72a67ec44a91ad0490d47eacc6673140007a9836c1d0b10faa4810cc9f698e29']",
    ]);
    expect(result.errors).toEqual([
      {
        code: 'invalid_value',
        message: '"not an indicator" is not a recognised indicator',
        line: 8,
        column: 1,
      },
    ]);
  });
});

describe('convertCsv errors', () => {
  const generic: CsvMapping = {
    header: true,
    columns: { value: 'value', confidence: 'confidence', malwareFamily: 'family' },
  };

  it('reports an unclosed quote with its line and keeps the rows before it', async () => {
    const mapping: CsvMapping = { header: true, columns: { value: 'value', confidence: 'confidence' } };
    const result = await convertCsv(await readFile(fixture('unclosed-quote.csv'), 'utf8'), mapping, ctx);
    expect(objectsOf(result, 'indicator').map((i) => i.pattern)).toEqual(["[ipv4-addr:value = '192.0.2.1']"]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ code: 'invalid_csv', line: 3 });
    expect(result.errors[0]?.message).toMatch(/quote/i);
  });

  it('makes a bad cell a row error at its line and column and converts the other rows', async () => {
    const result = await convertCsv(await readFile(fixture('bad-confidence.csv'), 'utf8'), generic, ctx);
    expectValidStix(result);
    expect(objectsOf(result, 'indicator').map((i) => [i.pattern, i.confidence])).toEqual([
      ["[ipv4-addr:value = '192.0.2.1']", 80],
      ["[ipv4-addr:value = '192.0.2.4']", 60],
    ]);
    expect(result.errors).toEqual([
      {
        code: 'invalid_confidence',
        message: 'confidence "high" is not a number from 0 to 100',
        line: 3,
        column: 2,
      },
      {
        code: 'invalid_confidence',
        message: 'confidence "101" is not a number from 0 to 100',
        line: 4,
        column: 2,
      },
      { code: 'invalid_value', message: '"999.1.1.1" is not a recognised indicator', line: 5, column: 1 },
    ]);
  });

  it('gives one clear error for a column index out of range', async () => {
    const result = await convertCsv(
      '192.0.2.1,80\n192.0.2.2,70\n',
      { header: false, columns: { value: 0, confidence: 5 } },
      ctx,
    );
    expect(result.objects).toEqual([]);
    expect(result.errors).toEqual([
      {
        code: 'invalid_mapping',
        message:
          'Invalid CSV mapping: confidence column 5 is out of range: the data has 2 column(s), numbered from 0',
        line: 1,
      },
    ]);
  });

  it('gives one clear error for an unknown column name', async () => {
    const result = await convertCsv('ioc,score\n192.0.2.1,80\n', { columns: { value: 'indicator' } }, ctx);
    expect(result.errors).toEqual([
      {
        code: 'invalid_mapping',
        message: 'Invalid CSV mapping: value column "indicator" is not in the header ("ioc", "score")',
        line: 2,
      },
    ]);
  });

  it('refuses a mapping that does not match the schema', async () => {
    const result = await convertCsv('x', { columns: { value: -1 } }, ctx);
    expect(result.errors[0]).toMatchObject({ code: 'invalid_mapping' });
  });

  it('reads a streamed feed split mid-line, with other delimiters and skipped lines', async () => {
    async function* chunks(): AsyncIterable<Buffer> {
      for (const piece of [
        'garbage line\n',
        'when;what\n2024-01-0',
        '1;evil.exam',
        'ple.com\n2024-01-02;192.0.2.9\n',
      ]) {
        // Chunks arrive later, like from a socket.
        await new Promise((resolve) => setImmediate(resolve));
        yield Buffer.from(piece);
      }
    }
    const mapping: CsvMapping = {
      delimiter: ';',
      skipLines: 1,
      header: true,
      columns: { value: 'what', firstSeen: 'when' },
    };
    const result = await convertCsv(chunks(), mapping, ctx);
    expect(result.errors).toEqual([]);
    expect(objectsOf(result, 'indicator').map((i) => [i.pattern, i.valid_from])).toEqual([
      ["[domain-name:value = 'evil.example.com']", '2024-01-01T00:00:00Z'],
      ["[ipv4-addr:value = '192.0.2.9']", '2024-01-02T00:00:00Z'],
    ]);
  });

  it('is idempotent: the same feed gives the same ids, duplicates once', async () => {
    const text = '192.0.2.1\n192.0.2.1\nevil.example.com\n';
    const a = await convertCsv(text, CSV_PRESETS.list, ctx);
    const b = await convertCsv(text, CSV_PRESETS.list, { ...ctx, now: '2025-01-01T00:00:00.000Z' });
    expect(a.objects.map((o) => o.object.id)).toEqual(b.objects.map((o) => o.object.id));
    expect(a.objects).toHaveLength(2);
  });

  it('never rejects on arbitrary input and always produces valid STIX', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(fc.string(), fc.ipV4(), fc.domain(), fc.constantFrom('"', ',', '\n', '#', '\r\n', '""')),
          { maxLength: 30 },
        ),
        fc.constantFrom(...Object.values(CSV_PRESETS)),
        async (pieces, mapping) => {
          const result = await convertCsv(pieces.join(''), mapping, ctx);
          for (const { object } of result.objects) expect(validateObject(object).errors).toEqual([]);
          for (const e of [...result.errors, ...result.warnings]) expect(typeof e.message).toBe('string');
        },
      ),
      { numRuns: 300 },
    );
  });
});
