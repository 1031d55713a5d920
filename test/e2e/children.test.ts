/**
 * Children's social care in a browser, on a clock the journey moves forward through four months: the front door's
 * referral (screened, then authorised by the MASH manager) → allocated by the team manager → the social worker's
 * assessment (the child seen and heard) authorised by the manager → a strategy discussion with the police and health
 * the next working day → the section 47 enquiry convenes the initial conference on the 14th working day after it,
 * inviting the police, health and the child's school → each sends its report from its own queue → the chair records
 * the conference (the child's views, through an advocate) and a neglect plan begins → a core group and visits, one
 * of them late and flagged → the review conference 3 months on ends the plan, stepping down to a child in need plan
 * → that plan ends and the case closes (RC7). Every date is checked against a working-day calendar built here from
 * the bank holidays the app ships. Once with JavaScript off (the pages need none) and once with it on, when every
 * page, errors included, is scanned by axe (WCAG 2.2 AA) and the main pages are photographed into /tmp/shots15/.
 */
import { mkdirSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { one, rows } from '../../src/db/client.js';
import { WorkingCalendar } from '../../src/domain/calendar.js';
import holidaysFile from '../../src/domain/data/bank-holidays-england-and-wales.json' with { type: 'json' };
import { type LocalDate, LONDON, addDays, addMonths, instantAt } from '../../src/domain/time.js';
import { formatDate, formatDateTime } from '../../src/platform/views.js';
import { type Journey, Scanner, newContext, signIn, startJourney } from './support.js';

const SHOTS = '/tmp/shots15';
const [fromYear, toYear] = holidaysFile.years.split('-').map(Number) as [number, number];
/** England and Wales working days, independent of the app's own calendar service. */
const cal = new WorkingCalendar(
  holidaysFile.events.map((e) => e.date),
  { coveredYears: { from: fromYear, to: toYear } },
);

// The app's clock, which the journey moves on from a working day about 170 days ago, so that every date it records
// is in the past by the app's clock and by the real one (the children's date-only fields check "today or in the
// past" against the real clock: see the report).
let startOn: LocalDate = addDays(cal.dateOf(new Date()), -170);
while (!cal.isWorkingDay(startOn)) startOn = addDays(startOn, -1);
let offset = 0;
const now = () => new Date(Date.now() + offset);
/** Moves the app's clock to `minutes` past midnight (London) on `date`. */
const travelTo = (date: LocalDate, minutes: number) => {
  offset = instantAt(date, minutes, LONDON).getTime() - Date.now();
};

let j: Journey;
const scanner = new Scanner();
let school = { id: '', name: '' };

beforeAll(async () => {
  j = await startJourney({ now });
  school = (await one<{ id: string; name: string }>(j.t.db.db, sql`select a.id, a.name from app_user u join agency a on a.id = u.agency_id where u.email = 'dsl@demo.threshold.test'`))!;
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => j?.close());

interface Child {
  id: string;
  given: string;
  family: string;
  dob: string;
  nhs: string;
  gender: string;
}

/** Children of the demo borough known by a unique NHS number, aged 5 to 12, never referred to children's social care. */
async function children(on: LocalDate): Promise<Child[]> {
  return rows<Child>(
    j.t.db.db,
    sql`select p.id, n.given_names as given, n.family_name as family, p.date_of_birth::text as dob, i.value as nhs, p.gender
          from person p join person_name n on n.person_id = p.id and n.is_primary
          join person_identifier i on i.person_id = p.id and i.type = 'nhs_number'
         where p.merged_into_person_id is null and not p.restricted and p.date_of_birth between ${addMonths(on, -144)}::date and ${addMonths(on, -60)}::date
           and (select count(*) from person_identifier x where x.type = 'nhs_number' and x.value = i.value) = 1
           and not exists (select 1 from csc_referral r where r.person_id = p.id)
           and not exists (select 1 from contact_subject s where s.person_id = p.id)
         order by p.id limit 2`,
  );
}

/** The school's referral form reaches the children's front door, the child linked by their NHS number. */
async function contactFromTheSchool(child: Child): Promise<string> {
  const dsl = (await one<{ id: string; tenant_id: string }>(j.t.db.db, sql`select id, tenant_id from app_user where email = 'dsl@demo.threshold.test'`))!;
  const received = await j.t.app.services.intake.receive(
    { actor: { userId: dsl.id, tenantId: dsl.tenant_id, agencyId: school.id, roles: ['school_dsl'], requestId: null }, tenantId: dsl.tenant_id, channel: 'form', sourceAgencyId: school.id, createdByUserId: dsl.id, apiClientId: null },
    {
      contactType: 'child', notificationType: 'general', sourceCode: '2A', referrer: { name: 'Dana Lead', role: 'Designated safeguarding lead', phone: null, email: null }, receivedAt: now(),
      incident: null, riskLevel: null, domesticAbuse: null, concerns: ['neglect'],
      narrative: 'Arrives hungry every day and has been collecting a younger brother from nursery alone; said there was no food at home at the weekend.',
      worriedAbout: 'That the children are not being fed or looked after.', workingWell: 'Attends most days; close to her class teacher.', needsToHappen: 'An assessment of the care at home.',
      consent: 'not_sought', consentLawfulBasis: null, consentReason: null, restricted: false,
      people: [{ role: 'subject_child', givenNames: child.given, familyName: child.family, dateOfBirth: child.dob, dobPrecision: 'exact', gender: child.gender, nhsNumber: child.nhs, addressLine1: null, postcode: null, school: null, daRole: null, riskLevel: null, childVoice: 'There is no food when mum is asleep.', childDemeanour: 'Tired and hungry' }],
    },
  );
  if ('problem' in received) throw new Error(received.problem);
  expect(received.received).toMatchObject({ outcome: 'created', linkedPeople: 1 });
  return received.received.contactId;
}

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

const main = async (page: Page) => (await page.locator('main').textContent()) ?? '';
/** Sends a form that is refused: the page comes back with its error summary. */
const refused = async (page: Page, button: string) => {
  await page.getByRole('button', { name: button }).click();
  await page.locator('.govuk-error-summary').waitFor();
  return (await page.locator('.govuk-error-summary').textContent()) ?? '';
};
/** Sends a form that is accepted: the page moves on to `url` (or the test fails with the errors shown). */
const submit = async (page: Page, button: string, url: RegExp) => {
  await page.getByRole('button', { name: button }).click();
  await page.waitForURL(url).catch(async (e: unknown) => {
    throw new Error(`${button}: ${(await page.locator('.govuk-error-summary').textContent().catch(() => null)) ?? String(e)}`);
  });
};
/** The success banners on the page, in words. */
const banners = async (page: Page) => (await page.locator('.govuk-notification-banner__content').allTextContents()).map((t) => t.trim());
/** The summary list row's value for a key. */
const rowValue = async (page: Page, key: string) => ((await page.locator('.govuk-summary-list__row', { has: page.locator('dt', { hasText: key }) }).first().locator('dd').textContent()) ?? '').trim();

/** The table row linking to `name` (and showing `text`), paging on through the list until it appears. */
async function rowOnSomePage(page: Page, name: string, text: string) {
  for (;;) {
    const row = page.locator('tbody tr', { has: page.getByRole('link', { name, exact: true }) }).filter({ hasText: text });
    if ((await row.count()) > 0) return row.first();
    const next = page.locator('.govuk-pagination__next a');
    if ((await next.count()) === 0) throw new Error(`${name} is not in the list`);
    const before = page.url();
    await next.click();
    await page.waitForURL((u) => u.toString() !== before);
  }
}

/** The working day `n` working days before `date` (the conference report's due day). */
function workingDaysBefore(date: LocalDate, n: number): LocalDate {
  let day = date;
  for (let left = n; left > 0; ) {
    day = addDays(day, -1);
    if (cal.isWorkingDay(day)) left -= 1;
  }
  return day;
}

type Scan = (page: Page, label?: string) => Promise<void>;
type Shot = (page: Page, name: string) => Promise<void>;

async function journey(page: Page, child: Child, scan: Scan, shot: Shot): Promise<void> {
  travelTo(startOn, 9 * 60);
  const contactId = await contactFromTheSchool(child);
  const contactUrl = `/contacts/${contactId}`;

  // ——— the front door: screened, then authorised; the referral is made ———
  await as(page, 'screener');
  await page.goto(`${contactUrl}/screening`);
  await page.getByLabel('Level 4 – child protection (section 47) or acute').check();
  await page.getByLabel('Referral to children’s social care for assessment').check();
  await page.getByLabel('Reasons for the decision').fill('Repeated neglect concerns from school and health: an assessment is needed.');
  await submit(page, 'Record decision', /decided=1/);
  await as(page, 'manager');
  await page.goto(`${contactUrl}/authorisation`);
  await page.getByLabel('Yes, authorise it').check();
  await submit(page, 'Save authorisation', /authorised=1/);
  const referral = await one<{ id: string; referred_at: Date }>(j.t.db.db, sql`select id, referred_at from csc_referral where contact_id = ${contactId}`);
  expect(referral, 'a referral for the child').toBeTruthy();
  const caseUrl = `/children/cases/${referral!.id}`;
  const referredOn = cal.dateOf(new Date(referral!.referred_at));

  // ——— the team manager allocates ———
  await as(page, 'csc-manager');
  await page.getByRole('navigation', { name: 'Menu', exact: true }).getByRole('link', { name: 'Children', exact: true }).click();
  await page.getByRole('navigation', { name: 'Children', exact: true }).getByRole('link', { name: 'Children’s cases', exact: true }).click();
  await page.waitForURL(/\/children(\?|$)/);
  await scan(page, 'caseload (manager)');
  await page.getByRole('link', { name: 'Not allocated', exact: false }).click();
  await page.waitForURL(/view=unallocated/);
  await page.goto(caseUrl);
  await scan(page, 'case (new)');
  const name = `${child.given} ${child.family}`;
  expect(await page.locator('h1').textContent()).toContain(name);
  await page.getByRole('link', { name: 'Allocate a social worker' }).click();
  expect(await refused(page, 'Allocate')).toContain('Select a social worker from the list');
  await scan(page, 'allocate with errors');
  await page.getByLabel(`Which social worker will work with ${name}?`).selectOption({ label: 'Sky Walker-Reid' });
  await submit(page, 'Allocate', /done=allocated/);

  // ——— the social worker's assessment: refused until the child is seen and heard, then sent ———
  await as(page, 'social-worker');
  await page.getByRole('navigation', { name: 'Menu', exact: true }).getByRole('link', { name: 'Children', exact: true }).click();
  await page.getByRole('navigation', { name: 'Children', exact: true }).getByRole('link', { name: 'Children’s cases', exact: true }).click();
  await page.waitForURL(/\/children(\?|$)/);
  await scan(page, 'caseload (social worker)');
  await shot(page, 'caseload');
  await page.goto(caseUrl);
  await page.getByRole('link', { name: 'Start the assessment' }).click();
  await page.waitForURL(/\/assessment$/);
  await scan(page, 'assessment');
  expect(await main(page)).toContain(`Due ${formatDate(cal.closeOfDay(cal.addWorkingDays(referredOn, 45)))}`);
  await page.locator('input[name="factors"][value="3B"]').check();
  const missing = await refused(page, 'Send to a manager to authorise');
  await scan(page, 'assessment with errors');
  for (const text of ['Enter the date the child was seen', 'Enter what the child said, in their words', 'Select the outcome of the assessment']) expect(missing).toContain(text);
  await fillDate(page, 'seenOn', referredOn);
  await page.getByRole('group', { name: 'Was the child seen alone?' }).getByLabel('Yes').check();
  await page.getByLabel('Talked with the child on their own').check();
  await page.getByLabel('What the child said, in their words').fill('There is no food when mum is asleep. I get my brother’s breakfast. I like school because there is lunch.');
  await page.getByLabel('Who heard the child').fill('Sky Walker-Reid, social worker');
  await page.locator('input[name="factors"][value="16A"]').check();
  await page.getByLabel('Analysis').fill('Chronic neglect of basic care; the child is caring for a younger sibling.');
  await page.getByLabel('Primary need').selectOption({ label: 'Abuse or neglect' });
  await page.getByLabel('Concerns of significant harm: hold a strategy discussion').check();
  await shot(page, 'assessment');
  await submit(page, 'Send to a manager to authorise', /done=assessment/);

  await as(page, 'csc-manager');
  await page.goto(caseUrl);
  await page.getByRole('link', { name: 'Authorise the assessment' }).click();
  await page.waitForURL(/\/assessment\/authorisation$/);
  await scan(page, 'authorisation');
  await page.getByRole('radio', { name: 'Authorise the assessment' }).check();
  await submit(page, 'Confirm', /done=authorised/);
  expect(await main(page)).toContain('Authorised within 45 working days');

  // ——— the next working day: the strategy discussion with the police and health ———
  const strategyOn = cal.nextWorkingDay(referredOn);
  travelTo(strategyOn, 12 * 60);
  await as(page, 'social-worker');
  await page.goto(caseUrl);
  await page.getByRole('link', { name: 'Record a strategy discussion' }).click();
  await page.waitForURL(/\/strategy-discussion$/);
  await scan(page, 'strategy discussion');
  expect(await refused(page, 'Record the strategy discussion')).toContain('Enter when the strategy discussion took place');
  await scan(page, 'strategy discussion with errors');
  await fillDate(page, 'heldAt', strategyOn, 10 * 60 + 30);
  for (const [n, name, role] of [[1, 'Sky Walker-Reid', 'Social worker'], [2, 'DC Pat Constable', 'Child abuse investigation'], [3, 'Harper Nurse', 'Named nurse']] as const) {
    await page.locator(`#name${n}`).fill(name);
    await page.locator(`#role${n}`).fill(role);
  }
  expect(await page.locator('#agency2 option:checked').textContent()).toContain('Fernmoor Constabulary');
  expect(await page.locator('#agency3 option:checked').textContent()).toContain('Fernmoor NHS Foundation Trust');
  await page.getByLabel('Information each agency shared').fill('Police: two welfare checks this year. Health: missed immunisations and a health visitor unable to gain entry.');
  await page.getByLabel('Start a section 47 enquiry').check();
  await page.getByLabel('Reasons for the decision').fill('Reasonable cause to suspect the child is suffering significant harm from neglect.');
  await shot(page, 'strategy-discussion');
  await submit(page, 'Record the strategy discussion', /done=strategy/);
  expect(await banners(page)).toEqual(['The strategy discussion is recorded']);
  await scan(page, 'case (section 47)');
  const conferenceDue = cal.closeOfDay(cal.addWorkingDays(strategyOn, 15));
  expect(await main(page)).toContain(`Initial conference due ${formatDate(conferenceDue)}`);
  await shot(page, 'case');

  // ——— five working days on, the enquiry's outcome convenes the conference on the 14th working day ———
  const conferenceOn = cal.addWorkingDays(strategyOn, 14);
  travelTo(cal.addWorkingDays(strategyOn, 5), 16 * 60);
  await as(page, 'social-worker');
  await page.goto(caseUrl);
  await page.getByRole('link', { name: 'Record the section 47 outcome' }).click();
  await page.waitForURL(/\/section-47$/);
  await scan(page, 'section 47');
  expect(await rowValue(page, 'Initial conference due by')).toBe(formatDateTime(conferenceDue));
  await page.getByLabel('Concerns substantiated, the child is likely to suffer significant harm: initial child protection conference').check();
  await page.getByLabel('Reasons', { exact: true }).fill('Neglect substantiated: no food in the home on two visits; the child is caring for a sibling.');
  await fillDate(page, 'scheduledAt', conferenceOn, 10 * 60);
  const invite = page.getByRole('group', { name: 'Agencies to invite' });
  expect(await invite.getByLabel('Fernmoor Constabulary').isChecked()).toBe(true);
  expect(await invite.getByLabel('Fernmoor NHS Foundation Trust').isChecked()).toBe(true);
  await invite.getByLabel(school.name).check();
  await page.getByLabel('Chair', { exact: true }).selectOption({ label: 'Chris Independent' });
  await submit(page, 'Record the outcome', /\/children\/conferences\/[0-9a-f-]{36}\?done=convened/);
  const conferenceUrl = new URL(page.url()).pathname;
  expect(await banners(page)).toEqual(['The conference is arranged and the agencies are invited']);
  await scan(page, 'conference (scheduled)');
  expect(await rowValue(page, 'Due by')).toBe(formatDateTime(conferenceDue));
  expect(await rowValue(page, 'Scheduled for')).toBe(formatDateTime(instantAt(conferenceOn, 10 * 60)));
  expect(await main(page)).toContain('Scheduled');
  const reportDue = formatDateTime(cal.closeOfDay(workingDaysBefore(conferenceOn, 2)));
  expect(await page.locator('table').textContent()).toContain(`Due ${reportDue}`);

  // ——— police, health and the school each send a report from their own queue ———
  travelTo(cal.addWorkingDays(strategyOn, 10), 11 * 60);
  const reports: [string, string, string][] = [
    ['police', 'The child is likely to suffer significant harm', 'Two welfare checks this year; the house cold and without food on both.'],
    ['health', 'The child is likely to suffer significant harm', 'Missed immunisations; weight below the 2nd centile at the last check.'],
    ['dsl', 'The child is in need, not at risk of significant harm', 'Attendance 81%; arrives hungry; eats two lunches when offered.'],
  ];
  for (const [user, view, text] of reports) {
    await as(page, user);
    await page.getByRole('navigation', { name: 'Menu', exact: true }).getByRole('link', { name: 'Children', exact: true }).click();
    await page.getByRole('navigation', { name: 'Children', exact: true }).getByRole('link', { name: 'Conference reports', exact: true }).click();
    await page.waitForURL(/\/children\/conference-reports$/);
    await scan(page, `report queue (${user})`);
    if (user === 'police') await shot(page, 'report-queue');
    const row = await rowOnSomePage(page, name, reportDue);
    expect(await row.locator('.govuk-tag').textContent()).toContain('To write');
    await row.getByRole('link', { name }).click();
    await page.waitForURL(/\/children\/conference-reports\/[0-9a-f-]{36}$/);
    await scan(page, `report (${user})`);
    if (user === 'police') {
      expect(await refused(page, 'Send the report')).toContain('Enter your agency’s report for the conference');
      await scan(page, 'report with errors');
    }
    await page.getByLabel(view).check();
    await page.getByLabel('Your agency’s report').fill(text);
    await submit(page, 'Send the report', /\/children\/conference-reports\?done=sent/);
  }

  // ——— the day of the conference: the chair records it, with the child's views; a neglect plan begins ———
  travelTo(conferenceOn, 13 * 60);
  await as(page, 'chair');
  await page.getByRole('navigation', { name: 'Menu', exact: true }).getByRole('link', { name: 'Children', exact: true }).click();
  await page.getByRole('navigation', { name: 'Children', exact: true }).getByRole('link', { name: 'Conferences', exact: true }).click();
  await page.waitForURL(/\/children\/conferences$/);
  await scan(page, 'diary');
  await page.goto(conferenceUrl);
  expect(await page.locator('table').textContent()).toContain('Sent');
  await page.getByRole('link', { name: 'Record the conference' }).click();
  await page.waitForURL(/\/record$/);
  await scan(page, 'conference record');
  await fillDate(page, 'heldAt', conferenceOn, 10 * 60);
  for (const radio of await page.locator('input[name^="attendance-"][value="attended"]').all()) await radio.check();
  await page.getByRole('group', { name: 'Did the child attend?' }).getByLabel('No').check();
  await page.getByRole('group', { name: 'Did the child have an advocate?' }).getByLabel('Yes').check();
  await page.getByRole('group', { name: /Were the child’s views presented/ }).getByLabel('Yes').check();
  await page.getByLabel('The child’s views, as they were presented').fill('Through her advocate: she wants there to be food in the cupboard and for mum to get up in the mornings.');
  await page.getByLabel('Attended the whole conference').check();
  await page.getByLabel('The child is to be the subject of a child protection plan').check();
  await page.getByLabel('Reasons for the decision').fill('Continuing risk of significant harm from neglect.');
  expect(await refused(page, 'Record the conference')).toContain('Select the category of abuse or neglect for the plan');
  await scan(page, 'conference record with errors');
  await page.locator('#category').selectOption({ label: 'Neglect' });
  await shot(page, 'conference-record');
  await submit(page, 'Record the conference', /done=recorded/);
  await scan(page, 'conference (held)');
  expect(await main(page)).toContain('Held in time');
  expect(await rowValue(page, 'The child’s views')).toContain('food in the cupboard');
  expect(await rowValue(page, 'Category')).toBe('Neglect');
  await shot(page, 'conference');

  // ——— the plan: its core group and visits; one visit late ———
  const reviewDueOn = addMonths(conferenceOn, 3);
  let reviewOn = reviewDueOn;
  while (!cal.isWorkingDay(reviewOn)) reviewOn = addDays(reviewOn, -1);
  const coreGroupOn = cal.addWorkingDays(conferenceOn, 7);
  const visit1 = cal.addWorkingDays(conferenceOn, 5);
  const visit2 = cal.addWorkingDays(visit1, 13);
  travelTo(cal.addWorkingDays(visit2, 1), 16 * 60);
  await as(page, 'social-worker');
  await page.goto(caseUrl);
  expect(await main(page)).toContain('Child protection plan');
  await page.getByRole('link', { name: `Child protection plan from ${formatDate(conferenceOn)}` }).click();
  await page.waitForURL(/\/children\/plans\/[0-9a-f-]{36}$/);
  await scan(page, 'plan (child protection)');
  expect(await rowValue(page, 'Category at the start')).toBe('Neglect');
  const reviewLink = page.getByRole('link', { name: `Review child protection conference, ${formatDateTime(instantAt(reviewOn, 10 * 60))}` });
  expect(await reviewLink.count(), 'the review conference 3 months on, on or before the day it is due').toBe(1);
  const reviewUrl = (await reviewLink.getAttribute('href'))!;

  await page.getByRole('link', { name: 'Record a core group meeting' }).click();
  await page.waitForURL(/\/core-groups$/);
  await scan(page, 'core group');
  expect(await main(page)).toContain(`Overdue: was due ${formatDate(cal.addWorkingDays(conferenceOn, 10))}`);
  await fillDate(page, 'heldOn', coreGroupOn);
  const agencies = page.getByRole('group', { name: 'Agencies that took part' });
  for (const name of ['Fernmoor Constabulary', 'Fernmoor NHS Foundation Trust', school.name]) await agencies.getByLabel(name).check();
  await page.getByLabel('Progress against the plan').fill('Food bank referral made; school breakfast club daily; health visitor weekly.');
  await submit(page, 'Record the meeting', /done=coreGroup/);

  for (const [on, notes] of [[visit1, 'Fridge stocked; she showed me her reading book.'], [visit2, 'Mum up and dressed; the children had eaten.']] as const) {
    await page.getByRole('link', { name: 'Record a visit' }).click();
    await page.waitForURL(/\/visits$/);
    await scan(page, 'visit');
    if (on === visit1) {
      expect(await refused(page, 'Record the visit')).toContain('Enter the date of the visit');
      await scan(page, 'visit with errors');
    }
    await fillDate(page, 'visitedOn', on);
    await page.getByRole('group', { name: 'Was the child seen?' }).getByLabel('Yes').check();
    await page.getByRole('group', { name: 'Was the child seen alone?' }).getByLabel('Yes').check();
    await page.getByLabel('What happened on the visit').fill(notes);
    await submit(page, 'Record the visit', /done=visit/);
    expect(await banners(page)).toEqual(['The visit is recorded']);
  }
  const visitRow = (on: LocalDate) => page.locator('table', { has: page.locator('caption', { hasText: 'Visits to the child' }) }).locator('tbody tr', { hasText: formatDate(on) });
  expect(await visitRow(visit1).textContent()).toContain(formatDate(cal.addWorkingDays(conferenceOn, 10)));
  expect(await visitRow(visit1).locator('td').nth(2).textContent()).toBe('Yes');
  expect(await visitRow(visit2).textContent()).toContain(formatDate(cal.addWorkingDays(visit1, 10)));
  expect(await visitRow(visit2).locator('.govuk-tag').textContent()).toContain('Late');
  const coreRow = page.locator('table', { has: page.locator('caption', { hasText: 'Core group meetings' }) }).locator('tbody tr');
  expect(await coreRow.textContent()).toContain(formatDate(cal.addWorkingDays(conferenceOn, 10)));
  expect(await main(page)).toContain(`Next visit due ${formatDate(cal.addWorkingDays(visit2, 10))}`);
  await shot(page, 'plan');

  // ——— the review conference, 3 months on: the plan ends, stepping down to a child in need plan ———
  travelTo(reviewOn, 14 * 60);
  await as(page, 'chair');
  await page.goto(reviewUrl);
  await scan(page, 'conference (review)');
  expect(await rowValue(page, 'Due by')).toBe(formatDateTime(cal.closeOfDay(reviewDueOn)));
  await page.getByRole('link', { name: 'Record the conference' }).click();
  await page.waitForURL(/\/record$/);
  await scan(page, 'conference record (review)');
  await fillDate(page, 'heldAt', reviewOn, 10 * 60);
  for (const radio of await page.locator('input[name^="attendance-"][value="attended"]').all()) await radio.check();
  await page.getByRole('group', { name: 'Did the child attend?' }).getByLabel('Yes').check();
  await page.getByRole('group', { name: 'Did the child have an advocate?' }).getByLabel('Yes').check();
  await page.getByRole('group', { name: /Were the child’s views presented/ }).getByLabel('Yes').check();
  await page.getByLabel('The child’s views, as they were presented').fill('She said there is always breakfast now and she wants the social worker to keep coming.');
  await page.getByLabel('Attended the whole conference').check();
  await page.getByLabel('The child protection plan ends').check();
  await page.getByLabel('If the plan ends: why').selectOption({ label: 'Stepped down to a child in need plan' });
  await page.getByLabel('Reasons for the decision').fill('The child is no longer at risk of significant harm; support continues as a child in need.');
  await submit(page, 'Record the conference', /done=recorded/);
  expect(await main(page)).toContain('Held in time');
  expect(await rowValue(page, 'Decision')).toBe('The child protection plan ends');

  // ——— the child in need plan ends and the case closes ———
  travelTo(cal.addWorkingDays(reviewOn, 20), 15 * 60);
  await as(page, 'social-worker');
  await page.goto(caseUrl);
  await scan(page, 'case (child in need)');
  expect(await main(page)).toContain('Child in need plan');
  const cpText = await page.getByRole('link', { name: /^Child protection plan from/ }).textContent();
  expect(cpText).toBe(`Child protection plan from ${formatDate(conferenceOn)} to ${formatDate(reviewOn)}`);
  await page.getByRole('link', { name: `Child in need plan from ${formatDate(reviewOn)}` }).click();
  await page.waitForURL(/\/children\/plans\/[0-9a-f-]{36}$/);
  await scan(page, 'plan (child in need)');
  await page.getByRole('link', { name: 'End the plan' }).click();
  await page.waitForURL(/\/end$/);
  await scan(page, 'end the plan');
  await fillDate(page, 'endedOn', cal.addWorkingDays(reviewOn, 20));
  await page.getByLabel('No longer needed: the plan’s aims were met').check();
  await submit(page, 'End the plan', /done=endPlan/);
  expect(await rowValue(page, 'Ended')).toContain('No longer needed');
  await page.getByRole('link', { name: 'The child’s case' }).click();
  await page.waitForURL((u) => u.pathname === caseUrl);
  await page.getByRole('link', { name: 'Close the case' }).click();
  await page.waitForURL(/\/close$/);
  await scan(page, 'close');
  await page.getByLabel('Services ceased for any other reason, including the child no longer being in need').check();
  await submit(page, 'Close the case', /done=closed/);
  await scan(page, 'case (closed)');
  expect(await page.locator('main .govuk-tag').first().textContent()).toContain('Closed');
  expect(await rowValue(page, 'Closed')).toContain('Services ceased for any other reason');
}

/** Keeps the page the journey stopped on, to see why. */
const failed = (page: Page, run: string) => async (e: unknown) => {
  await page.screenshot({ path: `${SHOTS}/failed-${run}.png`, fullPage: true }).catch(() => undefined);
  throw e;
};

describe('children’s social care in a browser, referral to closure', () => {
  it('works without JavaScript', { timeout: 200_000 }, async () => {
    const [child] = await children(startOn);
    const context = await newContext(j, { javaScript: false });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await journey(page, child!, async () => {}, async () => {}).catch(failed(page, 'no-js'));
    await context.close();
  });

  it('passes axe on every page, errors included', { timeout: 230_000 }, async () => {
    const [, child] = await children(startOn);
    const context = await newContext(j, { javaScript: true });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await journey(page, child!, (p, label) => scanner.scan(p, label), async (p, name) => {
      await p.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
    }).catch(failed(page, 'js'));
    await context.close();
    expect(scanner.visited.size).toBeGreaterThanOrEqual(30);
    scanner.assertClean();
  });
});
