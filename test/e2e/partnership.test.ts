/**
 * Issue 17 in a browser, as the demo users work it, once with JavaScript on (every page scanned by axe, WCAG 2.2
 * AA, errors included) and once with it off (the pages need none).
 *
 * Learning review → plan → evidence → dashboard: the business unit notifies a serious incident, records the
 * notification to the Panel and the rapid review held on working day 14 (in time) deciding on an LCSPR, starts the
 * LCSPR, records three findings and makes its action plan; three recommendations and five actions fill the short
 * plan, and a sixth is refused in plain words; the police open their action from "our actions", upload a PDF as
 * evidence and complete it (green); the board dashboard's completed count for the children's partnership goes up.
 *
 * Self-assessment: a school's DSL answers every S175 standard with its RAG rating and evidence and submits; the
 * business unit sees the school's band and the per-standard figures on the round. The health trust answers the joint
 * tool once and submits; the round's children's and adults' parts both count that one return.
 */
import { sql } from 'drizzle-orm';
import { type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { one } from '../../src/db/client.js';
import { WorkingCalendar } from '../../src/domain/calendar.js';
import holidaysFile from '../../src/domain/data/bank-holidays-england-and-wales.json' with { type: 'json' };
import { STANDARD_FRAMEWORKS } from '../../src/domain/self-assessment-frameworks.js';
import { type LocalDate, addDays } from '../../src/domain/time.js';
import { type Journey, Scanner, newContext, signIn, startJourney, main, refused, submit } from './support.js';

const SHOTS = '/tmp/shots17';
const [fromYear, toYear] = holidaysFile.years.split('-').map(Number) as [number, number];
/** England and Wales working days, independent of the app's own calendar service. */
const cal = new WorkingCalendar(
  holidaysFile.events.map((e) => e.date),
  { coveredYears: { from: fromYear, to: toYear } },
);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

let j: Journey;
const scanner = new Scanner();
let policeAgency = '';

beforeAll(async () => {
  j = await startJourney();
  policeAgency = (await one<{ name: string }>(j.t.db.db, sql`select a.name from app_user u join agency a on a.id = u.agency_id where u.email = 'police@demo.threshold.test'`))!.name;
});
afterAll(async () => j?.close());

type Scan = (page: Page, label?: string) => Promise<void>;

async function as(page: Page, user: string): Promise<void> {
  await page.context().clearCookies();
  await signIn(page, user);
}

async function fillDate(page: Page, prefix: string, date: LocalDate): Promise<void> {
  const [y, m, d] = date.split('-');
  await page.locator(`#${prefix}-day`).fill(String(Number(d)));
  await page.locator(`#${prefix}-month`).fill(String(Number(m)));
  await page.locator(`#${prefix}-year`).fill(y!);
}

const path = (page: Page) => new URL(page.url()).pathname;
/** A link, or a link styled as a button. */
const linkOrButton = (page: Page, name: string) => page.getByRole('link', { name, exact: true }).or(page.getByRole('button', { name, exact: true }));

/** The children's partnership's completed count on the board dashboard. */
async function completedForChildren(page: Page, scan: Scan): Promise<number> {
  await page.getByRole('link', { name: 'Partnership', exact: true }).first().click();
  await page.waitForURL((u) => u.pathname === '/partnership');
  await scan(page, 'partnership hub (business unit)');
  const row = page.locator('main table tbody tr', { has: page.getByRole('link', { name: 'Children’s safeguarding partnership', exact: true }) });
  // board, red, amber, green, completed, overdue
  return Number(((await row.locator('td').nth(3).textContent()) ?? '').trim().replace(/,/g, ''));
}

// ——— learning review → plan → evidence → dashboard ———

async function reviewJourney(page: Page, pseudonym: string, scan: Scan): Promise<void> {
  const held = cal.workingDayOnOrBefore(cal.dateOf(new Date()));
  const notified = cal.subtractWorkingDays(held, 14);
  const learned = cal.subtractWorkingDays(notified, 3);

  await as(page, 'business-unit');
  await scan(page, 'home (business unit)');
  const completedBefore = await completedForChildren(page, scan);

  // ——— the serious incident notified, the notification and the rapid review recorded ———
  await page.getByRole('link', { name: 'Learning reviews', exact: true }).click();
  await page.waitForURL((u) => u.pathname === '/partnership/reviews');
  await scan(page, 'learning reviews');
  await linkOrButton(page, 'Notify a serious incident or start a review').click();
  await page.waitForURL((u) => u.pathname === '/partnership/reviews/new');
  await scan(page, 'notify a serious incident');
  expect(await refused(page, 'Record the review')).toContain('Enter a pseudonym for the subject');
  await scan(page, 'notify with errors');
  await page.getByLabel('Rapid review (serious incident notification)').check();
  await page.getByLabel('Title', { exact: true }).fill(pseudonym);
  await page.getByLabel('Pseudonym for the subject').fill(pseudonym);
  await page.getByLabel('What happened').fill('A baby was admitted to hospital with injuries that need explaining; the family were known to three agencies.');
  await fillDate(page, 'incidentOn', addDays(learned, -1));
  await fillDate(page, 'learnedOn', learned);
  await submit(page, 'Record the review', /\/partnership\/reviews\/[0-9a-f-]{36}\?done=notified/);
  await scan(page, 'review (notified)');
  expect(await main(page)).toContain('The review is recorded');

  await page.getByRole('link', { name: 'Record the notification sent to the Panel' }).click();
  await page.waitForURL(/\/notification$/);
  await scan(page, 'record the notification');
  await fillDate(page, 'notifiedOn', notified);
  await submit(page, 'Record the notification', /done=notification/);

  await page.getByRole('link', { name: 'Record the rapid review and its decision' }).click();
  await page.waitForURL(/\/rapid-review$/);
  await scan(page, 'record the rapid review');
  expect(await main(page)).toContain(`the rapid review is due by`);
  await fillDate(page, 'heldOn', held);
  await page.getByLabel('A local child safeguarding practice review (LCSPR)').check();
  await page.getByLabel('Reasons for the decision').fill('Learning about how agencies shared information about the father.');
  await fillDate(page, 'panelSentOn', held);
  await submit(page, 'Record the rapid review', /done=rapid/);
  await scan(page, 'review (rapid review held)');
  // held on working day 14 of 15: in time
  const dates = page.locator('main table').first();
  expect(await dates.textContent()).toMatch(/Done [^:]*: in time/);

  // ——— the LCSPR, its findings and its plan ———
  await page.getByRole('button', { name: 'Start the LCSPR' }).click();
  await page.waitForURL(/\/partnership\/reviews\/[0-9a-f-]{36}\?done=lcspr/);
  await scan(page, 'review (LCSPR)');
  expect(await page.locator('.govuk-caption-l').first().textContent()).toContain('Local child safeguarding practice review');
  const findings = [
    'Information about the father was not shared with the health visitors.',
    'The referral was closed without a home visit.',
    'Agencies did not escalate their disagreement about the threshold.',
  ];
  for (const [i, text] of findings.entries()) {
    await page.getByRole('link', { name: 'Add a finding' }).click();
    await page.waitForURL(/\/findings$/);
    if (i === 0) {
      await scan(page, 'add a finding');
      await refused(page, 'Add the finding');
      await scan(page, 'add a finding with errors');
    }
    await page.getByLabel('Finding', { exact: true }).fill(text);
    await submit(page, 'Add the finding', /done=findings/);
  }
  for (const f of findings) expect(await main(page)).toContain(f);
  await submit(page, 'Make an action plan', /\/partnership\/plans\/[0-9a-f-]{36}$/);
  await scan(page, 'action plan');
  expect(await main(page)).toContain('This is a short plan: it can have at most 5 open actions (0 open now).');
  const planUrl = path(page);

  // ——— three recommendations; five actions fill the short plan, a sixth is refused ———
  for (const f of findings) {
    await page.getByLabel('The recommendation').fill(`Recommendation: ${f}`);
    await submit(page, 'Add the recommendation', new RegExp(`${planUrl}`));
  }
  const due = cal.addWorkingDays(cal.dateOf(new Date()), 30);
  const addAction = async (n: number, agency: string, recommendation: string) => {
    await page.getByLabel('What the action is').fill(`${pseudonym} action ${n}: brief every team on sharing information`);
    await page.getByLabel('Recommendation it answers').selectOption({ label: recommendation });
    await page.getByLabel('Agency that owns it').selectOption({ label: agency });
    await page.getByLabel('Name of the person who owns it').fill(n === 1 ? 'Pat Constable' : 'Sam Owner');
    await fillDate(page, 'dueOn', due);
    await page.getByRole('group', { name: 'RAG rating' }).getByLabel('Amber').check();
  };
  const recLabel = (i: number) => `Recommendation ${i + 1}`;
  const otherAgencies = (await page.locator('#ownerAgencyId option').allTextContents()).map((a) => a.trim()).filter((a) => a && a !== policeAgency && !a.startsWith('Choose'));
  for (let n = 1; n <= 5; n += 1) {
    await addAction(n, n === 1 ? policeAgency : otherAgencies[0]!, recLabel((n - 1) % 3));
    await submit(page, 'Add the action', new RegExp(`${planUrl}`));
  }
  expect(await main(page)).toContain('(5 open now)');
  await addAction(6, otherAgencies[0]!, recLabel(2));
  expect(await refused(page, 'Add the action')).toContain('This is a short plan: it can have at most 5 open actions. Complete or cancel one before adding another.');
  await scan(page, 'action plan, sixth action refused');

  // ——— the police complete theirs with a PDF as evidence ———
  await as(page, 'police');
  await scan(page, 'home (police)');
  await page.getByRole('link', { name: 'Partnership', exact: true }).first().click();
  await page.waitForURL((u) => u.pathname === '/partnership');
  await scan(page, 'partnership hub (police)');
  await page.getByRole('link', { name: 'Our actions', exact: true }).click();
  await page.waitForURL((u) => u.pathname === '/partnership/our-actions');
  await scan(page, 'our actions');
  const ours = page.locator('tbody tr', { hasText: `${pseudonym} action 1` });
  await ours.locator('a').first().click();
  await page.waitForURL(/\/partnership\/actions\/[0-9a-f-]{36}$/);
  await scan(page, 'action (police)');
  await page.getByLabel('Progress or evidence').fill('Briefing delivered to every MASH officer; the attendance log is attached.');
  await page.getByRole('group', { name: 'Status' }).getByLabel('Completed').check();
  await page.getByRole('group', { name: 'RAG rating' }).getByLabel('Green').check();
  expect(await refused(page, 'Save the update')).toContain('An action can only be completed with evidence');
  await scan(page, 'action update with errors');
  await page.getByLabel('Progress or evidence').fill('Briefing delivered to every MASH officer; the attendance log is attached.');
  await page.getByRole('group', { name: 'Status' }).getByLabel('Completed').check();
  await page.getByRole('group', { name: 'RAG rating' }).getByLabel('Green').check();
  await page.getByLabel('This update is evidence').check();
  await page.getByLabel('Evidence file (optional)').setInputFiles({ name: 'Briefing log.pdf', mimeType: 'application/pdf', buffer: PDF });
  await submit(page, 'Save the update', /\/partnership\/actions\/[0-9a-f-]{36}(\?.*)?$/);
  const action = await main(page);
  expect(action).toContain('Briefing log.pdf');
  expect(action).toContain('RAG: Green');
  expect(action).toContain('Status: Completed');

  // ——— the board dashboard counts it ———
  await as(page, 'business-unit');
  expect(await completedForChildren(page, scan)).toBe(completedBefore + 1);
}

// ——— self-assessment: a school's S175 return, and the joint tool answered once for both boards ———

const S175 = STANDARD_FRAMEWORKS.find((f) => f.kind === 's175')!;
const JOINT = STANDARD_FRAMEWORKS.find((f) => f.kind === 'joint')!;
const SHARED = JOINT.standards.find((s) => s.appliesTo === 'both')!;

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

/** Opens the organisation's own return in the open round of a framework, from "Our self-assessments". */
async function openOurReturn(page: Page, round: RegExp, scan: Scan, who: string): Promise<void> {
  await page.getByRole('link', { name: 'Partnership', exact: true }).first().click();
  await page.waitForURL((u) => u.pathname === '/partnership');
  await page.getByRole('link', { name: 'Self-assessment', exact: true }).click();
  // those who only complete their own are taken straight to them; those who follow the partnership see the rounds
  await page.waitForURL((u) => u.pathname === '/partnership/self-assessment' || u.pathname === '/partnership/self-assessment/ours');
  if (path(page) === '/partnership/self-assessment') {
    await scan(page, `self-assessment (${who})`);
    await page.getByRole('link', { name: 'Our self-assessments' }).click();
    await page.waitForURL((u) => u.pathname === '/partnership/self-assessment/ours');
  }
  await scan(page, `our self-assessments (${who})`);
  await page.getByRole('link', { name: round }).first().click();
  await page.waitForURL(/\/partnership\/self-assessment\/returns\/[0-9a-f-]{36}$/);
  await scan(page, `return (${who})`);
}

/** Answers every standard with a rating and its evidence, saves and submits. */
async function answerAndSubmit(page: Page, standards: readonly { code: string }[], rag: (i: number) => 'Green: met' | 'Amber: partly met' | 'Red: not met', scan: Scan, who: string): Promise<void> {
  for (const [i, s] of standards.entries()) {
    await page.getByRole('group', { name: `Rating for ${s.code}`, exact: true }).getByLabel(rag(i)).check();
    await page.getByLabel(`Evidence for ${s.code}`, { exact: true }).fill(`${s.code}: policy seen, checked with the governors in the spring term; staff training records up to date.`);
  }
  await submit(page, 'Save my answers', /done=saved/);
  await scan(page, `return saved (${who})`);
  await submit(page, 'Submit the return', /done=submitted/);
  await scan(page, `return submitted (${who})`);
  expect(await main(page)).toContain('90–100%');
}

/** The business unit's round page for a framework's open round. */
async function openRound(page: Page, round: RegExp, scan: Scan, label: string): Promise<void> {
  await page.getByRole('link', { name: 'Partnership', exact: true }).first().click();
  await page.waitForURL((u) => u.pathname === '/partnership');
  await page.getByRole('link', { name: 'Self-assessment', exact: true }).click();
  await page.waitForURL((u) => u.pathname === '/partnership/self-assessment');
  await scan(page, 'self-assessment rounds (business unit)');
  await page.getByRole('link', { name: round }).first().click();
  await page.waitForURL(/\/partnership\/self-assessment\/rounds\/[0-9a-f-]{36}$/);
  await scan(page, label);
}

/** A compliance table's "answered" figure for a standard (the table under `heading`, or the only one). */
async function answered(page: Page, code: string, heading?: string): Promise<number> {
  const tables = page.locator('main table', { has: page.locator('caption', { hasText: heading ?? 'Compliance by standard' }) });
  const row = tables.first().locator('tbody tr', { has: page.getByText(new RegExp(`^${code.replace('.', '\\.')} `)) });
  return Number(((await row.locator('td').nth(1).textContent()) ?? '').trim());
}

const S175_ROUND = /^Section 175 safeguarding self-assessment/;
const JOINT_ROUND = /^Joint children’s and adults’ safeguarding self-assessment/;

async function selfAssessmentJourney(page: Page, users: { school: string; joint: string }, scan: Scan): Promise<void> {
  const school = (await one<{ name: string }>(j.t.db.db, sql`select a.name from app_user u join agency a on a.id = u.agency_id where u.email = ${`${users.school}@demo.threshold.test`}`))!.name;

  // ——— the business unit's figures before ———
  await as(page, 'business-unit');
  await openRound(page, S175_ROUND, scan, 'S175 round');
  const s175Before = await answered(page, 'S175.1');
  await openRound(page, JOINT_ROUND, scan, 'joint round');
  const jointBefore = { children: await answered(page, SHARED.code, 'For the children’s board'), adults: await answered(page, SHARED.code, 'For the adults’ board') };

  // ——— the school's DSL answers every standard and submits ———
  await as(page, users.school);
  await openOurReturn(page, S175_ROUND, scan, 'school');
  expect(await page.locator('h1').textContent()).toContain(school);
  // a rating needs its evidence
  await page.getByRole('group', { name: `Rating for ${S175.standards[0]!.code}`, exact: true }).getByLabel('Amber: partly met').check();
  await page.getByLabel(`Evidence for ${S175.standards[0]!.code}`, { exact: true }).fill('');
  expect(await refused(page, 'Save my answers')).toContain(`Enter the evidence for standard ${S175.standards[0]!.code}`);
  await scan(page, 'return with errors');
  await answerAndSubmit(page, S175.standards, (i) => (i === 8 ? 'Amber: partly met' : i === 9 ? 'Red: not met' : 'Green: met'), scan, 'school');

  // ——— the business unit sees the school's band and each standard's figures ———
  await as(page, 'business-unit');
  await openRound(page, S175_ROUND, scan, 'S175 round');
  expect(await answered(page, 'S175.1')).toBe(s175Before + 1);
  for (const s of S175.standards) expect(await answered(page, s.code)).toBeGreaterThanOrEqual(1);
  const row = await rowOnSomePage(page, school);
  expect(await row.textContent()).toContain('90–100%');
  expect(await row.textContent()).toContain('Submitted');

  // ——— the joint tool, answered once by an agency serving children and adults ———
  await as(page, users.joint);
  await openOurReturn(page, JOINT_ROUND, scan, 'joint');
  await answerAndSubmit(page, JOINT.standards, (i) => (i % 4 === 3 ? 'Amber: partly met' : 'Green: met'), scan, 'joint');
  await as(page, 'business-unit');
  await openRound(page, JOINT_ROUND, scan, 'joint round');
  expect(await answered(page, SHARED.code, 'For the children’s board')).toBe(jointBefore.children + 1);
  expect(await answered(page, SHARED.code, 'For the adults’ board')).toBe(jointBefore.adults + 1);
}

const failed = (page: Page, run: string) => async (e: unknown) => {
  await page.screenshot({ path: `${SHOTS}/failed-${run}.png`, fullPage: true }).catch(() => undefined);
  throw e;
};
const scanWith: Scan = (p, label) => scanner.scan(p, label);
const none = async () => {};

describe('a serious incident to an LCSPR, its short plan, the police’s evidence and the board dashboard', () => {
  it('with JavaScript, every page scanned by axe', { timeout: 200_000 }, async () => {
    const context = await newContext(j, { javaScript: true });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await reviewJourney(page, 'Child Browser', scanWith).catch(failed(page, 'review-js'));
    await context.close();
  });

  it('without JavaScript', { timeout: 200_000 }, async () => {
    const context = await newContext(j, { javaScript: false });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await reviewJourney(page, 'Child Nojs', none).catch(failed(page, 'review-no-js'));
    await context.close();
  });
});

describe('a school’s S175 return and the joint tool answered once for both boards', () => {
  it('with JavaScript, every page scanned by axe', { timeout: 200_000 }, async () => {
    const context = await newContext(j, { javaScript: true });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await selfAssessmentJourney(page, { school: 'dsl', joint: 'health' }, scanWith).catch(failed(page, 'sa-js'));
    await context.close();
  });

  it('without JavaScript', { timeout: 200_000 }, async () => {
    const context = await newContext(j, { javaScript: false });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await selfAssessmentJourney(page, { school: 'dsl2', joint: 'police' }, none).catch(failed(page, 'sa-no-js'));
    await context.close();
  });
});

describe('accessibility', () => {
  it('finds no WCAG 2.2 AA violations on any page visited, errors included', () => {
    expect(scanner.visited.size).toBeGreaterThanOrEqual(15);
    scanner.assertClean();
  });
});
