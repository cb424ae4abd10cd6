import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { checkAgainstSet, readPssSet } from '../../deconflict/pss/index.js';
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

/** `accord pss check <set> [files|-]`: matches log values against a private search set, locally. */
export function registerPss(program: Command): void {
  const pss = program.command('pss').description('private search sets');
  pss
    .command('check')
    .description('match values in logs against a private search set on this machine; nothing is sent')
    .argument('<set>', 'the set directory (private-search-set.json, .pss and/or .bloom)')
    .argument('[files...]', 'log files (default, or -: standard input)')
    .option('--key <hex>', 'the set key (default: private-search-set.key in the set directory)')
    .action(async (dir: string, files: string[], flags: { key?: string }) => {
      const set = await readPssSet(dir, flags.key).catch((error: unknown) => {
        throw new CliError((error as Error).message);
      });
      let hits = 0;
      for (const file of files.length === 0 ? ['-'] : files) {
        for (const h of checkAgainstSet(set, await readInput(file))) {
          hits++;
          process.stdout.write(`${JSON.stringify({ source: file === '-' ? 'stdin' : file, ...h })}\n`);
        }
      }
      process.stderr.write(`accord: ${String(hits)} hits\n`);
      process.exitCode = EXIT.ok;
    });
}
