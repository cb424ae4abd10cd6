import { AccordError } from '../../errors.js';
import { CliError, EXIT } from '../cli-error.js';

/** Appends a repeated flag's values (`--partner a --partner b`). */
export const collect = (value: string, previous: string[]): string[] => [...previous, value];

/**
 * A service error as one CLI line naming the flag at fault: a message that starts with an input path
 * (`operation.leadOrg: …`) is re-labelled with the flag that fed it (`--lead: …`), and an error whose
 * code is a key (`invalid_detail`) is prefixed with its flag. Nothing was written (services are all or
 * nothing), so the exit code is that of invalid input.
 */
export function flagError(flags: Readonly<Record<string, string>>) {
  return (error: unknown): never => {
    if (!(error instanceof AccordError)) throw error;
    const colon = error.message.indexOf(': ');
    const path = colon < 0 ? undefined : flags[error.message.slice(0, colon)];
    if (path !== undefined)
      throw new CliError(`${path}: ${error.message.slice(colon + 2)} (${error.code})`, EXIT.invalid);
    const byCode = flags[error.code];
    if (byCode !== undefined) throw new CliError(`${byCode}: ${error.message} (${error.code})`, EXIT.invalid);
    throw error;
  };
}

/** A date flag (`2026-03-01` or ISO 8601) as an ISO timestamp, or a usage error naming the flag. */
export function dateFlag(flag: string, text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const t = /^\d{4}-\d{2}-\d{2}$/.test(text) ? Date.parse(`${text}T00:00:00Z`) : Date.parse(text);
  if (Number.isNaN(t)) throw new CliError(`${flag} ${text}: not a date (use YYYY-MM-DD or ISO 8601)`);
  return new Date(t).toISOString();
}

/** A whole number flag, or a usage error naming the flag. */
export function countFlag(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new CliError(`${flag} ${text}: not a whole number`);
  return Number(text);
}
