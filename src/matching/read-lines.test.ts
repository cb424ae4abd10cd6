import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readLineBatches } from './read-lines.js';

async function collect(chunks: (Buffer | string)[], max?: number) {
  async function* source() {
    for (const c of chunks) yield await Promise.resolve(c);
  }
  const out: { line: number; text: string | null }[] = [];
  for await (const batch of readLineBatches(source(), max)) out.push(...batch);
  return out;
}

/** Cuts a buffer at the given (sorted, distinct) offsets. */
function cut(buf: Buffer, at: number[]): Buffer[] {
  const points = [0, ...at.filter((p) => p > 0 && p < buf.length), buf.length];
  return points.slice(1).map((end, i) => buf.subarray(points[i], end));
}

describe('readLineBatches', () => {
  it('numbers lines, strips CR and keeps a last line without newline', async () => {
    expect(await collect(['a\r\nb', '\n\nc'])).toEqual([
      { line: 1, text: 'a' },
      { line: 2, text: 'b' },
      { line: 3, text: '' },
      { line: 4, text: 'c' },
    ]);
    expect(await collect([''])).toEqual([]);
  });

  it('hands over the lines completed by each chunk together', async () => {
    async function* source() {
      for (const c of ['a\nb', 'c\nd\ne\n', 'f', 'g']) yield await Promise.resolve(c);
    }
    const batches: (string | null)[][] = [];
    for await (const batch of readLineBatches(source())) batches.push(batch.map((l) => l.text));
    expect(batches).toEqual([['a'], ['bc', 'd', 'e'], ['fg']]);
  });

  it('drops over-long lines without buffering them and goes on', async () => {
    expect(await collect(['short\n', 'x'.repeat(50), 'y'.repeat(50), '\nnext\n'], 60)).toEqual([
      { line: 1, text: 'short' },
      { line: 2, text: null },
      { line: 3, text: 'next' },
    ]);
  });

  it('gives the same lines however the bytes are chunked (multi-byte characters too)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.string({ unit: 'grapheme', maxLength: 12 }).map((s) => s.replace(/[\r\n]/g, '')),
          {
            maxLength: 8,
          },
        ),
        fc.uniqueArray(fc.nat(200), { maxLength: 10 }),
        async (lines, at) => {
          const text = lines.join('\n');
          const got = await collect(
            cut(
              Buffer.from(text),
              [...at].sort((a, b) => a - b),
            ),
          );
          // A final newline ends the last line; it does not start an empty one.
          const parts = text === '' ? [] : text.split('\n');
          if (text.endsWith('\n')) parts.pop();
          const want = parts.map((t, i) => ({ line: i + 1, text: t }));
          expect(got).toEqual(want);
        },
      ),
      { numRuns: 200 },
    );
  });
});
