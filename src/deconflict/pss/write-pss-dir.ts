import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { PssFile } from './pss-files.js';

/**
 * Writes a set directory at `dir`: into a temporary sibling first, renamed into place when every
 * file is written, so a failure leaves nothing half-written. Refuses a `dir` that exists and is not
 * empty (an earlier set is never overwritten).
 */
export async function writePssDirectory(dir: string, files: readonly PssFile[]): Promise<void> {
  const existing = await readdir(dir).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`${dir}: cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  });
  if (existing !== undefined && existing.length > 0) throw new Error(`${dir}: exists and is not empty`);
  const temp = join(dirname(dir), `.${basename(dir)}.${String(process.pid)}.partial`);
  try {
    await mkdir(temp, { recursive: true, mode: 0o700 });
    for (const f of files) await writeFile(join(temp, f.name), f.content, { mode: f.mode });
    if (existing !== undefined) await rm(dir, { recursive: true });
    await rename(temp, dir);
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw new Error(
      `${dir}: cannot write the set: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
}
