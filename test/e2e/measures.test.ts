/**
 * The boards' measures in a browser: a board analyst opens the scorecard, drills from the re-referral rate into a
 * breakdown and its records, and downloads the spreadsheet; a partner agency's user reaches only their own
 * agency's records through a drill-down. Every page scanned by axe. Charts are SVG drawn on the server: the pages need no JavaScript.
 */
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../src/db/client.js';
import { type Journey, Scanner, newContext, signIn, startJourney } from './support.js';

let j: Journey;
const scanner = new Scanner();

beforeAll(async () => {
  j = await startJourney();
});
afterAll(async () => j?.close());

describe('measures in a browser', () => {
  it('lets a board analyst drill from the re-referral rate into its breakdown and records, and download the scorecard', async () => {
    const context = await newContext(j, { javaScript: true });
    const page = await context.newPage();
    await signIn(page, 'analyst');
    await page.getByRole('navigation', { name: 'Menu', exact: true }).getByRole('link', { name: 'Partnership', exact: true }).click();
    await page.getByRole('navigation', { name: 'Partnership', exact: true }).getByRole('link', { name: 'Measures', exact: true }).click();
    await page.waitForURL('**/measures');
    await scanner.scan(page, 'scorecard');
    expect(await page.locator('table.app-scorecard').textContent()).toContain('Re-referrals within 12 months');

    await page.getByRole('link', { name: 'Re-referrals within 12 months', exact: true }).click();
    await scanner.scan(page, 'measure');
    expect(await page.locator('main').textContent()).toContain('Referrals in the period where the same child had a referral in the previous 12 months');
    expect(await page.locator('svg[role="img"] title').count()).toBe(1);

    await page.getByRole('link', { name: 'By age band' }).click();
    await scanner.scan(page, 'breakdown');
    await page.getByRole('link', { name: /^Records/ }).first().click();
    await scanner.scan(page, 'records');
    expect(await page.locator('h1').textContent()).toBe('The records behind the figure');
    const links = await page.locator('main table a[href^="/contacts/"]').count();
    expect(links).toBeGreaterThan(0);

    await page.goto('/measures');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download the scorecard (XLSX)' }).click()]);
    expect(download.suggestedFilename()).toBe('scorecard.xlsx');
    const file = readFileSync((await download.path())!);
    expect(file.subarray(0, 2).toString()).toBe('PK');

    for (const path of ['/measures/reference', '/measures/settings', '/measures/re_referrals/settings', '/measures/re_referrals/commentary', '/measures/reference/comparators']) {
      await page.goto(path);
      await scanner.scan(page);
    }
    await page.goto('/measures/reference/populations');
    await page.getByRole('button', { name: 'Save population' }).click();
    await scanner.scan(page, 'population with errors');
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Select the population group');
    await page.goto('/measures/report');
    await scanner.scan(page, 'board report');
    await context.close();
  });

  it('shows a partner agency only its own agency’s records through a drill-down', async () => {
    const context = await newContext(j, { javaScript: true });
    const page = await context.newPage();
    await signIn(page, 'police');
    await page.goto('/measures/contacts/breakdown/agency');
    await scanner.scan(page, 'breakdown (police)');
    await page.goto('/measures/contacts/records');
    await scanner.scan(page, 'records (police)');
    expect(await page.locator('main').textContent()).toMatch(/belong to agencies you cannot see/);
    const ids = await page.locator('main table a[href^="/contacts/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!.split('/')[2]!));
    const police = await rows<{ agency_id: string }>(j.t.db.db, sql`select agency_id from app_user where email = 'police@demo.threshold.test'`);
    const agency = police[0]!.agency_id;
    for (const id of ids.slice(0, 20)) {
      const [c] = await rows<{ ok: boolean }>(
        j.t.db.db,
        sql`select (c.source_agency_id = ${agency} or c.owning_agency_id = ${agency}
                    or exists (select 1 from contact_share s where s.contact_id = c.id and s.agency_id = ${agency})) as ok
              from contact c where c.id = ${id}`,
      );
      expect(c!.ok).toBe(true);
    }
    // Opening another agency's contact directly is refused.
    const [other] = await rows<{ id: string }>(
      j.t.db.db,
      sql`select c.id from contact c where c.source_agency_id is distinct from ${agency} and c.status <> 'draft'
            and not exists (select 1 from contact_share s where s.contact_id = c.id and s.agency_id = ${agency}) limit 1`,
    );
    const response = await page.goto(`/contacts/${other!.id}`);
    expect(response!.status()).toBe(403);
    await context.close();
  });

  it('finds no WCAG 2.2 AA violations on any page visited', () => {
    expect(scanner.visited.size).toBeGreaterThan(10);
    scanner.assertClean();
  });
});
