import type { Command } from 'commander';
import type { AuditEntry } from '../../audit/query-audit.js';
import { queryAudit } from '../../audit/query-audit.js';
import { auditHead, verifyAuditChain } from '../../audit/verify-audit-chain.js';
import type { AuditAnchor } from '../../audit/verify-audit-chain.js';
import { resolveActor, withStore } from '../cli-context.js';
import { CliError, EXIT } from '../cli-error.js';
import { output } from './org.js';

const entryLine = (e: AuditEntry) =>
  `${String(e.seq).padStart(6)}  ${e.at}  ${e.outcome.padEnd(6)}  ${e.action}  ${e.actor ?? '-'}${e.target === null ? '' : `  -> ${e.target}`}`;

function instant(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  const when = Date.parse(value);
  if (Number.isNaN(when)) throw new CliError(`${flag} ${value}: not an ISO 8601 timestamp`);
  return new Date(when).toISOString();
}

function parseAnchor(text: string): AuditAnchor {
  const match = /^(\d+):([0-9a-f]{64})$/.exec(text);
  if (match === null)
    throw new CliError(`--anchor ${text}: expected <seq>:<64 hex digits>, as \`accord audit head\` prints`);
  return { seq: Number(match[1]), hash: match[2]! };
}

interface ListFlags {
  action?: string;
  actor?: string;
  since?: string;
  until?: string;
  limit: string;
  json?: boolean;
  as?: string;
}

export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('the hash-chained audit log: verify, list');
  audit
    .command('verify')
    .description('walk the whole chain; exit 1 and name the first broken entry if any')
    .option('--anchor <seq:hash>', 'an earlier `accord audit head`: the chain must still hold that entry')
    .option('--json', 'print JSON')
    .action(async (flags: { json?: boolean; anchor?: string }) => {
      const anchor = flags.anchor === undefined ? undefined : parseAnchor(flags.anchor);
      const report = await withStore(({ store }) => verifyAuditChain(store, 1000, anchor));
      output(flags.json, report, () =>
        report.ok
          ? [`audit log intact: ${report.entries} entries verified`]
          : [
              `audit log BROKEN at entry ${report.brokenAt}: ${report.reason} (${report.entries} entries before it verified)`,
            ],
      );
      process.exitCode = report.ok ? EXIT.ok : EXIT.invalid;
    });
  audit
    .command('head')
    .description('print the newest entry as <seq>:<hash>; keep it outside Accord for `verify --anchor`')
    .option('--json', 'print JSON')
    .action(async (flags: { json?: boolean }) => {
      const head = await withStore(({ store }) => auditHead(store));
      if (head === null) throw new CliError('the audit log is empty');
      output(flags.json, head, () => [`${head.seq}:${head.hash}`]);
    });
  audit
    .command('list')
    .description('list entries, newest first')
    .option('--action <action>', 'an action, or a prefix ending in * (key.*)')
    .option('--actor <id>', 'a user id, or system')
    .option('--since <iso>', 'from this time (inclusive)')
    .option('--until <iso>', 'up to this time (exclusive)')
    .option('--limit <n>', 'how many entries', '100')
    .option('--json', 'print JSON')
    .option('--as <email>', 'act as this user (default: the first administrator)')
    .action(async (flags: ListFlags) => {
      const limit = Number(flags.limit);
      if (!Number.isInteger(limit) || limit < 1) throw new CliError('--limit must be a positive integer');
      await withStore(async ({ store }) => {
        const actor = await resolveActor(store, flags.as);
        const page = await queryAudit(store, actor, {
          action: flags.action,
          actor: flags.actor,
          since: instant(flags.since, '--since'),
          until: instant(flags.until, '--until'),
          limit,
        });
        output(flags.json, page.entries, () => page.entries.map(entryLine));
      });
    });
}
