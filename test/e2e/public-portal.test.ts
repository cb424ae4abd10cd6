import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdvisory, publishAdvisory } from '../../src/public/advisories/advisories.js';
import { openSqliteStore } from '../../src/store/sqlite/open-sqlite.js';
import { orgId, userViewer } from '../factories.js';
import { addOrg } from '../import-helpers.js';
import type { Store } from '../../src/store/store.js';
import { ensureWebBuilt, hasChromium, launchChromium, step } from './browser.js';
import { webApp } from './web-app.js';

const SHOTS = new URL('../../test-results/', import.meta.url).pathname;

describe.skipIf(!hasChromium)('the public portal in Chromium, without an account', () => {
  let dir: string;
  let store: Store;
  let app: FastifyInstance;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    ensureWebBuilt();
    mkdirSync(SHOTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'accord-e2e-public-'));
    store = await openSqliteStore(join(dir, 'accord.db'));
    const org = orgId();
    await addOrg(store, org);
    const admin = userViewer(org, 'admin');
    const a = await createAdvisory(store, admin, {
      slug: 'parcel-sms',
      tlp: 'clear',
      texts: {
        en: {
          title: 'Fake parcel texts',
          summary: 'Texts ask for a fee.',
          body: '## Look for\n\nA payment link. <img src=x onerror="window.pwned=1">',
        },
        fr: { title: 'Faux SMS de colis', summary: 'Des SMS demandent des frais.', body: 'Ne cliquez pas.' },
      },
    });
    await publishAdvisory(store, admin, a.id);
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

  it('identifies ransomware, in three languages, with labelled fields, at desktop and mobile width', async () => {
    for (const [width, height] of [
      [1280, 900],
      [375, 800],
    ] as const) {
      const context = await browser.newContext({ viewport: { width, height }, locale: 'en-GB' });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      const sessionCalls: string[] = [];
      page.on('request', (r) => {
        if (r.url().includes('/api/v1/session')) sessionCalls.push(r.url());
      });
      await step(`public-${String(width)}`, [page], async () => {
        await page.goto(`${base}/public/ransomware`);
        await page.getByRole('heading', { name: 'Identify ransomware' }).waitFor();
        expect(await page.locator('html').getAttribute('lang')).toBe('en');
        await page.getByLabel('Names of encrypted files').fill('holiday.jpg.djvu');
        await page.getByLabel('File name of the ransom note').fill('_readme.txt');
        await page
          .getByLabel('Text of the ransom note')
          .fill(
            "ATTENTION! Don't worry, you can return all your files! All your files like pictures, databases, documents and other important are encrypted with strongest encryption and unique key.",
          );
        await page.getByLabel('Your country').fill('fr');
        await page.getByRole('button', { name: 'Identify' }).click();
        await page.getByText('Identified: Djvu').waitFor();
        await page.getByRole('link', { name: /Free decryptor: STOP Djvu decryptor by Emsisoft/ }).waitFor();
        await page.getByRole('link', { name: /Cybermalveillance/ }).waitFor();
        // Mobile width: nothing wider than the screen.
        const overflow = await page.evaluate<number>(
          'document.documentElement.scrollWidth - window.innerWidth',
        );
        expect(overflow).toBeLessThanOrEqual(0);
        await page.screenshot({ path: `${SHOTS}public-ransomware-${String(width)}.png`, fullPage: true });
        for (const [lang, heading] of [
          ['fr', 'Identifier un rançongiciel'],
          ['de', 'Ransomware erkennen'],
        ] as const) {
          await page.getByLabel(/Language|Langue|Sprache/).selectOption(lang);
          await page.getByRole('heading', { name: heading }).waitFor();
          expect(await page.locator('html').getAttribute('lang')).toBe(lang);
        }
        // Every form control has an accessible name.
        const unnamed = await page.evaluate<number>(
          "[...document.querySelectorAll('input, textarea, select')].filter((el) => el.labels.length === 0 && el.getAttribute('aria-label') === null).length",
        );
        expect(unnamed).toBe(0);
        await page.getByLabel('Sprache').selectOption('en');
      });
      expect(errors).toEqual([]);
      expect(sessionCalls).toEqual([]);
      await context.close();
    }
  }, 60_000);

  it('lists and shows advisories in the chosen language, with no script from their text', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 800 }, locale: 'fr-FR' });
    const page = await context.newPage();
    await step('public-advisories', [page], async () => {
      await page.goto(`${base}/public/advisories`);
      await page.getByRole('heading', { name: 'Alertes de sensibilisation' }).waitFor();
      await page.getByRole('link', { name: 'Faux SMS de colis' }).click();
      await page.getByRole('heading', { name: 'Faux SMS de colis' }).waitFor();
      await page.getByLabel('Langue').selectOption('de');
      await page.getByRole('heading', { name: 'Fake parcel texts' }).waitFor();
      await page.getByText('nicht in Ihrer Sprache').waitFor();
      await page.getByRole('heading', { name: 'Look for' }).waitFor();
      expect(await page.evaluate<unknown>('window.pwned')).toBeUndefined();
      expect(await page.locator('img').count()).toBe(0);
      await page.screenshot({ path: `${SHOTS}public-advisory-375.png`, fullPage: true });
    });
    await context.close();
  }, 60_000);
});
