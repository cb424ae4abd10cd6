import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation } from '../../src/admin/organisations.js';
import { createUser } from '../../src/admin/users.js';
import { SYSTEM } from '../../src/audit/actor.js';
import { reportingContacts } from '../../src/public/ransomware/advice.js';
import { openSqliteStore } from '../../src/store/sqlite/open-sqlite.js';
import type { Store } from '../../src/store/store.js';
import { hasChromium, launchChromium, ensureWebBuilt, step } from './browser.js';
import { SHOTS } from './portal-world.js';
import { webApp } from './web-app.js';
import { PASSWORD } from './world.js';

describe.skipIf(!hasChromium)('the ransomware tables admin page in Chromium', () => {
  let dir: string;
  let store: Store;
  let app: FastifyInstance;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    ensureWebBuilt();
    dir = mkdtempSync(join(tmpdir(), 'accord-e2e-tables-'));
    store = await openSqliteStore(join(dir, 'accord.db'));
    const org = await createOrganisation(store, SYSTEM, {
      name: 'Cyber Police',
      kind: 'law-enforcement',
      defaultDistribution: 'organisation',
      defaultTlp: 'none',
    });
    await createUser(store, SYSTEM, {
      email: 'admin@accord.test',
      name: 'Ada Admin',
      orgId: org.id,
      role: 'admin',
      password: PASSWORD,
    });
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

  it('lets an administrator set, refuse and remove a reporting contact', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await step('ransomware-tables', [page], async () => {
      await page.goto(base);
      await page.getByLabel('E-mail').fill('admin@accord.test');
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('link', { name: 'Ransomware tables' }).click();
      const decryptors = page.getByRole('region', { name: 'Free decryptors' });
      await decryptors.getByRole('cell', { name: 'STOP Djvu decryptor' }).first().waitFor();
      const contacts = page.getByRole('region', { name: 'Reporting contacts' });
      await contacts.getByRole('cell', { name: 'Cybermalveillance.gouv.fr', exact: true }).waitFor();

      await contacts.getByLabel('Country').fill('DE');
      await contacts.getByLabel('Name', { exact: true }).fill('BKA');
      await contacts.getByLabel('URL', { exact: true }).fill('ftp://bka.example/');
      await contacts.getByRole('button', { name: 'Save' }).click();
      await contacts.getByRole('alert').filter({ hasText: 'body.url' }).waitFor();
      expect((await reportingContacts(store)).map((c) => c.country)).not.toContain('DE');

      await contacts.getByLabel('URL', { exact: true }).fill('https://www.bka.de/');
      await contacts.getByRole('button', { name: 'Save' }).click();
      await contacts.getByRole('cell', { name: 'BKA', exact: true }).waitFor();
      expect((await reportingContacts(store)).find((c) => c.country === 'DE')?.name).toBe('BKA');
      await page.screenshot({ path: `${SHOTS}admin-ransomware-tables.png`, fullPage: true });

      await contacts.getByRole('button', { name: 'Remove DE' }).click();
      await contacts.getByRole('cell', { name: 'BKA', exact: true }).waitFor({ state: 'detached' });
      expect((await reportingContacts(store)).map((c) => c.country)).not.toContain('DE');
    });
    await context.close();
  }, 120_000);
});
