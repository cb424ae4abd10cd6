import type { Command } from 'commander';
import { formatPatternError } from '../../matching/format-pattern-error.js';
import { validatePattern } from '../../pattern/index.js';
import { EXIT } from '../cli-error.js';

async function readStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  return text.replace(/\r?\n$/, '');
}

/** `accord pattern validate '<pattern>'`: ok, or each error with a caret under its position. */
export function registerPattern(program: Command): void {
  const pattern = program.command('pattern').description('STIX patterning tools');
  pattern
    .command('validate')
    .description('check a STIX 2.1 pattern: prints ok, or the error with a caret under its position')
    .argument(
      '<pattern>',
      'the pattern, quoted (e.g. "[ipv4-addr:value = \'198.18.0.1\']"), or - for standard input',
    )
    .option('--json', 'print the validation report as JSON')
    .action(async (text: string, flags: { json?: boolean }) => {
      const src = text === '-' ? await readStdin() : text;
      const report = validatePattern(src);
      if (flags.json === true) {
        process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      } else {
        const out: string[] = report.valid ? ['ok'] : [];
        for (const e of report.errors) out.push(formatPatternError(src, e));
        for (const w of report.warnings) out.push(formatPatternError(src, w, 'warning'));
        (report.valid ? process.stdout : process.stderr).write(`${out.join('\n')}\n`);
      }
      process.exitCode = report.valid ? EXIT.ok : EXIT.invalid;
    });
}
