/**
 * The LADO through app.inject against a real database: a school's contact about a teaching assistant names an adult
 * in a position of trust; the allegation is made in the same transaction, due within 1 working day, with the
 * contact's child, owned by the designated officer's service; the LADO records its details and progresses it to
 * the LADO process; an allegation management meeting with the police, the school and HR sets actions; the police
 * investigate; past 3 months it is listed with its reason; the outcome waits for the police, then is substantiated
 * with a DBS referral and its date. The school follows its own referral (never the LADO's notes), another school
 * sees nothing, a partner without the role is refused, and bad input writes nothing.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, one, rows } from '../../db/client.js';
import { type TestApp, type TestClient, createTestApp, location } from '../../../test/support/app.js';

let t: TestApp;
let db: Database;
let dsl: TestClient;
let ladoUser: TestClient;
let ids: { school: string; police: string; education: string; lado: string };

const count = async (q: ReturnType<typeof sql>) => (await one<{ n: number }>(db, q))!.n;
const londonParts = (d: Date) => {
  const f = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' }).formatToParts(d);
  const get = (type: string) => f.find((p) => p.type === type)!.value;
  return { day: get('day'), month: get('month'), year: get('year'), hour: get('hour'), minute: get('minute') };
};
const DATE = (prefix: string, d: Date, time = true) => {
  const p = londonParts(d);
  return { [`${prefix}-day`]: p.day, [`${prefix}-month`]: p.month, [`${prefix}-year`]: p.year, ...(time ? { [`${prefix}-hour`]: p.hour, [`${prefix}-minute`]: p.minute } : {}) };
};

beforeAll(async () => {
  t = await createTestApp();
  db = t.db.db;
  dsl = await t.as('dsl');
  ladoUser = await t.as('lado');
  const agencyOf = async (email: string) => (await one<{ agency_id: string }>(db, sql`select agency_id from app_user where email = ${`${email}@demo.threshold.test`}`))!.agency_id;
  ids = {
    school: await agencyOf('dsl'),
    education: await agencyOf('lado'),
    police: (await one<{ id: string }>(db, sql`select id from agency where type = 'police' order by name limit 1`))!.id,
    lado: await t.userId('lado'),
  };
});
afterAll(async () => t?.close());

describe('an allegation about a teaching assistant, from the front door to a DBS referral', () => {
  let contactId = '';
  let id = '';

  it('arrives as the school’s contact naming an adult in a position of trust, and becomes an allegation in the same transaction', async () => {
    const now = new Date();
    const res = await dsl.post('/contacts/new', {
      contactType: 'child', sourceCode: '2A', sourceAgencyId: ids.school, referrerName: 'Dana Lead', referrerRole: 'Designated safeguarding lead', ...DATE('receivedAt', new Date(now.getTime() - 3_600_000)),
      concerns: ['physical_abuse'], narrative: 'A pupil says a teaching assistant grabbed his arm hard in the corridor; a bruise was seen.', consent: 'not_sought',
    });
    expect(res.statusCode).toBe(303);
    contactId = location(res).split('/')[2]!;
    await dsl.post(`/contacts/${contactId}/people/describe`, {
      role: 'subject_child', givenNames: 'Kai', familyName: 'Ladotest', dobPrecision: 'exact', 'dateOfBirth-day': '3', 'dateOfBirth-month': '9', 'dateOfBirth-year': '2016', gender: 'male',
      childVoice: 'She grabbed me and it hurt.', childDemeanour: 'Tearful, then calm with his teacher.',
    });
    const adult = await dsl.post(`/contacts/${contactId}/people/describe`, { role: 'position_of_trust', givenNames: 'Morgan', familyName: 'Assistworth', dobPrecision: 'estimated', 'dateOfBirth-day': '1', 'dateOfBirth-month': '1', 'dateOfBirth-year': '1988', gender: 'female' });
    expect(adult.statusCode).toBe(303);
    expect(await count(sql`select count(*)::int as n from lado_allegation where contact_id = ${contactId}`)).toBe(0);
    const submitted = await dsl.post(`/contacts/${contactId}/submit`);
    expect(location(submitted)).toBe(`/contacts/${contactId}/confirmation`);

    const a = (await one<{ id: string; reference: string; owning_agency_id: string; referring_agency_id: string; employer_agency_id: string; sector: string; category: string; adult_name: string; status: string; restricted: boolean; received_at: string; decision_due_at: string }>(
      db,
      sql`select id, reference, owning_agency_id, referring_agency_id, employer_agency_id, sector, category, adult_name, status, restricted, received_at, decision_due_at from lado_allegation where contact_id = ${contactId}`,
    ))!;
    id = a.id;
    expect(a).toMatchObject({ owning_agency_id: ids.education, referring_agency_id: ids.school, employer_agency_id: ids.school, sector: 'education_primary', category: 'not_recorded', adult_name: 'Morgan Assistworth', status: 'open', restricted: true });
    expect(a.reference).toMatch(/^LADO-\d{4}-\d{6}$/);
    // decided within 1 working day: due within 4 calendar days (a weekend or bank holiday between), after receipt
    const gap = new Date(a.decision_due_at).getTime() - new Date(a.received_at).getTime();
    expect(gap).toBeGreaterThan(0);
    expect(gap).toBeLessThan(5 * 86_400_000);
    expect(await rows(db, sql`select name from lado_child where allegation_id = ${id}`)).toEqual([{ name: 'Kai Ladotest' }]);
    expect(await count(sql`select count(*)::int as n from notification where user_id = ${ids.lado} and link = ${`/lado/allegations/${id}`}`)).toBe(1);
    const event = (await one<{ details: Record<string, unknown> }>(db, sql`select details from audit_event where record_id = ${contactId} and action = 'contact.submitted'`))!;
    expect(event.details.ladoReference).toBe(a.reference);
  });

  it('is on the LADO’s worklist to decide, and refused to a partner without the role', async () => {
    const list = await ladoUser.get('/lado?show=decide');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`/lado/allegations/${id}`);
    expect(list.body).toMatch(/Decide (today|by)/);
    expect((await (await t.as('police')).get('/lado')).statusCode).toBe(403);
    expect((await dsl.get(`/lado/allegations/${id}`)).statusCode).toBe(403);
    expect((await (await t.as('social-worker')).get('/lado/employer')).statusCode).toBe(403);
    expect((await (await t.as('cme')).get(`/lado/allegations/${id}`)).statusCode).toBe(403);
  });

  it('needs its category before the LADO process; the details are recorded, then the harm test is met', async () => {
    const early = await ladoUser.post(`/lado/allegations/${id}/decision`, { decision: 'lado_process', reason: 'The harm test is met: a bruise.' });
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain('Record the category of the allegation');
    const bad = await ladoUser.post(`/lado/allegations/${id}/details`, { adultName: 'Morgan Assistworth', roleTitle: '', sector: 'astronaut', category: 'physical', whatHappened: '' });
    expect(bad.statusCode).toBe(400);
    for (const m of ['Enter the adult’s role', 'Select the employing sector', 'Enter what is alleged']) expect(bad.body).toContain(m);
    const details = await ladoUser.post(`/lado/allegations/${id}/details`, {
      adultName: 'Morgan Assistworth', roleTitle: 'Teaching assistant', employerAgencyId: ids.school, employerName: '', sector: 'teaching_assistant', category: 'physical',
      whatHappened: 'Grabbed a pupil’s arm hard in the corridor; a bruise was seen by the class teacher.', children: 'Kai Ladotest',
    });
    expect(details.statusCode).toBe(303);
    expect(await rows(db, sql`select person_id is null as unmatched, name from lado_child where allegation_id = ${id}`)).toHaveLength(1);
    const decided = await ladoUser.post(`/lado/allegations/${id}/decision`, { decision: 'lado_process', reason: 'The harm test is met: possible physical harm to a child.' });
    expect(location(decided)).toBe(`/lado/allegations/${id}?done=decided`);
    expect(await one(db, sql`select status, decision, allocated_user_id from lado_allegation where id = ${id}`)).toEqual({ status: 'in_process', decision: 'lado_process', allocated_user_id: ids.lado });
    expect((await ladoUser.get(`/lado/allegations/${id}/decision`)).statusCode).toBe(303);
  });

  it('records an allegation management meeting with the police, the school and HR, and its actions', async () => {
    const held = new Date(Date.now() - 2 * 3_600_000);
    const before = await count(sql`select count(*)::int as n from lado_meeting where allegation_id = ${id}`);
    const hostile = await ladoUser.post(`/lado/allegations/${id}/meeting`, { ...DATE('heldAt', held), role1: 'wizard', name1: 'x'.repeat(300), decisions: '', action1: 'Do it', 'due1-day': '40', 'due1-month': '2', 'due1-year': '2026' });
    expect(hostile.statusCode).toBe(400);
    for (const m of ['Select the part person 1 took from the list', 'Name of person 1 must be 200 characters or fewer', 'Enter what the meeting decided', 'Due date of action 1 must be a real date']) expect(hostile.body).toContain(m);
    expect(await count(sql`select count(*)::int as n from lado_meeting where allegation_id = ${id}`)).toBe(before);
    const due = DATE('due1', new Date(Date.now() + 14 * 86_400_000), false);
    const ok = await ladoUser.post(`/lado/allegations/${id}/meeting`, {
      ...DATE('heldAt', held),
      role1: 'lado', agency1: ids.education, name1: 'Lee Designated',
      role2: 'police', agency2: ids.police, name2: 'DC Pat Constable',
      role3: 'employer', agency3: ids.school, name3: 'Dana Lead (headteacher’s delegate)',
      role4: 'hr', agency4: ids.school, name4: 'Ola Peopleworth (HR)',
      decisions: 'Police to investigate; the school to consider suspension pending the investigation; risk assessment for the pupil.',
      action1: 'Risk assessment for the pupil and a support plan', owner1: ids.school, ownerName1: 'Dana Lead', ...due,
      action2: 'Interview the teaching assistant under caution', owner2: ids.police, ...DATE('due2', new Date(Date.now() + 21 * 86_400_000), false),
      ...DATE('reviewOn', new Date(Date.now() + 28 * 86_400_000), false),
    });
    expect(ok.statusCode, ok.body.match(/govuk-error-summary__list[\s\S]{0,400}/)?.[0]).toBe(303);
    const m = (await one<{ attendees: { role: string }[]; review_on: string | null }>(db, sql`select attendees, review_on::text as review_on from lado_meeting where allegation_id = ${id}`))!;
    expect(m.attendees.map((p) => p.role)).toEqual(['lado', 'police', 'employer', 'hr']);
    expect(m.review_on).not.toBeNull();
    expect(await rows(db, sql`select owner_agency_id from lado_action where allegation_id = ${id} order by due_on`)).toEqual([{ owner_agency_id: ids.school }, { owner_agency_id: ids.police }]);
    const page = await ladoUser.get(`/lado/allegations/${id}`);
    expect(page.body).toContain('Interview the teaching assistant under caution');
  });

  it('follows the police investigation; the outcome waits for it', async () => {
    const jump = await ladoUser.post(`/lado/allegations/${id}/police`, { policeStatus: 'convicted', ...DATE('on', new Date(), false) });
    expect(jump.statusCode).toBe(400);
    expect(jump.body).toContain('the police status can become');
    expect((await ladoUser.post(`/lado/allegations/${id}/police`, { policeStatus: 'investigating', ...DATE('on', new Date(), false) })).statusCode).toBe(303);
    expect((await ladoUser.get(`/lado/allegations/${id}/outcome`)).statusCode).toBe(303);
    const early = await ladoUser.post(`/lado/allegations/${id}/outcome`, { outcome: 'substantiated', ...DATE('outcomeOn', new Date(), false) });
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain('police investigation has concluded');
    expect((await ladoUser.get(`/lado/allegations/${id}`)).body).toContain('Police investigating');
  });

  it('is listed as open over 3 months, first without a reason, then with it', async () => {
    // four months ago (moved in the database)
    await db.execute(sql`update lado_allegation set received_at = received_at - interval '4 months', decision_due_at = decision_due_at - interval '4 months', police_updated_on = police_updated_on - interval '4 months' where id = ${id}`);
    await db.execute(sql`update lado_meeting set held_at = held_at - interval '4 months' where allegation_id = ${id}`);
    const over = await ladoUser.get('/lado?show=over');
    expect(over.body).toContain(`/lado/allegations/${id}`);
    expect(over.body).toContain('Over 3 months: no reason recorded');
    expect((await ladoUser.post(`/lado/allegations/${id}/reason`, { openReason: 'bored' })).statusCode).toBe(400);
    expect((await ladoUser.post(`/lado/allegations/${id}/reason`, { openReason: 'awaiting_police' })).statusCode).toBe(303);
    const listed = await ladoUser.get('/lado?show=over');
    expect(listed.body).toContain('Over 3 months: Awaiting the police investigation');
    expect(listed.body).toMatch(/1[2-3]\d days/);
  });

  it('is substantiated once the police have finished, with a dismissal referred to the DBS', async () => {
    expect((await ladoUser.post(`/lado/allegations/${id}/police`, { policeStatus: 'no_further_action', ...DATE('on', new Date(), false) })).statusCode).toBe(303);
    const today = new Date();
    const noDbs = await ladoUser.post(`/lado/allegations/${id}/outcome`, { outcome: 'substantiated', ...DATE('outcomeOn', today, false), employerActions: ['dismissal'], ...DATE('dismissalOn', today, false) });
    expect(noDbs.statusCode).toBe(400);
    expect(noDbs.body).toContain('A dismissal must be referred to the DBS');
    expect((await one<{ outcome: string | null }>(db, sql`select outcome from lado_allegation where id = ${id}`))!.outcome).toBeNull();
    const ok = await ladoUser.post(`/lado/allegations/${id}/outcome`, { outcome: 'substantiated', ...DATE('outcomeOn', today, false), employerActions: ['dismissal', 'dbs_referral'], ...DATE('dismissalOn', today, false), ...DATE('dbsOn', today, false) });
    expect(ok.statusCode, ok.body.match(/govuk-error-summary__list[\s\S]{0,400}/)?.[0]).toBe(303);
    const stored = (await one<{ outcome: string; employer_actions: string[]; on: string }>(db, sql`select outcome, employer_actions, outcome_on::text as on from lado_allegation where id = ${id}`))!;
    expect(stored.outcome).toBe('substantiated');
    expect(stored.employer_actions).toEqual([`dismissal@${stored.on}`, `dbs_referral@${stored.on}`]);
    expect((await ladoUser.get(`/lado/allegations/${id}`)).body).toContain('Referred to the Disclosure and Barring Service (DBS)');
  });

  it('shows the school its own referral and its actions, never the LADO’s notes; another school sees nothing', async () => {
    const list = await dsl.get('/lado/employer');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`/lado/employer/allegations/${id}`);
    const page = await dsl.get(`/lado/employer/allegations/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Risk assessment for the pupil and a support plan');
    expect(page.body).not.toContain('Interview the teaching assistant under caution');
    expect(page.body).not.toContain('possible physical harm to a child');
    expect(page.body).not.toContain('Police to investigate');
    const dsl2 = await t.as('dsl2');
    expect((await dsl2.get(`/lado/employer/allegations/${id}`)).statusCode).toBe(404);
    expect((await dsl2.get('/lado/employer')).body).not.toContain(id);
    const action = (await one<{ id: string }>(db, sql`select id from lado_action where allegation_id = ${id} and owner_agency_id = ${ids.school}`))!;
    expect((await dsl2.post(`/lado/employer/allegations/${id}/done`, { actionId: action.id })).statusCode).toBe(404);
    expect((await dsl.post(`/lado/employer/allegations/${id}/done`, { actionId: action.id })).statusCode).toBe(303);
    expect((await one<{ done: boolean }>(db, sql`select done_on is not null as done from lado_action where id = ${action.id}`))!.done).toBe(true);
    const incoherent = await dsl.post(`/lado/employer/allegations/${id}/action`, { action: 'no_further_action', ...DATE('on', new Date(), false) });
    expect(incoherent.statusCode).toBe(400);
    expect(incoherent.body).toContain('cannot be recorded with other actions');
    const tra = await dsl.post(`/lado/employer/allegations/${id}/action`, { action: 'regulator_referral', ...DATE('on', new Date(), false), regulator: 'tra' });
    expect(tra.statusCode).toBe(303);
    expect((await one<{ n: number }>(db, sql`select cardinality(employer_actions)::int as n from lado_allegation where id = ${id}`))!.n).toBe(3);
  });

  it('closes, and is counted among the closed', async () => {
    expect((await ladoUser.post(`/lado/allegations/${id}/close`, {})).statusCode).toBe(400);
    expect((await ladoUser.post(`/lado/allegations/${id}/close`, { confirm: 'yes' })).statusCode).toBe(303);
    expect((await one<{ status: string }>(db, sql`select status from lado_allegation where id = ${id}`))!.status).toBe('closed');
    expect((await ladoUser.get('/lado?show=closed')).body).toContain(`/lado/allegations/${id}`);
    const actions = await rows<{ action: string }>(db, sql`select action from audit_event where record_id = ${id} order by occurred_at, id`);
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(['lado.allegation_received', 'lado.decided', 'lado.meeting_recorded', 'lado.police_updated', 'lado.open_reason_recorded', 'lado.outcome_recorded', 'lado.employer_action_recorded', 'lado.closed']));
  });
});

describe('advice only, and a restricted allegation for another officer', () => {
  it('closes an advice-only query at once, listed under advice given', async () => {
    const [row] = await rows<{ id: string }>(db, sql`select id from lado_allegation where status = 'open' and owning_agency_id = ${ids.education} order by received_at desc limit 1`);
    expect(row).toBeDefined();
    if (!row) return;
    expect((await ladoUser.post(`/lado/allegations/${row.id}/decision`, { decision: 'advice', reason: 'Conduct concern; advice to the employer on its own procedures.' })).statusCode).toBe(303);
    expect((await ladoUser.get('/lado?show=advice')).body).toContain(`/lado/allegations/${row.id}`);
  });

  it('asks another designated officer for a reason before opening a case allocated to a colleague', async () => {
    const [row] = await rows<{ id: string }>(db, sql`select id from lado_allegation where owning_agency_id = ${ids.education} and status = 'in_process' order by received_at limit 1`);
    expect(row).toBeDefined();
    if (!row) return;
    const other = (await one<{ id: string }>(db, sql`select id from app_user where email = 'cme@demo.threshold.test'`))!;
    await db.execute(sql`update lado_allegation set allocated_user_id = ${other.id}, restricted = true where id = ${row.id}`);
    const res = await ladoUser.get(`/lado/allegations/${row.id}`);
    expect(res.statusCode).toBe(303);
    expect(location(res)).toContain('break-glass');
  });
});
