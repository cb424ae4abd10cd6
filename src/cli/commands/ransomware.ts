import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { AccordError } from '../../errors.js';
import { GENERAL_ADVICE, GENERAL_ADVICE_EN, reportingContactFor } from '../../public/ransomware/advice.js';
import { identifyRansomware } from '../../public/ransomware/identify-ransomware.js';
import { IdentifyInput } from '../../public/ransomware/identify-input.js';
import type { RansomwareIdentification } from '../../public/ransomware/identify-ransomware.js';
import { updateRansomwareGalaxy } from '../../public/ransomware/ransomware-database.js';
import { resolveActor, withStore } from '../cli-context.js';
import { registerRansomwareTables } from './ransomware-tables.js';
import { CliError, EXIT } from '../cli-error.js';

interface IdentifyFlags {
  noteFile?: string;
  noteName: string[];
  extension: string[];
  fileName: string[];
  contact: string[];
  marker?: string;
  country?: string;
  json?: boolean;
}

const collect = (value: string, previous: string[]) => [...previous, value];

async function readText(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new CliError(
      `${what} ${file}: cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
}

function printHuman(r: RansomwareIdentification, contact: string | null): void {
  const out: string[] = [];
  if (r.status === 'not_identified')
    out.push(
      r.candidates.length === 0
        ? 'not identified: nothing in the evidence points at a known family'
        : 'not identified: the evidence is too weak to name one family; possible candidates:',
    );
  for (const [i, c] of r.candidates.entries()) {
    out.push(
      `${String(i + 1)}. ${c.family} (confidence ${c.confidence.toFixed(2)}, galaxy ${c.galaxy_uuid})`,
    );
    for (const reason of c.reasons) out.push(`   - ${reason}`);
    if (c.decryptor !== null)
      out.push(
        `   free decryptor: ${c.decryptor.tool} by ${c.decryptor.provider}, ${c.decryptor.url}${c.decryptor.note === undefined ? '' : ` (${c.decryptor.note})`}`,
      );
    if (c.intelligence.length > 0)
      out.push(`   public intelligence: ${c.intelligence.map((m) => m.id).join(', ')}`);
  }
  out.push('', 'What to do:');
  for (const key of GENERAL_ADVICE) out.push(`- ${GENERAL_ADVICE_EN[key]}`);
  if (contact !== null) out.push(`- Report it: ${contact}`);
  process.stdout.write(`${out.join('\n')}\n`);
}

/** `accord ransomware identify|update`: the public portal's family identification, locally. */
export function registerRansomware(program: Command): void {
  const cmd = program
    .command('ransomware')
    .description('identify ransomware families; manage the family database, decryptors and contacts');
  registerRansomwareTables(cmd);
  cmd
    .command('identify')
    .description('rank the ransomware families that match a note, file names, contacts or a file marker')
    .option('--note-file <file>', 'the ransom note (text or HTML)')
    .option('--note-name <name>', "the note's file name (repeatable)", collect, [])
    .option(
      '--extension <ext>',
      'extension of encrypted files, or an encrypted file name (repeatable)',
      collect,
      [],
    )
    .option('--file-name <name>', 'name of an encrypted file (repeatable)', collect, [])
    .option(
      '--contact <value>',
      'e-mail, Bitcoin/Monero address or onion URL from the note (repeatable)',
      collect,
      [],
    )
    .option('--marker <hex>', 'first bytes of an encrypted file, as hex')
    .option('--country <cc>', 'your country (two letters), to say where to report')
    .option(
      '--json',
      'print { status, candidates: [{ family, galaxy_uuid, confidence, reasons, decryptor }] }',
    )
    .action(async (flags: IdentifyFlags) => {
      const noteText =
        flags.noteFile === undefined ? undefined : await readText(flags.noteFile, '--note-file');
      const parsed = IdentifyInput.safeParse({
        file_names: [...flags.extension, ...flags.fileName],
        note_names: flags.noteName,
        contacts: flags.contact,
        ...(noteText === undefined ? {} : { note_text: noteText }),
        ...(flags.marker === undefined ? {} : { marker_hex: flags.marker }),
        ...(flags.country === undefined ? {} : { country: flags.country }),
      });
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new CliError(`${issue.path.join('.')}: ${issue.message}`);
      }
      const e = parsed.data;
      if (
        e.file_names.length + e.note_names.length + e.contacts.length === 0 &&
        e.note_text === undefined &&
        e.marker_hex === undefined
      )
        throw new CliError(
          'give some evidence: --note-file, --note-name, --extension, --file-name, --contact or --marker',
        );
      const { result, contact } = await withStore(async ({ store }) => ({
        result: await identifyRansomware(store, e),
        contact: await reportingContactFor(store, e.country),
      }));
      if (flags.json === true)
        process.stdout.write(
          `${JSON.stringify({
            status: result.status,
            candidates: result.candidates.map((c) => ({
              family: c.family,
              galaxy_uuid: c.galaxy_uuid,
              confidence: c.confidence,
              reasons: c.reasons,
              decryptor: c.decryptor,
              intelligence: c.intelligence,
            })),
            database: result.database,
          })}\n`,
        );
      else printHuman(result, contact === null ? null : `${contact.name}, ${contact.url}`);
      process.exitCode = EXIT.ok;
    });
  cmd
    .command('update')
    .description('replace the family database with a newer MISP ransomware galaxy file (administrators)')
    .argument('<galaxy.json>', 'a MISP galaxy clusters file of type ransomware')
    .option('--as <email>', 'act as this user (default: the first administrator)')
    .action(async (file: string, flags: { as?: string }) => {
      const text = await readText(file, 'galaxy');
      let raw: unknown;
      try {
        raw = JSON.parse(text);
      } catch (error) {
        throw new CliError(`${file}: not JSON: ${(error as Error).message}`, EXIT.invalid);
      }
      const done = await withStore(async ({ store }) => {
        const actor = await resolveActor(store, flags.as);
        try {
          return await updateRansomwareGalaxy(store, actor, raw);
        } catch (error) {
          if (error instanceof AccordError) throw new CliError(`${file}: ${error.message}`, EXIT.invalid);
          throw error;
        }
      });
      process.stdout.write(
        `loaded ${String(done.families)} families from galaxy version ${String(done.galaxy_version)} (was ${String(done.previous_version)})\n`,
      );
    });
}
