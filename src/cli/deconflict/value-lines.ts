import { readFile } from 'node:fs/promises';
import { CliError } from '../cli-error.js';

/** One value to register or check, and where it came from (for errors that name the line). */
export interface ValueLine {
  value: string;
  /** `--file x.txt line 3`, or `argument 2`. */
  where: string;
}

async function readAll(file: string): Promise<string> {
  if (file === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }
  return readFile(file, 'utf8').catch((error: unknown) => {
    throw new CliError(
      `--file ${file}: cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  });
}

/**
 * The values of the command line and of `--file` (one per line, `-` for standard input; blank
 * lines and lines starting with `#` skipped). At least one value, or a usage error.
 */
export async function valueLines(args: readonly string[], file: string | undefined): Promise<ValueLine[]> {
  const out: ValueLine[] = args.map((value, i) => ({ value, where: `argument ${String(i + 1)}` }));
  if (file !== undefined) {
    const name = file === '-' ? 'standard input' : file;
    (await readAll(file)).split(/\r?\n/).forEach((line, i) => {
      const value = line.trim();
      if (value === '' || value.startsWith('#')) return;
      out.push({ value, where: `--file ${name} line ${String(i + 1)}` });
    });
  }
  if (out.length === 0) throw new CliError('no values: give them as arguments or with --file <file|->');
  return out;
}
