import type { ExportItem, Formatter } from './export-item.js';
import { streamLines } from './stream-lines.js';

export const CSV_COLUMNS = [
  'id',
  'kind',
  'value',
  'name',
  'tlp',
  'pap',
  'confidence',
  'labels',
  'owner',
  'created',
  'modified',
  'valid_until',
  'url',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

export interface CsvOptions {
  /** Columns in output order; all of CSV_COLUMNS by default. */
  columns?: readonly CsvColumn[];
  chunkSize?: number;
}

const CELL: Record<CsvColumn, (item: ExportItem) => string> = {
  id: (i) => i.id,
  kind: (i) => i.kind,
  value: (i) => i.value,
  name: (i) => i.name ?? '',
  tlp: (i) => (i.tlp === undefined ? '' : `TLP:${i.tlp.toUpperCase()}`),
  pap: (i) => (i.pap === undefined ? '' : `PAP:${i.pap.toUpperCase()}`),
  confidence: (i) => (i.confidence === undefined ? '' : String(i.confidence)),
  // Labels share one cell; a comma inside a label is still safe because the whole cell gets quoted.
  labels: (i) => i.labels.join(','),
  owner: (i) => i.ownerName ?? i.ownerId ?? '',
  created: (i) => i.created ?? '',
  modified: (i) => i.modified,
  valid_until: (i) => i.validUntil ?? '',
  url: (i) => i.url ?? '',
};

/** RFC 4180: a field holding a comma, quote, CR or LF is quoted, and quotes inside are doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function parseCsvColumns(spec: string): CsvColumn[] {
  const columns = spec.split(',').map((c) => c.trim());
  const unknown = columns.filter((c) => !(CSV_COLUMNS as readonly string[]).includes(c));
  if (unknown.length > 0) {
    throw new Error(`unknown CSV column(s): ${unknown.join(', ')}; allowed: ${CSV_COLUMNS.join(', ')}`);
  }
  return columns as CsvColumn[];
}

/** One row per item (no de-duplication: two indicators with one value carry different metadata). */
export const csvFormatter: Formatter<CsvOptions> = (items, opts = {}) => {
  const columns = opts.columns ?? CSV_COLUMNS;
  for (const column of columns) {
    if (!(column in CELL)) throw new Error(`unknown CSV column: ${column}`);
  }
  const cells = columns.map((c) => CELL[c]);
  return streamLines(
    items,
    {
      eol: '\r\n',
      header: () => [columns.join(',')],
      item: (item) => [cells.map((cell) => csvField(cell(item))).join(',')],
    },
    opts.chunkSize,
  );
};
