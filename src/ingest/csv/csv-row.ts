import { detectObservable, normaliseObservable, refang } from '../../observable/index.js';
import type { Observable, ObservableKind } from '../../observable/index.js';
import type { ConversionIssue } from '../conversion.js';
import type { IndicatorDetails } from '../text/index.js';
import { csvTimestamp } from './csv-timestamp.js';
import type { ResolvedColumns } from './resolve-columns.js';

/** What one CSV record says, before it becomes STIX. */
export interface CsvRow {
  observables: Observable[];
  details: IndicatorDetails;
  family?: string;
}

// Placeholders feeds write where they have no family name.
const NO_FAMILY = new Set(['', '-', 'n/a', 'na', 'none', 'null', 'unknown', 'unknown malware']);

function observableOf(raw: string, type: ObservableKind | 'auto'): Observable | null {
  if (type === 'auto') return detectObservable(raw);
  const value = normaliseObservable(type, refang(raw.trim()));
  return value === null ? null : { kind: type, value };
}

/**
 * One record to observables and details, or the issue that makes it unusable (located at the line
 * and the 1-based column of the offending field). Empty optional cells are simply absent.
 */
export function readCsvRow(
  record: readonly string[],
  columns: ResolvedColumns,
  type: ObservableKind | 'auto',
  line: number,
  source: string,
): CsvRow | ConversionIssue {
  const issue = (column: number, code: string, message: string): ConversionIssue => ({
    code,
    message,
    line,
    column: column + 1,
  });
  const cell = (index: number | undefined): string =>
    index === undefined ? '' : (record[index] ?? '').trim();

  if (record[columns.value] === undefined)
    return issue(columns.value, 'missing_value', `line ${line} has no column ${columns.value + 1}`);
  const observables: Observable[] = [];
  for (const index of [columns.value, ...columns.extraValues]) {
    const raw = cell(index);
    if (raw === '' && index !== columns.value) continue;
    const kind = index === columns.value ? type : 'auto';
    const o = observableOf(raw, kind);
    if (o === null) {
      const what = kind === 'auto' ? 'a recognised indicator' : `a valid ${kind}`;
      return issue(index, 'invalid_value', `${JSON.stringify(raw.slice(0, 200))} is not ${what}`);
    }
    observables.push(o);
  }

  const details: IndicatorDetails = {};
  for (const key of ['firstSeen', 'lastSeen'] as const) {
    const raw = cell(columns[key]);
    if (raw === '') continue;
    const timestamp = csvTimestamp(raw);
    if (timestamp === null)
      return issue(
        columns[key]!,
        'invalid_timestamp',
        `${key} ${JSON.stringify(raw.slice(0, 60))} is not a date`,
      );
    if (key === 'firstSeen') details.validFrom = timestamp;
    else details.lastSeen = timestamp;
  }
  const confidence = cell(columns.confidence);
  if (confidence !== '') {
    const n = Number(confidence);
    if (!/^\d{1,3}$/.test(confidence) || n > 100) {
      return issue(
        columns.confidence!,
        'invalid_confidence',
        `confidence ${JSON.stringify(confidence.slice(0, 60))} is not a number from 0 to 100`,
      );
    }
    details.confidence = n;
  }
  const tags = cell(columns.tags);
  if (tags !== '') {
    details.labels = [
      ...new Set(
        tags
          .split(/[,;|]/)
          .map((t) => t.trim())
          .filter((t) => t !== '' && t.toLowerCase() !== 'none'),
      ),
    ];
  }
  const description = cell(columns.description);
  if (description !== '') details.description = description;
  const reference = cell(columns.reference);
  if (reference !== '') {
    details.externalReferences = [
      /^https?:\/\//i.test(reference)
        ? { source_name: source, url: reference }
        : { source_name: source, description: reference },
    ];
  }
  const family = cell(columns.malwareFamily);
  return NO_FAMILY.has(family.toLowerCase()) ? { observables, details } : { observables, details, family };
}
