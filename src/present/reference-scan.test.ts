import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { referencedIds } from '../policy/redact.js';
import { scanReferences } from './reference-scan.js';

const A = 'identity--11111111-1111-4111-8111-111111111111';
const B = 'malware--22222222-2222-4222-8222-222222222222';
const C = 'indicator--33333333-3333-4333-8333-333333333333';

describe('scanReferences', () => {
  it('finds *_ref and *_refs values at any depth, and nothing else', () => {
    const text = JSON.stringify({
      type: 'report',
      created_by_ref: A,
      object_refs: [B, C],
      description: 'see created_by_ref and object_refs',
      extensions: { x: { nested_ref: C, other: 1, list: [{ deep_refs: [A] }] } },
      refs: ['not-a-ref-key'],
    });
    expect(scanReferences(text)).toEqual([A, B, C, C, A]);
  });

  it('reads JSON with whitespace as well as JSON.stringify output', () => {
    const object = { a_ref: A, b_refs: [B, C], empty_refs: [] };
    expect(scanReferences(JSON.stringify(object, null, 2))).toEqual([A, B, C]);
  });

  it('does not take text inside strings for keys', () => {
    const text = JSON.stringify({ name: 'x_ref":"' + A, description: 'a_refs":["' + B + '"]' });
    expect(scanReferences(text)).toEqual([]);
  });

  it('ignores *_ref values that are not strings and *_refs values that are not arrays', () => {
    expect(
      scanReferences(JSON.stringify({ a_ref: 3, b_ref: null, c_refs: 'x', d_ref: { e_ref: A } })),
    ).toEqual([A]);
  });

  it('gives up on what it cannot be sure of, so the caller parses instead', () => {
    // A \u escape can spell a key: "created_by_re\u0066" is created_by_ref.
    expect(scanReferences(`{"created_by_re\\u0066":"${A}"}`)).toBeUndefined();
    expect(scanReferences(JSON.stringify({ a_ref: 'x\\y' }))).toBeUndefined();
    expect(scanReferences(JSON.stringify({ a_refs: [A, 1] }))).toBeUndefined();
    expect(scanReferences(JSON.stringify({ a_refs: [A, { b: 1 }] }))).toBeUndefined();
  });

  it('finds at least every reference redaction looks at, in any JSON an object can be written as', () => {
    const key = fc.oneof(
      fc.constantFrom('a_ref', 'b_refs', 'name', 'x_ref_note', 'refs', '_ref', 'obj_refs'),
      fc.string({ maxLength: 6 }),
    );
    const leaf = fc.oneof(
      fc.constantFrom(A, B, C),
      fc.string({ maxLength: 8 }),
      fc.integer(),
      fc.constant(null),
    );
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        leaf,
        fc.array(tie('node'), { maxLength: 3 }),
        fc.dictionary(key, tie('node'), { maxKeys: 4 }),
      ),
    })).node;
    fc.assert(
      fc.property(fc.dictionary(key, value, { maxKeys: 6 }), fc.boolean(), (object, pretty) => {
        const text = pretty ? JSON.stringify(object, null, 1) : JSON.stringify(object);
        const found = scanReferences(text);
        if (found === undefined) return;
        const parsed = JSON.parse(text) as unknown;
        for (const id of referencedIds(parsed)) expect(found).toContain(id);
      }),
      { numRuns: 500 },
    );
  });
});
