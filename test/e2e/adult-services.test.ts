/**
 * The other adult safeguarding pages in a browser, as their users see them: the DoLS lead's lists, an application and
 * its allocation (with errors); an assessor's own list; the contract compliance officer's providers, a provider's page
 * and a contract concern (with errors); the transitions list and a transfer; a partner's requests to contribute; the
 * adult team's home page. Once without JavaScript (every page loads, every form refuses bad input with its error
 * summary) and once with it, when axe scans every page (WCAG 2.2 AA).
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { one } from '../../src/db/client.js';
import { type Page } from 'playwright-core';
import { type Journey, Scanner, newContext, signIn, signOut, startJourney } from './support.js';

let j: Journey;
const scanner = new Scanner();
const ids: Record<string, string> = {};

beforeAll(async () => {
  j = await startJourney();
  const db = j.t.db.db;
  ids.application = (await one<{ id: string }>(db, sql`select id from dols_application where status = 'received' order by received_at limit 1`))!.id;
  ids.provider = (await one<{ id: string }>(db, sql`select id from care_provider where name = 'Heathervale Care Home'`))!.id;
  const transfer = await one<{ id: string }>(db, sql`select id from lead_transfer where status = 'proposed' limit 1`);
  if (transfer) ids.transfer = transfer.id;
});
afterAll(async () => j?.close());

async function visit(page: Page, url: string, scan: (page: Page, label?: string) => Promise<void>, label?: string): Promise<string> {
  const res = await page.goto(url);
  expect(res?.status(), url).toBe(200);
  await scan(page, label);
  return (await page.locator('main').textContent()) ?? '';
}

async function submitEmpty(page: Page, button: string, scan: (page: Page, label?: string) => Promise<void>, label: string): Promise<void> {
  await page.getByRole('button', { name: button }).click();
  await page.locator('.govuk-error-summary').waitFor();
  await scan(page, label);
}

async function tour(page: Page, scan: (page: Page, label?: string) => Promise<void>): Promise<void> {
  await signIn(page, 'dols');
  expect(await visit(page, '/dols', scan, 'dols lead')).toContain('Unallocated');
  await visit(page, `/dols/applications/${ids.application}`, scan, 'dols application');
  await visit(page, `/dols/applications/${ids.application}/allocate`, scan, 'dols allocate');
  await submitEmpty(page, 'Allocate', scan, 'dols allocate with errors');
  await visit(page, '/dols/applications/new', scan, 'dols new');
  await submitEmpty(page, 'Record the application', scan, 'dols new with errors');
  await signOut(page);

  await signIn(page, 'bia');
  await visit(page, '/dols', scan, 'dols assessor');
  await signOut(page);

  await signIn(page, 'contracts');
  expect(await visit(page, '/providers', scan, 'providers')).toContain('Heathervale Care Home');
  await visit(page, `/providers/${ids.provider}`, scan, 'provider');
  await visit(page, `/providers/${ids.provider}/contract-concerns/new`, scan, 'contract concern');
  await submitEmpty(page, 'Record the concern', scan, 'contract concern with errors');
  await signOut(page);

  await signIn(page, 'adults-manager');
  await visit(page, '/', scan, 'adult manager home');
  await visit(page, '/transitions', scan, 'transitions (adults)');
  if (ids.transfer) await visit(page, `/transitions/transfers/${ids.transfer}`, scan, 'transfer');
  await visit(page, '/adults?view=enquiries', scan, 'open enquiries');
  await signOut(page);

  await signIn(page, 'manager');
  await visit(page, '/transitions', scan, 'transitions (children)');
  await signOut(page);

  await signIn(page, 'police');
  await visit(page, '/adults/contributions', scan, 'requests to contribute');
  await visit(page, '/', scan, 'partner home');
  await signOut(page);
}

describe('the DoLS, provider, transitions and partner pages in a browser', () => {
  it('work without JavaScript', { timeout: 180_000 }, async () => {
    const context = await newContext(j, { javaScript: false });
    await tour(await context.newPage(), async () => {});
    await context.close();
  });

  it('pass axe on every page, errors included', { timeout: 180_000 }, async () => {
    const context = await newContext(j, { javaScript: true });
    await tour(await context.newPage(), (p, label) => scanner.scan(p, label));
    await context.close();
    expect(scanner.visited.size).toBeGreaterThanOrEqual(16);
    scanner.assertClean();
  });
});
