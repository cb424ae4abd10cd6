import { ChunkBuffer } from './chunk-buffer.js';
import type { ExportItem, ExportItems } from './export-item.js';

/** How one line-oriented format is written: lines before, lines per item, lines after. */
export interface LineFormat {
  header?: () => Iterable<string>;
  item: (item: ExportItem) => Iterable<string>;
  footer?: () => Iterable<string>;
  /** Line terminator: `\n` by default, `\r\n` for CSV (RFC 4180). */
  eol?: string;
}

function isSyncIterable(items: ExportItems): items is Iterable<ExportItem> {
  return Symbol.iterator in items;
}

/**
 * Drives a LineFormat over items and yields chunks of about `chunkSize` characters. Synchronous sources
 * take a plain loop: `for await` over an array costs a microtask per item, which dominates at 1M items.
 */
export async function* streamLines(
  items: ExportItems,
  format: LineFormat,
  chunkSize?: number,
): AsyncGenerator<string, void, undefined> {
  const buffer = new ChunkBuffer(chunkSize);
  const eol = format.eol ?? '\n';
  if (format.header) {
    for (const line of format.header()) {
      const chunk = buffer.push(line, eol);
      if (chunk !== undefined) yield chunk;
    }
  }
  if (isSyncIterable(items)) {
    for (const item of items) {
      for (const line of format.item(item)) {
        const chunk = buffer.push(line, eol);
        if (chunk !== undefined) yield chunk;
      }
    }
  } else {
    for await (const item of items) {
      for (const line of format.item(item)) {
        const chunk = buffer.push(line, eol);
        if (chunk !== undefined) yield chunk;
      }
    }
  }
  if (format.footer) {
    for (const line of format.footer()) {
      const chunk = buffer.push(line, eol);
      if (chunk !== undefined) yield chunk;
    }
  }
  const rest = buffer.flush();
  if (rest !== undefined) yield rest;
}

/** Collects a formatter's output into one string: for tests and small exports only. */
export async function collect(chunks: AsyncIterable<string>): Promise<string> {
  let out = '';
  for await (const chunk of chunks) out += chunk;
  return out;
}
