import { describe, expect, it } from 'vitest';
import type { ExportItem } from './export-item.js';
import { FORMATS } from './formats.js';
import { ChunkBuffer } from './chunk-buffer.js';

const COUNT = 100_000;

/** An async source that counts how many items the formatter has pulled so far. */
function source(pulled: { n: number }): AsyncGenerator<ExportItem> {
  return (async function* () {
    for (let i = 0; i < COUNT; i++) {
      // A real store cursor yields to the event loop now and then.
      if (i % 1000 === 0) await Promise.resolve();
      pulled.n = i + 1;
      const a = (i >> 16) & 255;
      const b = (i >> 8) & 255;
      const c = i & 255;
      yield {
        id: `indicator--${i}`,
        kind: i % 2 === 0 ? 'ipv4' : 'domain',
        value: i % 2 === 0 ? `10.${a}.${b}.${c}` : `host${i}.example`,
        labels: [],
        modified: '2025-01-02T03:04:05.000Z',
      };
    }
  })();
}

describe('streaming', () => {
  it('ChunkBuffer hands back a chunk once the size is reached, and the rest on flush', () => {
    const buffer = new ChunkBuffer(10);
    expect(buffer.push('abcd')).toBeUndefined();
    expect(buffer.push('efgh')).toBe('abcd\nefgh\n');
    expect(buffer.push('x')).toBeUndefined();
    expect(buffer.flush()).toBe('x\n');
    expect(buffer.flush()).toBeUndefined();
  });

  it.each(['ip', 'csv', 'suricata', 'snort', 'zeek', 'rpz'])(
    '%s yields chunks while the source is still being read',
    async (name) => {
      const format = FORMATS[name];
      if (format === undefined) throw new Error(name);
      const pulled = { n: 0 };
      let chunks = 0;
      let firstAt = 0;
      let largest = 0;
      for await (const chunk of format.formatter(source(pulled), { chunkSize: 16 * 1024 })) {
        chunks += 1;
        if (chunks === 1) firstAt = pulled.n;
        largest = Math.max(largest, chunk.length);
      }
      expect(pulled.n).toBe(COUNT);
      // The first chunk arrives after a small fraction of the input: nothing waits for the end.
      expect(firstAt).toBeLessThan(COUNT / 10);
      expect(chunks).toBeGreaterThan(20);
      // Each chunk is about the chunk size (plus at most one line), never the whole output.
      expect(largest).toBeLessThan(16 * 1024 + 4096);
    },
  );
});
