import type { Command } from 'commander';
import type { z } from 'zod';
import { AccordError } from '../../errors.js';
import { ContactCountry, ReportingContactInput, reportingContacts } from '../../public/ransomware/advice.js';
import { listDecryptors, removeDecryptor, setDecryptor } from '../../public/ransomware/decryptor-table.js';
import { DecryptorInput } from '../../public/ransomware/decryptors.js';
import {
  removeReportingContact,
  setReportingContact,
} from '../../public/ransomware/reporting-contact-table.js';
import type { UserViewer } from '../../policy/viewer.js';
import type { Store } from '../../store/store.js';
import { resolveActor, withStore } from '../cli-context.js';
import { CliError, EXIT } from '../cli-error.js';

/** Parses a command's input with the same schema the REST API uses; the error names the option. */
function parse<T extends z.ZodType>(
  schema: T,
  input: unknown,
  option: (path: string) => string,
): z.output<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new CliError(`${option(issue.path.join('.'))}: ${issue.message}`, EXIT.invalid);
}

/** Runs one administrator's change; a refusal or bad input from the service is an exit-1 message. */
async function asAdmin(as: string | undefined, fn: (store: Store, actor: UserViewer) => Promise<string>) {
  const line = await withStore(async ({ store }) => {
    const actor = await resolveActor(store, as);
    try {
      return await fn(store, actor);
    } catch (error) {
      if (error instanceof AccordError && error.status < 500) throw new CliError(error.message, EXIT.invalid);
      throw error;
    }
  });
  process.stdout.write(`${line}\n`);
}

const print = (rows: unknown[], json: boolean | undefined, human: (row: never) => string) => {
  process.stdout.write(
    json === true ? `${JSON.stringify(rows)}\n` : rows.map((r) => human(r as never)).join('\n') + '\n',
  );
};

interface DecryptorFlags {
  tool?: string;
  provider?: string;
  url?: string;
  source?: string;
  note?: string;
  as?: string;
}

function registerDecryptor(parent: Command): void {
  const cmd = parent.command('decryptor').description('the curated free-decryptor table, by galaxy UUID');
  cmd
    .command('list')
    .description('list the decryptor table')
    .option('--json', 'print the entries as a JSON array')
    .action(async (flags: { json?: boolean }) => {
      const rows = await withStore(({ store }) => listDecryptors(store));
      print(rows, flags.json, (d: Awaited<ReturnType<typeof listDecryptors>>[number]) =>
        [d.galaxy_uuid, d.family, d.tool, d.provider, d.url, d.source].join('\t'),
      );
    });
  cmd
    .command('set')
    .description("set a family's free decryptor (administrators; audited)")
    .argument('<galaxy-uuid>', 'the family, by its MISP galaxy UUID')
    .requiredOption('--tool <name>', 'the tool')
    .requiredOption('--provider <who>', 'who offers it')
    .requiredOption('--url <url>', 'the how-to guide or download page (http or https)')
    .requiredOption('--source <url>', 'where the entry was established (http or https)')
    .option('--note <text>', 'which versions it covers, caveats')
    .option('--as <email>', 'act as this user (default: the first administrator)')
    .action(async (uuid: string, flags: DecryptorFlags) => {
      const { as, ...fields } = flags;
      const input = parse(DecryptorInput, fields, (path) => `--${path}`);
      if (!/^[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}$/i.test(uuid))
        throw new CliError(`<galaxy-uuid>: "${uuid}" is not a UUID`, EXIT.invalid);
      await asAdmin(as, async (store, actor) => {
        const done = await setDecryptor(store, actor, uuid, input);
        return `${done.created ? 'added' : 'updated'} the decryptor of ${done.decryptor.family} (${done.decryptor.galaxy_uuid})`;
      });
    });
  cmd
    .command('remove')
    .description("remove a family's decryptor entry (administrators; audited)")
    .argument('<galaxy-uuid>', 'the family, by its MISP galaxy UUID')
    .option('--as <email>', 'act as this user (default: the first administrator)')
    .action(async (uuid: string, flags: { as?: string }) => {
      await asAdmin(flags.as, async (store, actor) => {
        await removeDecryptor(store, actor, uuid);
        return `removed the decryptor entry of ${uuid}`;
      });
    });
}

function registerContact(parent: Command): void {
  const cmd = parent.command('contact').description('where victims report to the police, per country');
  cmd
    .command('list')
    .description('list the reporting contacts (`*`: every other country)')
    .option('--json', 'print the contacts as a JSON array')
    .action(async (flags: { json?: boolean }) => {
      const rows = await withStore(({ store }) => reportingContacts(store));
      print(rows, flags.json, (c: Awaited<ReturnType<typeof reportingContacts>>[number]) =>
        [c.country, c.name, c.url].join('\t'),
      );
    });
  cmd
    .command('set')
    .description("set a country's reporting contact (administrators; audited)")
    .argument('<country>', 'ISO 3166-1 alpha-2 code, or * for every other country')
    .requiredOption('--name <name>', 'who takes the report')
    .requiredOption('--url <url>', 'where to report (http or https)')
    .option('--as <email>', 'act as this user (default: the first administrator)')
    .action(async (country: string, flags: { name: string; url: string; as?: string }) => {
      const cc = parse(ContactCountry, country, () => '<country>');
      const input = parse(ReportingContactInput, { name: flags.name, url: flags.url }, (p) => `--${p}`);
      await asAdmin(flags.as, async (store, actor) => {
        const done = await setReportingContact(store, actor, cc, input);
        return `${done.created ? 'added' : 'updated'} the reporting contact of ${cc}`;
      });
    });
  cmd
    .command('remove')
    .description("remove a country's reporting contact (administrators; audited)")
    .argument('<country>', 'ISO 3166-1 alpha-2 code, or *')
    .option('--as <email>', 'act as this user (default: the first administrator)')
    .action(async (country: string, flags: { as?: string }) => {
      const cc = parse(ContactCountry, country, () => '<country>');
      await asAdmin(flags.as, async (store, actor) => {
        await removeReportingContact(store, actor, cc);
        return `removed the reporting contact of ${cc}`;
      });
    });
}

/** `accord ransomware decryptor|contact list|set|remove`: the curated tables behind the advice. */
export function registerRansomwareTables(ransomware: Command): void {
  registerDecryptor(ransomware);
  registerContact(ransomware);
}
