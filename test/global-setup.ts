import { rmSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
/** Where the CLI tests' `accord` comes from: one level below the root, so the sources' relative URLs hold. */
export const CLI_BUILD = join(root, '.cli-build');

async function sources(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts'))
    .map((e) => join(e.parentPath, e.name));
}

/**
 * Transpiles src/ file by file once per test run, so each spawned `accord` starts from plain
 * JavaScript instead of compiling its modules through tsx again: a CLI test spawns the binary dozens of
 * times and tsx's start-up was most of each spawn. Transpiling only (no bundling, no type check) keeps
 * the file layout, so relative URLs in the sources and the worker entry points stay right.
 */
export default async function setup(): Promise<void> {
  rmSync(CLI_BUILD, { recursive: true, force: true });
  await build({
    entryPoints: await sources(join(root, 'src')),
    outdir: CLI_BUILD,
    outbase: join(root, 'src'),
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'inline',
    logLevel: 'warning',
  });
}
