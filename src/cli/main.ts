import { Command, CommanderError } from 'commander';
import { AccordError } from '../errors.js';
import { CliError, EXIT } from './cli-error.js';
import { registerCommands } from './commands/index.js';

/**
 * Builds the `accord` program; exported so tests can run commands in-process. Given the `argv` it
 * will parse, it loads only the command that `argv` names (see registerCommands).
 */
export async function buildProgram(argv?: readonly string[]): Promise<Command> {
  const program = new Command('accord')
    .description('Accord: an open threat-intelligence exchange (STIX 2.1, TAXII 2.1, MISP)')
    .version('0.1.0')
    .exitOverride()
    .showHelpAfterError('(run accord --help for usage)');
  await registerCommands(program, argv);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await (await buildProgram(argv)).parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here with code 0.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof CliError) {
      process.stderr.write(`accord: ${error.message}\n`);
      return error.exitCode;
    }
    if (error instanceof AccordError) {
      process.stderr.write(`accord: ${error.code}: ${error.message}\n`);
      return error.status >= 500 ? EXIT.usage : EXIT.invalid;
    }
    process.stderr.write(
      `accord: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return EXIT.usage;
  }
}
