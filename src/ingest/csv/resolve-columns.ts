import type { CsvColumn, CsvMapping } from './csv-mapping.js';

type Columns = CsvMapping['columns'];
type ColumnKey = Exclude<keyof Columns, 'type' | 'extraValues'>;

/** The mapping's columns as 0-based indexes into a record. */
export interface ResolvedColumns {
  value: number;
  extraValues: number[];
  firstSeen?: number;
  lastSeen?: number;
  tags?: number;
  malwareFamily?: number;
  confidence?: number;
  description?: number;
  reference?: number;
}

const OPTIONAL_KEYS = [
  'firstSeen',
  'lastSeen',
  'tags',
  'malwareFamily',
  'confidence',
  'description',
  'reference',
] as const;

export function usesNames(columns: Columns): boolean {
  const all: (CsvColumn | undefined)[] = [
    columns.value,
    ...(columns.extraValues ?? []),
    ...OPTIONAL_KEYS.map((k) => columns[k]),
  ];
  return all.some((c) => typeof c === 'string');
}

/**
 * Resolves names against the header and checks every index against the first record's width: a
 * mapping that points past the data is one clear error, not one error per row.
 */
export function resolveColumns(
  columns: Columns,
  header: readonly string[] | null,
  width: number,
): { ok: true; columns: ResolvedColumns } | { ok: false; message: string } {
  const problems: string[] = [];
  const resolve = (key: ColumnKey | `extraValues[${number}]`, column: CsvColumn): number => {
    if (typeof column === 'number') {
      if (column >= width)
        problems.push(
          `${key} column ${column} is out of range: the data has ${width} column(s), numbered from 0`,
        );
      return column;
    }
    const index =
      header === null
        ? -1
        : header.findIndex((name) => name.trim().toLowerCase() === column.trim().toLowerCase());
    if (index < 0) {
      problems.push(
        header === null
          ? `${key} column "${column}" is named but the data has no header row`
          : `${key} column "${column}" is not in the header (${header.map((h) => JSON.stringify(h)).join(', ')})`,
      );
    }
    return index;
  };
  const resolved: ResolvedColumns = {
    value: resolve('value', columns.value),
    extraValues: (columns.extraValues ?? []).map((c, i) => resolve(`extraValues[${i}]`, c)),
  };
  for (const key of OPTIONAL_KEYS) {
    const column = columns[key];
    if (column !== undefined) resolved[key] = resolve(key, column);
  }
  return problems.length === 0
    ? { ok: true, columns: resolved }
    : { ok: false, message: `Invalid CSV mapping: ${problems.join('; ')}` };
}
