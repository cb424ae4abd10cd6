import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { once } from 'node:events';
import type { Command } from 'commander';
import { Option } from 'commander';
import { FIELD_MAPS } from '../../match/index.js';
import type { FieldMap } from '../../match/index.js';
import { resolveFieldMap, runMatch } from '../../matching/index.js';
import type { InputKind, MatchOutcome, MatchSource } from '../../matching/index.js';
import type { TlpLevel } from '../../policy/tlp.js';
import { resolveActor, withStore } from '../cli-context.js';
import { CliError, EXIT } from '../cli-error.js';

interface MatchFlags {
  input?: InputKind;
  fieldMap?: string;
  reportSightings?: boolean;
  sightingTlp?: TlpLevel;
  as?: string;
  json?: boolean;
}

async function writeOut(chunk: string): Promise<void> {
  if (!process.stdout.write(chunk)) await once(process.stdout, 'drain');
}

async function* readFile(file: string): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) yield chunk as Buffer;
  } catch (error) {
    throw new CliError(
      `${file}: cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}

async function sources(files: string[]): Promise<MatchSource[]> {
  if (files.length === 0 || (files.length === 1 && files[0] === '-'))
    return [{ name: 'stdin', open: () => process.stdin as AsyncIterable<Buffer> }];
  for (const file of files) {
    if (file === '-') throw new CliError('- (standard input) cannot be mixed with files');
    const info = await stat(file).catch((error: unknown) => {
      throw new CliError(`${file}: cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    });
    if (!info.isFile()) throw new CliError(`${file}: not a regular file`);
  }
  return files.map((file) => ({ name: file, open: () => readFile(file) }));
}

function printSummary(outcome: MatchOutcome): void {
  const s = outcome.summary;
  const skipped = s.skipped.warninglisted + s.skipped.invalid;
  const lines = [
    `${String(s.matches)} matches (${String(s.matched_indicators)} indicators) in ${String(s.events)} ${s.input === 'stix' ? 'observations' : s.input === 'values' ? 'values' : 'records'}, against ${String(s.indicators)} indicators${skipped > 0 ? ` (${String(s.skipped.warninglisted)} warninglisted and ${String(s.skipped.invalid)} unparsable left out)` : ''}`,
  ];
  for (const m of s.malformed_lines)
    lines.push(`${m.source === undefined ? '' : `${m.source}: `}line ${String(m.line)}: ${m.error}`);
  if (s.malformed > s.malformed_lines.length)
    lines.push(`... and ${String(s.malformed - s.malformed_lines.length)} more malformed lines`);
  for (const r of outcome.sightings ?? []) {
    lines.push(
      r.status === 'created'
        ? `sighting ${r.sighting ?? ''} of ${r.indicator} (count ${String(r.count)}) shared with ${r.distribution ?? ''}`
        : `sighting of ${r.indicator} refused: ${r.reason ?? ''}`,
    );
  }
  process.stderr.write(`${lines.join('\n')}\n`);
}

/** `accord match`: logs or values in, JSON Lines of matches out (only indicators the user may see). */
export function registerMatch(program: Command): void {
  program
    .command('match')
    .description('match logs, observed-data or plain values against every live indicator you may see')
    .argument('[files...]', 'input files (default, or -: standard input)')
    .addOption(
      new Option(
        '--input <kind>',
        'stix (observed-data bundle), jsonl (log records), values (one per line)',
      ).choices(['stix', 'jsonl', 'values']),
    )
    .option('--field-map <map>', `jsonl: ${Object.keys(FIELD_MAPS).join(', ')} or a JSON file`)
    .option('--report-sightings', 'record one STIX sighting per matched indicator, visible to its owner')
    .addOption(
      new Option(
        '--sighting-tlp <level>',
        'TLP of reported sightings (default amber, green for community)',
      ).choices(['clear', 'green', 'amber', 'amber+strict', 'red']),
    )
    .option('--as <email>', 'act as this user (default: the first administrator)')
    .option('--json', 'print the summary on standard error as JSON')
    .action(async (files: string[], flags: MatchFlags) => {
      const input: InputKind = flags.input ?? (flags.fieldMap === undefined ? 'values' : 'jsonl');
      let fieldMap: FieldMap | undefined;
      if (input === 'jsonl') {
        if (flags.fieldMap === undefined)
          throw new CliError(
            `--input jsonl needs --field-map (${Object.keys(FIELD_MAPS).join(', ')} or a JSON file)`,
          );
        const resolved = await resolveFieldMap(flags.fieldMap);
        if (!resolved.ok) throw new CliError(`--field-map ${resolved.error}`);
        fieldMap = resolved.map;
      } else if (flags.fieldMap !== undefined) {
        throw new CliError('--field-map only applies to --input jsonl');
      }
      const inputs = await sources(files);
      const outcome = await withStore(async ({ store }) => {
        const actor = await resolveActor(store, flags.as);
        return runMatch(store, actor, inputs, {
          input,
          ...(fieldMap === undefined ? {} : { fieldMap }),
          reportSightings: flags.reportSightings === true,
          ...(flags.sightingTlp === undefined ? {} : { sightingTlp: flags.sightingTlp }),
          onMatch: (m) => writeOut(`${JSON.stringify(m)}\n`),
        });
      });
      if (flags.json === true) process.stderr.write(`${JSON.stringify(outcome)}\n`);
      else printSummary(outcome);
      process.exitCode = outcome.summary.malformed > 0 ? EXIT.invalid : EXIT.ok;
    });
}
