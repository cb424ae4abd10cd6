import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { getCar } from '../../operations/cars/car-read.js';
import { generateCars } from '../../operations/cars/generate-cars.js';
import { acknowledgeCar, issueCar } from '../../operations/cars/issue-car.js';
import { htmlToPdf, pdfAvailable } from '../../render/html-to-pdf.js';
import { resolveActor, withStore } from '../cli-context.js';
import { CliError } from '../cli-error.js';

interface CarFlags {
  jurisdiction?: string;
  all?: boolean;
  format: string;
  output?: string;
  as?: string;
}

const FORMATS = ['json', 'html', 'pdf', 'stix'];
const EXT: Readonly<Record<string, string>> = { html: 'html', pdf: 'pdf', stix: 'json' };

/**
 * `accord operation car`: generate Cyber Activity Reports and print or write them; `car issue` and
 * `car ack` record their dissemination. Added to an existing `operation` command.
 */
export function registerOperationCar(operation: Command): void {
  const car = operation
    .command('car')
    .description('generate the Cyber Activity Report of one jurisdiction, or of all (--all)')
    .argument('[operation]', 'operation id or code')
    .option('--jurisdiction <CC>', 'ISO 3166-1 alpha-2 code of the jurisdiction')
    .option('--all', 'every jurisdiction that holds targets')
    .option('--format <f>', 'json (summary), html, pdf or stix (the bundle)', 'json')
    .option('-o, --output <path>', 'write here (a directory with --all) instead of standard output')
    .option('--as <email>', 'act as this user (default: the first administrator)')
    .action(async (op: string | undefined, flags: CarFlags) => {
      if (op === undefined) throw new CliError('name the operation: accord operation car <operation>');
      if ((flags.jurisdiction === undefined) === (flags.all !== true))
        throw new CliError('give either --jurisdiction <CC> or --all');
      if (!FORMATS.includes(flags.format)) throw new CliError('--format: use json, html, pdf or stix');
      if (flags.format === 'pdf' && flags.output === undefined)
        throw new CliError('--format pdf needs -o <file>');
      if (flags.format === 'pdf' && !pdfAvailable())
        throw new CliError(
          '--format pdf needs Chromium (/usr/bin/chromium, or ACCORD_CHROMIUM); use --format html',
        );
      if (flags.all === true && flags.format !== 'json' && flags.output === undefined)
        throw new CliError('--all with --format html, pdf or stix needs -o <directory>');
      await withStore(async ({ store }) => {
        const actor = await resolveActor(store, flags.as);
        const input =
          flags.all === true ? { all: true as const } : { jurisdiction: flags.jurisdiction!.toUpperCase() };
        const cars = await generateCars(store, actor, op, input);
        for (const c of cars)
          process.stderr.write(
            `accord: CAR ${c.id} ${c.country} (${c.targetCount} targets, TLP:${c.tlp.toUpperCase()})\n`,
          );
        if (flags.format === 'json') {
          const body = `${JSON.stringify(flags.all === true ? { cars } : cars[0], null, 2)}\n`;
          if (flags.output === undefined) process.stdout.write(body);
          else await writeFile(flags.output, body);
          return;
        }
        if (flags.all === true) await mkdir(flags.output!, { recursive: true });
        for (const c of cars) {
          const detail = await getCar(store.db, actor, op, c.id);
          const body =
            flags.format === 'stix'
              ? `${JSON.stringify(detail.bundle, null, 2)}\n`
              : flags.format === 'html'
                ? detail.html
                : await htmlToPdf(detail.html);
          const target =
            flags.all === true
              ? join(flags.output!, `CAR-${c.country}.${EXT[flags.format] ?? 'out'}`)
              : flags.output;
          if (target === undefined) process.stdout.write(body);
          else await writeFile(target, body);
        }
      });
    });
  car
    .command('issue')
    .description('issue a CAR to a national agency (shares its STIX report with that organisation)')
    .argument('<operation>', 'operation id or code')
    .argument('<car>', 'the CAR id')
    .requiredOption('--to <org>', "the recipient organisation's identity id")
    .requiredOption('--release-authority <who>', 'who authorised the release')
    .option('--handling <code>', 'handling code H0-H3 (default: the operation’s)')
    .option('--as <email>', 'act as this user (default: the first administrator)')
    .action(async (op: string, carId: string, _flags: unknown, command: Command) => {
      // `--as` is also an option of `car`, which parses it first: read both levels.
      const flags = command.optsWithGlobals<{
        to: string;
        releaseAuthority: string;
        handling?: string;
        as?: string;
      }>();
      await withStore(async ({ store }) => {
        const actor = await resolveActor(store, flags.as);
        const issued = await issueCar(store, actor, op, carId, {
          recipientOrg: flags.to,
          releaseAuthority: flags.releaseAuthority,
          ...(flags.handling === undefined ? {} : { handling: flags.handling as 'H0' }),
        });
        process.stdout.write(`${JSON.stringify(issued, null, 2)}\n`);
      });
    });
  car
    .command('ack')
    .description('acknowledge a CAR issued to your organisation')
    .argument('<car>', 'the CAR id')
    .option('--as <email>', 'a user of the recipient organisation (required)')
    .action(async (carId: string, _flags: unknown, command: Command) => {
      const flags = command.optsWithGlobals<{ as?: string }>();
      if (flags.as === undefined)
        throw new CliError('--as <email>: name a user of the recipient organisation');
      await withStore(async ({ store }) => {
        const actor = await resolveActor(store, flags.as);
        process.stdout.write(`${JSON.stringify(await acknowledgeCar(store, actor, carId), null, 2)}\n`);
      });
    });
}
