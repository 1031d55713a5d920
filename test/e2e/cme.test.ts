/**
 * Children missing education in a browser, with JavaScript off (the pages need none) and every page scanned by axe
 * (WCAG 2.2 AA): a school reports a pupil deleted from roll from its own page (a child new to the register) → the
 * locality worker records a home visit and the CME officer an enquiry with another authority → closing without an
 * outcome code, and with "found in a school in another local authority" but no school, is refused → closed with that
 * code and where → the school sees the outcome among its own referrals → the child returns, is referred again and
 * shows as missing education before, with the first referral in their history. The quarterly scorecard's half of
 * the journey is the measures capability's.
 */
import { sql } from 'drizzle-orm';
import { type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { one } from '../../src/db/client.js';
import { londonDate } from '../../src/domain/time.js';
import { type Journey, Scanner, newContext, signIn, startJourney } from './support.js';

let j: Journey;
const scanner = new Scanner();

beforeAll(async () => {
  j = await startJourney();
});
afterAll(async () => j?.close());

async function as(page: Page, user: string): Promise<void> {
  await page.context().clearCookies();
  await signIn(page, user);
}

async function fillDate(page: Page, prefix: string, date: string): Promise<void> {
  const [y, m, d] = date.split('-');
  await page.locator(`#${prefix}-day`).fill(String(Number(d)));
  await page.locator(`#${prefix}-month`).fill(String(Number(m)));
  await page.locator(`#${prefix}-year`).fill(y!);
}

const main = async (page: Page) => (await page.locator('main').textContent()) ?? '';
/** Axe runs in the page, so only the pass with JavaScript on is scanned. */
let scanning = false;
const scan = async (page: Page, label?: string) => (scanning ? scanner.scan(page, label) : undefined);
const refused = async (page: Page, button: string) => {
  await page.getByRole('button', { name: button }).click();
  await page.locator('.govuk-error-summary').waitFor();
  await scan(page, `${new URL(page.url()).pathname.replace(/[0-9a-f-]{36}/g, ':id')} (error)`);
  return (await page.locator('.govuk-error-summary').textContent()) ?? '';
};

describe('a pupil missing education, found in a school in another authority, then missing again', () => {
  async function journey(javaScript: boolean, given: string) {
    scanning = javaScript;
    const context = await newContext(j, { javaScript });
    const page = await context.newPage();
    const today = londonDate(new Date());

    // The school refers a pupil deleted from roll.
    await as(page, 'dsl');
    await page.goto('/');
    await scan(page, 'home (school)');
    await page.getByRole('link', { name: 'Refer a child missing education' }).click();
    await scan(page);
    await page.getByLabel('Given names', { exact: true }).first().fill(given);
    await page.getByLabel('Family name', { exact: true }).first().fill('Journeyova');
    await page.getByRole('button', { name: 'Find' }).click();
    expect(await refused(page, 'Make the referral')).toContain('Find the child and select them, or add them as someone new');
    await page.getByLabel('Add the child as someone new').check();
    await page.locator('#givenNames').fill(given);
    await page.locator('#familyName').fill('Journeyova');
    await fillDate(page, 'dateOfBirth', '2016-05-20');
    await page.getByLabel('Deleted from the school roll, whereabouts not known').check();
    await page.getByLabel('Yes', { exact: true }).check();
    await page.locator('#ethnicity').selectOption('NOBT');
    await page.locator('#postcode').fill('FM1 3AB');
    await page.locator('#narrative').fill('Taken off roll after mum said the family were moving; no school has asked for the records and the phone is disconnected.');
    await page.getByRole('button', { name: 'Make the referral' }).click();
    await page.waitForURL(/\/cme\/referrals\/[0-9a-f-]{36}/);
    await scan(page, 'referral (school)');
    expect(await main(page)).toContain(`${given} Journeyova`);
    expect(await main(page)).toContain('Not recorded (information not yet obtained)');
    expect(await main(page)).toContain('Central');
    const referralUrl = new URL(page.url()).pathname;
    const id = referralUrl.split('/').pop()!;
    const due = (await one<{ d: string }>(j.t.db.db, sql`select joint_enquiry_due_on::text as d from cme_referral where id = ${id}`))!.d;
    expect(due > today).toBe(true);

    // The locality worker visits; the officer asks another authority.
    await as(page, 'cme-locality');
    await page.goto('/');
    await scan(page, 'home (CME)');
    await page.goto('/cme');
    await scan(page);
    await page.goto(referralUrl);
    await scan(page);
    expect(await main(page)).toMatch(/school days? left/);
    await page.getByRole('button', { name: 'Record an enquiry' }).click();
    await scan(page);
    expect(await refused(page, 'Record the enquiry')).toContain('Select the kind of enquiry');
    await page.getByLabel('Home visit').check();
    await fillDate(page, 'madeOn', today);
    await page.locator('#result').fill('House empty; a neighbour said the family had gone to Kelby.');
    await page.getByRole('button', { name: 'Record the enquiry' }).click();
    await page.waitForURL(new RegExp(`${referralUrl}\\?done=enquiry`));
    expect(await main(page)).toContain('House empty');

    await as(page, 'cme');
    await page.goto(referralUrl);
    await page.getByRole('button', { name: 'Record an enquiry' }).click();
    await page.getByLabel('Another local authority').check();
    await fillDate(page, 'madeOn', today);
    await page.locator('#result').fill(`Kelby City Council: ${given} started at Castle Rise Academy last week.`);
    await page.getByRole('button', { name: 'Record the enquiry' }).click();
    await page.waitForURL(/done=enquiry/);

    // Closing needs the outcome code, and this one needs where.
    await page.getByRole('button', { name: 'Close with an outcome' }).click();
    await scan(page);
    await fillDate(page, 'closedOn', today);
    expect(await refused(page, 'Close the referral')).toContain('Select the outcome code: a referral is closed only with one');
    await page.getByLabel('Found in a school in another local authority').check();
    await fillDate(page, 'closedOn', today);
    expect(await refused(page, 'Close the referral')).toContain('Enter the school and the local authority the child was found in');
    await page.getByLabel('Found in a school in another local authority').check();
    await page.locator('#foundAt').fill('Castle Rise Academy, Kelby City Council');
    await fillDate(page, 'closedOn', today);
    await page.getByRole('button', { name: 'Close the referral' }).click();
    await page.waitForURL(/done=closed/);
    expect(await main(page)).toContain('Closed: Found in a school in another local authority');
    expect(await main(page)).toContain('Castle Rise Academy, Kelby City Council');

    // The school sees what became of its referral.
    await as(page, 'dsl');
    await page.goto('/cme/our-referrals');
    await scan(page);
    expect(await main(page)).toContain(`${given} Journeyova`);
    expect(await main(page)).toContain('Found in a school in another local authority');

    // The child returns and goes missing again: referred again, recurrent, with the history.
    await page.goto(`/cme/our-referrals/new?givenNames=${given}&familyName=Journeyova`);
    expect(await main(page)).toContain('referred as missing education before');
    await page.getByLabel(`${given} Journeyova`).check();
    await page.getByLabel('10 school days’ continuous unauthorised absence').check();
    await page.getByLabel('Not known', { exact: true }).check();
    await page.locator('#ethnicity').selectOption('NOBT');
    await page.locator('#narrative').fill('Back in Fernmoor and on roll for three weeks, then absent without reason for 10 school days.');
    await page.getByRole('button', { name: 'Make the referral' }).click();
    await page.waitForURL(/done=referred/);
    expect(await main(page)).toContain('Missing education before');
    const again = new URL(page.url()).pathname;
    expect(again).not.toBe(referralUrl);

    await as(page, 'cme');
    await page.goto(again);
    await scan(page, 'referral (recurrent)');
    expect(await main(page)).toContain('counts as a recurrence');
    expect(await main(page)).toContain('Found in a school in another local authority: Castle Rise Academy, Kelby City Council');
    await page.goto('/cme/home-education');
    await scan(page);
    await page.goto('/cme/localities');
    await scan(page);
    await context.close();
  }

  it('goes from the school’s referral to the outcome code and back as a recurrence, without JavaScript', async () => journey(false, 'Zuzana'));
  it('and with it, every page scanned', async () => journey(true, 'Mira'));

  it('passes axe on every page visited', () => {
    expect(scanner.visited.size).toBeGreaterThan(8);
    scanner.assertClean();
  });
});
