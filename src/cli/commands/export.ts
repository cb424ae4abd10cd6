import { once } from 'node:events';
import type { Command } from 'commander';
import { appendAudit } from '../../audit/index.js';
import { FORMATS, parseCsvColumns } from '../../export/index.js';
import type { ExportOptions } from '../../export/index.js';
import { OBSERVABLE_KINDS } from '../../observable/kind.js';
import type { ObservableKind } from '../../observable/kind.js';
import { mispFeedEvents } from '../../feeds/misp-feed-events.js';
import { bundleStream } from '../../present/bundle-stream.js';
import { defenderItems } from '../../present/defender-items.js';
import type { DefenderFilters } from '../../present/defender-items.js';
import { isTlpLevel } from '../../policy/tlp.js';
import type { ObjectFilters } from '../../store/objects/read-objects.js';
import { resolveActor, withStore } from '../cli-context.js';
import { CliError } from '../cli-error.js';
import { exportPssCli, pssOptions } from './export-pss.js';
import type { PssFlags } from './export-pss.js';

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

/** Writes respecting back-pressure, so a slow pipe never makes the export buffer everything. */
export async function writeOut(chunk: string): Promise<void> {
  if (!process.stdout.write(chunk)) await once(process.stdout, 'drain');
}

/** Bytes (an archive) to standard output, respecting back-pressure. */
async function writeOutBytes(chunk: Buffer): Promise<void> {
  if (!process.stdout.write(chunk)) await once(process.stdout, 'drain');
}

interface ExportFlags extends PssFlags {
  format: string;
  type?: string;
  kind?: string;
  since?: string;
  allVersions?: boolean;
  owner?: string;
  minConfidence?: string;
  label?: string;
  maxTlp?: string;
  inactive?: boolean;
  includePapRed?: boolean;
  columns?: string;
  as?: string;
}

function defenderFilters(flags: ExportFlags): DefenderFilters {
  const kinds = flags.kind?.split(',').map((k) => k.trim());
  const unknown = kinds?.filter((k) => !(OBSERVABLE_KINDS as readonly string[]).includes(k)) ?? [];
  if (unknown.length > 0)
    throw new CliError(`--kind ${unknown.join(',')}: use ${OBSERVABLE_KINDS.join(', ')}`);
  const minConfidence = flags.minConfidence === undefined ? undefined : Number(flags.minConfidence);
  if (
    minConfidence !== undefined &&
    !(Number.isInteger(minConfidence) && minConfidence >= 0 && minConfidence <= 100)
  ) {
    throw new CliError('--min-confidence must be an integer from 0 to 100');
  }
  if (flags.maxTlp !== undefined && (!isTlpLevel(flags.maxTlp) || flags.maxTlp === 'red')) {
    throw new CliError(
      '--max-tlp must be clear, green, amber or amber+strict (TLP:RED is never exported in bulk)',
    );
  }
  return {
    ...(flags.type === undefined ? {} : { types: flags.type.split(',').map((t) => t.trim()) }),
    ...(kinds === undefined ? {} : { kinds: kinds as ObservableKind[] }),
    ...(flags.owner === undefined ? {} : { ownerOrg: flags.owner }),
    ...(minConfidence === undefined ? {} : { minConfidence }),
    ...(flags.label === undefined ? {} : { label: flags.label }),
    ...(flags.maxTlp === undefined ? {} : { maxTlp: flags.maxTlp }),
    ...(flags.since === undefined ? {} : { since: flags.since }),
    activeOnly: flags.inactive !== true,
    includePapRed: flags.includePapRed === true,
  };
}

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('stream what you may see to standard output: a STIX bundle, or a defender format')
    .option('--format <f>', `stix (default), misp, pss, ${Object.keys(FORMATS).join(', ')}`, 'stix')
    .option('--type <types>', 'only these STIX types, comma-separated')
    .option(
      '--kind <kinds>',
      'defender formats: only these observable kinds (ipv4, domain, url, sha256, ...)',
    )
    .option(
      '--since <iso>',
      'stix: objects added after this time; other formats: modified since (RFC 3339, UTC)',
    )
    .option('--all-versions', 'stix: every version, not only the newest of each object')
    .option('--owner <org-id>', 'only objects of this organisation')
    .option('--min-confidence <n>', 'defender formats: minimum confidence')
    .option('--label <label>', 'defender formats: only objects with this label')
    .option('--max-tlp <level>', 'defender formats: clear, green, amber or amber+strict')
    .option('--inactive', 'defender formats: include expired indicators')
    .option('--include-pap-red', 'blocking formats: keep PAP:RED items (audited)')
    .option('--columns <list>', 'csv: columns, comma-separated')
    .option('--as <email>', 'export what this user may see (default: the first administrator)')
    .option('--recipient <org-id>', 'pss: the organisation the private search set is made for')
    .option('--out <path>', 'pss: a directory to create, or a .tar file (default: a tar on standard output)')
    .option('--fp-rate <p>', 'pss: the Bloom filter false-positive rate (default 0.001)')
    .option('--name <name>', 'pss: the set name, which names its directory')
    .action(async (flags: ExportFlags) => {
      if (flags.since !== undefined && !ISO.test(flags.since)) {
        throw new CliError(`--since ${flags.since}: use an RFC 3339 UTC timestamp like 2026-01-31T00:00:00Z`);
      }
      const spec = FORMATS[flags.format];
      const pss = flags.format === 'pss';
      if (flags.format !== 'stix' && flags.format !== 'misp' && !pss && spec === undefined) {
        throw new CliError(
          `--format ${flags.format}: use stix, misp, pss, ${Object.keys(FORMATS).join(', ')}`,
        );
      }
      const filters = spec === undefined && !pss ? undefined : defenderFilters(flags);
      const pssOpts = pss ? pssOptions(flags) : undefined;
      const options: ExportOptions = {};
      if (flags.columns !== undefined) {
        try {
          options.columns = parseCsvColumns(flags.columns);
        } catch (error) {
          throw new CliError(`--columns: ${(error as Error).message}`);
        }
      }
      await withStore(async ({ store, config }) => {
        const actor = await resolveActor(store, flags.as);
        await store.writeTransaction((trx) =>
          appendAudit(trx, {
            actor: actor.userId,
            actorOrg: actor.orgId,
            action: 'export',
            target: `cli/${flags.format}`,
            outcome: 'ok',
            details: { ...flags },
          }),
        );
        if (pssOpts !== undefined && filters !== undefined) {
          await exportPssCli(store, actor, config.baseUrl, filters, pssOpts, writeOutBytes);
          return;
        }
        if (flags.format === 'misp') {
          // MISP events, as the MISP feed serves them: reports become events, loose objects daily events.
          await writeOut(`${JSON.stringify({ response: await mispFeedEvents(store.db, actor) })}\n`);
          return;
        }
        if (spec === undefined || filters === undefined) {
          const objectFilters: ObjectFilters = {
            ...(flags.type === undefined ? {} : { types: flags.type.split(',').map((t) => t.trim()) }),
            ...(flags.since === undefined ? {} : { addedAfter: flags.since }),
            ...(flags.owner === undefined ? {} : { ownerOrg: flags.owner }),
          };
          for await (const chunk of bundleStream(store.db, actor, {
            filters: objectFilters,
            allVersions: flags.allVersions === true,
          })) {
            await writeOut(chunk);
          }
          return;
        }
        options.baseUrl = config.baseUrl;
        const items = defenderItems(store.db, actor, {
          blocking: spec.blocking,
          filters,
          baseUrl: config.baseUrl,
        });
        for await (const chunk of spec.formatter(items, options)) await writeOut(chunk);
      });
    });
}
