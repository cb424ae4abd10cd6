import type { TargetKind } from '../../operations/target-kind.js';
import { parseTargetList } from '../../operations/target-list.js';
import type { TargetInput } from '../../operations/targets.js';
import { CliError, EXIT } from '../cli-error.js';
import { valueLines } from '../deconflict/value-lines.js';

const SHOWN = 20;

/**
 * The targets of the command line and of `--file` (`-` for standard input): one a line, a bare value
 * whose kind is detected or CSV `kind,value`. Every line is checked first; any bad one refuses them all
 * with an error naming each bad line (`--file list.csv line 7: …`), so nothing is half-added.
 */
export async function targetLines(
  args: readonly string[],
  file: string | undefined,
  kind: TargetKind | undefined,
): Promise<TargetInput[]> {
  const lines = await valueLines(args, file);
  const targets: TargetInput[] = [];
  const bad: string[] = [];
  for (const l of lines) {
    const parsed = parseTargetList(l.value, kind);
    const t = parsed.targets[0];
    if (t !== undefined) targets.push({ kind: t.kind, value: t.value });
    else if (parsed.errors[0] !== undefined) bad.push(`${l.where}: ${parsed.errors[0].error}`);
  }
  if (bad.length > 0)
    throw new CliError(
      [
        ...bad.slice(0, SHOWN),
        ...(bad.length > SHOWN ? [`… and ${String(bad.length - SHOWN)} more`] : []),
        `nothing added (${String(bad.length)} of ${String(lines.length)} lines invalid)`,
      ].join('\n'),
      EXIT.invalid,
    );
  if (targets.length === 0) throw new CliError('no targets: every line was a header or a comment');
  return targets;
}
