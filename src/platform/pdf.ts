/**
 * HTML to PDF through the server's Chromium (Debian's `chromium-headless-shell` or `chromium` package, or
 * CHROMIUM_PATH). The page is loaded
 * from a string with JavaScript and network access off, so nothing in it can reach out. One browser at a time,
 * started for the request and closed after it: reports are occasional, and an idle browser would hold memory.
 */
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

/**
 * CHROMIUM_PATH, else Debian's headless shell (Chromium without the windowed browser around it: the same engine,
 * about a sixth less CPU a page in the browser tests), else Debian's Chromium.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || (['/usr/bin/chromium-headless-shell', '/usr/bin/chromium'].find((p) => existsSync(p)) ?? '/usr/bin/chromium');

let queue: Promise<unknown> = Promise.resolve();

export async function htmlToPdf(html: string): Promise<{ ok: true; pdf: Buffer } | { ok: false; problem: string }> {
  if (!existsSync(CHROMIUM_PATH)) {
    return { ok: false, problem: 'PDF needs Chromium on the server (install the chromium package or set CHROMIUM_PATH). Open the HTML report and print it to PDF instead.' };
  }
  const run = queue.then(async () => {
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
    try {
      const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
      const page = await context.newPage();
      await page.route('**/*', (route) => route.abort());
      await page.setContent(html, { waitUntil: 'load', timeout: 30_000 });
      return await page.pdf({ format: 'A4', printBackground: true, margin: { top: '15mm', bottom: '15mm', left: '12mm', right: '12mm' } });
    } finally {
      await browser.close();
    }
  });
  queue = run.catch(() => undefined);
  try {
    return { ok: true, pdf: await run };
  } catch (err) {
    return { ok: false, problem: `The PDF could not be made (${(err as Error).message.split('\n')[0]}). Open the HTML report and print it to PDF instead.` };
  }
}
