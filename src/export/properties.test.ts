import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportItem } from '../../test/fixtures/export/arbitrary.js';
import { csvFormatter } from './csv.js';
import { plainListFormatter } from './plain-list.js';
import { snortFormatter } from './snort.js';
import { collect } from './stream-lines.js';
import { suricataFormatter } from './suricata.js';
import { zeekFormatter } from './zeek.js';

/**
 * Walks a rule the way the engines' parsers do: quotes open and close strings (a backslash escapes the
 * next character inside one), parentheses count only outside strings. True when both balance and the
 * rule is `header (options)` with the options closing exactly at the end.
 */
function balanced(rule: string): boolean {
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < rule.length; i++) {
    const c = rule[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
      continue;
    }
    if (c === '"') quoted = true;
    else if (c === '(') depth++;
    else if (c === ')') {
      depth--;
      if (depth < 0 || (depth === 0 && i !== rule.length - 1)) return false;
    }
  }
  return !quoted && depth === 0;
}

describe('properties', () => {
  it('plain lists: every line is one whitespace-free value, one line per distinct accepted value', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(exportItem, { maxLength: 30 }), async (items) => {
        for (const list of ['ip', 'cidr', 'domain', 'url', 'md5', 'sha1', 'sha256'] as const) {
          const out = await collect(plainListFormatter(list)(items));
          if (out === '') continue;
          expect(out.endsWith('\n')).toBe(true);
          const lines = out.slice(0, -1).split('\n');
          // eslint-disable-next-line no-control-regex
          for (const line of lines) expect(line).toMatch(/^[^\s\u0000-\u001f\u007f\u0085\u2028\u2029]+$/);
          expect(new Set(lines).size).toBe(lines.length);
        }
      }),
    );
  });

  it('csv: one record per item with the header column count, whatever the values', async () => {
    const { parse } = await import('csv-parse/sync');
    await fc.assert(
      fc.asyncProperty(fc.array(exportItem, { maxLength: 20 }), async (items) => {
        const out = await collect(csvFormatter(items));
        const records: string[][] = parse(out, { relax_column_count: false, record_delimiter: '\r\n' });
        expect(records).toHaveLength(items.length + 1);
        items.forEach((entry, i) => {
          expect(records[i + 1]?.[2]).toBe(entry.value);
          expect(records[i + 1]?.[3]).toBe(entry.name ?? '');
        });
      }),
    );
  });

  it('zeek: every data line has exactly five tab-separated fields', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(exportItem, { maxLength: 30 }), async (items) => {
        const lines = (await collect(zeekFormatter(items, { source: 'a\tb\nc' }))).split('\n');
        expect(lines.at(-1)).toBe('');
        for (const line of lines.slice(1, -1)) {
          expect(line.split('\t')).toHaveLength(5);
          expect(line).not.toMatch(/[\r\u2028\u2029\u0085]/);
        }
      }),
    );
  });

  it('suricata and snort: one rule per line, quotes and parentheses always balanced', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(exportItem, { maxLength: 30 }), async (items) => {
        for (const formatter of [suricataFormatter, snortFormatter]) {
          const lines = (await collect(formatter(items, { baseUrl: 'https://accord.example' }))).split('\n');
          expect(lines.at(-1)).toBe('');
          for (const line of lines.slice(0, -1)) {
            if (line.startsWith('#')) continue;
            expect(line).toMatch(/^alert /);
            // eslint-disable-next-line no-control-regex
            expect(line).not.toMatch(/[\r\u2028\u2029\u0085\u0000]/);
            expect(balanced(line), line).toBe(true);
          }
        }
      }),
    );
  });

  it('the balance checker itself rejects broken rules', () => {
    expect(balanced('alert ip any any -> any any (msg:"a\\"b"; sid:1;)')).toBe(true);
    expect(balanced('alert ip any any -> any any (msg:"a"b"; sid:1;)')).toBe(false);
    expect(balanced('alert ip any any -> any any (msg:"a"; sid:1;))')).toBe(false);
    expect(balanced('alert ip any any -> any any (msg:"a)"; sid:1;')).toBe(false);
  });
});
