import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type { CsvError, Info } from 'csv-parse';
import { detectObservable } from '../../observable/index.js';
import type { StixObject } from '../../stix/types.js';
import { accordId } from '../accord-id.js';
import type { ConversionContext, ConversionResult } from '../conversion.js';
import { indicatorFor } from '../text/index.js';
import { CsvMapping } from './csv-mapping.js';
import { readCsvRow } from './csv-row.js';
import { resolveColumns, usesNames } from './resolve-columns.js';
import type { ResolvedColumns } from './resolve-columns.js';

const NAME_CELL = /^[\p{L}_"#][\p{L}\p{N}_ .#"()-]*$/u;

function familyObject(name: string, ctx: ConversionContext): StixObject {
  return {
    type: 'malware',
    spec_version: '2.1',
    id: accordId('malware', ctx.ownerIdentityId, name.toLowerCase()),
    created: ctx.now,
    modified: ctx.now,
    created_by_ref: ctx.ownerIdentityId,
    name,
    is_family: true,
  };
}

function indicates(indicator: string, malware: string, ctx: ConversionContext): StixObject {
  return {
    type: 'relationship',
    spec_version: '2.1',
    id: accordId('relationship', ctx.ownerIdentityId, indicator, 'indicates', malware),
    created: ctx.now,
    modified: ctx.now,
    created_by_ref: ctx.ownerIdentityId,
    relationship_type: 'indicates',
    source_ref: indicator,
    target_ref: malware,
  };
}

/** A header row: its value cell is no indicator and every cell reads like a column name. */
function looksLikeHeader(record: readonly string[], valueIndex: number): boolean {
  const value = record[valueIndex];
  if (value === undefined || detectObservable(value) !== null) return false;
  return record.every((cell) => NAME_CELL.test(cell.trim()));
}

function toStream(input: string | AsyncIterable<string | Buffer>): Readable {
  return typeof input === 'string' ? Readable.from([input]) : Readable.from(input);
}

/**
 * Converts a CSV feed to STIX as it streams: one indicator per value (confidence, labels and
 * `valid_from` from the mapped columns), one malware family object per family name, and an
 * `indicates` relationship between them, all with deterministic ids so a re-run converges. A bad
 * row is an error at its line and column while the other rows still convert; a mapping that does
 * not fit the data is one error. Never rejects.
 */
export async function convertCsv(
  input: string | AsyncIterable<string | Buffer>,
  mapping: CsvMapping,
  ctx: ConversionContext,
): Promise<ConversionResult> {
  const result: ConversionResult = { objects: [], errors: [], warnings: [] };
  const checked = CsvMapping.safeParse(mapping);
  if (!checked.success) {
    const detail = checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    result.errors.push({ code: 'invalid_mapping', message: `Invalid CSV mapping: ${detail}` });
    return result;
  }
  const m = checked.data;
  const source = ctx.source ?? 'csv';
  let lastRecordLine = m.skipLines ?? 0;
  const parser = parse({
    delimiter: m.delimiter ?? ',',
    quote: m.quote ?? '"',
    comment: m.comment ?? '#',
    trim: m.trim ?? false,
    from_line: (m.skipLines ?? 0) + 1,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    bom: true,
    on_record: (record: string[], context: Info) => {
      lastRecordLine = context.lines;
      return record;
    },
  });
  parser.on('skip', (err: CsvError) => {
    const at = err as CsvError & { lines?: number; index?: number };
    // csv-parse locates an unclosed quote where the input ended; the user needs where it opened,
    // which is the record after the last one parsed.
    const line = err.code === 'CSV_QUOTE_NOT_CLOSED' ? lastRecordLine + 1 : at.lines;
    result.errors.push({ code: 'invalid_csv', message: err.message, line, column: (at.index ?? 0) + 1 });
  });
  const stream = toStream(input);
  stream.on('error', (err) => parser.destroy(err));
  stream.pipe(parser);

  const seen = new Set<string>();
  const emit = (object: StixObject): void => {
    if (seen.has(object.id)) return;
    seen.add(object.id);
    result.objects.push({ object });
  };
  let columns: ResolvedColumns | null = null;
  let header: string[] | null = null;
  try {
    for await (const chunk of parser as AsyncIterable<{ record: string[]; info: Info }>) {
      const { record, info } = chunk;
      if (columns === null) {
        const wantsHeader = m.header ?? 'auto';
        const isHeader =
          wantsHeader === true ||
          (wantsHeader === 'auto' &&
            (usesNames(m.columns) ||
              (typeof m.columns.value === 'number' && looksLikeHeader(record, m.columns.value))));
        if (isHeader && header === null) {
          header = record;
          continue;
        }
        const resolved = resolveColumns(m.columns, header, record.length);
        if (!resolved.ok) {
          result.errors.push({ code: 'invalid_mapping', message: resolved.message, line: info.lines });
          break;
        }
        columns = resolved.columns;
      }
      const row = readCsvRow(record, columns, m.columns.type ?? 'auto', info.lines, source);
      if ('code' in row) {
        result.errors.push(row);
        continue;
      }
      const family = row.family === undefined ? undefined : familyObject(row.family, ctx);
      if (family !== undefined) emit(family);
      for (const o of row.observables) {
        const indicator = indicatorFor(o, ctx, row.details);
        if (indicator === null) {
          result.warnings.push({
            code: 'no_stix_pattern',
            message: `${o.kind} ${o.value} has no STIX pattern`,
            line: info.lines,
          });
          continue;
        }
        emit(indicator);
        if (family !== undefined) emit(indicates(indicator.id, family.id, ctx));
      }
    }
  } catch (err) {
    const at = err as { lines?: number; message?: string };
    result.errors.push({ code: 'invalid_csv', message: at.message ?? String(err), line: at.lines });
  } finally {
    stream.unpipe(parser);
    stream.destroy();
    parser.destroy();
  }
  if (columns === null && result.errors.length === 0)
    result.warnings.push({ code: 'empty_feed', message: 'the feed has no data rows' });
  return result;
}
