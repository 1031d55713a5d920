/**
 * Learning reviews through app.inject against a real database: a serious incident is notified to the Panel, the
 * rapid review is held on working day 14 (in time) and decides on an LCSPR, the LCSPR is started from it, three
 * findings are added and the review's action plan is made (the action tracker's, short and restricted). Before
 * publication a police officer and the board's analyst are refused and nothing is written; bad dates are refused
 * with the field named; publication held for criminal proceedings blocks publishing until released; once published
 * the analyst reads it (by pseudonym).
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, one } from '../../db/client.js';
import { type WorkingCalendar } from '../../domain/calendar.js';
import { type LocalDate, addDays } from '../../domain/time.js';
import { type TestApp, type TestClient, createTestApp, location } from '../../../test/support/app.js';

let t: TestApp;
let db: Database;
let bu: TestClient;
let police: TestClient;
let analyst: TestClient;
let calendar: WorkingCalendar;
let today: LocalDate;

const count = async (q: ReturnType<typeof sql>) => (await one<{ n: number }>(db, q))!.n;
const DATE = (prefix: string, d: LocalDate) => {
  const [y, m, day] = d.split('-');
  return { [`${prefix}-day`]: String(Number(day)), [`${prefix}-month`]: String(Number(m)), [`${prefix}-year`]: y! };
};
const changes = async (id: string) => count(sql`select count(*)::int as n from audit_event where record_id = ${id} and action <> 'learning_review.viewed'`);

beforeAll(async () => {
  t = await createTestApp();
  db = t.db.db;
  bu = await t.as('business-unit');
  police = await t.as('police');
  analyst = await t.as('analyst');
  calendar = await t.app.services.calendar.forDivision('england-and-wales');
  today = calendar.dateOf(new Date());
});
afterAll(async () => t?.close());

describe('a serious incident, its rapid review on working day 14, an LCSPR with three findings and its plan, then publication', () => {
  let held = '';
  let notified = '';
  let learned = '';
  let rapidId = '';
  let lcsprId = '';

  it('notifies a serious incident: due to the Panel within 5 working days of the local authority learning of it', async () => {
    held = calendar.workingDayOnOrBefore(today);
    notified = calendar.subtractWorkingDays(held, 14);
    learned = calendar.subtractWorkingDays(notified, 3);
    const form = await bu.get('/partnership/reviews/new');
    expect(form.statusCode).toBe(200);
    const res = await bu.post('/partnership/reviews/new', {
      kind: 'rapid_review', title: 'Child T', subjectPseudonym: 'Child T', summary: 'A baby was admitted with injuries that need explaining.',
      ...DATE('incidentOn', addDays(learned, -1)), ...DATE('learnedOn', learned),
    });
    expect(res.statusCode).toBe(303);
    rapidId = location(res).split('/')[3]!.split('?')[0]!;
    const r = (await one<{ stage: string; notification_due_on: string; board_kind: string; restricted: boolean; reference: string }>(db, sql`select stage, notification_due_on, board_kind, restricted, reference from learning_review where id = ${rapidId}`))!;
    expect(r).toMatchObject({ stage: 'notified', notification_due_on: calendar.addWorkingDays(learned, 5), board_kind: 'children', restricted: true });
    expect(r.reference).toMatch(/^LR-\d{5}$/);
  });

  it('refuses bad dates with an error summary naming the field, and writes nothing', async () => {
    const before = await changes(rapidId);
    const future = await bu.post(`/partnership/reviews/${rapidId}/notification`, DATE('notifiedOn', addDays(today, 3)));
    expect(future.statusCode).toBe(400);
    expect(future.body).toContain('There is a problem');
    expect(future.body).toContain('href="#notifiedOn-day"');
    expect(future.body).toContain('The date the Panel was notified must be today or in the past');
    const early = await bu.post(`/partnership/reviews/${rapidId}/notification`, DATE('notifiedOn', addDays(learned, -2)));
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain('must be on or after the local authority learned of the incident');
    const badNotify = await bu.post('/partnership/reviews/new', { kind: 'rapid_review', title: 'Child U', subjectPseudonym: 'Child U', summary: 'x', ...DATE('incidentOn', today), ...DATE('learnedOn', addDays(today, 2)) });
    expect(badNotify.statusCode).toBe(400);
    expect(badNotify.body).toContain('href="#learnedOn-day"');
    const noPseudonym = await bu.post('/partnership/reviews/new', { kind: 'rapid_review', title: 'Child U', summary: 'x', ...DATE('incidentOn', today), ...DATE('learnedOn', today) });
    expect(noPseudonym.statusCode).toBe(400);
    expect(noPseudonym.body).toContain('Enter a pseudonym for the subject');
    expect(await count(sql`select count(*)::int as n from learning_review where title = 'Child U'`)).toBe(0);
    expect(await changes(rapidId)).toBe(before);
    expect(await count(sql`select count(*)::int as n from learning_review where id = ${rapidId} and notified_on is not null`)).toBe(0);
  });

  it('records the notification: the rapid review is due 15 working days on', async () => {
    const res = await bu.post(`/partnership/reviews/${rapidId}/notification`, DATE('notifiedOn', notified));
    expect(res.statusCode).toBe(303);
    const r = (await one<{ stage: string; rapid_review_due_on: string }>(db, sql`select stage, rapid_review_due_on from learning_review where id = ${rapidId}`))!;
    expect(r).toEqual({ stage: 'rapid_review', rapid_review_due_on: calendar.addWorkingDays(notified, 15) });
  });

  it('refuses a rapid review before the notification, naming the field', async () => {
    const res = await bu.post(`/partnership/reviews/${rapidId}/rapid-review`, { ...DATE('heldOn', addDays(notified, -1)), decision: 'lcspr', reason: 'Learning about how agencies shared information.' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('href="#heldOn-day"');
    expect(res.body).toContain('The date of the rapid review must be on or after the notification to the Panel');
    expect(await count(sql`select count(*)::int as n from learning_review where id = ${rapidId} and decision is not null`)).toBe(0);
  });

  it('records the rapid review on working day 14, in time, deciding on an LCSPR sent to the Panel: the rapid review ends', async () => {
    const res = await bu.post(`/partnership/reviews/${rapidId}/rapid-review`, { ...DATE('heldOn', held), decision: 'lcspr', reason: 'Learning about how agencies shared information.', ...DATE('panelSentOn', held) });
    expect(res.statusCode).toBe(303);
    const r = (await one<{ stage: string; decision: string; decided_on: string }>(db, sql`select stage, decision, decided_on from learning_review where id = ${rapidId}`))!;
    expect(r).toEqual({ stage: 'closed', decision: 'lcspr', decided_on: held });
    const event = (await one<{ details: Record<string, unknown> }>(db, sql`select details from audit_event where record_id = ${rapidId} and action = 'learning_review.rapid_review_held'`))!;
    expect(event.details).toMatchObject({ workingDay: 14, inTime: true, decision: 'lcspr' });
    const page = await bu.get(`/partnership/reviews/${rapidId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Rapid review held');
    expect(page.body).toMatch(/Done [^<]*: in time/);
    expect(page.body).toContain('Start the LCSPR');
  });

  it('starts the LCSPR from the rapid review: a new review, due for publication 6 months (local) after the decision', async () => {
    const res = await bu.post(`/partnership/reviews/${rapidId}/lcspr`);
    expect(res.statusCode).toBe(303);
    lcsprId = location(res).split('/')[3]!.split('?')[0]!;
    expect(lcsprId).not.toBe(rapidId);
    const r = (await one<{ kind: string; parent_review_id: string; stage: string; subject_pseudonym: string; publication_due_on: string }>(db, sql`select kind, parent_review_id, stage, subject_pseudonym, publication_due_on from learning_review where id = ${lcsprId}`))!;
    expect(r).toMatchObject({ kind: 'lcspr', parent_review_id: rapidId, stage: 'in_review', subject_pseudonym: 'Child T' });
    expect(r.publication_due_on > held).toBe(true);
    const again = await bu.post(`/partnership/reviews/${rapidId}/lcspr`);
    expect(again.statusCode).toBe(400);
    expect(await count(sql`select count(*)::int as n from learning_review where parent_review_id = ${rapidId}`)).toBe(1);
  });

  it('adds three findings and makes the short, restricted action plan', async () => {
    for (const text of ['Information about the father was not shared with health visitors.', 'The referral was closed without a home visit.', 'Agencies did not escalate their disagreement.']) {
      expect((await bu.post(`/partnership/reviews/${lcsprId}/findings`, { text })).statusCode).toBe(303);
    }
    const page = await bu.get(`/partnership/reviews/${lcsprId}/findings`);
    expect(page.body).toContain('The referral was closed without a home visit.');
    const res = await bu.post(`/partnership/reviews/${lcsprId}/plan`);
    expect(res.statusCode).toBe(303);
    const plan = (await one<{ id: string; short: boolean; max_open: number; restricted: boolean; source_kind: string; source_title: string }>(db, sql`select id, short, max_open, restricted, source_kind, source_title from action_plan where source_id = ${lcsprId}`))!;
    expect(location(res)).toBe(`/partnership/plans/${plan.id}`);
    expect(plan).toMatchObject({ short: true, max_open: 5, restricted: true, source_kind: 'learning_review' });
    expect(plan.source_title).toMatch(/^LR-\d{5}: Child T$/);
    expect((await bu.post(`/partnership/reviews/${lcsprId}/plan`)).headers.location).toBe(`/partnership/plans/${plan.id}`);
  });

  it('refuses a police officer and the analyst before publication, writing nothing', async () => {
    const findings = await count(sql`select count(*)::int as n from learning_review_finding where review_id = ${lcsprId}`);
    const views = await count(sql`select count(*)::int as n from audit_event where record_id = ${lcsprId} and action = 'learning_review.viewed'`);
    expect((await police.get(`/partnership/reviews/${lcsprId}`)).statusCode).toBe(403);
    expect((await police.post(`/partnership/reviews/${lcsprId}/findings`, { text: 'Not theirs to add.' })).statusCode).toBe(403);
    expect((await police.get('/partnership/reviews')).statusCode).toBe(403);
    expect((await analyst.get(`/partnership/reviews/${lcsprId}`)).statusCode).toBe(404);
    expect((await analyst.post(`/partnership/reviews/${lcsprId}/findings`, { text: 'Not theirs to add.' })).statusCode).toBe(403);
    expect((await analyst.post(`/partnership/reviews/${lcsprId}/publish`, DATE('publishedOn', today))).statusCode).toBe(403);
    const list = await analyst.get('/partnership/reviews');
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(lcsprId);
    expect(await count(sql`select count(*)::int as n from learning_review_finding where review_id = ${lcsprId}`)).toBe(findings);
    expect(await count(sql`select count(*)::int as n from audit_event where record_id = ${lcsprId} and action = 'learning_review.viewed'`)).toBe(views);
    expect(await count(sql`select count(*)::int as n from learning_review where id = ${lcsprId} and stage = 'in_review'`)).toBe(1);
  });

  it('holds publication for criminal proceedings: publishing is refused until it is released', async () => {
    expect((await bu.post(`/partnership/reviews/${lcsprId}/report`, DATE('sentOn', today))).statusCode).toBe(303);
    expect((await bu.post(`/partnership/reviews/${lcsprId}/hold`, { reason: 'The trial of the father is listed for the crown court.' })).statusCode).toBe(303);
    const page = await bu.get(`/partnership/reviews/${lcsprId}`);
    expect(page.body).toContain('Publication is held for criminal proceedings');
    const refused = await bu.post(`/partnership/reviews/${lcsprId}/publish`, DATE('publishedOn', today));
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Publication is held for criminal proceedings: release it before publishing');
    expect(await count(sql`select count(*)::int as n from learning_review where id = ${lcsprId} and published_on is null and stage = 'report'`)).toBe(1);
    expect((await bu.get(`/partnership/reviews/${lcsprId}/publish`)).statusCode).toBe(303);
    expect((await bu.post(`/partnership/reviews/${lcsprId}/release`, { confirm: 'yes' })).statusCode).toBe(303);
    expect((await bu.post(`/partnership/reviews/${lcsprId}/publish`, DATE('publishedOn', today))).statusCode).toBe(303);
    expect(await count(sql`select count(*)::int as n from learning_review where id = ${lcsprId} and stage = 'published' and published_on = ${today}`)).toBe(1);
  });

  it('lets the analyst read it once published, by pseudonym, with no steps and no link to the person', async () => {
    const page = await analyst.get(`/partnership/reviews/${lcsprId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Child T');
    expect(page.body).toContain('Agencies did not escalate their disagreement.');
    expect(page.body).not.toContain('What you can do');
    expect(page.body).not.toContain('/people/');
    const list = await analyst.get('/partnership/reviews');
    expect(list.body).toContain(`/partnership/reviews/${lcsprId}`);
    expect((await police.get(`/partnership/reviews/${lcsprId}`)).statusCode).toBe(403);
  });
});

describe('the other kinds', () => {
  it('records a SAR’s s44 criteria: when s44(1)’s are met a review is mandatory', async () => {
    const d = calendar.workingDayOnOrBefore(today);
    const res = await bu.post('/partnership/reviews/new', { kind: 'sar', title: 'Adult B', subjectPseudonym: 'Adult B', summary: 'An adult with care needs died after a fall at home.', ...DATE('incidentOn', addDays(d, -10)), ...DATE('learnedOn', addDays(d, -5)) });
    const id = location(res).split('/')[3]!.split('?')[0]!;
    const answers = { careAndSupportNeeds: 'yes', concernAboutPartners: 'yes', adultDied: 'yes', abuseOrNeglect: 'yes', reason: 'Neglect suspected.', ...DATE('decidedOn', d) };
    const refused = await bu.post(`/partnership/reviews/${id}/sar-criteria`, { ...answers, decision: 'no_sar' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('The criteria in s44(1) are met: the board must arrange a safeguarding adults review');
    expect((await bu.post(`/partnership/reviews/${id}/sar-criteria`, { ...answers, decision: 'sar' })).statusCode).toBe(303);
    const r = (await one<{ stage: string; board_kind: string; s44_criteria: { basis: string } }>(db, sql`select stage, board_kind, s44_criteria from learning_review where id = ${id}`))!;
    expect(r).toMatchObject({ stage: 'in_review', board_kind: 'adults', s44_criteria: { basis: 's44(1)' } });
    const page = await bu.get(`/partnership/reviews/${id}`);
    expect(page.body).toContain('Mandatory review: s44(1)');
  });

  it('records a child death review’s category, modifiable factors and learning, then closes it', async () => {
    const res = await bu.post('/partnership/reviews/new', { kind: 'child_death_review', title: 'Child D', subjectPseudonym: 'Child D', summary: 'An infant died unexpectedly.', ...DATE('incidentOn', addDays(today, -30)), ...DATE('learnedOn', addDays(today, -29)) });
    const id = location(res).split('/')[3]!.split('?')[0]!;
    expect((await bu.post(`/partnership/reviews/${id}/close`, { confirm: 'yes' })).statusCode).toBe(400);
    const bad = await bu.post(`/partnership/reviews/${id}/cdop`, { category: '11', modifiableFactors: 'yes', learning: 'Safe sleep advice.' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Select the category of death');
    expect((await bu.post(`/partnership/reviews/${id}/cdop`, { category: '10', modifiableFactors: 'yes', learning: 'Safe sleep advice at every contact.' })).statusCode).toBe(303);
    expect((await bu.post(`/partnership/reviews/${id}/close`, { confirm: 'yes' })).statusCode).toBe(303);
    expect(await count(sql`select count(*)::int as n from learning_review where id = ${id} and stage = 'closed' and cdop_category = 10 and modifiable_factors = 'yes'`)).toBe(1);
  });

  it('lists reviews by stage with the overdue first, and shows the home panel', async () => {
    const res = await bu.post('/partnership/reviews/new', { kind: 'rapid_review', title: 'Child O', subjectPseudonym: 'Child O', summary: 'Overdue notification.', ...DATE('incidentOn', addDays(today, -40)), ...DATE('learnedOn', addDays(today, -30)) });
    const id = location(res).split('/')[3]!.split('?')[0]!;
    const list = await bu.get('/partnership/reviews?tab=active');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`/partnership/reviews/${id}`);
    expect(list.body).toContain('Overdue: was due');
    const first = list.body.indexOf('Overdue: was due');
    expect(first).toBeLessThan(list.body.indexOf('Due ', first + 1) === -1 ? Infinity : list.body.indexOf('Due ', first + 1));
    const home = await bu.get('/');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain(`/partnership/reviews/${id}`);
  });
});
