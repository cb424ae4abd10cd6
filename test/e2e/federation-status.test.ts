import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectPeer } from '../../src/federation/federation-admin.js';
import { instanceId } from '../../src/federation/instance-id.js';
import { getPeer } from '../../src/federation/peers.js';
import { FederationRefused, pullFromPeer } from '../../src/federation/pull-from-peer.js';
import type { UserViewer } from '../../src/policy/viewer.js';
import { openSqliteStore } from '../../src/store/sqlite/open-sqlite.js';
import type { Store } from '../../src/store/store.js';
import { Instance } from '../federation-harness.js';
import { ensureWebBuilt, hasChromium, launchChromium, step } from './browser.js';
import { signInAs } from './sign-in.js';
import { webApp } from './web-app.js';
import { seedWorld } from './world.js';

if (!hasChromium) console.warn('skipped: /usr/bin/chromium is not installed (apt-get install chromium)');
const artefacts = fileURLToPath(new URL('../../test-results/', import.meta.url));

/** A loopback port nothing listens on (taken, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) =>
    server.close(() => {
      resolve();
    }),
  );
  return port;
}

describe.skipIf(!hasChromium)('the federation status page in Chromium', () => {
  let dir: string;
  let store: Store;
  let app: FastifyInstance;
  let base: string;
  let bravo: Instance;
  let browser: Browser;
  let admin: UserViewer;
  let ghostPort = 0;
  const pages: Page[] = [];

  beforeAll(async () => {
    ensureWebBuilt();
    dir = mkdtempSync(join(tmpdir(), 'accord-e2e-federation-'));
    store = await openSqliteStore(join(dir, 'accord.db'));
    const world = await seedWorld(store);
    admin = {
      kind: 'user',
      userId: world.users.admin,
      email: 'admin@accord.test',
      orgId: (
        await store.db
          .selectFrom('users')
          .select('org_id')
          .where('id', '=', world.users.admin)
          .executeTakeFirstOrThrow()
      ).org_id,
      role: 'admin',
      groups: [],
      readOnly: false,
    };
    app = await webApp(store);
    base = await app.listen({ host: '127.0.0.1', port: 0 });
    // A second instance in-process, with its own store, connected both ways with this one.
    bravo = await Instance.create('bravo', 'sqlite');
    const secret = randomBytes(24).toString('hex');
    await connectPeer(store, admin, {
      name: 'bravo',
      url: bravo.base,
      instance_id: bravo.id,
      direction: 'both',
      secret,
      speaks_for: [bravo.org],
    });
    await connectPeer(bravo.store, bravo.admin.viewer, {
      name: 'alpha',
      url: base,
      instance_id: await instanceId(store),
      direction: 'both',
      secret,
      speaks_for: [],
    });
    await pullFromPeer(store, await getPeer(store, 'bravo'));
    // Bravo catches up with this instance, then asks after its cursor: that confirms what it holds.
    for (let i = 0; i < 2; i++) await pullFromPeer(bravo.store, await getPeer(bravo.store, 'alpha'));
    // A peer pointing at a loopback port nothing answers on: its pulls fail as `unreachable`.
    ghostPort = await closedPort();
    await connectPeer(store, admin, {
      name: 'ghost',
      url: `http://127.0.0.1:${ghostPort}`,
      instance_id: 'accord-instance--00000000-0000-4000-8000-000000000009',
      direction: 'pull',
      secret: 'g'.repeat(40),
      speaks_for: [],
    });
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser.close();
    await app.close();
    await store.close();
    await bravo.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    'lists the peers with their figures, and shows a new error with its reason without a reload',
    {
      timeout: 120_000,
    },
    async () => {
      const { page } = await signInAs(browser, base, 'admin@accord.test');
      pages.push(page);
      const table = page.getByRole('table', { name: 'Federation peers' });
      await step('open', pages, async () => {
        await page.getByRole('link', { name: 'Federation' }).click();
        await page.getByRole('heading', { name: 'Federation' }).waitFor();
        await table.waitFor();
        const rows = await table.getByRole('row').allInnerTexts();
        expect(rows).toHaveLength(3);
        expect(rows[1]).toMatch(
          /bravo[\s\S]*both[\s\S]*in sync[\s\S]*lag 0[\s\S]*pulled \d{4}-\d\d-\d\d[\s\S]*none/,
        );
        expect(rows[2]).toMatch(/ghost[\s\S]*pull[\s\S]*never contacted[\s\S]*none/);
      });
      await step('error', pages, async () => {
        // The ghost's pull fails while the page is open: the next refresh shows the reason.
        const failed = await pullFromPeer(store, await getPeer(store, 'ghost')).catch((e: unknown) => e);
        expect(failed).toBeInstanceOf(FederationRefused);
        const ghost = table.getByRole('row').filter({ hasText: 'ghost' });
        await ghost.getByText('unreachable').waitFor({ timeout: 10_000 });
        expect(await ghost.innerText()).toMatch(/failing[\s\S]*unreachable[\s\S]*127\.0\.0\.1:\d+/);
        expect(await ghost.innerText()).toContain(`127.0.0.1:${ghostPort}`);
        mkdirSync(artefacts, { recursive: true });
        await page.screenshot({ path: join(artefacts, 'federation-status.png'), fullPage: true });
      });
    },
  );

  it(
    'is not offered to non-administrators, and its data is refused to them',
    { timeout: 60_000 },
    async () => {
      const { page } = await signInAs(browser, base, 'bob@police.test');
      pages.push(page);
      await step('non-admin', pages, async () => {
        expect(await page.getByRole('link', { name: 'Federation' }).count()).toBe(0);
        await page.goto(`${base}/federation`);
        await page.getByRole('heading', { name: 'Federation' }).waitFor();
        await page
          .getByRole('alert')
          .filter({ hasText: /administrator|forbidden/i })
          .waitFor();
        expect(await page.content()).not.toContain(`127.0.0.1:${ghostPort}`);
        expect(await page.getByRole('table').count()).toBe(0);
      });
    },
  );
});
