import type { Command } from 'commander';
import type { TaxiiAuth } from '../../taxii/client/taxii-http.js';
import { CliError } from '../cli-error.js';

export interface TaxiiAuthFlags {
  key?: string;
  user?: string;
  password?: string;
}

/** The credential options every remote TAXII command takes. */
export function withAuthOptions(command: Command): Command {
  return command
    .option('--key <key>', 'API key sent as a Bearer token (or env ACCORD_TAXII_KEY)')
    .option('--user <user>', 'user name for Basic auth (Accord: the e-mail address)')
    .option(
      '--password <password>',
      'password for Basic auth (Accord: an API key; or env ACCORD_TAXII_PASSWORD)',
    );
}

/** Credentials from the flags, or from the environment so secrets stay out of the process list. */
export function authFromFlags(flags: TaxiiAuthFlags, env: NodeJS.ProcessEnv = process.env): TaxiiAuth {
  if (flags.key !== undefined && flags.user !== undefined)
    throw new CliError('use either --key or --user/--password');
  if (flags.user !== undefined) {
    const password = flags.password ?? env.ACCORD_TAXII_PASSWORD;
    if (password === undefined) throw new CliError('--user needs --password (or ACCORD_TAXII_PASSWORD)');
    return { kind: 'basic', user: flags.user, password };
  }
  const key = flags.key ?? env.ACCORD_TAXII_KEY;
  return key === undefined || key === '' ? { kind: 'none' } : { kind: 'bearer', key };
}

export function checkApiRoot(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new CliError(`${url}: not a URL; give the API root, e.g. https://intel.example.org/taxii2/api/`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new CliError(`${url}: use http or https`);
  return parsed.toString().replace(/\/?$/, '/');
}
