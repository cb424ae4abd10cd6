// `npm run bench -- web [count] [--screenshots]`: the web UI on loopback with a seeded store, measured in
// Debian's Chromium: dashboard first load (cold cache, until the charts are drawn) and search response
// (until the first rows show), as a viewer from another organisation so the visibility rule does work.
// The server is `accord serve` in its own process, as users run it: in this process it would share
// the event loop with Playwright's driver, whose protocol traffic then delays every response.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { SYSTEM } from '../src/audit/actor.js';
import { createOrganisation } from '../src/admin/organisations.js';
import { createUser } from '../src/admin/users.js';
import { viewerForUser } from '../src/auth/viewer-for-user.js';
import { importStix } from '../src/ingest/import-service.js';
import { openSqliteStore } from '../src/store/sqlite/open-sqlite.js';
import { CHROMIUM, ensureWebBuilt, launchChromium } from '../test/e2e/browser.js';
import { bundleChunks } from './generate-bundle.js';

const PASSWORD = 'bench password 123';
const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function seed(dir: string, count: number) {
  const store = await openSqliteStore(join(dir, 'accord.db'));
  const org = (name: string) =>
    createOrganisation(store, SYSTEM, {
      name,
      kind: 'private',
      defaultDistribution: 'community',
      defaultTlp: 'none',
    });
  const telecom = await org('Example Telecom');
  const bank = await org('Example Bank');
  const writer = await createUser(store, SYSTEM, {
    email: 'w@bench.test',
    name: 'Writer',
    orgId: telecom.id,
    role: 'admin',
    password: PASSWORD,
  });
  await createUser(store, SYSTEM, {
    email: 'r@bench.test',
    name: 'Reader',
    orgId: bank.id,
    role: 'reader',
    password: PASSWORD,
  });
  const started = performance.now();
  const summary = await importStix(
    store,
    (await viewerForUser(store, writer.id))!,
    Readable.from(bundleChunks(count)),
    {
      source: 'bench',
      distribution: 'community',
    },
  );
  process.stdout.write(
    `seeded ${summary.created.toLocaleString('en-US')} objects in ${fmt(performance.now() - started)}\n`,
  );
  return store;
}

/** Starts `accord serve` on the seeded store and a free port; resolves with its URL once it listens. */
function serve(db: string): Promise<{ server: ChildProcess; base: string }> {
  const bin = new URL('../bin/accord.js', import.meta.url).pathname;
  const server = spawn(process.execPath, [bin, 'serve'], {
    env: { ...process.env, ACCORD_DB: `sqlite:${db}`, ACCORD_PORT: '0', ACCORD_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /serving on (http:\/\/[^/\s]+)\//.exec(out)?.[1];
      if (url !== undefined) resolve({ server, base: url });
    });
    server.once('exit', (code) => {
      reject(new Error(`accord serve exited with ${code}: ${out}`));
    });
  });
}

export async function run(args: string[]): Promise<string> {
  if (!existsSync(CHROMIUM)) return 'web: not run (/usr/bin/chromium is not installed)';
  const count = Number(args.find((a) => /^\d+$/.test(a)) ?? 100_000);
  const screenshots = args.includes('--screenshots');
  ensureWebBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'accord-bench-web-'));
  const store = await seed(dir, count);
  await store.close();
  const { server, base } = await serve(join(dir, 'accord.db'));
  const browser = await launchChromium();
  try {
    const page = await (await browser.newContext({ viewport: { width: 1360, height: 900 } })).newPage();
    await page.goto(base);
    await page.getByLabel('E-mail').fill('r@bench.test');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('dashboard-total').waitFor();

    // Cold: a fresh context has an empty HTTP cache, as on a first visit.
    const cold = await (
      await browser.newContext({
        viewport: { width: 1360, height: 900 },
        storageState: await page.context().storageState(),
      })
    ).newPage();
    let started = performance.now();
    await cold.goto(base);
    // Every chart drawn, not just the first: the page is loaded when all four are on screen.
    await Promise.all(
      [/objects by type/, /objects by TLP/, /added per day/, /most connected/].map((name) =>
        cold.getByRole('img', { name }).locator('svg').waitFor(),
      ),
    );
    const dashboard = performance.now() - started;
    const dashboardApi = await cold.evaluate(() => {
      const entry = performance
        .getEntriesByType('resource')
        .find((e) => e.name.endsWith('/api/v1/dashboard'));
      return entry === undefined ? NaN : entry.duration;
    });
    if (screenshots) {
      mkdirSync('docs/screenshots', { recursive: true });
      await cold.screenshot({ path: 'docs/screenshots/dashboard.png' });
    }

    started = performance.now();
    await cold.goto(`${base}/search?q=emotet`);
    await cold.getByRole('grid', { name: 'Search results' }).getByRole('row').nth(1).waitFor();
    const search = performance.now() - started;
    const total = await cold.getByTestId('result-count').textContent();
    // Scrolling deep into the results: pages load as the end nears.
    started = performance.now();
    await cold.getByRole('grid').focus();
    await cold.keyboard.press('End');
    // A locator wait, not a string predicate: the server's CSP forbids 'unsafe-eval', which those need.
    await cold.getByTestId('result-count').filter({ hasNotText: 'loading' }).waitFor();
    const scroll = performance.now() - started;

    if (screenshots) {
      await cold.goto(base);
      await cold.locator('ol.top a').last().click();
      await cold.getByTestId('graph-count').waitFor();
      await cold.waitForTimeout(800);
      await cold.screenshot({ path: 'docs/screenshots/object.png', fullPage: true });
    }
    return (
      `web: ${count.toLocaleString('en-US')} objects, dashboard first load ${fmt(dashboard)} (API ${fmt(dashboardApi)}), ` +
      `search "emotet" first rows ${fmt(search)} (${total ?? '?'}), next page on End ${fmt(scroll)}`
    );
  } finally {
    await browser.close();
    server.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}
