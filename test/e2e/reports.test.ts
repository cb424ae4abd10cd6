import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite/open-sqlite.js';
import type { Store } from '../../src/store/store.js';
import { ensureWebBuilt, hasChromium, launchChromium, step } from './browser.js';
import { webApp } from './web-app.js';
import { signInAs } from './sign-in.js';
import { seedWorld } from './world.js';

if (!hasChromium) console.warn('skipped: /usr/bin/chromium is not installed (apt-get install chromium)');
const artefacts = fileURLToPath(new URL('../../test-results/', import.meta.url));

describe.skipIf(!hasChromium)('the report builder in Chromium', () => {
  let dir: string;
  let store: Store;
  let app: FastifyInstance;
  let base: string;
  let browser: Browser;
  const pages: Page[] = [];

  beforeAll(async () => {
    ensureWebBuilt();
    dir = mkdtempSync(join(tmpdir(), 'accord-e2e-reports-'));
    store = await openSqliteStore(join(dir, 'accord.db'));
    await seedWorld(store);
    app = await webApp(store);
    base = await app.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser.close();
    await app.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('generates a report, shows its charts, saves an edited narrative', async () => {
    const { context, page } = await step('sign-in', pages, () =>
      signInAs(browser, base, 'alice@telecom.test'),
    );
    pages.push(page);
    const year = new Date().getUTCFullYear();
    await step('generate', pages, async () => {
      await page.getByRole('link', { name: 'Reports' }).click();
      await page.getByLabel('Title').fill('Annual assessment');
      await page.getByLabel('From').fill(`${year}-01-01`);
      await page.getByLabel('To (exclusive)').fill(`${year + 1}-01-01`);
      await page.getByRole('button', { name: 'Generate' }).click();
      await page.getByRole('region', { name: 'Report Annual assessment' }).waitFor();
    });
    const preview = page.frameLocator('iframe[title="Report preview"]');
    await step('preview', pages, async () => {
      await preview.locator('h1', { hasText: 'Annual assessment' }).waitFor();
      expect(await preview.locator('svg').count()).toBeGreaterThanOrEqual(2);
      // The telecom's malware is in its figures.
      await preview.getByText('Emotet').first().waitFor();
    });
    await step('narrative', pages, async () => {
      const findings = page.getByRole('group', { name: 'Volume over time' }).getByLabel('Key findings');
      await findings.fill('Ransomware **doubled** this year.');
      await page.getByRole('button', { name: 'Save narrative' }).click();
      await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
      await preview.locator('strong', { hasText: 'doubled' }).waitFor();
    });
    mkdirSync(artefacts, { recursive: true });
    await page.screenshot({ path: join(artefacts, 'reports-builder.png'), fullPage: true });
    const html = await page.request.get(`${base}/api/v1/reports/landscape`);
    expect(html.ok()).toBe(true);
    await context.close();
  }, 120_000);
});
