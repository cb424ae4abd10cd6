import { describe, expect, it } from 'vitest';
import { versionDiff } from './version-diff.js';

describe('versionDiff', () => {
  it('reports added, removed and changed properties by path, in path order', () => {
    const a = { name: 'Emotet', labels: ['a'], x: { depth: 1, gone: true }, description: 'old' };
    const b = { name: 'Emotet', labels: ['a', 'b'], x: { depth: 2 }, aliases: ['Geodo'] };
    expect(versionDiff(a, b)).toEqual([
      { path: 'aliases', kind: 'added', after: ['Geodo'] },
      { path: 'description', kind: 'removed', before: 'old' },
      { path: 'labels', kind: 'changed', before: ['a'], after: ['a', 'b'] },
      { path: 'x.depth', kind: 'changed', before: 1, after: 2 },
      { path: 'x.gone', kind: 'removed', before: true },
    ]);
  });

  it('is empty for equal versions', () => {
    expect(versionDiff({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toEqual([]);
  });
});
