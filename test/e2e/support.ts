/**
 * Browser journeys: the real app on a loopback port over a fresh test database, driven in Debian's Chromium,
 * with an axe scan (WCAG 2.2 AA) of every page visited, and a full-page screenshot and size check of every page
 * per role.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, type BrowserContext, type CDPSession, type Page, chromium } from 'playwright-core';
import { CHROMIUM_PATH } from '../../src/platform/pdf.js';
import { type TestApp, createTestApp } from '../support/app.js';
import { type PageMeasure, pageKey, roleKey, screenshotName, sizeProblems } from './page-key.js';

/** The server's Chromium (src/platform/pdf.ts): Debian's headless shell where installed, else Debian's Chromium. */
export const CHROMIUM = CHROMIUM_PATH;

export interface Journey {
  t: TestApp;
  baseUrl: string;
  browser: Browser;
  close(): Promise<void>;
}

/** `now`: the app's clock, for journeys that move through days and months. */
export async function startJourney(options: { now?: () => Date } = {}): Promise<Journey> {
  const t = await createTestApp(options.now ? { now: options.now } : {});
  const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  return {
    t,
    baseUrl: address,
    browser,
    close: async () => {
      await browser.close();
      await t.close();
    },
  };
}

export async function newContext(j: Journey, options: { javaScript: boolean }): Promise<BrowserContext> {
  return j.browser.newContext({ baseURL: j.baseUrl, javaScriptEnabled: options.javaScript });
}

/**
 * Every violation axe finds for WCAG 2.0, 2.1 and 2.2 at A and AA, as readable strings. In axe's single-page mode
 * (`setLegacyMode`): the service's pages have no frames, and the default mode opens a second page for every scan to
 * put the frames' results together and loads axe into it again (twice the time: 2.3 s against 1.1 s a page, measured
 * side by side on the people journey).
 */
export async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).setLegacyMode().analyze();
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

/** Full-page screenshots of every page, once per role: off with E2E_SCREENSHOTS=0 (the size checks still run). */
const SCREENSHOTS = process.env.E2E_SCREENSHOTS !== '0';
export const SCREENSHOT_DIR = resolve('test-results/screenshots');

/** The signed-in roles and the page's size, read in the page (a string: the tests have no DOM types). */
const MEASURE = `(() => {
  const d = document.documentElement;
  const viewportWidth = d.clientWidth;
  const scrollWidth = Math.max(d.scrollWidth, document.body.scrollWidth);
  const overflowing = [];
  if (scrollWidth > viewportWidth) {
    for (const e of document.body.querySelectorAll('*')) {
      const r = e.getBoundingClientRect();
      if (r.width === 0 || r.right <= viewportWidth + 0.5 || overflowing.some((o) => o.contains(e))) continue;
      overflowing.push(e);
      if (overflowing.length === 3) break;
    }
  }
  const name = (e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.classList.length ? '.' + [...e.classList].slice(0, 2).join('.') : '');
  // A question page: one form (beside it, at most a small one such as "Submit") making up most of the main content.
  const main = document.querySelector('main');
  const forms = main ? [...main.querySelectorAll('form')].filter((f) => (f.getAttribute('method') || '').toLowerCase() === 'post') : [];
  const tallest = Math.max(0, ...forms.map((f) => f.getBoundingClientRect().height));
  const form = !!main && forms.length > 0 && tallest >= 0.6 * main.getBoundingClientRect().height;
  return {
    roles: document.body.getAttribute('data-roles'),
    measure: { scrollWidth, viewportWidth, height: Math.max(d.scrollHeight, document.body.scrollHeight), paginated: !!document.querySelector('.govuk-pagination'), form, document: !!document.querySelector('main.app-document'), overflowing: overflowing.map(name) },
  };
})()`;

const devTools = new WeakMap<Page, CDPSession>();

/**
 * A full-page PNG through Chromium's DevTools protocol with `optimizeForSpeed`: a third of the time of Playwright's
 * `fullPage` screenshot (which encodes for size), so the screenshots cost the journeys little.
 */
async function screenshot(page: Page, path: string, m: PageMeasure): Promise<void> {
  let cdp = devTools.get(page);
  if (!cdp) {
    cdp = await page.context().newCDPSession(page);
    devTools.set(page, cdp);
  }
  const clip = { x: 0, y: 0, width: Math.max(m.scrollWidth, m.viewportWidth), height: m.height, scale: 1 };
  await mkdir(dirname(path), { recursive: true });
  try {
    const { data } = await cdp.send('Page.captureScreenshot', { format: 'png', captureBeyondViewport: true, optimizeForSpeed: true, clip });
    await writeFile(path, Buffer.from(data, 'base64'));
  } catch {
    await page.screenshot({ path, fullPage: true });
  }
}

export interface PageCheck {
  role: string;
  key: string;
  measure: PageMeasure;
  /** The page's size problems: too wide, or too long without pagination. */
  problems: string[];
}

/**
 * Records the pages a journey visits: runs axe once per distinct page (per role too with `axePerRole`), and once
 * per distinct page and signed-in role saves a full-page screenshot to test-results/screenshots/<role>/<page>.png
 * and measures it. `assertClean()` fails on any axe violation, any page wider than the viewport, and any page taller
 * than MAX_PAGE_HEIGHT without the GOV.UK pagination component (test/e2e/page-key.ts).
 */
export class Scanner {
  /** Axe's violations by page key (`<role> <page key>` with `axePerRole`). */
  readonly visited = new Map<string, string[]>();
  /** The size check of each page, by `<role> <page key>`. */
  readonly measured = new Map<string, PageCheck>();

  constructor(private readonly options: { axePerRole?: boolean } = {}) {}

  /** Checks the page as it is now (axe, and `check`), unless this page was checked before. */
  async scan(page: Page, label?: string): Promise<void> {
    const { role, key } = await this.check(page, label);
    const axeKey = this.options.axePerRole ? `${role} ${key}` : key;
    if (!this.visited.has(axeKey)) this.visited.set(axeKey, await axeViolations(page));
  }

  /**
   * The screenshot and size check without axe, once per page and role: for pages in a context with JavaScript off,
   * where axe cannot run.
   */
  async check(page: Page, label?: string): Promise<PageCheck> {
    const key = pageKey(page.url(), label);
    const found = (await page.evaluate(MEASURE)) as { roles: string | null; measure: PageMeasure };
    const role = roleKey(found.roles);
    const id = `${role} ${key}`;
    const known = this.measured.get(id);
    if (known) return known;
    const checked = { role, key, measure: found.measure, problems: sizeProblems(key, found.measure) };
    this.measured.set(id, checked);
    if (SCREENSHOTS) await screenshot(page, join(SCREENSHOT_DIR, role, `${screenshotName(key)}.png`), found.measure);
    return checked;
  }

  assertClean(): void {
    const failures = [...this.visited].filter(([, v]) => v.length > 0).map(([key, v]) => `${key}: axe found\n    ${v.join('\n    ')}`);
    for (const m of this.measured.values()) {
      if (m.problems.length) failures.push(`${m.key} (signed in as ${m.role}): ${m.problems.join('; ')}`);
    }
    if (failures.length) throw new Error(`${failures.length} page(s) failed:\n  ${failures.join('\n  ')}`);
  }
}

export async function signIn(page: Page, user: string, password = 'Threshold-demo-2026'): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(`${user}@demo.threshold.test`);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL(/\/sign-in/);
}

/** The main content's text. */
export const main = async (page: Page): Promise<string> => (await page.locator('main').textContent()) ?? '';

/** Sends a form that is refused: the page comes back with its error summary, whose text is returned. */
export const refused = async (page: Page, button: string): Promise<string> => {
  await page.getByRole('button', { name: button }).click();
  await page.locator('.govuk-error-summary').waitFor();
  return (await page.locator('.govuk-error-summary').textContent()) ?? '';
};

/** Sends a form that is accepted: the page moves on to `url` (or the test fails with the errors shown). */
export const submit = async (page: Page, button: string, url: RegExp): Promise<void> => {
  await page.getByRole('button', { name: button }).click();
  await page.waitForURL(url).catch(async (e: unknown) => {
    throw new Error(`${button}: ${(await page.locator('.govuk-error-summary').textContent().catch(() => null)) ?? String(e)}`);
  });
};

/** The summary list row's value for a key. */
export const rowValue = async (page: Page, key: string): Promise<string> =>
  ((await page.locator('.govuk-summary-list__row', { has: page.locator('dt', { hasText: key }) }).first().locator('dd').textContent()) ?? '').trim();
