import { writeFile } from 'node:fs/promises';
import { exportPss, pssFiles, tarArchive, writePssDirectory } from '../../deconflict/pss/index.js';
import { AccordError } from '../../errors.js';
import type { UserViewer } from '../../policy/viewer.js';
import type { DefenderFilters } from '../../present/defender-items.js';
import type { Store } from '../../store/store.js';
import { CliError, EXIT } from '../cli-error.js';

export interface PssFlags {
  recipient?: string;
  out?: string;
  fpRate?: string;
  name?: string;
}

/** `--fp-rate`: a probability strictly between 0 and 0.5. */
function fpRateFlag(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const p = Number(text);
  if (!(p > 0 && p < 0.5))
    throw new CliError(`--fp-rate ${text}: use a probability between 0 and 0.5, like 0.001`);
  return p;
}

export interface PssOptions {
  recipient: string;
  name: string;
  fpRate?: number;
  out?: string;
}

/** The pss flags, checked before anything is read or audited. */
export function pssOptions(flags: PssFlags): PssOptions {
  if (flags.recipient === undefined)
    throw new CliError('--format pss needs --recipient <org-id>: a set is made for one organisation');
  const name = flags.name ?? 'accord-private-search-set';
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(name))
    throw new CliError(`--name ${name}: letters, digits, '.', '_' and '-' only (it names the directory)`);
  const fpRate = fpRateFlag(flags.fpRate);
  return {
    recipient: flags.recipient,
    name,
    ...(fpRate === undefined ? {} : { fpRate }),
    ...(flags.out === undefined ? {} : { out: flags.out }),
  };
}

/**
 * `accord export --format pss`: the defender selection as a private search set for one recipient,
 * written as a set directory (`--out dir`), a tar archive (`--out file.tar`) or a tar archive on
 * standard output. The key goes with it, in private-search-set.key: for the recipient only.
 */
export async function exportPssCli(
  store: Store,
  actor: UserViewer,
  baseUrl: string,
  filters: DefenderFilters,
  options: PssOptions,
  write: (chunk: Buffer) => Promise<void>,
): Promise<void> {
  const { recipient, name, out } = options;
  const set = await exportPss(store, actor, {
    recipientOrg: recipient,
    filters,
    baseUrl,
    name,
    ...(options.fpRate === undefined ? {} : { fpRate: options.fpRate }),
  }).catch((error: unknown) => {
    if (error instanceof AccordError)
      throw new CliError(`--recipient ${recipient}: ${error.message}`, EXIT.invalid);
    throw error;
  });
  const files = pssFiles(set, set.key);
  try {
    if (out === undefined) await write(tarArchive(name, files, new Date()));
    else if (out.endsWith('.tar'))
      await writeFile(out, tarArchive(name, files, new Date()), { flag: 'wx', mode: 0o600 });
    else await writePssDirectory(out, files);
  } catch (error) {
    throw new CliError(`--out ${out ?? '-'}: ${(error as Error).message}`, EXIT.invalid);
  }
  process.stderr.write(
    `accord: set ${set.id} for ${recipient}: ${String(set.hashes.length)} values; ` +
      `its key is in private-search-set.key: give it to the recipient only\n`,
  );
}
