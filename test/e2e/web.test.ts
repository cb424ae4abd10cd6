import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite/open-sqlite.js';
import type { Store } from '../../src/store/store.js';
import { indicator, malware, relationship, stixId } from '../factories.js';
import { ensureWebBuilt, hasChromium, launchChromium, step } from './browser.js';
import { webApp } from './web-app.js';
import { signInAs } from './sign-in.js';
import { seedWorld } from './world.js';
import type { World } from './world.js';

if (!hasChromium) console.warn('skipped: /usr/bin/chromium is not installed (apt-get install chromium)');

const NAME = `Qakbot-e2e-${Date.now()}`;
const qakbot = malware({ name: NAME });
const ind = indicator({ name: `${NAME} C2`, pattern: "[domain-name:value = 'qak.example.net']" });
const infra = {
  type: 'infrastructure',
  spec_version: '2.1',
  id: stixId('infrastructure'),
  created: qakbot.created,
  modified: qakbot.modified,
  name: `${NAME} botnet`,
};
const BUNDLE = {
  type: 'bundle',
  id: stixId('bundle'),
  objects: [qakbot, ind, relationship(ind.id, qakbot.id), infra, relationship(ind.id, infra.id)],
};

describe.skipIf(!hasChromium)('the web UI in Chromium', () => {
  let dir: string;
  let store: Store;
  let world: World;
  let app: FastifyInstance;
  let base: string;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pages: Page[] = [];

  beforeAll(async () => {
    ensureWebBuilt();
    dir = mkdtempSync(join(tmpdir(), 'accord-e2e-'));
    store = await openSqliteStore(join(dir, 'accord.db'));
    world = await seedWorld(store);
    for (const id of Object.values(world.orgs))
      await store.db
        .updateTable('organisations')
        .set({ default_distribution: 'organisation' })
        .where('id', '=', id)
        .execute();
    app = await webApp(store);
    base = await app.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser.close();
    await app.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function signedIn(email: string): Promise<Page> {
    const { context, page } = await signInAs(browser, base, email);
    contexts.push(context);
    pages.push(page);
    return page;
  }

  const resultCount = (page: Page) => page.getByTestId('result-count').textContent();

  it('signs in, imports, finds, opens, expands, shares and un-shares, signs out', async () => {
    const alice = await step('sign-in', pages, () => signedIn('alice@telecom.test'));
    expect(await alice.getByTestId('dashboard-total').textContent()).toMatch(/^\d+ objects visible/);
    await alice.locator('svg').first().waitFor(); // the lazily loaded ECharts chunk drew

    const groupsApi = (await alice.request.get(`${base}/api/v1/groups`)).ok();
    // AMBER may go to a sharing group; without the groups API the import goes to the community as GREEN.
    const tlp = groupsApi ? 'amber' : 'green';
    await step('import', pages, async () => {
      await alice.getByRole('link', { name: 'Import' }).click();
      await alice.getByLabel(/choose a file/).setInputFiles({
        name: 'qakbot.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify(BUNDLE)),
      });
      await expect.poll(() => alice.getByTestId('preview-summary').textContent()).toMatch(/^5 objects/);
      if (groupsApi)
        await alice.getByLabel('Distribution').selectOption({ label: 'sharing group: Operation partners' });
      else await alice.getByLabel('Distribution').selectOption('community');
      await alice.getByLabel('TLP for unmarked objects').selectOption(tlp);
      await alice.getByRole('button', { name: 'Import', exact: true }).click();
      await expect
        .poll(() => alice.getByTestId('import-summary').textContent())
        .toMatch(/^5 objects: 5 created/);
    });

    await step('search', pages, async () => {
      await alice.goto(`${base}/search?q=${NAME}&type=malware`);
      await expect.poll(() => resultCount(alice)).toBe('1 objects');
      const grid = alice.getByRole('grid', { name: 'Search results' });
      await grid.getByText(NAME, { exact: true }).waitFor();
      expect(await grid.getByText(`TLP:${tlp.toUpperCase()}`).count()).toBe(1);
      await grid.focus();
      await alice.keyboard.press('Enter');
      await alice.getByRole('heading', { level: 1, name: NAME }).waitFor();
      expect(alice.url()).toBe(`${base}/objects/${qakbot.id}`);
    });

    await step('object-graph', pages, async () => {
      await expect.poll(() => alice.getByTestId('graph-count').textContent()).toMatch(/^2 objects, 1 links/);
      await alice.getByTestId('graph-canvas').locator('canvas').first().waitFor();
      expect(await alice.getByText(`TLP:${tlp.toUpperCase()}`).count()).toBeGreaterThan(0);
      await alice.getByRole('button', { name: `Expand ${NAME} C2` }).click();
      await expect.poll(() => alice.getByTestId('graph-count').textContent()).toMatch(/^3 objects, 2 links/);
      await alice.getByRole('link', { name: `${NAME} botnet` }).waitFor();
    });

    if (!groupsApi) {
      console.warn('skipped step: sharing-group removal (GET/DELETE /api/v1/groups not on this server yet)');
    } else {
      const bob = await step('bob-sign-in', pages, () => signedIn('bob@police.test'));
      await step('unshare', pages, async () => {
        await bob.goto(`${base}/search?q=${NAME}`);
        await expect.poll(() => resultCount(bob)).toBe('3 objects'); // the malware, indicator and infrastructure by name
        await alice.getByRole('link', { name: 'Sharing groups' }).click();
        await alice.getByRole('button', { name: 'Remove Cyber Police from Operation partners' }).click();
        await alice
          .getByRole('button', { name: 'Remove Cyber Police from Operation partners' })
          .waitFor({ state: 'detached' });
        await bob.reload();
        await expect.poll(() => resultCount(bob)).toBe('0 objects');
        expect((await bob.request.get(`${base}/api/v1/objects/${qakbot.id}`)).status()).toBe(404);
      });
    }

    await step('sign-out', pages, async () => {
      await alice.getByRole('button', { name: 'Sign out' }).click();
      await alice.getByRole('heading', { name: 'Sign in to Accord' }).waitFor();
      expect((await alice.request.get(`${base}/api/v1/session`)).status()).toBe(401);
      await alice.goto(`${base}/search`);
      await alice.getByRole('heading', { name: 'Sign in to Accord' }).waitFor();
    });
  }, 90_000);
});
