import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunked } from '../../../test/factories.js';
import { BundleSyntaxError, scanBundle } from './bundle-scanner.js';
import type { ScannedElement, ScannedHeader } from './bundle-scanner.js';

async function scan(text: string, chunkSize = 7, maxObjectBytes = 1 << 20) {
  const items: Array<ScannedElement | ScannedHeader> = [];
  for await (const item of scanBundle(chunked(text, chunkSize), { maxObjectBytes })) items.push(item);
  return items;
}

async function scanError(text: string): Promise<BundleSyntaxError> {
  try {
    await scan(text);
  } catch (error) {
    if (error instanceof BundleSyntaxError) return error;
    throw error;
  }
  throw new Error('expected a BundleSyntaxError');
}

describe('scanBundle', () => {
  it('yields headers and each object text, whatever the chunking', async () => {
    const objects = [{ a: '}]"{\\' }, { b: [1, { c: 'x,y' }] }, { d: 'é€😀' }, 5, 'str'];
    const text = JSON.stringify({ type: 'bundle', objects, id: 'bundle--x' }, null, 2);
    for (const size of [1, 2, 3, 13, 4096]) {
      const items = await scan(text, size);
      const parsed = items.filter((i) => i.kind === 'object').map((i) => JSON.parse(i.text!) as unknown);
      expect(parsed).toEqual(objects);
      expect(items.filter((i) => i.kind === 'header').map((h) => [h.key, h.value])).toEqual([
        ['type', 'bundle'],
        ['id', 'bundle--x'],
      ]);
    }
  });

  it('reads objects spanning many chunks of uneven sizes, small ones between big ones', async () => {
    // Exercises the growing buffer a value is assembled in: appended in place, grown, and dropped.
    const objects = [
      { big: 'x'.repeat(300_000), n: 1 },
      { small: 'é' },
      { big: '€'.repeat(70_000), inner: { list: Array.from({ length: 2000 }, (_, i) => i) } },
      { tail: true },
    ];
    const text = JSON.stringify({ type: 'bundle', id: 'bundle--x', objects });
    async function* uneven(): AsyncGenerator<Buffer> {
      const bytes = Buffer.from(text);
      for (let i = 0, k = 0; i < bytes.length; k++) {
        const size = [1, 997, 5, 65_536, 31][k % 5]!;
        yield await Promise.resolve(Buffer.from(bytes.subarray(i, i + size)));
        i += size;
      }
    }
    const items: Array<ScannedElement | ScannedHeader> = [];
    for await (const item of scanBundle(uneven(), { maxObjectBytes: 1 << 20 })) items.push(item);
    const parsed = items.filter((i) => i.kind === 'object').map((i) => JSON.parse(i.text!) as unknown);
    expect(parsed).toEqual(objects);
  });

  it('reports each object with its line and column', async () => {
    const text = '{"type": "bundle",\n "objects": [\n   {"x": 1},\n   {"y": 2}\n]}';
    const objects = (await scan(text)).filter((i): i is ScannedElement => i.kind === 'object');
    expect(objects.map((o) => [o.line, o.column])).toEqual([
      [3, 4],
      [4, 4],
    ]);
  });

  it('drops objects over the size cap but keeps scanning', async () => {
    const big = { s: 'x'.repeat(5000) };
    const text = JSON.stringify({ type: 'bundle', objects: [big, { ok: true }] });
    const items = (await scan(text, 100, 1000)).filter((i): i is ScannedElement => i.kind === 'object');
    expect(items[0]!.text).toBeNull();
    expect(items[0]!.tooLarge).toBeGreaterThan(5000);
    expect(JSON.parse(items[1]!.text!)).toEqual({ ok: true });
  });

  it.each([
    ['', 'empty_input'],
    ['[1, 2]', 'not_a_bundle'],
    ['{"type": "bundle", "objects": [{"a": 1}, {"b"', 'truncated'],
    ['{"type": "bundle", "objects": [{"a": 1}', 'truncated'],
    ['{"type": "bundle" "objects": []}', 'malformed_json'],
    ['{"type": "bundle", "objects": [] } trailing', 'malformed_json'],
    ['{"type": "bundle", "objects": [{"a": 1} {"b": 2}]}', 'malformed_json'],
  ])('%j fails with %s', async (text, code) => {
    const error = await scanError(text);
    expect(error.code).toBe(code);
    expect(error.line).toBeGreaterThanOrEqual(1);
  });

  it('locates a truncation on the right line', async () => {
    const error = await scanError('{"type": "bundle",\n"objects": [\n{"a": 1},\n{"b": ');
    expect(error.line).toBe(4);
    expect(error.message).toContain('truncated');
  });

  it('copes with 10,000-deep nesting inside an object', async () => {
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);
    const items = await scan(`{"type":"bundle","objects":[{"x":${deep}}]}`, 4096);
    expect(items.filter((i) => i.kind === 'object')).toHaveLength(1);
  });

  it('finds exactly the elements JSON.parse sees, for any JSON array of values', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.jsonValue(), { maxLength: 8 }),
        fc.integer({ min: 1, max: 50 }),
        async (values, size) => {
          const text = JSON.stringify({ type: 'bundle', id: 'bundle--1', objects: values });
          const items = await scan(text, size);
          const found = items.filter((i) => i.kind === 'object').map((i) => JSON.parse(i.text!) as unknown);
          expect(found).toEqual(JSON.parse(JSON.stringify(values)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never throws anything but BundleSyntaxError on arbitrary bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 200 }), async (text) => {
        try {
          await scan(`{"type":"bundle","objects":[${text}`);
        } catch (error) {
          expect(error).toBeInstanceOf(BundleSyntaxError);
        }
      }),
      { numRuns: 500 },
    );
  });
});
