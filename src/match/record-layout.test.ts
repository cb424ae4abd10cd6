import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RecordLayout } from './record-layout.js';

const key = fc.constantFrom('a', 'b', 'ts', 'x.y', 'src_ip', 'constructor', '__proto__');
const value = fc.oneof(fc.string({ maxLength: 3 }), fc.integer(), fc.constant(null), fc.constant([1]));
/** A record as JSON.parse makes it (own keys only, `__proto__` an ordinary key). */
const record = fc
  .array(fc.tuple(key, value), { maxLength: 6 })
  .map((entries) => JSON.parse(JSON.stringify(Object.fromEntries(entries))) as Record<string, unknown>);

describe('RecordLayout', () => {
  it('reads each name as the own value of that key, whatever order the records come in', () => {
    fc.assert(
      fc.property(
        fc.array(key, { minLength: 1, maxLength: 5 }),
        fc.array(record, { maxLength: 8 }),
        (names, records) => {
          const layout = new RecordLayout(names);
          // Each record twice in a row: the second read takes the learnt order.
          for (const r of records.flatMap((x) => [x, x])) {
            layout.read(r);
            expect(layout.values).toEqual(names.map((n) => (Object.hasOwn(r, n) ? r[n] : undefined)));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads a record with one key more or fewer than the learnt order', () => {
    const layout = new RecordLayout(['a', 'b']);
    layout.read({ a: 1, b: 2 });
    layout.read({ a: 1, b: 2, c: 3 });
    expect(layout.values).toEqual([1, 2]);
    layout.read({ a: 1 });
    expect(layout.values).toEqual([1, undefined]);
    layout.read({ b: 5, a: 4 });
    expect(layout.values).toEqual([4, 5]);
  });

  it('reads records much wider than the names by name, and narrow ones by their keys again', () => {
    const layout = new RecordLayout(['a', 'z', 'b']);
    const wide = (a: number): Record<string, unknown> => {
      const r: Record<string, unknown> = { a };
      for (let i = 0; i < 100; i++) r[`k${String(i)}`] = i;
      r.b = 'x';
      return r;
    };
    layout.read(wide(1));
    expect(layout.values).toEqual([1, undefined, 'x']);
    layout.read(wide(2));
    expect(layout.values).toEqual([2, undefined, 'x']);
    layout.read({ z: 3, a: 4 });
    expect(layout.values).toEqual([4, 3, undefined]);
    layout.read({ z: 5, a: 6 });
    expect(layout.values).toEqual([6, 5, undefined]);
    layout.read(wide(7));
    expect(layout.values).toEqual([7, undefined, 'x']);
  });
});
