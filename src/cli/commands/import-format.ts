import { readFile, stat } from 'node:fs/promises';
import { text } from 'node:stream/consumers';
import { CsvMapping } from '../../ingest/csv/index.js';
import type { ConversionIssue } from '../../ingest/conversion.js';
import type { ConvertSummary } from '../../ingest/convert-service.js';
import type { ObjectResult } from '../../ingest/import-result.js';
import { FormatSpec, textFormatOfName } from '../../feeds/convert-format.js';
import { FeedFetchError } from '../../feeds/feed-http.js';
import { feedLocation } from '../../feeds/feed-location.js';
import { importFormat } from '../../feeds/import-format.js';
import { importMispFeed } from '../../feeds/misp-feed-import.js';
import type { Distribution } from '../../policy/distribution.js';
import type { TlpLevel } from '../../policy/tlp.js';
import type { StixObject } from '../../stix/types.js';
import { resolveActor, withStore } from '../cli-context.js';
import { CliError, EXIT } from '../cli-error.js';

export const CONVERTED_FORMATS = ['misp', 'csv', 'text', 'misp-feed'] as const;
export type ConvertedFormat = (typeof CONVERTED_FORMATS)[number];

export interface FormatFlags {
  format: ConvertedFormat;
  preset?: string;
  mapping?: string;
  textFormat?: string;
  dryRun?: boolean;
  strict?: boolean;
  json?: boolean;
  distribution?: Distribution;
  tlp?: TlpLevel | 'none';
  as?: string;
  dropWarninglisted?: boolean;
}

interface FileReport {
  file: string;
  summary: ConvertSummary;
  results: ObjectResult[];
  objects: StixObject[];
  events?: Array<{ uuid: string; error?: string }>;
}

async function readInput(file: string): Promise<string> {
  if (file === '-') return text(process.stdin);
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new CliError(`${file}: not a regular file`);
    return await readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(
      `${file}: cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}

async function mappingOf(path: string | undefined): Promise<CsvMapping | undefined> {
  if (path === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new CliError(`--mapping ${path}: ${(error as Error).message}`);
  }
  const checked = CsvMapping.partial().safeParse(json);
  if (!checked.success)
    throw new CliError(
      `--mapping ${path}: ${checked.error.issues.map((i) => `${i.path.join('.') || 'mapping'}: ${i.message}`).join('; ')}`,
    );
  return checked.data as CsvMapping;
}

function specFor(flags: FormatFlags, file: string, mapping: CsvMapping | undefined): FormatSpec {
  const parsed = FormatSpec.safeParse({
    format: flags.format,
    ...(flags.format === 'csv' ? { preset: flags.preset, mapping } : {}),
    ...(flags.format === 'text' ? { textFormat: flags.textFormat ?? textFormatOfName(file) } : {}),
  });
  if (!parsed.success)
    throw new CliError(parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '));
  return parsed.data;
}

function where(file: string, issue: ConversionIssue): string {
  if (issue.line !== undefined)
    return `${file}:${issue.line}${issue.column === undefined ? '' : `:${issue.column}`}`;
  return issue.path === undefined || issue.path === '' ? file : `${file}: ${issue.path}`;
}

function label(o: StixObject | undefined): string {
  if (o === undefined) return '';
  const text = typeof o.pattern === 'string' ? o.pattern : typeof o.name === 'string' ? o.name : o.value;
  return typeof text === 'string' ? ` ${text.slice(0, 120)}` : '';
}

function print(r: FileReport, dryRun: boolean): void {
  const s = r.summary;
  const verb = dryRun ? 'would be ' : '';
  process.stdout.write(
    `${r.file}: ${s.total} objects: ${s.created} ${verb}created, ${s.duplicate} duplicate, ${s.invalid} invalid, ${s.refused} refused${s.rejected > 0 ? `, ${s.rejected} rejected (--strict)` : ''}${dryRun ? ' (dry run: nothing written)' : ''}\n`,
  );
  for (const e of s.errors.slice(0, 50))
    process.stderr.write(`${where(r.file, e)}: ${e.code}: ${e.message}\n`);
  if (s.errors.length > 50)
    process.stderr.write(`  ... and ${s.errors.length - 50} more errors (use --json)\n`);
  if (s.errors.length > 0) process.stderr.write(`${r.file}: nothing imported\n`);
  for (const e of r.events ?? [])
    if (e.error !== undefined) process.stderr.write(`${r.file}/${e.uuid}.json: ${e.error}\n`);
  for (const p of r.results.filter((x) => x.errors.length > 0 && x.status !== 'rejected').slice(0, 50))
    for (const e of p.errors) process.stderr.write(`  ${e.path} (${p.id ?? ''}): ${e.code}: ${e.message}\n`);
  if (dryRun)
    for (const p of r.results.filter((x) => x.status === 'created'))
      process.stdout.write(`  + ${p.id ?? ''}${label(r.objects[p.index])}\n`);
}

/**
 * `accord import --format misp|csv|text|misp-feed`: files (or `-`) through a converter into the
 * store, each file in one transaction; `misp-feed` takes a directory or URL holding manifest.json.
 */
export async function importConverted(files: string[], flags: FormatFlags): Promise<number> {
  if (flags.preset !== undefined && flags.format !== 'csv')
    throw new CliError('--preset is for --format csv');
  if (flags.mapping !== undefined && flags.format !== 'csv')
    throw new CliError('--mapping is for --format csv');
  if (flags.textFormat !== undefined && flags.format !== 'text')
    throw new CliError('--text-format is for --format text');
  const mapping = await mappingOf(flags.mapping);
  return withStore(async ({ store }) => {
    const actor = await resolveActor(store, flags.as);
    const request = {
      distribution: flags.distribution,
      tlp: flags.tlp,
      strict: flags.strict === true,
      dryRun: flags.dryRun === true,
      warninglist: flags.dropWarninglisted === true ? ('drop' as const) : ('flag' as const),
    };
    const reports: FileReport[] = [];
    for (const file of files) {
      if (flags.format === 'misp-feed') {
        const run = await importMispFeed(store, actor, feedLocation(file), {
          ...request,
          source: file,
        }).catch((error: unknown) => {
          if (error instanceof FeedFetchError) throw new CliError(error.message, EXIT.invalid);
          throw error;
        });
        const summary: ConvertSummary = {
          ...run.totals,
          dryRun: request.dryRun,
          errors: run.manifestErrors,
          warnings: [],
        };
        const failed = run.events.filter((e) => e.error !== undefined);
        if (failed.length > 0)
          summary.fatal = { code: 'events_failed', message: `${failed.length} event(s) not imported` };
        reports.push({ file, summary, results: [], objects: [], events: run.events });
        continue;
      }
      const input = await readInput(file);
      const { summary, results, conversion } = await importFormat(
        store,
        actor,
        input,
        specFor(flags, file, mapping),
        {
          ...request,
          source: file === '-' ? 'stdin' : file,
        },
      );
      reports.push({ file, summary, results, objects: conversion.objects.map((o) => o.object) });
    }
    if (flags.json === true) {
      const out = reports.map((r) => ({
        file: r.file,
        ...r.summary,
        ...(r.events === undefined ? {} : { events: r.events }),
        results: r.results.map((x) => ({ ...x, type: r.objects[x.index]?.type })),
      }));
      process.stdout.write(`${JSON.stringify({ files: out }, null, 2)}\n`);
    } else for (const r of reports) print(r, request.dryRun);
    const bad = reports.some(
      (r) => r.summary.fatal !== undefined || r.summary.invalid + r.summary.refused + r.summary.rejected > 0,
    );
    return bad ? EXIT.invalid : EXIT.ok;
  });
}
