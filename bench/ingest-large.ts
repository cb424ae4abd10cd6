import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { benchDir, freshStore, removeDir } from './bench-store.js';
import { bundleChunks } from './generate-bundle.js';

/** Bytes per generated object, measured on the generator's mix, to size the bundle. */
const BYTES_PER_OBJECT = 512;

/** The kernel's high-water mark of a process's resident memory (VmHWM), in bytes; 0 once it is gone. */
function peakRss(pid: number): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match === null ? 0 : Number(match[1]) * 1024;
  } catch {
    return 0;
  }
}

/**
 * Generates a bundle of about 1 GB (or the size given in MB) and imports it with `accord import` in
 * its own process, as a user would, into a fresh SQLite store; reports the time and that process's
 * peak resident memory (worker thread included): the import must stream, never hold the bundle.
 */
export async function run(args: string[]): Promise<string> {
  const megabytes = Number(args[0] ?? 1024);
  const dir = benchDir();
  try {
    const file = join(dir, 'large.json');
    const out = createWriteStream(file);
    for (const chunk of bundleChunks(Math.round((megabytes * 1024 * 1024) / BYTES_PER_OBJECT), 99)) {
      if (!out.write(chunk)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    const size = statSync(file).size;
    console.log(`ingest-large: generated ${(size / 1e9).toFixed(2)} GB`);
    const db = join(dir, 'large.db');
    const { cleanup } = await freshStore('sqlite', dir, db); // an organisation and its admin, who imports
    await cleanup();
    const bin = new URL('../bin/accord.js', import.meta.url);
    const compiled = existsSync(new URL('../dist/cli/main.js', import.meta.url));
    const started = performance.now();
    const child = spawn(process.execPath, [bin.pathname, 'import', file, '--json'], {
      env: { ...process.env, ACCORD_DB: `sqlite:${db}`, ACCORD_LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, peakRss(child.pid!))), 100);
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    clearInterval(sampler);
    const seconds = (performance.now() - started) / 1000;
    if (code !== 0) throw new Error(`accord import exited with ${code}: ${stdout.slice(0, 500)}`);
    const report = JSON.parse(stdout) as { files: Array<{ total: number; invalid: number }> };
    const total = report.files[0]?.total ?? 0;
    return `ingest-large: ${(size / 1e9).toFixed(2)} GB, ${total.toLocaleString('en-US')} objects in ${seconds.toFixed(0)} s (${Math.round(total / seconds).toLocaleString('en-US')} objects/s, ${compiled ? 'compiled' : 'from sources via tsx'}), peak RSS ${(peak / 1e6).toFixed(0)} MB`;
  } finally {
    removeDir(dir);
  }
}
