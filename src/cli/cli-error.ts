/** Exit codes of every `accord` command. */
export const EXIT = { ok: 0, invalid: 1, usage: 2 } as const;

/** A problem with the command line or its inputs: printed as one line, exit code 2. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.usage,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
