import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setIntakeOrganisation } from '../../src/public/intake/intake-organisation.js';
import { urlContent } from '../../src/public/intake/simple-content.js';
import { submitReports } from '../../src/public/intake/submit-report.js';
import { openSqliteStore } from '../../src/store/sqlite/open-sqlite.js';
import type { Store } from '../../src/store/store.js';
import { userViewer } from '../factories.js';
import { seriousViolations } from './axe.js';
import { ensureWebBuilt, hasChromium, launchChromium, step } from './browser.js';
import { SHOTS } from './portal-world.js';
import { signInAs } from './sign-in.js';
import { signIn, webApp } from './web-app.js';
import { PASSWORD, seedWorld } from './world.js';

if (!hasChromium) console.warn('skipped: /usr/bin/chromium is not installed (apt-get install chromium)');

const SCRIPT = '<script>window.pwned=1</script>';
const IMG = '<img src=x onerror="window.pwned=2">';
const EML = [
  'From: Billing Desk <billing@invoice.example>',
  'To: someone@home.test',
  `Subject: Invoice overdue ${IMG}`,
  'Date: Mon, 07 Dec 2026 09:00:00 +0000',
  'Message-ID: <inv-1@invoice.example>',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'Pay today at https://invoice.example/pay or lose access.',
  '',
].join('\r\n');

interface Presented {
  object: { type: string; pattern?: string; revoked?: boolean };
  meta: { tlp: string | null; distribution: string };
}

describe.skipIf(!hasChromium)('intake triage in Chromium', () => {
  let dir: string;
  let store: Store;
  let app: FastifyInstance;
  let base: string;
  let browser: Browser;
  const pages: Page[] = [];

  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${base}/api/v1/public/reports/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status, await res.clone().text()).toBe(202);
  };
  /** A REST call through the API, signed in as `email` (cookie and CSRF header, as the UI sends). */
  const rest = async (email: string, url: string, method: 'GET' | 'POST' = 'GET') =>
    app.inject({
      method,
      url,
      headers: { cookie: await signIn(app, email, PASSWORD), 'x-accord-csrf': '1' },
    });
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: `${SHOTS}intake-triage-${name}.png`, fullPage: true });

  beforeAll(async () => {
    ensureWebBuilt();
    mkdirSync(SHOTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'accord-e2e-intake-'));
    store = await openSqliteStore(join(dir, 'accord.db'));
    const world = await seedWorld(store);
    // The police receive the public's reports; Bob (a police contributor) triages them.
    await setIntakeOrganisation(store, userViewer(world.orgs.police, 'admin'), world.orgs.police);
    app = await webApp(store);
    base = await app.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchChromium();
    await post('url', { url: 'https://fake-bank.example/login' });
    await post('sms', {
      sender: 'BANK-ALERT',
      text: `Account blocked ${SCRIPT} unlock https://fake-bank.example/login`,
    });
    await post('url', { url: 'https://parcel-fee.example/pay' });
    await post('email', { eml: EML });
  }, 180_000);

  afterAll(async () => {
    await browser.close();
    await app.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    'an intake analyst groups, promotes with a marking and marks benign; text stays text',
    { timeout: 120_000 },
    async () => {
      const { page } = await signInAs(browser, base, 'bob@police.test', PASSWORD, { bypassCSP: true });
      pages.push(page);
      const group = (label: string) => page.getByRole('region', { name: label, exact: true });

      await step('intake-grouping', pages, async () => {
        await page.getByRole('link', { name: 'Intake inbox' }).click();
        await page.getByRole('heading', { name: 'Intake inbox' }).waitFor();
        const bank = group('fake-bank.example');
        await bank.waitFor();
        expect(await bank.getByRole('definition').first().innerText()).toBe('2');
        expect(await bank.getByRole('row').count()).toBe(3);
        // The script and the image tag are shown as the characters they are, and never run.
        await bank.getByText(SCRIPT, { exact: false }).waitFor();
        await group('invoice.example').getByText(IMG, { exact: false }).waitFor();
        expect(await page.locator('main script, main img').count()).toBe(0);
        expect(await page.evaluate('window.pwned')).toBeUndefined();
        expect(await page.getByTestId('inbox-group').count()).toBe(3);
        expect(await seriousViolations(page)).toEqual([]);
        await shot(page, 'by-url');

        await page.getByLabel('Sender').check();
        await group('billing@invoice.example').waitFor();
        await group('BANK-ALERT').waitFor();
        await shot(page, 'by-sender');
        await page.getByLabel('Campaign').check();
        await group(`Invoice overdue ${IMG}`).waitFor();
        await page.getByLabel('URL host').check();
        await group('fake-bank.example').waitFor();
      });

      let indicatorIds: string[] = [];
      await step('intake-promote', pages, async () => {
        await page.getByLabel('Select group fake-bank.example').check();
        await page.getByTestId('selected-count').getByText('2 reports selected').waitFor();
        const promote = page.getByRole('form', { name: 'Promote to indicators' });
        await promote.getByLabel('TLP').selectOption('green');
        await promote.getByLabel('Distribution').selectOption('community');
        const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/intake/inbox/promote'));
        await promote.getByRole('button', { name: 'Promote to indicators' }).click();
        const result = (await (await answer).json()) as { indicators: { id: string; kind: string }[] };
        await page.getByRole('status').filter({ hasText: 'Promoted 2 reports' }).waitFor();
        indicatorIds = result.indicators.map((i) => i.id);
        expect(result.indicators.map((i) => i.kind)).toContain('url');
        await page.getByTestId('selected-count').getByText('0 reports selected').waitFor();
        await group('fake-bank.example').getByRole('cell', { name: 'promoted' }).first().waitFor();
        await shot(page, 'promoted');
      });

      await step('intake-promoted-through-rest', pages, async () => {
        // The bank, outside the police, reads the indicators: community distribution, TLP:GREEN.
        for (const id of indicatorIds) {
          const res = await rest('carol@bank.test', `/api/v1/objects/${id}`);
          expect(res.statusCode, res.body).toBe(200);
          const body = res.json<Presented>();
          expect(body.object.type).toBe('indicator');
          expect(body.meta).toMatchObject({ tlp: 'green', distribution: 'community' });
        }
        const url: string[] = [];
        for (const id of indicatorIds) {
          const body = (await rest('bob@police.test', `/api/v1/objects/${id}`)).json<Presented>();
          if (body.object.pattern?.includes('url:value') === true) url.push(id);
        }
        expect(url).toHaveLength(1);
        const revoked = await rest('bob@police.test', `/api/v1/objects/${url[0]!}/revoke`, 'POST');
        expect(revoked.statusCode, revoked.body).toBe(200);
      });

      await step('intake-benign', pages, async () => {
        await page.getByLabel('Select group parcel-fee.example').check();
        await page.getByRole('button', { name: 'Mark benign' }).click();
        await page.getByRole('status').filter({ hasText: 'Marked 1 report benign' }).waitFor();
        await group('parcel-fee.example').waitFor({ state: 'detached' });
        const counts = page.getByTestId('inbox-counts');
        await expect.poll(() => counts.innerText()).toMatch(/Benign\s+1/);
        await page.getByLabel('Show').selectOption('benign');
        await group('parcel-fee.example').waitFor();
        await shot(page, 'benign');
      });

      await step('intake-figures-taken-down', pages, async () => {
        await page.goto(`${base}/public`);
        await page
          .getByTestId('intake-figures')
          .getByText(/web addresses taken down: 1/)
          .waitFor();
        expect(await page.getByTestId('intake-figures').innerText()).toMatch(/This week — reports: 4 /);
      });
    },
  );

  it('another organisation is told it may not triage and sees no report', { timeout: 60_000 }, async () => {
    const { page } = await signInAs(browser, base, 'carol@bank.test', PASSWORD, { bypassCSP: true });
    pages.push(page);
    await step('intake-not-permitted', pages, async () => {
      expect(await page.getByRole('link', { name: 'Intake inbox' }).count()).toBe(0);
      await page.goto(`${base}/intake`);
      await page.getByTestId('not-permitted').getByText('Not permitted').waitFor();
      await page.getByText(/only contributors of the intake organisation triage its inbox/).waitFor();
      const text = await page.content();
      for (const leak of ['fake-bank', 'parcel-fee', 'invoice.example', 'BANK-ALERT', 'pwned'])
        expect(text).not.toContain(leak);
      expect(await page.getByTestId('inbox-group').count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Promote to indicators' }).count()).toBe(0);
      expect(await seriousViolations(page)).toEqual([]);
      await shot(page, 'not-permitted');
    });
  });

  it('pages the groups by the server and fits a 390 px phone', { timeout: 90_000 }, async () => {
    await submitReports(
      store,
      Array.from({ length: 25 }, (_, i) => urlContent({ url: `https://paged-${String(i)}.example/x` })),
    );
    const { page } = await signInAs(browser, base, 'bob@police.test', PASSWORD, { bypassCSP: true });
    pages.push(page);
    await step('intake-paging', pages, async () => {
      await page.goto(`${base}/intake`);
      await page.getByText(/page 1 of 2/).waitFor();
      expect(await page.getByTestId('inbox-group').count()).toBe(20);
      await page.getByRole('button', { name: 'Next groups' }).click();
      await page.getByText(/page 2 of 2/).waitFor();
      await page.waitForFunction("document.querySelectorAll('[data-testid=inbox-group]').length < 20");
      expect(await page.getByRole('button', { name: 'Next groups' }).isDisabled()).toBe(true);
    });
    await step('intake-mobile', pages, async () => {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.getByRole('button', { name: 'First page' }).click();
      await page.getByText(/page 1 of 2/).waitFor();
      const fits = await page.evaluate<boolean>('document.scrollingElement.scrollWidth <= window.innerWidth');
      expect(fits).toBe(true);
      expect(await seriousViolations(page)).toEqual([]);
      await shot(page, 'mobile');
    });
  });
});
