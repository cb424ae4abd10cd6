import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AccordError } from '../errors.js';
import { MAX_LIMIT, NextToken, parseTaxiiQuery, toMicroTimestamp } from './taxii-query.js';

function code(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error instanceof AccordError ? `${error.status}` : 'other';
  }
}

describe('parseTaxiiQuery', () => {
  it('defaults to the last version and a limit of 100', () => {
    expect(parseTaxiiQuery({})).toEqual({
      limit: 100,
      versions: { last: true, first: false, all: false, timestamps: [] },
    });
  });

  it('reads comma-separated and repeated match parameters', () => {
    const q = parseTaxiiQuery({
      'match[type]': ['indicator,malware', 'report'],
      'match[id]': 'indicator--1',
      'match[version]': 'first,2026-01-01T00:00:00Z',
      'match[spec_version]': '2.1',
      limit: '5000',
    });
    expect(q.types).toEqual(['indicator', 'malware', 'report']);
    expect(q.ids).toEqual(['indicator--1']);
    expect(q.versions.first).toBe(true);
    expect(q.versions.last).toBe(false);
    expect(q.versions.timestamps).toContain('2026-01-01T00:00:00.000Z');
    expect(q.versions.timestamps).toContain('2026-01-01T00:00:00Z');
    expect(q.specVersions).toEqual(['2.1']);
    expect(q.limit).toBe(MAX_LIMIT);
  });

  it('normalises added_after to microseconds so text comparison is time comparison', () => {
    expect(parseTaxiiQuery({ added_after: '2026-01-01T00:00:00Z' }).addedAfter).toBe(
      '2026-01-01T00:00:00.000000Z',
    );
    expect(parseTaxiiQuery({ added_after: '2026-01-01T02:00:00.5+02:00' }).addedAfter).toBe(
      '2026-01-01T00:00:00.500000Z',
    );
  });

  it('rejects bad values with a 400', () => {
    for (const raw of [
      { added_after: 'yesterday' },
      { limit: '0' },
      { limit: '-3' },
      { limit: 'ten' },
      { next: 'bogus' },
      { 'match[version]': 'newest' },
      { limit: ['1', '2'] },
    ])
      expect(code(() => parseTaxiiQuery(raw))).toBe('400');
  });

  it('round-trips next tokens and refuses anything else', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 48 }), (seq) => {
        expect(NextToken.decode(NextToken.encode(seq))).toBe(seq);
      }),
    );
    fc.assert(
      fc.property(fc.string(), (token) => {
        const decoded = NextToken.decode(token);
        expect(decoded === undefined || Number.isInteger(decoded)).toBe(true);
      }),
    );
  });

  it('orders micro timestamps as the instants they name, whatever the spelling', () => {
    const instant = fc.integer({ min: 0, max: 4_000_000_000_000 });
    const spell = (ms: number, short: boolean) => {
      const iso = new Date(ms).toISOString();
      return short && ms % 1000 === 0 ? iso.replace('.000Z', 'Z') : iso;
    };
    fc.assert(
      fc.property(instant, instant, fc.boolean(), fc.boolean(), (a, b, sa, sb) => {
        const ta = toMicroTimestamp(spell(a, sa))!;
        const tb = toMicroTimestamp(spell(b, sb))!;
        expect(ta < tb ? -1 : ta > tb ? 1 : 0).toBe(Math.sign(a - b));
      }),
    );
  });
});
