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
import { bundle, malware, relationship, stixId } from '../factories.js';
import { importText } from '../import-helpers.js';
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
    const world = await seedWorld(store);
    // Victims placed in France (through a located-at identity) and Germany (a targeted location), for the map.
    const now = new Date().toISOString();
    const at = { created: now, modified: now };
    const place = (country: string) => ({
      type: 'location',
      spec_version: '2.1',
      id: stixId('location'),
      ...at,
      country,
    });
    const fr = place('FR');
    const de = place('DE');
    const victim = {
      type: 'identity',
      spec_version: '2.1',
      id: stixId('identity'),
      ...at,
      name: 'Clinique Exemple',
      identity_class: 'organization',
      sectors: ['healthcare'],
    };
    const family = malware({ name: 'MapLocker', ...at });
    const targets = { relationship_type: 'targets', ...at };
    await importText(
      store,
      world.viewers.alice,
      bundle([
        fr,
        de,
        victim,
        family,
        relationship(victim.id, fr.id, { relationship_type: 'located-at', ...at }),
        relationship(family.id, victim.id, targets),
        relationship(family.id, de.id, targets),
      ]),
      { distribution: 'community', tlp: 'green' },
    );
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
    await step('choropleth', pages, async () => {
      const map = preview.locator('figure[aria-label="Victims by country (map)"] svg');
      await map.waitFor();
      expect(await map.locator('path[data-iso]').count()).toBeGreaterThan(170);
      const shaded = map.locator('path[data-count]');
      const isos = await Promise.all((await shaded.all()).map((p) => p.getAttribute('data-iso')));
      expect(isos.sort()).toEqual(['DE', 'FR']);
      const fill = (iso: string) => map.locator(`path[data-iso="${iso}"]`).first().getAttribute('fill');
      expect(await fill('FR')).not.toBe(await fill('BR'));
      await map.scrollIntoViewIfNeeded();
      mkdirSync(artefacts, { recursive: true });
      await map.screenshot({ path: join(artefacts, 'reports-choropleth.png') });
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
