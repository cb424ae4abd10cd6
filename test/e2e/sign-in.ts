import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { PASSWORD } from './world.js';

export interface SignedIn {
  context: BrowserContext;
  page: Page;
}

/**
 * A fresh browser context signed in through the sign-in form, waiting for the dashboard. Page errors
 * are logged with the user's e-mail; the caller closes the context. `options` add to the context's
 * (e.g. `bypassCSP` for an axe-core check, which is injected inline).
 */
export async function signInAs(
  browser: Browser,
  base: string,
  email: string,
  password: string = PASSWORD,
  options: BrowserContextOptions = {},
): Promise<SignedIn> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
    ...options,
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => {
    console.error(`page error (${email}):`, e.message);
  });
  await page.goto(base);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('dashboard-total').waitFor();
  return { context, page };
}
