import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { landscapeSources } from '../../http/reports/report-sources.js';
import { htmlToPdf, pdfAvailable } from '../../render/html-to-pdf.js';
import { LandscapeRequest } from '../../reports/landscape/landscape-request.js';
import { renderLandscapeHtml } from '../../reports/landscape/render-html.js';
import { createLandscapeReport } from '../../reports/landscape/saved-reports.js';
import { resolveActor, withStore } from '../cli-context.js';
import { CliError } from '../cli-error.js';

interface LandscapeFlags {
  from: string;
  to: string;
  granularity: string;
  variant: string;
  threshold?: string;
  type: string[];
  owner: string[];
  tlpMax?: string;
  format: string;
  output?: string;
  title: string;
  as?: string;
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** The flags as a request, or a usage error naming the flag at fault. */
function landscapeRequest(flags: LandscapeFlags): LandscapeRequest {
  const threshold = flags.threshold === undefined ? undefined : Number(flags.threshold);
  const parsed = LandscapeRequest.safeParse({
    from: flags.from,
    to: flags.to,
    granularity: flags.granularity,
    variant: flags.variant,
    ...(threshold === undefined ? {} : { threshold }),
    scope: {
      ...(flags.type.length === 0 ? {} : { types: flags.type }),
      ...(flags.owner.length === 0 ? {} : { owners: flags.owner }),
      ...(flags.tlpMax === undefined ? {} : { tlp_max: flags.tlpMax }),
    },
  });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const flag = {
    from: '--from',
    to: '--to',
    granularity: '--granularity',
    variant: '--variant',
    threshold: '--threshold',
    scope: issue.path[1] === 'types' ? '--type' : issue.path[1] === 'owners' ? '--owner' : '--tlp-max',
  }[String(issue.path[0])];
  throw new CliError(`${flag ?? 'input'}: ${issue.message}`);
}

export function registerReport(program: Command): void {
  const report = program.command('report').description('generated reports');
  report
    .command('landscape')
    .description(
      'a threat-landscape assessment for a period, from what you may see (saved, with its narrative)',
    )
    .requiredOption('--from <date>', 'first day of the period, YYYY-MM-DD')
    .requiredOption('--to <date>', 'day after the period, YYYY-MM-DD')
    .option('--granularity <g>', 'month or quarter', 'month')
    .option('--variant <v>', 'full, or clear: aggregates only, small cells suppressed', 'full')
    .option('--threshold <n>', 'clear variant: suppress counts below this (default 5)')
    .option('--type <type>', 'count only this STIX type (repeatable)', collect, [])
    .option('--owner <identity>', 'count only objects of this organisation (repeatable)', collect, [])
    .option('--tlp-max <tlp>', 'count only objects marked at most this TLP')
    .option('--format <f>', 'json, html or pdf', 'json')
    .option('--output <file>', 'write here instead of standard output (required for pdf)')
    .option('--title <t>', 'the report title', 'Threat landscape assessment')
    .option('--as <email>', 'act as this user (default: the first administrator)')
    .action(async (flags: LandscapeFlags) => {
      if (!['json', 'html', 'pdf'].includes(flags.format))
        throw new CliError('--format: use json, html or pdf');
      if (flags.format === 'pdf' && flags.output === undefined)
        throw new CliError('--format pdf needs --output <file>');
      if (flags.format === 'pdf' && !pdfAvailable())
        throw new CliError(
          '--format pdf needs Chromium (/usr/bin/chromium, or ACCORD_CHROMIUM); use --format html',
        );
      const request = landscapeRequest(flags);
      await withStore(async ({ store }) => {
        const actor = await resolveActor(store, flags.as);
        const saved = await createLandscapeReport(
          store,
          actor,
          request,
          flags.title,
          landscapeSources({ store }),
        );
        const html = () => renderLandscapeHtml(saved.figures, saved.narrative, saved.title);
        const body =
          flags.format === 'json'
            ? `${JSON.stringify({ id: saved.id, title: saved.title, figures: saved.figures, narrative: saved.narrative }, null, 2)}\n`
            : flags.format === 'html'
              ? html()
              : await htmlToPdf(html());
        if (flags.output === undefined) process.stdout.write(body);
        else await writeFile(flags.output, body);
        process.stderr.write(`accord: report ${saved.id} (TLP:${saved.tlp.toUpperCase()}) saved\n`);
      });
    });
}
