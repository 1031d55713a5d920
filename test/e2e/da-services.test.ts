/**
 * The IDVA and services pages in a browser: an IDVA refers a client (with mistakes first), allocates, changes the
 * risk level, hands over, writes the safety plan and closes the case; once with JavaScript switched off (the pages
 * need none) and once with it on, when every page, and every page with errors, is scanned by axe (WCAG 2.2 AA).
 * (axe itself needs JavaScript in the page, so it cannot scan the first run.)
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { one } from '../../src/db/client.js';
import { type Page } from 'playwright-core';
import { type Journey, Scanner, newContext, signIn, startJourney } from './support.js';

let j: Journey;
const scanner = new Scanner();

beforeAll(async () => {
  j = await startJourney();
  const idva = (await one<{ tenant_id: string; agency_id: string; password_hash: string }>(j.t.db.db, sql`select tenant_id, agency_id, password_hash from app_user where email = 'idva@demo.threshold.test'`))!;
  const second = (await one<{ id: string }>(
    j.t.db.db,
    sql`insert into app_user (tenant_id, agency_id, email, display_name, password_hash)
        values (${idva.tenant_id}, ${idva.agency_id}, 'idva-a11y@demo.threshold.test', 'Iris Second', ${idva.password_hash}) returning id`,
  ))!;
  await j.t.db.db.execute(sql`insert into role_assignment (tenant_id, user_id, role) values (${idva.tenant_id}, ${second.id}, 'idva')`);
});
afterAll(async () => j?.close());

/** The whole journey for one client; `scan` is called on each page worth scanning. */
async function journey(page: Page, client: string, scan: (page: Page, label?: string) => Promise<void>): Promise<void> {
    await page.goto('/da-services');
    await scan(page);

    await page.getByRole('button', { name: 'Refer a client' }).click();
    await page.waitForURL('**/da-services/referrals/new');
    await scan(page);
    await page.getByRole('button', { name: 'Send the referral' }).click();
    await scan(page, 'referral with errors');
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Enter the client’s full name');
    await page.getByLabel('Client’s full name').fill(client);
    await page.getByLabel('Medium', { exact: true }).check();
    await page.getByLabel('Commissioned domestic abuse service (standard and medium risk)').check();
    await page.getByRole('button', { name: 'Send the referral' }).click();
    await page.waitForURL(/\/da-services\/cases\/[0-9a-f-]{36}\?done=referred/);
    await scan(page, 'case waiting');
    const caseUrl = page.url().split('?')[0]!;

    await page.getByRole('link', { name: 'Allocate a keyworker' }).click();
    await page.getByRole('button', { name: 'Allocate' }).click();
    await scan(page, 'allocate with errors');
    await page.getByLabel('Indra Adviser').check();
    await page.getByRole('button', { name: 'Allocate' }).click();
    await page.waitForURL(/done=allocated/);

    await page.getByRole('link', { name: 'Change the risk level' }).click();
    await scan(page, 'change the risk level');
    await page.getByRole('button', { name: 'Change the risk level' }).click();
    await scan(page, 'change the risk level with errors');
    await page.getByLabel('High', { exact: true }).check();
    await page.getByLabel('Why has the risk level changed?').fill('New DASH: 15 ticks');
    await page.getByRole('button', { name: 'Change the risk level' }).click();
    await page.waitForURL(/done=risk/);
    await scan(page, 'case after a risk change');
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('Indra Adviser stays the keyworker');

    await page.getByRole('link', { name: 'Hand the case over to another worker' }).click();
    await page.getByRole('button', { name: 'Hand over' }).click();
    await scan(page, 'handover with errors');
    await page.getByLabel('Iris Second').check();
    await page.getByLabel('Why is the case being handed over?').fill('Client asked for a different worker');
    await page.getByRole('button', { name: 'Hand over' }).click();
    await page.waitForURL(/done=handover/);

    await page.getByRole('link', { name: 'Write the safety plan' }).click();
    await scan(page, 'safety plan');
    await page.getByLabel('The client’s safety plan').fill('Code word with a neighbour.');
    await page.getByRole('button', { name: 'Save the safety plan' }).click();
    await page.waitForURL(/done=safety-plan/);

    await page.getByRole('link', { name: 'Close the case' }).click();
    await page.getByRole('button', { name: 'Close the case' }).click();
    await scan(page, 'close with errors');
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Select the risk level at closure');
    await page.getByLabel('Standard', { exact: true }).check();
    await page.getByLabel('Why is the case being closed?').fill('Client safe and moved away');
    await page.getByRole('button', { name: 'Close the case' }).click();
    await page.waitForURL(/done=closed/);
    await scan(page, 'closed case with its history');
    expect(page.url().split('?')[0]).toBe(caseUrl);

    await page.goto('/da-services');
    await scan(page, 'lists after the journey');
    await page.goto('/da-services/cases?show=waiting-commissioned');
    await scan(page, 'a waiting list on its own');
}

describe('the IDVA and services pages in a browser', () => {
  it('work without JavaScript', { timeout: 180_000 }, async () => {
    const context = await newContext(j, { javaScript: false });
    const page = await context.newPage();
    await signIn(page, 'idva');
    await journey(page, 'Rowan Nojava', async () => {});
    await context.close();
  });

  it('pass axe on every page, errors included', { timeout: 180_000 }, async () => {
    const context = await newContext(j, { javaScript: true });
    const page = await context.newPage();
    await signIn(page, 'idva');
    await journey(page, 'Rowan Axewell', (p, label) => scanner.scan(p, label));
    await context.close();
    expect(scanner.visited.size).toBeGreaterThanOrEqual(12);
    scanner.assertClean();
  });
});
