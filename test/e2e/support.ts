/**
 * Browser journeys: the real app on a loopback port over a fresh test database, driven in Debian's Chromium,
 * with an axe scan (WCAG 2.2 AA) of every page visited.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';
import { expect } from 'vitest';
import { type TestApp, createTestApp } from '../support/app.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

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

/** Every violation axe finds for WCAG 2.0, 2.1 and 2.2 at A and AA, as readable strings. */
export async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

/** Records the pages a journey visits and scans each once. */
export class Scanner {
  readonly visited = new Map<string, string[]>();

  async scan(page: Page, label?: string): Promise<void> {
    const key = label ?? new URL(page.url()).pathname.replace(/[0-9a-f-]{36}/g, ':id');
    if (this.visited.has(key)) return;
    this.visited.set(key, await axeViolations(page));
  }

  assertClean(): void {
    const failures = [...this.visited].filter(([, v]) => v.length > 0);
    expect(Object.fromEntries(failures)).toEqual({});
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
