import type { Command } from 'commander';
import { Option } from 'commander';
import {
  MAX_CHECK_VALUES,
  SENSITIVITIES,
  checkValues,
  interestValue,
  listOwnInterests,
  registerInterests,
  removeInterest,
} from '../../deconflict/index.js';
import type { Sensitivity } from '../../deconflict/index.js';
import { AccordError } from '../../errors.js';
import { resolveActor, withStore } from '../cli-context.js';
import { CliError, EXIT } from '../cli-error.js';
import { valueLines } from '../deconflict/value-lines.js';

interface RegisterFlags {
  file?: string;
  kind: string;
  case: string;
  contact: string;
  expires?: string;
  sensitivity: Sensitivity;
  notify: boolean;
  as?: string;
  json?: boolean;
}

interface CheckFlags {
  file?: string;
  kind: string;
  as?: string;
  json?: boolean;
}

/** Service errors (rate limit, role) as one CLI line. */
function asCliError(error: unknown): never {
  if (error instanceof AccordError) throw new CliError(error.message, EXIT.invalid);
  throw error;
}

function expiresFlag(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const t = Date.parse(text);
  if (Number.isNaN(t)) throw new CliError(`--expires ${text}: not a date (use YYYY-MM-DD or ISO 8601)`);
  if (t <= Date.now()) throw new CliError(`--expires ${text}: is in the past`);
  return new Date(t).toISOString();
}

function register(cmd: Command): void {
  cmd
    .command('register')
    .description("register your organisation's interest in values (stored as keyed hashes)")
    .argument('[values...]', 'values to register')
    .option('--file <file>', 'one value per line (- for standard input)')
    .option('--kind <kind>', "observable kind, 'phone', 'handle' or auto", 'auto')
    .requiredOption('--case <ref>', 'your case reference (only your organisation ever sees it)')
    .requiredOption('--contact <contact>', 'what a checker that hits is told: whom to call')
    .option('--expires <date>', 'when the interests stop answering (default one year)')
    .addOption(new Option('--sensitivity <s>', 'sensitivity').choices([...SENSITIVITIES]).default('normal'))
    .option('--no-notify', 'do not tell me when a check hits these interests')
    .option('--as <email>', 'act as this user (default: the first administrator)')
    .option('--json', 'print the results as JSON')
    .action(async (args: string[], flags: RegisterFlags) => {
      if (flags.case.trim() === '') throw new CliError('--case: is empty');
      if (flags.contact.trim() === '') throw new CliError('--contact: is empty');
      const expiresAt = expiresFlag(flags.expires);
      const lines = await valueLines(args, flags.file);
      // Every value is checked before anything is written: one bad line registers nothing.
      const bad = lines.flatMap((l) => {
        const v = interestValue(flags.kind, l.value);
        return typeof v === 'string' ? [`${l.where}: ${l.value}: ${v}`] : [];
      });
      if (bad.length > 0)
        throw new CliError(
          `${bad.join('\n')}\nnothing registered (${String(bad.length)} invalid)`,
          EXIT.invalid,
        );
      const results = await withStore(async ({ store }) => {
        const actor = await resolveActor(store, flags.as);
        return registerInterests(
          store,
          actor,
          lines.map((l) => ({
            kind: flags.kind,
            value: l.value,
            caseRef: flags.case,
            contact: flags.contact,
            expiresAt,
            sensitivity: flags.sensitivity,
            notifyOwner: flags.notify,
          })),
        ).catch(asCliError);
      });
      if (flags.json === true) process.stdout.write(`${JSON.stringify({ results }, null, 2)}\n`);
      else
        for (const r of results)
          process.stdout.write(
            r.status === 'registered'
              ? `${r.id ?? ''}\t${r.kind ?? ''}\t${r.value ?? ''}\t${r.expires_at ?? ''}\n`
              : `${lines[r.index]!.where}: ${r.error ?? 'invalid'}\n`,
          );
      process.exitCode = results.every((r) => r.status === 'registered') ? EXIT.ok : EXIT.invalid;
    });
}

function check(cmd: Command): void {
  cmd
    .command('check')
    .description("check values against other organisations' interests: hit (with contact) or no-hit")
    .argument('[values...]', 'values to check')
    .option('--file <file>', 'one value per line (- for standard input)')
    .option('--kind <kind>', "observable kind, 'phone', 'handle' or auto", 'auto')
    .option('--as <email>', 'act as this user (default: the first administrator)')
    .option('--json', 'print the results as JSON')
    .action(async (args: string[], flags: CheckFlags) => {
      const lines = await valueLines(args, flags.file);
      if (lines.length > MAX_CHECK_VALUES)
        throw new CliError(
          `at most ${String(MAX_CHECK_VALUES)} values per check; ${String(lines.length)} given`,
        );
      const results = await withStore(async ({ store }) => {
        const actor = await resolveActor(store, flags.as);
        return checkValues(
          store,
          actor,
          lines.map((l) => ({ kind: flags.kind, value: l.value })),
        ).catch(asCliError);
      });
      if (flags.json === true)
        process.stdout.write(
          `${JSON.stringify({ results: results.map((r) => ({ value: lines[r.index]!.value, ...r })) }, null, 2)}\n`,
        );
      else
        for (const r of results) {
          const l = lines[r.index]!;
          if (r.status === 'invalid')
            process.stderr.write(`${l.where}: ${l.value}: ${r.error ?? 'invalid'}\n`);
          else
            process.stdout.write(
              `${l.value}\t${r.status}${r.status === 'hit' ? `\tcontact: ${(r.contacts ?? []).join(', ')}` : ''}\n`,
            );
        }
      process.exitCode = results.some((r) => r.status === 'invalid') ? EXIT.invalid : EXIT.ok;
    });
}

/** `accord deconflict register|check|list|remove`. */
export function registerDeconflict(program: Command): void {
  const cmd = program
    .command('deconflict')
    .description('deconfliction: register interests, check values (hit/no-hit and whom to call)');
  register(cmd);
  check(cmd);
  cmd
    .command('list')
    .description("your organisation's own interests, in clear")
    .option('--as <email>', 'act as this user (default: the first administrator)')
    .option('--json', 'print as JSON')
    .action(async (flags: { as?: string; json?: boolean }) => {
      const interests = await withStore(async ({ store }) =>
        listOwnInterests(store, await resolveActor(store, flags.as)),
      );
      if (flags.json === true) process.stdout.write(`${JSON.stringify({ interests }, null, 2)}\n`);
      else
        for (const i of interests)
          process.stdout.write(
            `${i.id}\t${i.kind}\t${i.value}\t${i.case_ref}\t${i.contact}\t${i.sensitivity}\t${i.expired ? 'expired' : `expires ${i.expires_at}`}\n`,
          );
    });
  cmd
    .command('remove')
    .description("remove one of your organisation's interests")
    .argument('<id>', 'the interest id (interest--…)')
    .option('--as <email>', 'act as this user (default: the first administrator)')
    .action(async (id: string, flags: { as?: string }) => {
      await withStore(async ({ store }) => {
        await removeInterest(store, await resolveActor(store, flags.as), id).catch(asCliError);
      });
      process.stderr.write(`accord: interest ${id} removed\n`);
    });
}
