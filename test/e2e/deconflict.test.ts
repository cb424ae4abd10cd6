import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite/open-sqlite.js';
import type { Store } from '../../src/store/store.js';
import { ensureWebBuilt, hasChromium, launchChromium, step } from './browser.js';
import { signInAs } from './sign-in.js';
import { webApp } from './web-app.js';
import { seedWorld } from './world.js';

if (!hasChromium) console.warn('skipped: /usr/bin/chromium is not installed (apt-get install chromium)');

describe.skipIf(!hasChromium)('the deconfliction page in Chromium', () => {
  let dir: string;
  let store: Store;
  let app: FastifyInstance;
  let base: string;
  let browser: Browser;
  const pages: Page[] = [];

  beforeAll(async () => {
    ensureWebBuilt();
    dir = mkdtempSync(join(tmpdir(), 'accord-e2e-deconflict-'));
    store = await openSqliteStore(join(dir, 'accord.db'));
    await seedWorld(store);
    app = await webApp(store);
    base = await app.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser.close();
    await app.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const signIn = async (email: string) => {
    const { page } = await signInAs(browser, base, email);
    pages.push(page);
    await page.getByRole('link', { name: 'Deconfliction' }).click();
    return page;
  };

  it('police registers, the bank checks a pasted list, police removes', { timeout: 120_000 }, async () => {
    const police = await signIn('bob@police.test');
    await step('register', pages, async () => {
      await police.getByLabel('Values (one a line)').fill('target-c2-domain.com\n203.0.113.0/24\n');
      await police.getByLabel('Case reference (only your organisation sees it)').fill('OP-KESTREL');
      await police.getByLabel('Contact point (what a checker that hits is told)').fill('desk@police.test');
      await police.getByRole('button', { name: 'Register' }).click();
      await police.getByRole('status').filter({ hasText: '2 registered' }).waitFor();
      await police.getByRole('table', { name: 'Your interests' }).getByText('OP-KESTREL').first().waitFor();
    });
    const bank = await signIn('carol@bank.test');
    await step('check', pages, async () => {
      await bank
        .getByLabel('Values to check (one a line)')
        .fill('target-c2-domain.com\n203.0.113.7\nquiet.org\n');
      await bank.getByRole('button', { name: 'Check' }).click();
      const rows = bank.getByRole('table', { name: 'Check results' }).getByRole('row');
      await rows.nth(3).waitFor();
      expect(await rows.allInnerTexts()).toEqual([
        expect.stringContaining('Value'),
        expect.stringMatching(/target-c2-domain\.com\s+domain\s+hit\s+desk@police\.test/),
        expect.stringMatching(/203\.0\.113\.7\s+ipv4\s+hit\s+desk@police\.test/),
        expect.stringMatching(/quiet\.org\s+domain\s+no-hit/),
      ]);
      expect(await bank.content()).not.toContain('OP-KESTREL');
      await bank.getByText('None registered.').waitFor();
    });
    await step('remove', pages, async () => {
      await police.reload();
      const table = police.getByRole('table', { name: 'Your interests' });
      await table.getByRole('button', { name: 'Remove' }).first().click();
      await expect.poll(() => table.getByRole('row').count()).toBe(2);
    });
  });
});
