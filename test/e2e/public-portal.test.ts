import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, step } from './browser.js';
import { SHOTS, portalWorld } from './portal-world.js';
import type { PortalWorld } from './portal-world.js';

describe.skipIf(!hasChromium)('the public portal in Chromium, without an account', () => {
  let world: PortalWorld;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    world = await portalWorld('## Look for\n\nA payment link. <img src=x onerror="window.pwned=1">');
    ({ base, browser } = world);
  }, 180_000);

  afterAll(() => world.close());

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
