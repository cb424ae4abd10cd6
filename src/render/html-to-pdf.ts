import { existsSync } from 'node:fs';
import { AccordError } from '../errors.js';

/** Debian's Chromium (the browser the tests use); `ACCORD_CHROMIUM` names another binary. */
export function chromiumPath(): string {
  return process.env.ACCORD_CHROMIUM ?? '/usr/bin/chromium';
}

/** Whether PDFs can be printed here; without Chromium, reports are offered as HTML only. */
export function pdfAvailable(): boolean {
  return existsSync(chromiumPath());
}

/**
 * Prints a self-contained HTML document to PDF with headless Chromium through playwright-core, which
 * downloads nothing. The page gets no network: every report carries its charts and styles inline.
 */
export async function htmlToPdf(html: string): Promise<Buffer> {
  if (!pdfAvailable())
    throw new AccordError(
      'pdf_unavailable',
      501,
      `PDF needs Chromium at ${chromiumPath()}; HTML is available`,
    );
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({
      format: 'A4',
      printBackground: true,
      margin: { top: '15mm', bottom: '15mm', left: '12mm', right: '12mm' },
    });
  } finally {
    await browser.close();
  }
}
