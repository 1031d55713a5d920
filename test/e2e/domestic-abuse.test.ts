/**
 * Domestic abuse in a browser, on a clock the journey moves: a Friday-night police notification (a high-risk adult
 * victim and three children — one at primary school, one under five, one aged 16 at college) arrives through the
 * API; the household view flags the child graded lower and the household is graded together; an IDVA's DASH totals
 * 15 and prompts MARAC; the Monday triage meeting decides a MARAC referral; each school's key adult sees only their
 * own pupil, due before Monday's school day; three months later a second incident between the same two people is a
 * repeat on arrival, and its Encompass notice is due on the Tuesday after the bank holiday Monday. axe on every page.
 */
import { sql } from 'drizzle-orm';
import { type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { one, rows } from '../../src/db/client.js';
import { checklist } from '../../src/domain/dash.js';
import { SYSTEM_ACTOR } from '../../src/platform/audit.js';
import { type Journey, Scanner, newContext, signIn, startJourney } from './support.js';

// Fixed dates in the past, in term time: the API refuses receipt times in the future.
let clock = new Date('2026-01-30T23:10:00Z'); // a Friday night
let j: Journey;
let apiClient: { clientId: string; secret: string };
const scanner = new Scanner();

beforeAll(async () => {
  j = await startJourney({ now: () => clock });
  const force = (await one<{ id: string; tenant_id: string }>(j.t.db.db, sql`select id, tenant_id from agency where type = 'police' limit 1`))!;
  apiClient = await j.t.app.services.apiClients.create({ ...SYSTEM_ACTOR, tenantId: force.tenant_id }, { agencyId: force.id, name: 'Police DA journey' });
});
afterAll(async () => j?.close());

async function police(body: Record<string, unknown>): Promise<string> {
  const auth = await j.t.app.inject({ method: 'POST', url: '/api/v1/oauth/token', payload: { grant_type: 'client_credentials', client_id: apiClient.clientId, client_secret: apiClient.secret } });
  const res = await j.t.app.inject({ method: 'POST', url: '/api/v1/contacts', headers: { authorization: `Bearer ${auth.json().access_token}`, 'content-type': 'application/json' }, payload: body });
  expect(res.statusCode).toBe(201);
  return (await one<{ id: string }>(j.t.db.db, sql`select id from da_case where contact_id = ${res.json().id}`))!.id;
}

function notification(occurredAt: string, reference: string) {
  const answers = Object.fromEntries(checklist('police-dash-2009')!.questions.map((q, i) => [q.id, i < 16 ? 'yes' : 'no']));
  return {
    contactType: 'child',
    notificationType: 'dash',
    referrer: { name: 'PC Journey' },
    receivedAt: clock.toISOString(),
    incident: { policeReference: reference, occurredAt, postcode: 'FM1 2AB', place: '4 Journey Close' },
    riskLevel: 'high',
    domesticAbuse: { incidentType: 'physical', policeDash: { answers } },
    concerns: ['domestic_abuse'],
    narrative: 'Police were called to a domestic incident; the children were in the house.',
    consent: 'not_sought',
    people: [
      { role: 'parent_carer', daRole: 'victim', riskLevel: 'high', givenNames: 'Alex', familyName: 'Journeyford', dateOfBirth: '1990-03-04', gender: 'female' },
      { role: 'other_adult', daRole: 'alleged_perpetrator', givenNames: 'Sam', familyName: 'Journeyford-Ray', dateOfBirth: '1988-07-01', gender: 'male' },
      { role: 'subject_child', daRole: 'child_present', riskLevel: 'high', givenNames: 'Ivy', familyName: 'Journeyford', dateOfBirth: '2017-05-05', school: '990101', childVoice: 'Said she hid under the bed', childDemeanour: 'Shaking, holding her brother' },
      { role: 'subject_child', daRole: 'child_in_household', riskLevel: 'medium', givenNames: 'Oak', familyName: 'Journeyford', dateOfBirth: '2023-09-01', childVoice: 'Too young to say', childDemeanour: 'Asleep when police arrived' },
      { role: 'subject_child', daRole: 'child_in_household', riskLevel: 'high', givenNames: 'Fern', familyName: 'Journeyford', dateOfBirth: '2009-10-01', school: '990401', childVoice: 'Said she is worried about her mum', childDemeanour: 'Angry, protective' },
    ],
  };
}

async function as(user: string): Promise<Page> {
  const context = await newContext(j, { javaScript: true });
  const page = await context.newPage();
  await signIn(page, user);
  return page;
}

async function noticeOf(caseId: string, given: string) {
  return (await one<{ id: string; due: string; route: string }>(
    j.t.db.db,
    sql`select n.id, to_char(n.due_at at time zone 'Europe/London', 'YYYY-MM-DD HH24:MI') as due, n.route
          from encompass_notice n join da_person p on p.id = n.da_person_id where n.da_case_id = ${caseId} and p.given_names = ${given}`,
  ))!;
}

describe('a domestic abuse notification from the police to MARAC and the schools', () => {
  it('goes from a Friday-night incident to a MARAC referral, the schools told, and a repeat flagged three months later', async () => {
    // ——— Friday night: the police notification arrives ———
    const caseId = await police(notification('2026-01-30T22:40:00Z', 'FM/JOURNEY/1'));

    // Encompass: both school-age children to their own school's key adult, due Monday 08:45; the under-five is not lost
    expect(await noticeOf(caseId, 'Ivy')).toMatchObject({ due: '2026-02-02 08:45', route: 'school' });
    expect(await noticeOf(caseId, 'Fern')).toMatchObject({ due: '2026-02-02 08:45', route: 'school' });
    expect((await noticeOf(caseId, 'Oak')).due).toBe('2026-02-02 08:45');

    // ——— the MASH screener: the household side by side, graded together ———
    const screener = await as('screener');
    await screener.goto(`/domestic-abuse/cases/${caseId}`);
    await scanner.scan(screener, 'household risk view');
    const oakRow = screener.getByRole('table', { name: /grading side by side/ }).getByRole('row', { name: /Oak Journeyford/ });
    await expect.poll(() => oakRow.textContent()).toContain('Graded lower than the victim');
    expect(await screener.locator('main').textContent()).toContain('Said she hid under the bed');
    await screener.getByRole('button', { name: 'Grade the household together' }).click();
    await scanner.scan(screener, 'grading form');
    for (const [name, level] of [
      ['Alex Journeyford', 'High'],
      ['Sam Journeyford-Ray', 'High'],
      ['Ivy Journeyford', 'High'],
      ['Oak Journeyford', 'Medium'],
      ['Fern Journeyford', 'High'],
    ] as const) {
      await screener.getByRole('group', { name: new RegExp(`^${name} \\(`) }).getByLabel(level, { exact: true }).check();
    }
    await screener.getByRole('button', { name: 'Save the household’s gradings' }).click();
    await expect.poll(() => screener.locator('.govuk-error-summary').textContent()).toContain('Give the reason Oak Journeyford is graded lower than the adult victim');
    await scanner.scan(screener, 'grading form with errors');
    await screener.locator('textarea').nth(1).fill('Stays with grandparents on weekdays; to be reviewed at MADA');
    await screener.getByRole('button', { name: 'Save the household’s gradings' }).click();
    await screener.waitForURL(/graded=1/);
    expect(await screener.locator('main').textContent()).toContain('Reason: Stays with grandparents on weekdays');

    // ——— the IDVA completes a DASH with the victim: 15 ticks prompts MARAC ———
    const idva = await as('idva');
    await idva.goto(`/domestic-abuse/cases/${caseId}`);
    await idva.getByRole('link', { name: 'Complete the DASH risk checklist (partner agencies)' }).click();
    await scanner.scan(idva, 'DASH checklist');
    await idva.getByRole('button', { name: 'Score the checklist' }).click();
    await expect.poll(() => idva.locator('.govuk-error-summary').textContent()).toContain('Answer question 1');
    await scanner.scan(idva, 'DASH checklist with errors');
    await idva.getByLabel('Alex Journeyford').check();
    const questions = checklist('safelives-partner')!.questions;
    for (const [i, q] of questions.entries()) await idva.locator(`input[name="answer-${q.id}"][value="${i < 15 ? 'yes' : 'no'}"]`).check();
    await idva.locator('textarea[name="words-q2"]').fill('I am frightened of what he will do next');
    await idva.getByRole('button', { name: 'Score the checklist' }).click();
    await idva.waitForURL(/\/dash\/[0-9a-f-]{36}$/);
    await scanner.scan(idva, 'DASH result');
    const result = (await idva.locator('main').textContent()) ?? '';
    expect(result).toContain('Total 15 ticks');
    expect(result).toContain('This meets the MARAC threshold');
    // the prompt opens the MARAC referral form, filled in from the case
    await idva.getByRole('button', { name: 'Refer to MARAC' }).click();
    await idva.waitForURL(/\/marac\/referrals\/new\?case=/);
    await scanner.scan(idva, 'MARAC referral from a case');
    expect(await idva.locator('input[name="victimFamilyName"]').inputValue()).toBe('Journeyford');

    // ——— Monday morning: the triage meeting decides a MARAC referral for the household ———
    clock = new Date('2026-02-02T09:30:00Z');
    const chair = await as('screener');
    await chair.goto('/domestic-abuse/mada');
    if (await chair.getByRole('button', { name: 'Start the meeting' }).count()) {
      await scanner.scan(chair, 'start the triage meeting');
      await chair.getByLabel('Fernmoor Children’s Services').check();
      await chair.getByLabel('Fernmoor Constabulary').check();
      await chair.getByLabel('Fernmoor Domestic Abuse Service').check();
      await chair.getByRole('button', { name: 'Start the meeting' }).click();
    }
    await chair.waitForURL(/\/domestic-abuse\/mada\/[0-9a-f-]{36}$/);
    await scanner.scan(chair, 'triage meeting');
    await chair.locator(`a[href$="/cases/${caseId}"]`).click();
    await scanner.scan(chair, 'triage decision');
    await chair.getByLabel('Refer to MARAC').check();
    await chair.getByLabel('Refer to the IDVA service').check();
    await chair.getByLabel('Why?').fill('Visible high risk on the DASH (15) and three children in the household.');
    await chair.getByRole('button', { name: 'Record the decision' }).click();
    await chair.waitForURL(/decided=/);
    const referral = (await one<{ criteria: string[]; referred_at: string }>(j.t.db.db, sql`select criteria, referred_at::text from marac_referral where da_case_id = ${caseId}`))!;
    expect(referral.criteria).toContain('visible_high_risk');

    // ——— each school's key adult sees only their own pupil ———
    const ivy = await noticeOf(caseId, 'Ivy');
    const fern = await noticeOf(caseId, 'Fern');
    const primary = await as('dsl');
    await primary.goto('/encompass');
    await scanner.scan(primary, 'key adult list');
    await primary.goto(`/encompass/${ivy.id}`);
    await scanner.scan(primary, 'Encompass notification');
    const seen = (await primary.locator('main').textContent()) ?? '';
    expect(seen).toContain('Ivy Journeyford');
    expect(seen).not.toContain('Fern Journeyford');
    expect((await primary.goto(`/encompass/${fern.id}`))!.status()).toBe(404);
    const college = await as('dsl2');
    await college.goto(`/encompass/${fern.id}`);
    expect(await college.locator('main').textContent()).toContain('Fern Journeyford');
    expect((await college.goto(`/encompass/${ivy.id}`))!.status()).toBe(404);

    // ——— three months later: a second incident between the same two people ———
    clock = new Date('2026-05-01T23:30:00Z'); // Friday night before the early May bank holiday
    const second = await police(notification('2026-05-01T22:50:00Z', 'FM/JOURNEY/2'));
    expect(await noticeOf(second, 'Ivy')).toMatchObject({ due: '2026-05-05 08:45', route: 'school' });
    const flagged = (await one<{ repeat_of_referral_id: string | null }>(j.t.db.db, sql`select repeat_of_referral_id from da_case where id = ${second}`))!;
    expect(flagged.repeat_of_referral_id).not.toBeNull();
    const later = await as('screener');
    await later.goto(`/domestic-abuse/cases/${second}`);
    await scanner.scan(later, 'household view of a repeat');
    expect(await later.locator('main').textContent()).toContain('Repeat MARAC: the same victim and alleged perpetrator were referred to MARAC');
    const coordinator = await j.t.userId('marac');
    expect((await rows(j.t.db.db, sql`select id from notification where user_id = ${coordinator} and link = ${`/domestic-abuse/cases/${second}`}`)).length).toBe(1);

    // the partnership's domestic abuse measures
    const analyst = await as('analyst');
    await analyst.goto('/measures/domestic-abuse');
    await scanner.scan(analyst, 'domestic abuse measures');
    expect(await analyst.locator('main').textContent()).toContain('MARAC');

    scanner.assertClean();
  });

  it('works with JavaScript off: the household graded together, a DASH scored, the triage meeting', async () => {
    clock = new Date('2026-05-12T09:00:00Z');
    const caseId = await police({ ...notification('2026-05-12T07:30:00Z', 'FM/JOURNEY/NOJS'), people: notification('', '').people.map((p) => ({ ...p, familyName: `${p.familyName}-Nojs` })) });
    const context = await newContext(j, { javaScript: false });
    const page = await context.newPage();
    await signIn(page, 'screener');
    await page.goto(`/domestic-abuse/cases/${caseId}/grading`);
    for (const label of await page.getByRole('group').all()) await label.getByLabel('High', { exact: true }).check();
    await page.getByRole('button', { name: 'Save the household’s gradings' }).click();
    await page.waitForURL(/graded=1/);
    await page.goto(`/domestic-abuse/cases/${caseId}/dash/new?version=safelives-partner`);
    await page.getByLabel('Alex Journeyford-Nojs').check();
    for (const q of checklist('safelives-partner')!.questions) await page.locator(`input[name="answer-${q.id}"][value="not_known"]`).check();
    await page.getByRole('button', { name: 'Score the checklist' }).click();
    await page.waitForURL(/\/dash\/[0-9a-f-]{36}$/);
    expect(await page.locator('main').textContent()).toContain('Total 0 ticks');
    await page.goto('/domestic-abuse/mada');
    // (axe needs JavaScript: the same pages were scanned with it on above)
    expect(await page.locator('main').textContent()).toMatch(/Start the meeting|Waiting for a decision/);
  });
});
