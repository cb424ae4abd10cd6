import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { createAdvisory, publishAdvisory } from '../../src/public/advisories/advisories.js';
import { setIntakeOrganisation } from '../../src/public/intake/intake-organisation.js';
import { openSqliteStore } from '../../src/store/sqlite/open-sqlite.js';
import type { Store } from '../../src/store/store.js';
import { orgId, userViewer } from '../factories.js';
import { addOrg } from '../import-helpers.js';
import { ensureWebBuilt, launchChromium } from './browser.js';
import { webApp } from './web-app.js';

export const SHOTS = new URL('../../test-results/', import.meta.url).pathname;

export interface PortalWorld {
  store: Store;
  base: string;
  browser: Browser;
  close: () => Promise<void>;
}

/**
 * The server as `accord serve` runs it on a fresh SQLite store, with one published advisory
 * ("parcel-sms": English, and French unless `french` is false), the intake organisation chosen, and
 * Chromium; `close` removes it all.
 */
export async function portalWorld(advisoryBody: string, french = true): Promise<PortalWorld> {
  ensureWebBuilt();
  mkdirSync(SHOTS, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'accord-e2e-public-'));
  const store = await openSqliteStore(join(dir, 'accord.db'));
  const org = orgId();
  await addOrg(store, org);
  const admin = userViewer(org, 'admin');
  await setIntakeOrganisation(store, admin, org);
  const a = await createAdvisory(store, admin, {
    slug: 'parcel-sms',
    tlp: 'clear',
    texts: {
      en: { title: 'Fake parcel texts', summary: 'Texts ask for a fee.', body: advisoryBody },
      ...(french
        ? {
            fr: {
              title: 'Faux SMS de colis',
              summary: 'Des SMS demandent des frais.',
              body: 'Ne cliquez pas.',
            },
          }
        : {}),
    },
  });
  await publishAdvisory(store, admin, a.id);
  const app = await webApp(store);
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  const browser = await launchChromium();
  return {
    store,
    base,
    browser,
    close: async () => {
      await browser.close();
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
