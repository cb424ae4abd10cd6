import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.js';
import { horizontalOverflow, seriousViolations } from './axe.js';
import { hasChromium, step } from './browser.js';
import { SHOTS, portalWorld } from './portal-world.js';
import type { PortalWorld } from './portal-world.js';

const WIDTHS = [
  [1280, 900],
  [375, 800],
] as const;
const DJVU_NOTE =
  "ATTENTION! Don't worry, you can return all your files! All your files like pictures, databases, documents and other important are encrypted with strongest encryption and unique key.";
const PHISH_HEADERS = [
  'From: "Your Bank" <security@paypa1-verify.example>',
  'To: Jane Victim <jane.victim@example.org>',
  'Subject: Your account is locked',
  'Date: Mon, 07 Dec 2026 08:00:00 +0000',
  'Content-Type: text/plain; charset=utf-8',
].join('\n');

describe.skipIf(!hasChromium)('the public portal: report forms and accessibility, in Chromium', () => {
  let world: PortalWorld;
  let store: Store;
  let base: string;
  let browser: Browser;

  const count = async (table: 'public_ransomware_shares' | 'public_intake_reports') =>
    Number(
      (
        await store.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  /** axe-core finds no serious or critical violation, and nothing is wider than the screen. */
  async function checkPage(page: Page, name: string, width: number): Promise<void> {
    expect(await seriousViolations(page), `${name} at ${String(width)} px`).toEqual([]);
    expect(await horizontalOverflow(page), `${name} overflows at ${String(width)} px`).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${SHOTS}portal-${name}-${String(width)}.png`, fullPage: true });
  }

  beforeAll(async () => {
    world = await portalWorld('## Look for\n\nA payment link.', false);
    ({ store, base, browser } = world);
  }, 180_000);

  afterAll(() => world.close());

  for (const [width, height] of WIDTHS) {
    it(`every portal page passes axe-core and fits at ${String(width)} px`, async () => {
      // axe-core is injected as an inline script, which the portal's CSP (rightly) forbids.
      const context = await browser.newContext({
        viewport: { width, height },
        locale: 'en-GB',
        bypassCSP: true,
      });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await step(`portal-a11y-${String(width)}`, [page], async () => {
        await page.goto(`${base}/public`);
        await page.getByRole('heading', { name: 'Help for the public' }).waitFor();
        await page.getByTestId('intake-figures').waitFor();
        await checkPage(page, 'home', width);

        await page.goto(`${base}/public/ransomware`);
        await page.getByRole('heading', { name: 'Identify ransomware' }).waitFor();
        await checkPage(page, 'ransomware', width);
        await page.getByLabel('Names of encrypted files').fill('holiday.jpg.djvu');
        await page.getByLabel('Text of the ransom note').fill(DJVU_NOTE);
        await page.getByRole('button', { name: 'Identify' }).click();
        await page.getByText('Identified: Djvu').waitFor();
        await checkPage(page, 'ransomware-result', width);

        await page.goto(`${base}/public/advisories`);
        await page.getByRole('link', { name: 'Fake parcel texts' }).waitFor();
        await checkPage(page, 'advisories', width);
        await page.getByRole('link', { name: 'Fake parcel texts' }).click();
        await page.getByRole('heading', { name: 'Look for' }).waitFor();
        await checkPage(page, 'advisory', width);

        await page.goto(`${base}/public/report`);
        await page.getByRole('heading', { name: /Report phishing/ }).waitFor();
        await checkPage(page, 'report', width);

        await page.getByRole('link', { name: 'Report a phishing e-mail' }).click();
        await page.getByRole('heading', { name: 'Report a phishing e-mail' }).waitFor();
        await checkPage(page, 'report-email', width);
        await page.getByLabel('Paste the headers and the text').check();
        await page.getByLabel('Headers of the message').fill(PHISH_HEADERS);
        await page
          .getByLabel('Text of the message')
          .fill('Confirm your account at https://paypa1-verify.example/login today.');
        await page.getByLabel('I agree to be contacted').check();
        await page.getByLabel('How to reach you').fill('reporter@example.net');
        await checkPage(page, 'report-email-filled', width);
        await page.getByRole('button', { name: 'Send the report' }).click();
        await page.getByRole('heading', { name: 'Thank you: your report was received' }).waitFor();
        await checkPage(page, 'report-email-sent', width);

        await page.goto(`${base}/public/report/sms`);
        await page.getByLabel('Sender shown on your phone').fill('+44 7700 900123');
        await page
          .getByLabel('Text of the message')
          .fill('Your parcel is waiting: https://parcel-fee.example/pay');
        await checkPage(page, 'report-sms', width);
        await page.getByRole('button', { name: 'Send the report' }).click();
        await page.getByRole('heading', { name: 'Thank you: your report was received' }).waitFor();
        await checkPage(page, 'report-sms-sent', width);

        await page.goto(`${base}/public/report/url`);
        await page.getByLabel('The web address').fill('not an address');
        await page.getByRole('button', { name: 'Send the report' }).click();
        await page.getByRole('alert').filter({ hasText: 'Your report could not be sent' }).waitFor();
        await checkPage(page, 'report-url-error', width);
        await page.getByLabel('The web address').fill('https://fake-shop.example/deal');
        await page.getByRole('button', { name: 'Send the report' }).click();
        await page.getByRole('heading', { name: 'Thank you: your report was received' }).waitFor();
        await checkPage(page, 'report-url-sent', width);
      });
      expect(errors).toEqual([]);
      await context.close();
    }, 180_000);
  }

  it('the accessibility check can fail: it reports a page without a language and an unlabelled field', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await page.setContent('<html><body><main><img src="x.png"><input type="text"></main></body></html>');
    const found = (await seriousViolations(page)).map((v) => v.split(' ')[0]);
    expect(found).toEqual(expect.arrayContaining(['html-has-lang', 'image-alt', 'label']));
    await context.close();
  }, 60_000);

  it('sends nothing until asked: a report form and the identify page store only what is submitted or shared', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });
    const page = await context.newPage();
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST') posts.push(new URL(r.url()).pathname);
    });
    await step('portal-nothing-unless-sent', [page], async () => {
      const reports = await count('public_intake_reports');
      await page.goto(`${base}/public/report/sms`);
      await page.getByRole('heading', { name: 'Signaler un SMS suspect' }).waitFor();
      await page.getByLabel('Expéditeur affiché').fill('BANK');
      await page.getByLabel('Texte du message').fill('Cliquez https://x.example/');
      await page.goto(`${base}/public`);
      await page
        .getByTestId('intake-figures')
        .getByText(/Cette semaine/)
        .waitFor();
      expect(posts).toEqual([]);
      expect(await count('public_intake_reports')).toBe(reports);

      const shares = await count('public_ransomware_shares');
      await page.goto(`${base}/public/ransomware`);
      await page.getByLabel('Noms de fichiers chiffrés').fill('a.djvu');
      await page.getByRole('button', { name: 'Identifier' }).click();
      await page.getByText('Identifié : Djvu').waitFor();
      expect(await count('public_ransomware_shares')).toBe(shares);
      await page.getByLabel('Partager avec les enquêteurs').check();
      await page.getByRole('button', { name: 'Identifier' }).click();
      await page.getByText(/partagé avec les enquêteurs \(référence/).waitFor();
      expect(await count('public_ransomware_shares')).toBe(shares + 1);
      const row = await store.db.selectFrom('public_ransomware_shares').selectAll().executeTakeFirstOrThrow();
      expect(JSON.parse(row.evidence)).toMatchObject({ file_names: ['a.djvu'] });
      await page.screenshot({ path: `${SHOTS}portal-ransomware-shared-fr.png`, fullPage: true });
    });
    await context.close();
  }, 120_000);
});
