import { describe, expect, it } from 'vitest';
import { comparisons, singleComparison } from './helpers.js';
import { parsePattern } from './parser.js';
import type { Pattern } from './ast.js';

function ast(p: string): Pattern {
  const r = parsePattern(p);
  if (!r.ok) throw new Error(r.error.message);
  return r.ast;
}

describe('singleComparison', () => {
  it('pulls the observable out of a one-comparison pattern', () => {
    expect(singleComparison(ast("[ipv4-addr:value = '1.2.3.4']"))).toEqual({
      objectType: 'ipv4-addr',
      path: 'value',
      operator: '=',
      negated: false,
      value: '1.2.3.4',
    });
    expect(singleComparison(ast("[file:hashes.'SHA-256' != 'ab']"))?.path).toBe("hashes.'SHA-256'");
    expect(singleComparison(ast('[file:hashes.MD5 NOT = 5]'))).toMatchObject({
      path: 'hashes.MD5',
      negated: true,
      value: 5,
    });
    expect(singleComparison(ast("[x:a[*].b LIKE '%x']"))?.path).toBe('a[*].b');
  });
  it('is null for anything larger', () => {
    expect(singleComparison(ast('[a:b = 1] AND [a:b = 2]'))).toBeNull();
    expect(singleComparison(ast('[a:b = 1 OR a:b = 2]'))).toBeNull();
    expect(singleComparison(ast('[a:b = 1] WITHIN 5 SECONDS'))).toBeNull();
    expect(singleComparison(ast('[a:b IN (1, 2)]'))).toBeNull();
    expect(singleComparison(ast('[EXISTS a:b]'))).toBeNull();
  });
});

describe('comparisons', () => {
  it('lists every comparison in source order', () => {
    const all = comparisons(
      ast(
        "([ipv4-addr:value = '1.2.3.4' OR domain-name:value LIKE '%.x'] FOLLOWEDBY [file:size IN (1, 2)]) WITHIN 5 SECONDS",
      ),
    );
    expect(all).toEqual([
      { objectType: 'ipv4-addr', path: 'value', operator: '=', negated: false, value: '1.2.3.4' },
      { objectType: 'domain-name', path: 'value', operator: 'LIKE', negated: false, value: '%.x' },
      { objectType: 'file', path: 'size', operator: 'IN', negated: false, value: [1, 2] },
    ]);
  });
});

describe('parse errors', () => {
  it('carry position and expectations', () => {
    const r = parsePattern("[file:name = 'a']\n  WITHIN x SECONDS");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({ line: 2, column: 10, offset: 27 });
    expect(r.error.expected).toEqual(['a positive number of seconds']);
  });
  it('reports the end of input', () => {
    const r = parsePattern("[file:name = 'a'");
    expect(!r.ok && r.error.message).toMatch(/end of pattern/);
  });
  it('never throws on non-string input', () => {
    expect(parsePattern(undefined as unknown as string).ok).toBe(false);
  });
});
