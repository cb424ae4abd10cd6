import { describe, expect, it } from 'vitest';
import { validateObject } from '../../stix/index.js';
import { accordId } from '../accord-id.js';
import type { ConversionContext } from '../conversion.js';
import { convertText } from './convert-text.js';

const ctx: ConversionContext = {
  ownerIdentityId: 'identity--0b0c3b0e-5b3a-4f8e-9f0a-0d5d7b6c1a11',
  now: '2024-06-01T00:00:00.000Z',
  source: 'analyst paste',
};

describe('convertText', () => {
  const text =
    'C2 evil.example[.]com at 203.0.113.5, exploit CVE-2021-44228, dropper d41d8cd98f00b204e9800998ecf8427e';

  it('makes indicators, a vulnerability and a report over all of them, every object valid STIX', () => {
    const result = convertText(text, ctx);
    expect(result.errors).toEqual([]);
    const objects = result.objects.map((o) => o.object);
    for (const object of objects) expect(validateObject(object).errors, JSON.stringify(object)).toEqual([]);
    expect(objects.map((o) => [o.type, o.name])).toEqual([
      ['indicator', 'Domain evil.example.com'],
      ['indicator', 'IPv4 address 203.0.113.5'],
      ['vulnerability', 'CVE-2021-44228'],
      ['indicator', 'MD5 d41d8cd98f00b204e9800998ecf8427e'],
      ['report', 'Indicators extracted from analyst paste'],
    ]);
    expect(objects[0]).toMatchObject({
      id: accordId('indicator', ctx.ownerIdentityId, 'domain', 'evil.example.com'),
      pattern: "[domain-name:value = 'evil.example.com']",
      pattern_type: 'stix',
      valid_from: ctx.now,
      created_by_ref: ctx.ownerIdentityId,
    });
    const report = objects[4]!;
    expect(report.object_refs).toEqual(objects.slice(0, 4).map((o) => o.id));
    expect(report.published).toBe(ctx.now);
  });

  it('is idempotent: same text, same owner -> same ids; another owner -> other ids', () => {
    const ids = (c: ConversionContext): string[] => convertText(text, c).objects.map((o) => o.object.id);
    expect(ids({ ...ctx, now: '2025-01-01T00:00:00.000Z' })).toEqual(ids(ctx));
    const other = ids({ ...ctx, ownerIdentityId: 'identity--1b0c3b0e-5b3a-4f8e-9f0a-0d5d7b6c1a11' });
    expect(other.some((id) => ids(ctx).includes(id))).toBe(false);
    expect(convertText(`${text} `, ctx).objects.at(-1)?.object.id).not.toBe(ids(ctx).at(-1));
  });

  it('warns and makes no report when nothing is found', () => {
    const result = convertText('nothing here, just invoice.pdf', ctx);
    expect(result.objects).toEqual([]);
    expect(result.warnings).toEqual([{ code: 'no_indicators', message: 'no indicators found in the text' }]);
  });

  it('honours the format option', () => {
    const html = '<a href="http://login.example.net/x">here</a>';
    const refs = convertText(html, ctx, { format: 'html' }).objects.map((o) => o.object.pattern);
    expect(refs).toContain("[url:value = 'http://login.example.net/x']");
  });
});
