import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Command } from 'commander';
import { Option } from 'commander';
import cliProgress from 'cli-progress';
import type { ImportSummary, ObjectResult } from '../../ingest/import-result.js';
import { importStix } from '../../ingest/import-service.js';
import { isDistribution } from '../../policy/distribution.js';
import type { Distribution } from '../../policy/distribution.js';
import { resolveActor, withStore } from '../cli-context.js';
import { CliError, EXIT } from '../cli-error.js';
import { CSV_PRESET_NAMES, TEXT_FORMATS } from '../../feeds/convert-format.js';
import { importConverted } from './import-format.js';
import type { ConvertedFormat } from './import-format.js';

interface ImportFlags {
  strict?: boolean;
  json?: boolean;
  distribution?: string;
  tlp?: 'clear' | 'green' | 'amber' | 'amber+strict' | 'red' | 'none';
  as?: string;
  maxObjectBytes?: string;
  format: 'stix' | ConvertedFormat;
  preset?: string;
  mapping?: string;
  textFormat?: string;
  dryRun?: boolean;
  dropWarninglisted?: boolean;
}

const MAX_PRINTED = 50;

function describeResult(r: ObjectResult): string[] {
  return r.errors.map((e) => `  ${e.path}${r.id === null ? '' : ` (${r.id})`}: ${e.code}: ${e.message}`);
}

async function sourceFor(file: string): Promise<{ stream: AsyncIterable<Buffer>; size: number | undefined }> {
  if (file === '-') return { stream: process.stdin, size: undefined };
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new CliError(`${file}: not a regular file`);
    return { stream: createReadStream(file, { highWaterMark: 1 << 20 }), size: info.size };
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(
      `${file}: cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('import STIX 2.1 bundles, MISP events, CSV feeds or text (files, or - for standard input)')
    .argument('<files...>', 'input files, or - for standard input (misp-feed: directories or URLs)')
    .addOption(
      new Option('--format <format>', 'input format (docs/FORMATS.md)')
        .choices(['stix', 'misp', 'csv', 'text', 'misp-feed'])
        .default('stix'),
    )
    .addOption(new Option('--preset <name>', 'csv: column preset (default list)').choices(CSV_PRESET_NAMES))
    .option('--mapping <file>', 'csv: a JSON column mapping, overlaid on the preset')
    .addOption(new Option('--text-format <f>', 'text: default from the file extension').choices(TEXT_FORMATS))
    .option('--dry-run', 'misp/csv/text: show what would be created, write nothing')
    .option('--strict', 'reject a whole bundle if any object is invalid')
    .option('--drop-warninglisted', 'do not import objects whose value is warninglisted (default: flag them)')
    .option('--json', 'print a JSON summary instead of text')
    .option(
      '--distribution <d>',
      'organisation | community | public | group:<id> (default: the organisation default)',
    )
    .addOption(
      new Option('--tlp <level>', 'TLP for objects without one').choices([
        'clear',
        'green',
        'amber',
        'amber+strict',
        'red',
        'none',
      ]),
    )
    .option('--as <email>', 'act as this user (default: the first administrator)')
    .option('--max-object-bytes <n>', 'largest accepted object', String(5 * 1024 * 1024))
    .action(async (files: string[], flags: ImportFlags) => {
      if (flags.distribution !== undefined && !isDistribution(flags.distribution)) {
        throw new CliError(
          `--distribution ${flags.distribution}: use organisation, community, public or group:<id>`,
        );
      }
      if (flags.format !== 'stix') {
        process.exitCode = await importConverted(files, {
          ...flags,
          format: flags.format,
          distribution: flags.distribution,
        });
        return;
      }
      if (flags.dryRun === true)
        throw new CliError('--dry-run is for --format misp, csv, text and misp-feed');
      const maxObjectBytes = Number(flags.maxObjectBytes);
      if (!Number.isInteger(maxObjectBytes) || maxObjectBytes <= 0)
        throw new CliError('--max-object-bytes must be a positive integer');
      const exit = await withStore(async ({ store }) => {
        const actor = await resolveActor(store, flags.as);
        const reports: Array<{
          file: string;
          summary: ImportSummary;
          problems: ObjectResult[];
          dropped: number;
        }> = [];
        for (const file of files) {
          const { stream, size } = await sourceFor(file);
          const problems: ObjectResult[] = [];
          let dropped = 0;
          const bar = process.stderr.isTTY && flags.json !== true ? progressBar(size) : undefined;
          const started = Date.now();
          const summary = await importStix(store, actor, stream, {
            source: file === '-' ? 'stdin' : file,
            strict: flags.strict === true,
            distribution: flags.distribution as Distribution | undefined,
            tlp: flags.tlp,
            maxObjectBytes,
            warninglist: flags.dropWarninglisted === true ? 'drop' : 'flag',
            onResult: (r) => {
              // Dropped on request is not a problem with the input.
              if (r.status === 'refused' && r.errors.every((e) => e.code === 'warninglisted')) {
                dropped++;
                return;
              }
              if (r.status !== 'created' && r.status !== 'duplicate' && problems.length < 10_000)
                problems.push(r);
            },
            onProgress: ({ bytes, objects }) => {
              const rate = Math.round(objects / Math.max(0.001, (Date.now() - started) / 1000));
              bar?.update(size === undefined ? objects : bytes, { objects, rate });
            },
          });
          bar?.stop();
          reports.push({ file, summary, problems, dropped });
        }
        if (flags.json === true) {
          process.stdout.write(
            `${JSON.stringify({ files: reports.map((r) => ({ file: r.file, ...r.summary, dropped_warninglisted: r.dropped, problems: r.problems })) }, null, 2)}\n`,
          );
        } else {
          for (const r of reports) {
            printReport(r.file, r.summary, r.problems);
            if (r.dropped > 0)
              process.stdout.write(`${r.file}: ${r.dropped} of the refused were warninglisted and dropped\n`);
          }
        }
        const bad = reports.some(
          (r) =>
            r.summary.fatal !== undefined ||
            r.summary.invalid + r.summary.refused - r.dropped + r.summary.rejected > 0,
        );
        return bad ? EXIT.invalid : EXIT.ok;
      });
      process.exitCode = exit;
    });
}

function progressBar(size: number | undefined) {
  const bar = new cliProgress.SingleBar(
    {
      format:
        size === undefined
          ? 'importing | {objects} objects | {rate} objects/s'
          : 'importing [{bar}] {percentage}% | {value}/{total} bytes | {objects} objects | {rate} objects/s',
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(size ?? 0, 0, { objects: 0, rate: 0 });
  return bar;
}

function printReport(file: string, s: ImportSummary, problems: ObjectResult[]): void {
  const line = `${file}: ${s.total} objects: ${s.created} created, ${s.duplicate} duplicate, ${s.invalid} invalid, ${s.refused} refused${s.rejected > 0 ? `, ${s.rejected} rejected (--strict)` : ''}`;
  process.stdout.write(`${line}\n`);
  if (s.fatal !== undefined) {
    const where = s.fatal.line === undefined ? '' : ` at line ${s.fatal.line}, column ${s.fatal.column ?? 0}`;
    process.stderr.write(`${file}: ${s.fatal.code}${where}: ${s.fatal.message}\n`);
  }
  const printable = problems.filter((p) => p.status !== 'rejected');
  for (const p of printable.slice(0, MAX_PRINTED))
    for (const l of describeResult(p)) process.stderr.write(`${l}\n`);
  if (printable.length > MAX_PRINTED)
    process.stderr.write(`  ... and ${printable.length - MAX_PRINTED} more (use --json for all)\n`);
}
