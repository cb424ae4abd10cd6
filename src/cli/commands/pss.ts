import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { checkAgainstSet, readPssSet, reportPssHits } from '../../deconflict/pss/index.js';
import type { LoadedPssSet, PssCheckHit } from '../../deconflict/pss/index.js';
import { CliError, EXIT } from '../cli-error.js';

async function readInput(file: string): Promise<string> {
  if (file === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }
  return readFile(file, 'utf8').catch((error: unknown) => {
    throw new CliError(`${file}: cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  });
}

interface CheckFlags {
  key?: string;
  reportSightings?: boolean;
  url?: string;
  apiKey?: string;
}

/** Where and with what key hits are reported; checked before any log is read. */
function reportTarget(set: LoadedPssSet, flags: CheckFlags) {
  const url = flags.url ?? set.metadata['x-accord-issuer'];
  if (url === undefined)
    throw new CliError('--report-sightings needs --url <issuing instance> (the set names none)');
  const apiKey = flags.apiKey ?? process.env.ACCORD_API_KEY;
  if (apiKey === undefined || apiKey === '')
    throw new CliError(
      '--report-sightings needs an API key of the issuing instance: --api-key or ACCORD_API_KEY',
    );
  return { url, apiKey, note: `private search set ${set.metadata.keyid}` };
}

/** Sends the hits' values to the issuer as sightings and says per value what became of it. */
async function report(set: LoadedPssSet, flags: CheckFlags, hits: PssCheckHit[]): Promise<void> {
  const target = reportTarget(set, flags);
  const rows = await reportPssHits(hits, target).catch((error: unknown) => {
    throw new CliError((error as Error).message);
  });
  for (const r of rows)
    process.stderr.write(
      `accord: ${r.value}: ${r.status}${r.status === 'reported' ? ` (${String(r.sightings)} sightings)` : ''}${r.message === undefined ? '' : `: ${r.message}`}\n`,
    );
  if (rows.some((r) => r.status === 'failed') || rows.length < new Set(hits.map((h) => h.value)).size)
    throw new CliError('some sightings could not be reported (see above)', EXIT.invalid);
}

/** `accord pss check <set> [files|-]`: matches log values against a private search set, locally. */
export function registerPss(program: Command): void {
  const pss = program.command('pss').description('private search sets');
  pss
    .command('check')
    .description(
      'match values in logs against a private search set on this machine; nothing is sent unless --report-sightings',
    )
    .argument('<set>', 'the set directory (private-search-set.json, .pss and/or .bloom)')
    .argument('[files...]', 'log files (default, or -: standard input)')
    .option('--key <hex>', 'the set key (default: private-search-set.key in the set directory)')
    .option(
      '--report-sightings',
      'send the values that hit (only those, in clear) to the issuing instance as sightings',
    )
    .option('--url <url>', "--report-sightings: the issuing instance (default: the set's x-accord-issuer)")
    .option('--api-key <key>', '--report-sightings: your API key there (default: ACCORD_API_KEY)')
    .action(async (dir: string, files: string[], flags: CheckFlags) => {
      const set = await readPssSet(dir, flags.key).catch((error: unknown) => {
        throw new CliError((error as Error).message);
      });
      if (flags.reportSightings === true) reportTarget(set, flags);
      const hits: PssCheckHit[] = [];
      for (const file of files.length === 0 ? ['-'] : files) {
        for (const h of checkAgainstSet(set, await readInput(file))) {
          hits.push(h);
          process.stdout.write(`${JSON.stringify({ source: file === '-' ? 'stdin' : file, ...h })}\n`);
        }
      }
      process.stderr.write(`accord: ${String(hits.length)} hits\n`);
      if (flags.reportSightings === true && hits.length > 0) await report(set, flags, hits);
      process.exitCode = EXIT.ok;
    });
}
