import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { importStix } from '../src/ingest/import-service.js';
import { benchDir, freshStore, removeDir } from './bench-store.js';
import { bundleChunks } from './generate-bundle.js';

/** Bytes per generated object, measured on the generator's mix, to size the bundle. */
const BYTES_PER_OBJECT = 640;

/**
 * Streams a generated bundle of about 1 GB (or the size given in MB) into a fresh SQLite store and
 * reports the import's peak resident memory: the import must stream, never hold the bundle.
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
    const { store, admin, cleanup } = await freshStore('sqlite', dir);
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 50);
    const started = performance.now();
    const summary = await importStix(store, admin, createReadStream(file, { highWaterMark: 1 << 20 }), {
      source: 'bench-large',
      onProgress: ({ objects }) => {
        if (objects % 200_000 === 0)
          console.log(`  ${objects} objects, rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);
      },
    });
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    const seconds = (performance.now() - started) / 1000;
    await cleanup();
    if (summary.fatal !== undefined || summary.invalid > 0)
      throw new Error(`large import failed: ${JSON.stringify(summary)}`);
    return `ingest-large: ${(size / 1e9).toFixed(2)} GB, ${summary.total.toLocaleString('en-US')} objects in ${seconds.toFixed(0)} s, peak RSS ${(peak / 1e6).toFixed(0)} MB`;
  } finally {
    removeDir(dir);
  }
}
