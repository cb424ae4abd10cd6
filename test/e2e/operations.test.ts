import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation } from '../../src/admin/organisations.js';
import { createUser } from '../../src/admin/users.js';
import { SYSTEM } from '../../src/audit/actor.js';
import { openSqliteStore } from '../../src/store/sqlite/open-sqlite.js';
import type { Store } from '../../src/store/store.js';
import { ensureWebBuilt, hasChromium, launchChromium, step } from './browser.js';
import { signInAs } from './sign-in.js';
import { webApp } from './web-app.js';
import { PASSWORD, seedWorld } from './world.js';

if (!hasChromium) console.warn('skipped: /usr/bin/chromium is not installed (apt-get install chromium)');
const artefacts = fileURLToPath(new URL('../../test-results/', import.meta.url));

const NAME = 'Operation Nightfall';
const CODE = `NIGHTFALL-${Date.now().toString(36)}`;
// Two German, one French and one US address (from the shipped IP database), and a domain it cannot place.
const TARGETS = ['5.9.0.1', '81.169.145.1', '51.15.0.1', '8.8.8.8', 'domain,nightfall-panel.top'];

describe.skipIf(!hasChromium)('operations in Chromium', () => {
  let dir: string;
  let store: Store;
  let app: FastifyInstance;
  let base: string;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pages: Page[] = [];

  beforeAll(async () => {
    ensureWebBuilt();
    mkdirSync(artefacts, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'accord-e2e-operations-'));
    store = await openSqliteStore(join(dir, 'accord.db'));
    const world = await seedWorld(store);
    // The lead's org-admin (the seeded police user only contributes) and a national agency to issue to.
    await createUser(store, SYSTEM, {
      email: 'lena@police.test',
      name: 'Lena Lead',
      orgId: world.orgs.police,
      role: 'org-admin',
      password: PASSWORD,
    });
    const bka = await createOrganisation(store, SYSTEM, {
      name: 'National Police DE',
      kind: 'law-enforcement',
      country: 'DE',
      defaultDistribution: 'organisation',
      defaultTlp: 'amber',
    });
    await createUser(store, SYSTEM, {
      email: 'nina@police-de.test',
      name: 'Nina National',
      orgId: bka.id,
      role: 'contributor',
      password: PASSWORD,
    });
    app = await webApp(store);
    base = await app.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchChromium();
  }, 180_000);

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
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: join(artefacts, `operations-${name}.png`), fullPage: true });
  const label = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
  const tab = (page: Page, name: string) => page.getByRole('tab', { name }).click();

  it('runs an operation from creation to an issued, acknowledged CAR; outsiders see nothing', async () => {
    const lena = await step('lead-sign-in', pages, () => signedIn('lena@police.test'));

    await step('create', pages, async () => {
      await lena.getByRole('link', { name: 'Operations' }).click();
      await lena.getByRole('heading', { name: 'New operation' }).waitFor();
      await lena.getByLabel(label('Name')).fill(NAME);
      await lena.getByLabel(label('Code')).fill(CODE);
      await lena.getByLabel(label('Description')).fill('Botnet C2 take-down with telecom partners');
      await lena.getByLabel(label('PAP')).selectOption('amber');
      await lena.getByLabel(label('Handling code')).selectOption('H1');
      await lena.getByRole('button', { name: 'Create operation' }).click();
      await lena.getByRole('heading', { level: 1, name: new RegExp(NAME) }).waitFor();
      expect(lena.url()).toBe(`${base}/operations/${CODE}`);
    });

    await step('participants', pages, async () => {
      const form = lena.getByRole('form', { name: 'Add participant' });
      for (const [org, role] of [
        ['Example Telecom', 'contributing-partner'],
        ['National Police DE', 'participating-agency'],
      ] as const) {
        await form.getByLabel(label('Organisation')).selectOption({ label: org });
        await form.getByLabel(label('Role')).selectOption(role);
        await form.getByRole('button', { name: 'Add participant' }).click();
        await lena.getByRole('table', { name: 'Participants' }).getByRole('cell', { name: org }).waitFor();
      }
      const rows = lena.getByRole('table', { name: 'Participants' }).locator('tbody tr');
      await expect.poll(() => rows.count()).toBe(3);
      await lena.getByLabel(label('action starts')).fill('2026-01-15');
      await lena.getByRole('button', { name: 'Save phases' }).click();
      await expect.poll(() => lena.getByRole('button', { name: 'Save phases' }).isDisabled()).toBe(true);
      await shot(lena, 'overview');
    });

    await step('targets', pages, async () => {
      await tab(lena, 'Targets');
      await lena.getByLabel(/Targets, one a line/).fill(TARGETS.join('\n'));
      await lena.getByRole('button', { name: 'Add targets' }).click();
      await lena.getByRole('status').filter({ hasText: '5 added, 0 merged' }).waitFor();
      await expect.poll(() => lena.getByTestId('target-count').textContent()).toBe('5 targets');
      await lena.getByRole('button', { name: 'Work out jurisdictions' }).click();
      await lena.getByRole('status').filter({ hasText: '4 placed, 1 unknown' }).waitFor();
      const table = lena.getByRole('table', { name: 'Targets' });
      await table.getByRole('cell', { name: /^DE · AS24940 Hetzner/ }).waitFor();
    });

    await step('override', pages, async () => {
      await lena.getByRole('button', { name: 'nightfall-panel.top' }).click();
      const detail = lena.getByRole('region', { name: 'Target detail' });
      await detail.getByText('No other operation you can see holds this target.').waitFor();
      await detail.getByLabel(label('Country')).fill('de');
      await detail.getByLabel(label('Reason')).fill('panel hosted by a German reseller, per partner report');
      await detail.getByRole('button', { name: 'Override jurisdiction' }).click();
      await expect.poll(() => detail.getByTestId('target-jurisdiction').textContent()).toBe('DE');
      await detail.getByRole('button', { name: 'Check deconfliction' }).click();
      await detail.getByRole('status').filter({ hasText: 'Deconfliction:' }).waitFor();
      await detail.getByRole('button', { name: 'Close' }).click();
    });

    const bulk = async (select: () => Promise<void>, to: string, detail?: string) => {
      await select();
      const bar = lena.getByRole('form', { name: 'Change status of selected targets' });
      await bar.getByLabel(label('Move to')).selectOption(to);
      if (detail !== undefined) await bar.getByLabel(label('Action taken')).selectOption(detail);
      await bar.getByRole('button', { name: /^Apply to/ }).click();
      await bar.waitFor({ state: 'detached' });
    };
    const selectAll = () => lena.getByLabel(label('Select all shown targets')).check();

    await step('bulk-status', pages, async () => {
      await bulk(selectAll, 'reported');
      await bulk(selectAll, 'action-requested');
      await lena.getByLabel(label('Status')).selectOption('action-requested');
      await expect.poll(() => lena.getByTestId('target-count').textContent()).toBe('5 targets');
      await bulk(
        async () => {
          await lena.getByLabel(label('Select 5.9.0.1')).check();
          await lena.getByLabel(label('Select 81.169.145.1')).check();
          // A target not in a common status would make the move illegal; the bar offers no such move.
        },
        'actioned',
        'taken-down',
      );
      await expect.poll(() => lena.getByTestId('target-count').textContent()).toBe('3 targets');
      await lena.getByLabel(label('Status')).selectOption('actioned');
      await expect.poll(() => lena.getByTestId('target-count').textContent()).toBe('2 targets');
      await lena.getByLabel(label('Status')).selectOption('');
      await shot(lena, 'targets');
    });

    await step('figures-and-map', pages, async () => {
      await tab(lena, 'Figures and map');
      const kpis = lena.getByTestId('kpis');
      await kpis.getByText('Take-down rate').waitFor();
      expect(await kpis.locator('div', { hasText: 'Take-down rate' }).locator('dd').textContent()).toBe(
        '40 %',
      );
      expect(
        await kpis
          .locator('div', { hasText: /^Taken down/ })
          .locator('dd')
          .textContent(),
      ).toBe('2');
      const countries = lena.getByRole('table', { name: 'Targets by country' });
      await countries.getByRole('cell', { name: 'DE', exact: true }).waitFor();
      const map = lena.getByTestId('target-map');
      await expect
        .poll(() =>
          map.evaluate((element) => {
            const img = element as unknown as { complete: boolean; naturalWidth: number };
            return img.complete && img.naturalWidth > 0;
          }),
        )
        .toBe(true);
      await expect.poll(() => lena.locator('[role="img"] svg').count()).toBeGreaterThanOrEqual(3);
      await shot(lena, 'figures');
    });

    await step('car', pages, async () => {
      await tab(lena, 'Reports (CARs)');
      await lena.getByLabel(label('Jurisdiction')).selectOption('DE');
      await lena.getByRole('button', { name: 'Generate CAR' }).click();
      const car = lena.getByRole('region', { name: 'CAR DE' });
      await car.waitFor();
      const preview = lena.frameLocator('iframe[title="CAR preview"]');
      await preview.getByText('5.9.0.1').first().waitFor();
      await preview.getByText('nightfall-panel.top').first().waitFor();
      expect(await preview.getByText('8.8.8.8').count()).toBe(0); // a US target is not in the German CAR
      await shot(lena, 'car-preview');

      const [download] = await Promise.all([
        lena.waitForEvent('download'),
        car.getByRole('link', { name: 'Download STIX bundle' }).click(),
      ]);
      const bundle = JSON.parse(readFileSync(await download.path(), 'utf8')) as {
        type: string;
        objects: { type: string; name?: string }[];
      };
      expect(bundle.type).toBe('bundle');
      expect(bundle.objects.filter((o) => o.type === 'report')).toHaveLength(1);
      const pdfLink = car.getByRole('link', { name: 'Download PDF' });
      if ((await pdfLink.count()) > 0) {
        const [pdf] = await Promise.all([lena.waitForEvent('download'), pdfLink.click()]);
        expect(
          readFileSync(await pdf.path())
            .subarray(0, 5)
            .toString(),
        ).toBe('%PDF-');
      }

      const issue = lena.getByRole('form', { name: 'Issue CAR' });
      await issue.getByLabel(label('Agency')).selectOption({ label: 'National Police DE (DE)' });
      await issue.getByLabel(label('Release authority')).fill('Head of the cyber-crime centre');
      await issue.getByLabel(label('Handling')).selectOption('H1');
      await issue.getByRole('button', { name: 'Issue CAR' }).click();
      await lena.getByRole('table', { name: 'Dissemination' }).getByText('not yet').waitFor();
    });

    await step('acknowledge', pages, async () => {
      const nina = await signedIn('nina@police-de.test');
      await nina.goto(`${base}/operations/${CODE}`);
      await tab(nina, 'Reports (CARs)');
      await nina.getByRole('button', { name: 'CAR DE' }).click();
      await nina.getByRole('button', { name: 'Acknowledge receipt' }).click();
      await nina.getByRole('button', { name: 'Acknowledge receipt' }).waitFor({ state: 'detached' });
      await expect
        .poll(() => nina.getByRole('table', { name: 'Dissemination' }).getByText('not yet').count())
        .toBe(0);
    });

    await step('outsider', pages, async () => {
      const carol = await signedIn('carol@bank.test');
      await carol.getByRole('link', { name: 'Operations' }).click();
      await carol.getByText('You take part in no operation.').waitFor();
      await carol.goto(`${base}/operations/${CODE}`);
      await carol.getByRole('alert').waitFor();
      // The same page as for a code that does not exist: the typed code echoed, nothing else.
      const alert = async (code: string) => {
        await carol.goto(`${base}/operations/${code}`);
        return (await carol.getByRole('alert').textContent())?.replace(code, '<code>');
      };
      expect(await alert(CODE)).toBe(await alert('NO-SUCH-OPERATION'));
      for (const p of [`${base}/operations`, `${base}/operations/${CODE}`]) {
        await carol.goto(p);
        await carol.getByRole('heading', { level: 1 }).or(carol.getByRole('alert')).first().waitFor();
        expect(await carol.content()).not.toContain(NAME);
      }
      await carol.goto(`${base}/operations`);
      expect(await carol.content()).not.toContain(CODE);
      await shot(carol, 'outsider');
      const api = (path: string) => carol.request.get(`${base}/api/v1${path}`);
      expect(await (await api('/operations')).json()).toEqual({ operations: [] });
      for (const path of ['', '/targets', '/kpis', '/cars', '/contributions', '/map.svg']) {
        const response = await api(`/operations/${CODE}${path}`);
        expect(response.status(), path).toBe(404);
        expect(await response.text()).not.toContain(NAME);
      }
    });
  }, 240_000);
});
