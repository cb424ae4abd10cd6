import type { Observable } from '../../observable/index.js';
import { emailText } from './email-text.js';
import { EXTRACTORS } from './extractors.js';
import { htmlText } from './html-text.js';
import { MappedText, lineColumn, lineStartsOf } from './mapped-text.js';
import { markdownText } from './markdown-text.js';
import { refangMapped } from './refang-mapped.js';

export type TextFormat = 'text' | 'markdown' | 'html' | 'email';

export interface ExtractOptions {
  format?: TextFormat;
}

export type LocatedObservable = Observable & { line: number; column: number };

function readable(source: MappedText, format: TextFormat): MappedText {
  switch (format) {
    case 'html':
      return htmlText(source);
    case 'markdown':
      return markdownText(source);
    case 'email':
      return emailText(source);
    default:
      return source;
  }
}

/**
 * Indicators in free text (plain, Markdown, HTML or an e-mail message): refanged, normalised,
 * deduplicated, in order of first appearance, each located at its line and column in the input.
 */
export function extractIndicators(
  text: string,
  opts: ExtractOptions = {},
): { observables: LocatedObservable[] } {
  const scanned = refangMapped(readable(MappedText.of(text), opts.format ?? 'text'));
  const taken = new Uint8Array(scanned.length);
  const found: { start: number; observable: Observable }[] = [];
  for (const extractor of EXTRACTORS) {
    for (const m of scanned.text.matchAll(extractor.pattern)) {
      const accepted = extractor.accept(m[0]);
      if (accepted === null) continue;
      const end = m.index + accepted.length;
      if (taken.subarray(m.index, end).includes(1)) continue;
      taken.fill(1, m.index, end);
      found.push({ start: m.index, observable: accepted.observable });
    }
  }
  found.sort((a, b) => a.start - b.start);
  const lineStarts = lineStartsOf(text);
  const seen = new Set<string>();
  const observables: LocatedObservable[] = [];
  for (const { start, observable } of found) {
    const key = `${observable.kind}\u0000${observable.value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    observables.push({ ...observable, ...lineColumn(lineStarts, scanned.origin(start)) });
  }
  return { observables };
}
