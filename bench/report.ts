import { Readable } from 'node:stream';
import { importStix } from '../src/ingest/import-service.js';
import { htmlToPdf, pdfAvailable } from '../src/render/html-to-pdf.js';
import { LandscapeRequest } from '../src/reports/landscape/landscape-request.js';
import { narrativeScaffold } from '../src/reports/landscape/narrative.js';
import { renderLandscapeHtml } from '../src/reports/landscape/render-html.js';
import { landscapeSources } from '../src/http/reports/report-sources.js';
import { landscapeFigures } from '../src/reports/landscape/saved-reports.js';
import { benchDir, freshStore, removeDir } from './bench-store.js';
import { bundleChunks } from './generate-bundle.js';

// `npm run bench -- report [count] [--postgres]`: a one-year landscape report (the generated objects
// are dated across 2025) over `count` objects (default 1,000,000): figures, HTML (charts rendered to
// SVG) and PDF where Chromium is installed. The floor is the least any one-pass report must do: read
// every stored text of the store and JSON.parse it, in the same run.

const COUNT = 1_000_000;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export async function run(args: string[]): Promise<string> {
  const count = Number(args.find((a) => /^\d+$/.test(a)) ?? COUNT);
  const kind =
    args.includes('--postgres') && process.env.ACCORD_TEST_PG !== undefined ? 'postgres' : 'sqlite';
  const dir = benchDir();
  const { store, admin, cleanup } = await freshStore(kind, dir);
  try {
    const t0 = performance.now();
    const summary = await importStix(store, admin, Readable.from(bundleChunks(count)), { source: 'bench' });
    console.log(
      `report: imported ${fmt(summary.created)} objects into ${kind} in ${secs(performance.now() - t0)}`,
    );
    const request = LandscapeRequest.parse({ from: '2025-01-01', to: '2026-01-01', granularity: 'month' });

    // The floor: every stored text read and parsed once, by keyset pages as the report reads them.
    const f0 = performance.now();
    let after = 0;
    let parsed = 0;
    for (;;) {
      const rows = await store.db
        .selectFrom('objects')
        .select(['seq', 'data'])
        .where('seq', '>', after)
        .orderBy('seq')
        .limit(5000)
        .execute();
      for (const r of rows) if ((JSON.parse(r.data) as { id?: string }).id !== undefined) parsed++;
      if (rows.length < 5000) break;
      after = rows.at(-1)!.seq;
    }
    const floorMs = performance.now() - f0;
    console.log(`report floor: read and JSON.parse ${fmt(parsed)} texts in ${secs(floorMs)}`);

    const c0 = performance.now();
    const figures = await landscapeFigures(store.db, admin, request, landscapeSources({ store }));
    const figuresMs = performance.now() - c0;
    const h0 = performance.now();
    const html = renderLandscapeHtml(figures, narrativeScaffold(figures));
    const htmlMs = performance.now() - h0;
    const totalHtml = figuresMs + htmlMs;
    console.log(
      `report figures: ${secs(figuresMs)} (${fmt(figures.volume.total ?? 0)} objects in the year, ${figures.rankings.malware.length} families ranked); HTML ${secs(htmlMs)} (${fmt(html.length / 1024)} KB, ${(html.match(/<svg/g) ?? []).length} charts)`,
    );
    let pdf = 'PDF not run (no Chromium)';
    if (pdfAvailable()) {
      const p0 = performance.now();
      const bytes = await htmlToPdf(html);
      pdf = `PDF ${secs(performance.now() - p0)} more (${fmt(bytes.length / 1024)} KB)`;
      console.log(`report: ${pdf}`);
    }
    const verdict = totalHtml < 10_000 ? 'meets' : 'misses';
    return `report: one-year report over ${fmt(summary.created)} objects (${kind}): HTML in ${secs(totalHtml)} (${verdict} < 10 s), ${(totalHtml / floorMs).toFixed(2)}x the read-and-parse floor of ${secs(floorMs)}; ${pdf}`;
  } finally {
    await cleanup();
    removeDir(dir);
  }
}
