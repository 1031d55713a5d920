/**
 * Issue 17's training in a browser, on a clock the journey moves through the session and three months on, once with
 * JavaScript on (every page scanned by axe, WCAG 2.2 AA, errors included) and once with it off.
 *
 * A school's DSL books one of their own staff on a domestic abuse course's next session with places, from the
 * catalogue → once the session has started, the business unit takes the register (attended) → three months on the
 * impact job emails the attendee a one-use link → the attendee opens it without signing in and answers → the course
 * page counts the answer, and the board's assurance scorecard shows the impact at 3 months for the course.
 */
import { sql } from 'drizzle-orm';
import { type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { one } from '../../src/db/client.js';
import { LONDON, instantAt } from '../../src/domain/time.js';
import { type Journey, Scanner, newContext, signIn, startJourney, main, refused, submit, rowValue } from './support.js';

const SHOTS = '/tmp/shots17';
const HOUR = 3_600_000;

let offset = 0;
const now = () => new Date(Date.now() + offset);
const travelTo = (at: Date) => {
  offset = at.getTime() - Date.now();
};

let j: Journey;
const scanner = new Scanner();
let tenantId = '';

beforeAll(async () => {
  j = await startJourney({ now });
  tenantId = (await one<{ tenant_id: string }>(j.t.db.db, sql`select tenant_id from app_user where email = 'dsl@demo.threshold.test'`))!.tenant_id;
});
afterAll(async () => j?.close());

type Scan = (page: Page, label?: string) => Promise<void>;

/** Signs in afresh (the clock may have moved past the last session's idle limit). */
async function as(page: Page, user: string): Promise<void> {
  await page.context().clearCookies();
  await signIn(page, user);
}


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

/** The next session (not yet used by a journey) of a domestic abuse course, with places left. */
async function daSessionWithPlaces(): Promise<{ sessionId: string; courseId: string; title: string; startsAt: Date }> {
  const found = await one<{ session_id: string; course_id: string; title: string; starts_at: string | Date }>(
    j.t.db.db,
    sql`select s.id as session_id, c.id as course_id, c.title, s.starts_at
          from training_session s join training_course c on c.id = s.course_id
         where c.tenant_id = ${tenantId} and c.active and c.theme = 'domestic_abuse' and c.mode <> 'e_learning'
           and s.status = 'scheduled' and s.starts_at > ${now().toISOString()}::timestamptz + interval '1 day'
           and s.capacity > (select count(*) from training_booking b where b.session_id = s.id and b.status <> 'cancelled')
         order by s.starts_at limit 1`,
  );
  if (!found) throw new Error('The demo has no domestic abuse session with places to come');
  return { sessionId: found.session_id, courseId: found.course_id, title: found.title, startsAt: new Date(found.starts_at) };
}

/** From the partnership hub to a course in the training catalogue. */
async function openCourse(page: Page, title: string, scan: Scan, who: string): Promise<void> {
  await page.getByRole('link', { name: 'Partnership', exact: true }).first().click();
  await page.waitForURL((u) => u.pathname === '/partnership');
  await page.getByRole('link', { name: 'Training', exact: true }).click();
  await page.waitForURL((u) => u.pathname === '/partnership/training');
  await scan(page, `training catalogue (${who})`);
  const row = await rowOnSomePage(page, title);
  await row.getByRole('link', { name: title, exact: true }).click();
  await page.waitForURL(/\/partnership\/training\/courses\/[0-9a-f-]{36}$/);
  await scan(page, `course (${who})`);
}

async function trainingJourney(page: Page, attendee: { name: string; email: string }, scan: Scan, measures: boolean): Promise<void> {
  offset = 0;
  const { sessionId, title, startsAt } = await daSessionWithPlaces();
  const sessionLink = (p: Page) => p.locator(`main a[href="/partnership/training/sessions/${sessionId}"]`);

  // ——— the school's DSL books one of their own staff ———
  await as(page, 'dsl');
  await scan(page, 'home (school DSL)');
  await openCourse(page, title, scan, 'school DSL');
  await sessionLink(page).first().click();
  await page.waitForURL((u) => u.pathname === `/partnership/training/sessions/${sessionId}`);
  await scan(page, 'session (school DSL)');
  expect(await refused(page, 'Book the place')).toContain('Enter');
  await scan(page, 'booking with errors');
  await page.getByLabel('Name', { exact: true }).fill(attendee.name);
  await page.getByLabel('Work email address').fill(attendee.email);
  await page.getByLabel('Job role').fill('Year 5 teacher');
  // by keyboard: from the last field, Tab reaches the button and Enter books the place
  await page.getByLabel('Job role').press('Tab');
  expect(((await page.locator(':focus').textContent()) ?? '').trim()).toBe('Book the place');
  await page.keyboard.press('Enter');
  await page.waitForURL(/done=booked/);
  await scan(page, 'session booked (school DSL)');
  expect(await main(page)).toContain(attendee.name);

  // ——— the session is held: the business unit takes the register ———
  travelTo(new Date(startsAt.getTime() + 4 * HOUR));
  await as(page, 'business-unit');
  await openCourse(page, title, scan, 'business unit');
  const before = await rowValue(page, 'Asked about impact after 3 months');
  await sessionLink(page).first().click();
  await page.waitForURL((u) => u.pathname === `/partnership/training/sessions/${sessionId}`);
  await scan(page, 'session (business unit)');
  await page.getByRole('link', { name: 'Take the register' }).click();
  await page.waitForURL(/\/register$/);
  await scan(page, 'take the register');
  const people = page.locator('main fieldset');
  for (let i = 0; i < (await people.count()); i += 1) await people.nth(i).getByLabel('Attended', { exact: true }).check();
  await submit(page, 'Save the register', new RegExp(`/partnership/training/sessions/${sessionId}`));
  await scan(page, 'session after the register');
  const booking = (await one<{ status: string; impact_due_on: string }>(j.t.db.db, sql`select status, impact_due_on::text as impact_due_on from training_booking where session_id = ${sessionId} and attendee_email = ${attendee.email}`))!;
  expect(booking.status).toBe('attended');

  // ——— three months on, the job emails the attendee a one-use link ———
  travelTo(instantAt(booking.impact_due_on, 10 * 60, LONDON));
  await j.t.app.services.training.sendDueImpactChecks(5000);
  const mail = await one<{ personalisation: { link: string } }>(j.t.db.db, sql`select personalisation from outbox_message where template = 'training.impact' and recipient = ${attendee.email}`);
  const link = new URL(mail!.personalisation.link);
  expect(link.pathname).toMatch(/^\/training\/impact\/[A-Za-z0-9_-]{43}$/);

  // ——— the attendee answers without signing in ———
  await page.context().clearCookies();
  await page.goto(link.pathname);
  await scan(page, 'impact questionnaire');
  expect(await page.locator('.govuk-caption-l').textContent()).toContain(title);
  await page.getByRole('group', { name: 'Have you used what you learned in your work?' }).getByLabel('Yes', { exact: true }).check();
  expect(await refused(page, 'Send your answers')).toContain('Give an example of how it changed your practice');
  await scan(page, 'impact questionnaire with errors');
  await page.getByRole('group', { name: 'Have you used what you learned in your work?' }).getByLabel('Yes', { exact: true }).check();
  await page.getByLabel('Give an example of how it changed your practice').fill('A parent mentioned her partner checks her phone; I asked about coercive control and referred to the IDVA service.');
  await page.getByRole('group', { name: 'How confident do you feel about this subject now?' }).getByLabel('4', { exact: true }).check();
  await page.getByRole('button', { name: 'Send your answers' }).click();
  await page.getByText('Thank you for your answers').waitFor();
  await scan(page, 'impact answered');

  // ——— the course page counts it ———
  await as(page, 'business-unit');
  await openCourse(page, title, scan, 'business unit, three months on');
  const asked = Number(before.split(' ')[0]);
  expect(Number(await rowValue(page, 'Asked about impact after 3 months'))).toBeGreaterThanOrEqual(asked + 1);
  expect(await rowValue(page, 'Answered')).toMatch(/^[1-9]\d* of \d+$/);
  expect(await rowValue(page, 'Have used what they learned')).toMatch(/^\d+% \([1-9]\d* of \d+\)$/);
  expect(await main(page)).toContain('I asked about coercive control and referred to the IDVA service.');
  expect(await main(page)).not.toContain(attendee.name);
  if (!measures) return;

  // ——— the board's scorecard shows the impact at 3 months for the course ———
  await j.t.app.services.measures.refresh(tenantId, { full: true });
  await page.getByRole('link', { name: 'Partnership', exact: true }).first().click();
  await page.waitForURL((u) => u.pathname === '/partnership');
  await page.getByRole('link', { name: 'Partnership measures', exact: true }).click();
  await page.waitForURL((u) => u.pathname === '/measures/partnership', { timeout: 60_000 });
  await scan(page, 'assurance scorecard (children)');
  await page.getByRole('link', { name: 'Community safety partnership', exact: true }).click();
  await page.waitForURL((u) => u.searchParams.get('board') === 'community_safety', { timeout: 60_000 });
  await scan(page, 'assurance scorecard (community safety)');
  const impact = page.locator('main table', { has: page.locator('caption', { hasText: 'Impact reported at 3 months' }) });
  const row = impact.locator('tbody tr', { has: page.getByText(title, { exact: true }) });
  const cells = (await row.first().locator('td, th').allTextContents()).map((c) => c.trim());
  // course, asked (sent), answered, answered %, used the learning, used %
  expect(Number(cells[2])).toBeGreaterThanOrEqual(1);
  expect(Number(cells[4])).toBeGreaterThanOrEqual(1);
  const figures = page.locator('main table.app-scorecard tbody tr', { has: page.getByRole('link', { name: 'Impact questionnaires answered at 3 months' }) });
  expect(await figures.locator('td').first().textContent()).toMatch(/\d/);
}

const failed = (page: Page, run: string) => async (e: unknown) => {
  await page.screenshot({ path: `${SHOTS}/failed-${run}.png`, fullPage: true }).catch(() => undefined);
  throw e;
};
const scanWith: Scan = (p, label) => scanner.scan(p, label);
const none = async () => {};

describe('a domestic abuse course booked by a school, its register and its impact three months on', () => {
  it('with JavaScript, every page scanned by axe', { timeout: 200_000 }, async () => {
    const context = await newContext(j, { javaScript: true });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await trainingJourney(page, { name: 'Sam Browser', email: 'sam.browser@school.example' }, scanWith, true).catch(failed(page, 'training-js'));
    await context.close();
    offset = 0;
  });

  it('without JavaScript', { timeout: 200_000 }, async () => {
    const context = await newContext(j, { javaScript: false });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await trainingJourney(page, { name: 'Robin Nojs', email: 'robin.nojs@school.example' }, none, false).catch(failed(page, 'training-no-js'));
    await context.close();
    offset = 0;
  });
});

describe('accessibility', () => {
  it('finds no WCAG 2.2 AA violations on any page visited, errors included', () => {
    expect(scanner.visited.size).toBeGreaterThanOrEqual(12);
    scanner.assertClean();
  });
});
