/**
 * Issue 16 in a browser, as the demo users work it, once with JavaScript on (every page scanned by axe, WCAG 2.2
 * AA, errors included, the main pages photographed into /tmp/shots16/) and once with it off (the pages need none).
 *
 * Children missing education: the board analyst reads the quarter's cases resolved "found in a school in another
 * local authority" → a school's DSL refers a pupil deleted from roll from the school's own page; another school's
 * DSL cannot open it (404) → the CME officer records a home visit, an enquiry of the last school and one of another
 * authority, and closes the referral with that code and where (refused without either) → after recalculating, the
 * scorecard's count for that code is one higher → the child returns and is referred again: the school is told they
 * were referred before, and the officer's page marks the referral recurrent with the first in the child's history.
 *
 * The LADO, on a clock the journey moves four months on: the school's DSL makes a contact through the front door's
 * form naming the teaching assistant as an adult in a position of trust → the designated officer records the
 * details and progresses it to the LADO process within the working day → an allegation management meeting with the
 * police, the school and HR sets actions → police investigating, the reason it stays open recorded → four months
 * on it is listed as open over 3 months with that reason → the police finish, the allegation is substantiated and
 * the school's dismissal referred to the DBS → the school's page shows where it stands and its own action, none of
 * the designated officer's notes; another school gets 404. The LADO's annual figures are photographed.
 */
import { mkdirSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { one } from '../../src/db/client.js';
import { WorkingCalendar } from '../../src/domain/calendar.js';
import holidaysFile from '../../src/domain/data/bank-holidays-england-and-wales.json' with { type: 'json' };
import { periodContaining } from '../../src/domain/measures/periods.js';
import { type LocalDate, LONDON, addDays, addMonths, instantAt, londonDate } from '../../src/domain/time.js';
import { formatDate } from '../../src/platform/views.js';
import { type Journey, Scanner, newContext, signIn, startJourney, main, refused, submit, rowValue } from './support.js';

const SHOTS = '/tmp/shots16';
const [fromYear, toYear] = holidaysFile.years.split('-').map(Number) as [number, number];
/** England and Wales working days, independent of the app's own calendar service. */
const cal = new WorkingCalendar(
  holidaysFile.events.map((e) => e.date),
  { coveredYears: { from: fromYear, to: toYear } },
);

// The app's clock: the real one for children missing education; for the LADO, moved back to a working day a little
// over four months ago and then four months on, so that every date recorded is in the past by either clock.
let offset = 0;
const now = () => new Date(Date.now() + offset);
const travelTo = (date: LocalDate, minutes: number) => {
  offset = instantAt(date, minutes, LONDON).getTime() - Date.now();
};
const realToday = () => londonDate(new Date());
let ladoStart: LocalDate = addDays(addMonths(cal.dateOf(new Date()), -4), -3);
while (!cal.isWorkingDay(ladoStart)) ladoStart = addDays(ladoStart, -1);
let ladoLater: LocalDate = addMonths(ladoStart, 4);
while (!cal.isWorkingDay(ladoLater)) ladoLater = addDays(ladoLater, -1);

let j: Journey;
const scanner = new Scanner();
let school = { id: '', name: '' };

beforeAll(async () => {
  j = await startJourney({ now });
  school = (await one<{ id: string; name: string }>(j.t.db.db, sql`select a.id, a.name from app_user u join agency a on a.id = u.agency_id where u.email = 'dsl@demo.threshold.test'`))!;
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => j?.close());

type Scan = (page: Page, label?: string) => Promise<void>;
type Shot = (page: Page, name: string) => Promise<void>;

/** Signs in afresh (the clock may have moved past the last session's idle limit). */
async function as(page: Page, user: string): Promise<void> {
  await page.context().clearCookies();
  await signIn(page, user);
}

async function fillDate(page: Page, prefix: string, date: LocalDate, minutes?: number): Promise<void> {
  const [y, m, d] = date.split('-');
  await page.locator(`#${prefix}-day`).fill(String(Number(d)));
  await page.locator(`#${prefix}-month`).fill(String(Number(m)));
  await page.locator(`#${prefix}-year`).fill(y!);
  if (minutes !== undefined) {
    await page.locator(`#${prefix}-hour`).fill(String(Math.floor(minutes / 60)));
    await page.locator(`#${prefix}-minute`).fill(String(minutes % 60).padStart(2, '0'));
  }
}

const path = (page: Page) => new URL(page.url()).pathname;

/** The table row linking to `name`, paging on through the list until it appears. */
async function rowOnSomePage(page: Page, name: string) {
  for (;;) {
    const row = page.locator('tbody tr', { has: page.getByRole('link', { name, exact: true }) });
    if ((await row.count()) > 0) return row.first();
    const next = page.locator('.govuk-pagination__next a');
    if ((await next.count()) === 0) throw new Error(`${name} is not in the list`);
    const before = page.url();
    await next.click();
    await page.waitForURL((u) => u.toString() !== before);
  }
}

// ——— children missing education ———

const FOUND_ELSEWHERE = 'Found in a school in another local authority';

/** The figures are worked out on the page's first visit and on "recalculate": allow for it on a slow machine. */
const FIGURES = { timeout: 120_000 };

/**
 * The analyst's CME scorecard for the quarter in progress: the count of cases resolved with the code. `recalculate`:
 * the figures are first recalculated from the records (pages bring them up to date only once a minute).
 */
async function resolvedFoundElsewhere(page: Page, scan: Scan, shot: Shot, recalculate: boolean): Promise<number> {
  await as(page, 'analyst');
  await page.getByRole('navigation', { name: 'Menu', exact: true }).getByRole('link', { name: 'Partnership', exact: true }).click(FIGURES);
  await page.getByRole('navigation', { name: 'Partnership', exact: true }).getByRole('link', { name: 'Measures', exact: true }).click(FIGURES);
  await page.waitForURL((u) => u.pathname === '/measures', FIGURES);
  if (recalculate) {
    await page.getByRole('button', { name: 'Recalculate every figure from the records' }).click(FIGURES);
    await page.waitForURL(/refreshed=1/, FIGURES);
  }
  await page.getByRole('link', { name: 'Children missing education: quarterly scorecard' }).click(FIGURES);
  await page.waitForURL((u) => u.pathname === '/measures/cme', FIGURES);
  await scan(page, 'CME scorecard (last quarter)');
  const quarter = periodContaining('quarter', londonDate(now()));
  await page.getByText('Another quarter').click();
  await page.getByRole('link', { name: `${quarter.label}, to date` }).click(FIGURES);
  await page.waitForURL((u) => u.searchParams.get('period') === quarter.key, FIGURES);
  await scan(page, 'CME scorecard');
  const table = page.locator('table', { has: page.locator('caption', { hasText: 'Cases resolved by outcome code' }) });
  const cell = table.locator('tbody tr', { has: page.locator('th', { hasText: FOUND_ELSEWHERE }) }).locator('td').first();
  if (recalculate) {
    await shot(page, 'cme-scorecard');
    // Each table lists a row once (the localities' table showed "no locality" twice).
    for (const t of await page.locator('main table').all()) {
      const labels = (await t.locator('tbody th[scope="row"]').allTextContents()).map((l) => l.trim());
      expect(labels.length, (await t.locator('caption').textContent()) ?? '').toBe(new Set(labels).size);
    }
  }
  return Number(((await cell.textContent()) ?? '').trim());
}

/** A link, or a link styled as a button (GOV.UK's start and secondary buttons are links with the button role). */
const linkOrButton = (page: Page, name: string) => page.getByRole('link', { name, exact: true }).or(page.getByRole('button', { name, exact: true }));

/** `scorecard`: read the quarter's figures before and after (the JavaScript run: the page is not a form). */
async function cmeJourney(page: Page, child: { given: string; family: string }, scan: Scan, shot: Shot, scorecard: boolean): Promise<void> {
  offset = 0;
  const today = realToday();
  const name = `${child.given} ${child.family}`;
  const before = scorecard ? await resolvedFoundElsewhere(page, scan, shot, false) : 0;

  // ——— the school refers a pupil deleted from roll from its own page ———
  await as(page, 'dsl');
  await scan(page, 'home (school DSL)');
  await page.getByRole('navigation', { name: 'Menu', exact: true }).getByRole('link', { name: 'Children', exact: true }).click();
  await page.getByRole('navigation', { name: 'Children', exact: true }).getByRole('link', { name: 'Our CME referrals', exact: true }).click();
  await page.waitForURL((u) => u.pathname === '/cme/our-referrals');
  await scan(page, 'our CME referrals');
  await linkOrButton(page, 'Refer a child').click();
  await page.waitForURL(/\/cme\/our-referrals\/new/);
  await page.locator('#search-givenNames').fill(child.given);
  await page.locator('#search-familyName').fill(child.family);
  await page.getByRole('button', { name: 'Find' }).click();
  await page.waitForURL(/familyName=/);
  await scan(page, 'refer a child missing education');
  expect(await refused(page, 'Make the referral')).toContain('Find the child and select them, or add them as someone new');
  await scan(page, 'refer with errors');
  await page.getByLabel('Add the child as someone new').check();
  await page.locator('#givenNames').fill(child.given);
  await page.locator('#familyName').fill(child.family);
  await fillDate(page, 'dateOfBirth', '2015-10-14');
  await page.locator('#gender').selectOption('female');
  await page.getByLabel('Deleted from the school roll, whereabouts not known').check();
  await page.locator('#yearGroup').selectOption({ label: 'Year 6' });
  await page.getByRole('group', { name: 'Eligible for free school meals?' }).getByLabel('Yes', { exact: true }).check();
  await page.locator('#ethnicity').selectOption('NOBT');
  await page.locator('#addressLine1').fill('27 Weaver Street');
  await page.locator('#postcode').fill('FM1 4QT');
  await page.locator('#narrative').fill('Taken off roll at the end of term after dad said the family were moving; no school has asked for her records and the mobile number is disconnected.');
  await shot(page, 'cme-refer');
  await submit(page, 'Make the referral', /\/cme\/referrals\/[0-9a-f-]{36}\?done=referred/);
  const referralUrl = path(page);
  await scan(page, 'referral (school)');
  expect(await page.locator('h1').textContent()).toContain(name);
  expect(await rowValue(page, 'Resident locality')).toBe('Central');
  expect(await main(page)).not.toContain('Record an enquiry');

  // ——— another school cannot open it ———
  await as(page, 'dsl2');
  const theirs = await page.goto(referralUrl);
  expect(theirs?.status()).toBe(404);
  await scan(page, 'not found (another school)');
  await page.goto('/cme/our-referrals');
  expect(await main(page)).not.toContain(name);

  // ——— the CME officer's enquiries: a home visit, the last school, another authority ———
  await as(page, 'cme');
  await scan(page, 'home (CME officer)');
  await page.getByRole('navigation', { name: 'Menu', exact: true }).getByRole('link', { name: 'Children', exact: true }).click();
  await page.getByRole('navigation', { name: 'Children', exact: true }).getByRole('link', { name: 'Children missing education', exact: true }).click();
  await page.waitForURL((u) => u.pathname === '/cme');
  await scan(page, 'CME worklist');
  await page.locator('#locality').selectOption({ label: 'Central' });
  await page.getByRole('button', { name: 'Filter' }).click();
  await page.waitForURL(/locality=/);
  await shot(page, 'cme-worklist');
  const row = await rowOnSomePage(page, name);
  expect(await row.textContent()).toMatch(/school days? left/);
  await row.getByRole('link', { name, exact: true }).click();
  await page.waitForURL((u) => u.pathname === referralUrl);
  await scan(page, 'referral (CME officer)');
  expect(await main(page)).toContain('No enquiries recorded yet.');
  const enquiries: [string, string][] = [
    ['Home visit', 'House empty, curtains drawn; a neighbour said the family left for Kelby three weeks ago.'],
    ['School (the last school, or one the child may have joined)', `${school.name}: no request for her records from any school; her friends say she is “in Kelby now”.`],
    ['Another local authority', 'Kelby City Council CME officer: she started at Castle Rise Academy on Monday.'],
  ];
  for (const [kind, result] of enquiries) {
    await linkOrButton(page, 'Record an enquiry').click();
    await page.waitForURL(/\/enquiries$/);
    if (kind === 'Home visit') {
      await scan(page, 'record an enquiry');
      expect(await refused(page, 'Record the enquiry')).toContain('Select the kind of enquiry');
      await scan(page, 'enquiry with errors');
    }
    await page.getByLabel(kind, { exact: true }).check();
    await fillDate(page, 'madeOn', today);
    await page.getByLabel('What was found').fill(result);
    await submit(page, 'Record the enquiry', /done=enquiry/);
  }
  const found = page.locator('table', { has: page.locator('caption', { hasText: 'Enquiries made to find the child' }) });
  for (const [, result] of enquiries) expect(await found.textContent()).toContain(result.slice(0, 30));

  // ——— closed with the code, and where ———
  await linkOrButton(page, 'Close with an outcome').click();
  await page.waitForURL(/\/close$/);
  await scan(page, 'close with an outcome');
  await fillDate(page, 'closedOn', today);
  expect(await refused(page, 'Close the referral')).toContain('Select the outcome code: a referral is closed only with one');
  await scan(page, 'close with errors');
  await page.getByLabel(FOUND_ELSEWHERE).check();
  await fillDate(page, 'closedOn', today);
  expect(await refused(page, 'Close the referral')).toContain('Enter the school and the local authority the child was found in');
  await page.getByLabel(FOUND_ELSEWHERE).check();
  await page.locator('#foundAt').fill('Castle Rise Academy, Kelby City Council');
  await fillDate(page, 'closedOn', today);
  await shot(page, 'cme-close');
  await submit(page, 'Close the referral', /done=closed/);
  await scan(page, 'referral (closed)');
  expect(await main(page)).toContain(`Closed: ${FOUND_ELSEWHERE}`);
  expect(await main(page)).toContain('Castle Rise Academy, Kelby City Council');
  await shot(page, 'cme-referral');

  // ——— the quarter's scorecard moves ———
  if (scorecard) expect(await resolvedFoundElsewhere(page, scan, shot, true)).toBe(before + 1);

  // ——— the school sees what became of it; the child returns and is referred again ———
  await as(page, 'dsl');
  await page.getByRole('navigation', { name: 'Menu', exact: true }).getByRole('link', { name: 'Children', exact: true }).click();
  await page.getByRole('navigation', { name: 'Children', exact: true }).getByRole('link', { name: 'Our CME referrals', exact: true }).click();
  await page.waitForURL((u) => u.pathname === '/cme/our-referrals');
  await shot(page, 'cme-school-referrals');
  expect(await (await rowOnSomePage(page, name)).textContent()).toContain(FOUND_ELSEWHERE);
  await linkOrButton(page, 'Refer a child').click();
  await page.waitForURL(/\/cme\/our-referrals\/new/);
  await page.locator('#search-givenNames').fill(child.given);
  await page.locator('#search-familyName').fill(child.family);
  await page.getByRole('button', { name: 'Find' }).click();
  await page.waitForURL(/familyName=/);
  expect(await main(page)).toContain('referred as missing education before');
  await page.getByLabel(name).check();
  await page.getByLabel('10 school days’ continuous unauthorised absence').check();
  await page.getByRole('group', { name: 'Eligible for free school meals?' }).getByLabel('Yes', { exact: true }).check();
  await page.locator('#ethnicity').selectOption('NOBT');
  await page.locator('#narrative').fill('Back in Fernmoor and on roll again from half term; absent without reason for 10 school days and not at the address.');
  await submit(page, 'Make the referral', /\/cme\/referrals\/[0-9a-f-]{36}\?done=referred/);
  const again = path(page);
  expect(again).not.toBe(referralUrl);
  expect(await main(page)).toContain('Missing education before');

  await as(page, 'cme');
  await page.goto(again);
  await scan(page, 'referral (recurrent)');
  expect(await main(page)).toContain('counts as a recurrence');
  const history = page.locator('table', { has: page.locator('caption', { hasText: 'The child’s other referrals' }) });
  expect(await history.textContent()).toContain(`${FOUND_ELSEWHERE}: Castle Rise Academy, Kelby City Council`);
  await shot(page, 'cme-referral-recurrent');
  await page.getByRole('link', { name: 'Home education register' }).first().click();
  await page.waitForURL((u) => u.pathname === '/cme/home-education');
  await scan(page, 'home education register');
  await shot(page, 'ehe-register');
}

// ——— the LADO ———

/** The school's contact through the front door's form, naming the teaching assistant. */
async function contactFromTheSchool(page: Page, adult: { given: string; family: string }, child: { given: string; family: string }, scan: Scan, shot: Shot): Promise<void> {
  await as(page, 'dsl');
  await page.getByRole('navigation', { name: 'Menu', exact: true }).getByRole('link', { name: 'Front door', exact: true }).click();
  await page.getByRole('navigation', { name: 'Front door', exact: true }).getByRole('link', { name: 'Record a contact', exact: true }).click();
  await page.waitForURL(/\/contacts\/new/);
  await scan(page, 'contact details');
  await page.getByLabel('About a child or children').check();
  const received = page.getByRole('group', { name: 'When was the contact received?' });
  if ((await received.count()) > 0) {
    await received.getByLabel('Day').fill(String(Number(ladoStart.slice(8))));
    await received.getByLabel('Month').fill(String(Number(ladoStart.slice(5, 7))));
    await received.getByLabel('Year').fill(ladoStart.slice(0, 4));
    await received.getByLabel('Hour').fill('9');
    await received.getByLabel('Minute').fill('00');
  }
  await page.getByLabel('Source', { exact: true }).selectOption('2A');
  expect(await page.getByLabel('Referrer’s agency').locator('option:checked').textContent()).toBe(school.name);
  await page.getByLabel('Referrer’s name').fill('Dana Lead');
  await page.getByLabel('Physical abuse').check();
  await page.getByLabel('What happened, and what is the worry?').fill(`A Year 4 pupil says the teaching assistant ${adult.given} ${adult.family} grabbed his arm hard in the corridor yesterday; his class teacher saw a bruise this morning.`);
  await page.getByLabel('Consent not sought').check();
  await shot(page, 'lado-contact');
  await submit(page, 'Save and continue', /\/people$/);
  await scan(page, 'contact people');

  const describe = async (role: string, given: string, family: string, dob: LocalDate, precision: string, gender: string) => {
    await page.getByRole('link', { name: /Tell us about (a|another) person/ }).click();
    await page.waitForURL(/\/people\/describe$/);
    await scan(page, 'describe a person');
    await page.getByLabel(role).check();
    await page.getByLabel('First name').fill(given);
    await page.getByLabel('Last name').fill(family);
    await page.getByLabel(precision, { exact: true }).check();
    const [y, m, d] = dob.split('-');
    const group = page.getByRole('group', { name: 'Date of birth, estimate, or expected date of delivery' });
    await group.getByLabel('Day').fill(String(Number(d)));
    await group.getByLabel('Month').fill(String(Number(m)));
    await group.getByLabel('Year').fill(y!);
    await page.getByLabel(gender, { exact: true }).check();
    if (role === 'Child the contact is about') {
      await page.getByLabel('What did the child say?').fill('She grabbed me and it hurt. I don’t want to be in her group.');
      await page.getByLabel('How did the child seem?').fill('Tearful at first, then calm with his class teacher.');
    }
    await submit(page, 'Add this person', /\/people$/);
  };
  await describe('Child the contact is about', child.given, child.family, '2017-03-09', 'Exact', 'Male');
  await describe('Adult in a position of trust (works or volunteers with children): an allegation for the LADO', adult.given, adult.family, '1990-01-01', 'Estimated', 'Female');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL(/\/check$/);
  await scan(page, 'contact check');
  await submit(page, 'Submit contact', /\/confirmation$/);
  await scan(page, 'contact confirmation');
}

async function ladoJourney(page: Page, adult: { given: string; family: string }, child: { given: string; family: string }, scan: Scan, shot: Shot): Promise<void> {
  const adultName = `${adult.given} ${adult.family}`;
  travelTo(ladoStart, 9 * 60 + 30);
  await contactFromTheSchool(page, adult, child, scan, shot);

  // ——— the designated officer decides within the working day ———
  travelTo(ladoStart, 11 * 60);
  await as(page, 'lado');
  await scan(page, 'home (LADO)');
  await page.getByRole('navigation', { name: 'Menu', exact: true }).getByRole('link', { name: 'Children', exact: true }).click();
  await page.getByRole('navigation', { name: 'Children', exact: true }).getByRole('link', { name: 'Allegations (LADO)', exact: true }).click();
  await page.waitForURL((u) => u.pathname === '/lado');
  await scan(page, 'LADO worklist (to decide)');
  const toDecide = await rowOnSomePage(page, adultName);
  expect(await toDecide.textContent()).toMatch(/Decide (today|by)/);
  await shot(page, 'lado-worklist');
  await toDecide.getByRole('link', { name: adultName, exact: true }).click();
  await page.waitForURL(/\/lado\/allegations\/[0-9a-f-]{36}$/);
  const allegationUrl = path(page);
  await scan(page, 'allegation (to decide)');
  expect(await rowValue(page, 'Referred by')).toBe(school.name);
  expect(await main(page)).toContain(`${child.given} ${child.family}`);

  await page.getByRole('link', { name: 'Threshold decision' }).click();
  await page.waitForURL(/\/decision$/);
  await page.getByLabel('Progress to the LADO process: the harm test is met').check();
  await page.getByLabel('Reasons for the decision').fill('Possible physical harm to a child by a member of staff: the harm test is met.');
  const early = await refused(page, 'Record the decision');
  expect(early).toContain('Record the category of the allegation');
  await scan(page, 'threshold decision with errors');
  await page.getByRole('link', { name: 'Change the details' }).click();
  await page.waitForURL(/\/details$/);
  await scan(page, 'allegation details');
  await page.getByLabel('Their role').fill('Teaching assistant');
  await page.getByLabel('Employer', { exact: true }).selectOption({ label: school.name });
  await page.getByLabel('Employing sector').selectOption({ label: 'Education: teaching assistant' });
  await page.getByLabel('Category of the allegation').selectOption({ label: 'Physical abuse' });
  await submit(page, 'Save the details', /done=details/);
  await page.getByRole('link', { name: 'Threshold decision' }).click();
  await page.waitForURL(/\/decision$/);
  await scan(page, 'threshold decision');
  await page.getByLabel('Progress to the LADO process: the harm test is met').check();
  await page.getByLabel('Reasons for the decision').fill('Possible physical harm to a child by a member of staff: the harm test is met.');
  await submit(page, 'Record the decision', /done=decided/);
  const decided = await rowValue(page, 'Decided');
  expect(decided).toContain('by ');
  expect(decided).not.toContain('after the 1 working day');

  // ——— the allegation management meeting: the police, the school and HR; its actions ———
  travelTo(ladoStart, 16 * 60);
  await as(page, 'lado');
  await page.goto(allegationUrl);
  await page.getByRole('link', { name: 'Record an allegation management meeting' }).click();
  await page.waitForURL(/\/meeting$/);
  await scan(page, 'meeting');
  const meetingUrl = path(page);
  expect(await refused(page, 'Record the meeting')).toContain('Enter what the meeting decided');
  await scan(page, 'meeting with errors');
  await page.goto(meetingUrl);
  await fillDate(page, 'heldAt', ladoStart, 14 * 60);
  const attendees: [string, string][] = [
    ['lado', 'Lee Designated'],
    ['police', 'DC Pat Constable'],
    ['employer', 'Jo Head (headteacher)'],
    ['hr', 'Ola Peopleworth (HR)'],
  ];
  for (const [i, [role, who]] of attendees.entries()) {
    expect(await page.locator(`#role${i + 1}`).inputValue()).toBe(role);
    await page.locator(`#name${i + 1}`).fill(who);
  }
  expect(await page.locator('#agency3 option:checked').textContent()).toBe(school.name);
  await page.getByLabel('What the meeting decided').fill('Police to investigate; the school to suspend the teaching assistant pending the investigation; a risk assessment and support plan for the pupil.');
  await page.locator('#action1').fill('Risk assessment for the pupil and a support plan');
  await page.locator('#owner1').selectOption({ label: school.name });
  await page.locator('#ownerName1').fill('Dana Lead');
  await fillDate(page, 'due1', cal.addWorkingDays(ladoStart, 5));
  await page.locator('#action2').fill('Interview the teaching assistant under caution');
  const police = await page.locator('#agency2 option:checked').textContent();
  await page.locator('#owner2').selectOption({ label: police! });
  await fillDate(page, 'due2', cal.addWorkingDays(ladoStart, 15));
  await fillDate(page, 'reviewOn', cal.addWorkingDays(ladoStart, 20));
  await shot(page, 'lado-meeting');
  await submit(page, 'Record the meeting', /done=meeting/);
  const card = page.locator('.govuk-summary-card', { hasText: 'Allegation management meeting' });
  for (const [, who] of attendees) expect(await card.textContent()).toContain(who);
  expect(await card.textContent()).toContain('Interview the teaching assistant under caution');

  // ——— the police investigate; the reason it stays open ———
  await page.getByRole('link', { name: 'Update the police status' }).click();
  await page.waitForURL(/\/police$/);
  await scan(page, 'police status');
  await page.getByLabel('Police investigating').check();
  await fillDate(page, 'on', ladoStart);
  await submit(page, 'Update the police status', /done=police/);
  await page.getByRole('link', { name: 'Why it is still open' }).click();
  await page.waitForURL(/\/reason$/);
  await scan(page, 'why it is still open');
  await page.getByLabel('Awaiting the police investigation').check();
  await submit(page, 'Record the reason', /done=reason/);
  expect(await page.getByRole('link', { name: 'Outcome and the employer’s actions' }).count()).toBe(0);
  expect(await main(page)).toContain('police investigation has concluded');

  // ——— four months on: listed as open over 3 months, with the reason ———
  travelTo(ladoLater, 10 * 60);
  await as(page, 'lado');
  await page.goto('/lado');
  await page.getByRole('link', { name: /^Open over 3 months/ }).click();
  await page.waitForURL(/show=over/);
  await scan(page, 'LADO worklist (over 3 months)');
  const over = await rowOnSomePage(page, adultName);
  const days = Math.round((Date.parse(ladoLater) - Date.parse(ladoStart)) / 86_400_000);
  expect(await over.textContent()).toContain('Over 3 months: Awaiting the police investigation');
  expect(await over.textContent()).toContain(`${days} days`);
  expect(await over.textContent()).toContain('Police investigating');
  await shot(page, 'lado-worklist-over');

  // ——— the police finish; substantiated, the dismissal referred to the DBS ———
  await page.goto(allegationUrl);
  await page.getByRole('link', { name: 'Update the police status' }).click();
  await page.waitForURL(/\/police$/);
  await page.getByLabel('Police: no further action').check();
  await fillDate(page, 'on', ladoLater);
  await submit(page, 'Update the police status', /done=police/);
  await page.getByRole('link', { name: 'Outcome and the employer’s actions' }).click();
  await page.waitForURL(/\/outcome$/);
  await scan(page, 'outcome');
  await page.getByLabel('Substantiated: there is sufficient evidence to prove the allegation').check();
  await fillDate(page, 'outcomeOn', ladoLater);
  await page.getByLabel('Dismissed (or would have been, had they not resigned)').check();
  await fillDate(page, 'dismissalOn', ladoLater);
  expect(await refused(page, 'Record the outcome')).toContain('A dismissal must be referred to the DBS');
  await scan(page, 'outcome with errors');
  await page.getByLabel('Substantiated: there is sufficient evidence to prove the allegation').check();
  await fillDate(page, 'outcomeOn', ladoLater);
  for (const box of ['Dismissed (or would have been, had they not resigned)', 'Referred to the Disclosure and Barring Service (DBS)']) {
    if (!(await page.getByLabel(box).isChecked())) await page.getByLabel(box).check();
  }
  await fillDate(page, 'dismissalOn', ladoLater);
  await fillDate(page, 'dbsOn', ladoLater);
  await shot(page, 'lado-outcome');
  await submit(page, 'Record the outcome', /done=outcome/);
  await scan(page, 'allegation (outcome)');
  expect(await rowValue(page, 'Outcome')).toContain('Substantiated');
  expect(await rowValue(page, 'Employer’s actions')).toContain(`Referred to the Disclosure and Barring Service (DBS), ${formatDate(ladoLater)}`);
  await shot(page, 'lado-allegation');

  // ——— the school's page: where it stands and its own action, none of the designated officer's notes ———
  await as(page, 'dsl');
  await page.getByRole('navigation', { name: 'Menu', exact: true }).getByRole('link', { name: 'Children', exact: true }).click();
  await page.getByRole('navigation', { name: 'Children', exact: true }).getByRole('link', { name: 'Allegations about our staff', exact: true }).click();
  await page.waitForURL((u) => u.pathname === '/lado/employer');
  await scan(page, 'allegations about our staff');
  const ours = await rowOnSomePage(page, adultName);
  await ours.getByRole('link', { name: adultName, exact: true }).click();
  await page.waitForURL(/\/lado\/employer\/allegations\/[0-9a-f-]{36}$/);
  const employerUrl = path(page);
  await scan(page, 'employer’s allegation');
  const seen = await main(page);
  expect(seen).toContain('Outcome recorded');
  expect(await rowValue(page, 'Outcome')).toContain('Substantiated');
  expect(await rowValue(page, 'Your actions')).toContain('Referred to the Disclosure and Barring Service (DBS)');
  expect(seen).toContain('Risk assessment for the pupil and a support plan');
  for (const note of ['the harm test is met', 'Police to investigate', 'Interview the teaching assistant under caution', 'Awaiting the police investigation', 'DC Pat Constable']) expect(seen).not.toContain(note);
  await shot(page, 'lado-employer');

  await as(page, 'dsl2');
  const theirs = await page.goto(employerUrl);
  expect(theirs?.status()).toBe(404);
  await page.goto('/lado/employer');
  expect(await main(page)).not.toContain(adultName);

  // ——— the LADO's annual figures ———
  await as(page, 'analyst');
  await page.getByRole('navigation', { name: 'Menu', exact: true }).getByRole('link', { name: 'Partnership', exact: true }).click(FIGURES);
  await page.getByRole('navigation', { name: 'Partnership', exact: true }).getByRole('link', { name: 'Measures', exact: true }).click(FIGURES);
  await page.waitForURL((u) => u.pathname === '/measures', FIGURES);
  await page.getByRole('link', { name: /^Allegations against people who work with children/ }).click(FIGURES);
  await page.waitForURL((u) => u.pathname === '/measures/lado', FIGURES);
  await scan(page, 'LADO figures (last year)');
  const year = periodContaining('financial_year', londonDate(now()));
  await page.getByText('Another year').click();
  await page.getByRole('link', { name: `${year.label}, to date` }).click(FIGURES);
  await page.waitForURL((u) => u.searchParams.get('period') === year.key, FIGURES);
  await scan(page, 'LADO figures');
  await shot(page, 'lado-figures');
}

/** Keeps the page the journey stopped on, to see why. */
const failed = (page: Page, run: string) => async (e: unknown) => {
  await page.screenshot({ path: `${SHOTS}/failed-${run}.png`, fullPage: true }).catch(() => undefined);
  throw e;
};
const scanWith: Scan = (p, label) => scanner.scan(p, label);
const shoot: Shot = async (p, name) => {
  await p.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
};
const none = async () => {};

describe('children missing education in a browser: found in another authority, then missing again', () => {
  it('with JavaScript, every page scanned by axe', { timeout: 200_000 }, async () => {
    const context = await newContext(j, { javaScript: true });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await cmeJourney(page, { given: 'Zofia', family: 'Browserova' }, scanWith, shoot, true).catch(failed(page, 'cme-js'));
    await context.close();
  });

  it('without JavaScript', { timeout: 200_000 }, async () => {
    const context = await newContext(j, { javaScript: false });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await cmeJourney(page, { given: 'Ilona', family: 'Nojsova' }, none, none, false).catch(failed(page, 'cme-no-js'));
    await context.close();
  });
});

describe('an allegation about a teaching assistant in a browser, from the front door to a DBS referral', () => {
  it('with JavaScript, every page scanned by axe', { timeout: 200_000 }, async () => {
    const context = await newContext(j, { javaScript: true });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await ladoJourney(page, { given: 'Morgan', family: 'Browserworth' }, { given: 'Kai', family: 'Browsertest' }, scanWith, shoot).catch(failed(page, 'lado-js'));
    await context.close();
  });

  it('without JavaScript', { timeout: 200_000 }, async () => {
    const context = await newContext(j, { javaScript: false });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await ladoJourney(page, { given: 'Robin', family: 'Nojsworth' }, { given: 'Eli', family: 'Nojstest' }, none, none).catch(failed(page, 'lado-no-js'));
    await context.close();
    offset = 0;
  });
});

describe('accessibility', () => {
  it('finds no WCAG 2.2 AA violations on any page visited, errors included', () => {
    expect(scanner.visited.size).toBeGreaterThanOrEqual(35);
    scanner.assertClean();
  });
});
