import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
const root = fileURLToPath(new URL('../../', import.meta.url));

/** Builds the web UI once when web/dist is missing (a fresh checkout), as `npm start` would. */
export function ensureWebBuilt(): void {
  if (existsSync(`${root}web/dist/index.html`)) return;
  execFileSync(
    process.execPath,
    [`${root}node_modules/vite/bin/vite.js`, 'build', 'web', '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
}

/** Debian's Chromium, headless, through playwright-core (never a downloaded browser). */
export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** Runs one step; on failure saves a screenshot of every page to test-results/ and rethrows. */
export async function step<T>(name: string, pages: Page[], fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    mkdirSync(`${root}test-results`, { recursive: true });
    for (const [i, page] of pages.entries()) {
      const file = `${root}test-results/e2e-${name.replace(/\W+/g, '-')}-${i}.png`;
      await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
    }
    throw error;
  }
}
