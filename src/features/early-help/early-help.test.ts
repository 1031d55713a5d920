/**
 * Early help through app.inject against a real database: an authorised early help decision at the front door makes
 * the family's episode in the same transaction (and its triage stops the front door's triage clock); the council's
 * early help service records the family contacted and triages, asking a school to lead; the school's DSL starts and
 * completes the early help assessment (completed by the school); a partner not in the team is refused; the team
 * around the family, a step up (a new contact at the front door) and the close. Bad input is refused with the error
 * summary and nothing written.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, one, rows, transaction } from '../../db/client.js';
import { londonDate, wallTime } from '../../domain/time.js';
import { type TestApp, type TestClient, createTestApp } from '../../../test/support/app.js';

let t: TestApp;
let db: Database;
let eh: TestClient;
let dsl: TestClient;
let episodeId: string;
let contactId: string;
let school: string;

/** A date and time field's parts, in London time (to the minute). */
const DATE = (prefix: string, d: Date) => {
  const [year, month, day] = londonDate(d).split('-');
  const { minutes } = wallTime(d);
  return { [`${prefix}-day`]: day!, [`${prefix}-month`]: month!, [`${prefix}-year`]: year!, [`${prefix}-hour`]: String(Math.floor(minutes / 60)), [`${prefix}-minute`]: String(minutes % 60) };
};

async function snapshot() {
  return one<{ h: string }>(db, sql`select md5(coalesce(string_agg(x::text, ',' order by x.id), '')) as h from early_help_episode x`);
}

beforeAll(async () => {
  t = await createTestApp();
  db = t.db.db;
  eh = await t.as('early-help');
  dsl = await t.as('dsl');
  school = (await one<{ agency_id: string }>(db, sql`select agency_id from app_user where email = 'dsl@demo.threshold.test'`))!.agency_id;
});
afterAll(async () => t?.close());

describe('an early help decision at the front door', () => {
  it('makes the family’s episode in the same transaction as the authorisation, on the early help worklist at once', async () => {
    const open = (await one<{ id: string }>(db, sql`select c.id from contact c join agency a on a.id = c.owning_agency_id where c.status = 'open' and a.type = 'children_social_care' and not c.restricted
                                                   and exists (select 1 from contact_subject s where s.contact_id = c.id and s.role = 'subject_child')
                                                   and not exists (select 1 from contact_named_person n where n.contact_id = c.id and n.person_id is null) order by c.received_at desc limit 1`))!;
    contactId = open.id;
    const screener = await t.as('screener');
    const manager = await t.as('manager');
    expect((await screener.post(`/contacts/${contactId}/screening`, { thresholdLevel: '2', outcome: 'early_help', rationale: 'Needs can be met by early help with the family’s consent' })).statusCode).toBe(303);
    expect(await one(db, sql`select id from early_help_episode where contact_id = ${contactId}`)).toBeUndefined();
    expect((await manager.post(`/contacts/${contactId}/authorisation`, { decision: 'authorise' })).statusCode).toBe(303);
    const e = (await one<{ id: string; reference: string; children: string[]; lead_agency_id: string; started_at: string; contact_due_at: string; triage_due_at: string; status: string }>(
      db,
      sql`select id, reference, children::text[] as children, lead_agency_id, started_at::text, contact_due_at::text, triage_due_at::text, status from early_help_episode where contact_id = ${contactId}`,
    ))!;
    episodeId = e.id;
    expect(e.reference).toMatch(/^EH-\d{4}-\d{6}$/);
    expect(e.status).toBe('open');
    const subjects = await rows<{ person_id: string }>(db, sql`select person_id from contact_subject where contact_id = ${contactId} and role = 'subject_child' order by person_id`);
    expect([...e.children].sort()).toEqual(subjects.map((s) => s.person_id));
    const csc = (await one<{ id: string }>(db, sql`select agency_id as id from app_user where email = 'early-help@demo.threshold.test'`))!.id;
    expect(e.lead_agency_id).toBe(csc);
    expect(new Date(e.contact_due_at).getTime()).toBeGreaterThan(new Date(e.started_at).getTime());
    expect(new Date(e.triage_due_at).getTime()).toBeGreaterThan(new Date(e.contact_due_at).getTime());
    // one audit event accounts for the authorisation and the episode it made
    const event = (await one<{ details: Record<string, unknown> }>(db, sql`select details from audit_event where record_id = ${contactId} and action = 'contact.decision_authorised' order by occurred_at desc limit 1`))!;
    expect(event.details.earlyHelpEpisodeId).toBe(episodeId);
    // on the new families' list, overdue ones first: find its page
    const first = await eh.get('/early-help');
    expect(first.statusCode).toBe(200);
    let listed = first.body.includes(e.reference);
    for (let page = 2; !listed && page <= 20; page += 1) listed = (await eh.get(`/early-help?show=new&page=${page}`)).body.includes(e.reference);
    expect(listed).toBe(true);
    const page = await eh.get(`/early-help/episodes/${episodeId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Family to contact');
    expect(page.body).toContain('Triage: choose who leads');
  });
});

describe('the family contacted, triaged to a school, and the school’s assessment', () => {
  it('refuses bad input with the error summary, and writes nothing', async () => {
    const before = await snapshot();
    const future = new Date(Date.now() + 3 * 86_400_000);
    const res = await eh.post(`/early-help/episodes/${episodeId}/contacted`, { ...DATE('contactedAt', future) });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('There is a problem');
    expect(res.body).toContain('Select yes if the family agreed to early help');
    const later = await eh.post(`/early-help/episodes/${episodeId}/contacted`, { ...DATE('contactedAt', future), engaged: 'yes' });
    expect(later.statusCode).toBe(400);
    expect(later.body).toContain('must be in the past');
    const triage = await eh.post(`/early-help/episodes/${episodeId}/triage`, { leadAgencyId: 'not-an-id' });
    expect(triage.statusCode).toBe(400);
    expect(triage.body).toContain('Select the agency that will lead the early help');
    const stranger = await eh.post(`/early-help/episodes/${episodeId}/triage`, { leadAgencyId: school, leadUserId: await t.userId('health') });
    expect(stranger.statusCode).toBe(400);
    expect(stranger.body).toContain('who works for');
    expect(await snapshot()).toEqual(before);
  });

  it('records the family contacted and engaged, and the triage stops the front door’s triage clock', async () => {
    const res = await eh.post(`/early-help/episodes/${episodeId}/contacted`, { ...DATE('contactedAt', new Date()), engaged: 'yes' });
    expect(res.statusCode).toBe(303);
    const dslId = await t.userId('dsl');
    expect((await eh.post(`/early-help/episodes/${episodeId}/triage`, { leadAgencyId: school, leadUserId: dslId })).statusCode).toBe(303);
    const e = (await one<{ lead_agency_id: string; lead_user_id: string; triaged_at: string | null; engaged: boolean }>(db, sql`select lead_agency_id, lead_user_id, triaged_at::text, engaged from early_help_episode where id = ${episodeId}`))!;
    expect(e).toMatchObject({ lead_agency_id: school, lead_user_id: dslId, engaged: true });
    const clock = (await one<{ completed_at: string | null }>(db, sql`select completed_at::text from clock where contact_id = ${contactId} and kind = 'early_help_triage'`))!;
    expect(clock.completed_at).not.toBeNull();
    expect((await one<{ n: number }>(db, sql`select count(*)::int as n from notification where user_id = ${dslId} and link = ${`/early-help/episodes/${episodeId}`}`))!.n).toBe(1);
    // triage is once
    expect((await eh.get(`/early-help/episodes/${episodeId}/triage`)).statusCode).toBe(303);
  });

  it('is on the school’s list, and the DSL starts and completes the assessment (completed by the school)', async () => {
    const ours = await dsl.get('/early-help/our-families');
    expect(ours.statusCode).toBe(200);
    expect(ours.body).toContain(`/early-help/episodes/${episodeId}`);
    expect((await dsl.post(`/early-help/episodes/${episodeId}/assessment/start`, {})).statusCode).toBe(303);
    const bad = await dsl.post(`/early-help/episodes/${episodeId}/assessment`, { summary: '', familyViews: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Enter a summary of the early help assessment');
    expect(bad.body).toContain('Enter the family’s views, in their own words');
    const done = await dsl.post(`/early-help/episodes/${episodeId}/assessment`, { summary: 'Attendance 82%; mum struggling with sleep routines. Plan: parenting group, school nurse.', familyViews: 'Mum: “I just want mornings to be calmer.”' });
    expect(done.statusCode).toBe(303);
    const e = (await one<{ eha_agency_id: string; eha_due_at: string | null; eha_completed_at: string | null }>(db, sql`select eha_agency_id, eha_due_at::text, eha_completed_at::text from early_help_episode where id = ${episodeId}`))!;
    expect(e.eha_agency_id).toBe(school);
    expect(e.eha_due_at).not.toBeNull();
    const page = await dsl.get(`/early-help/episodes/${episodeId}`);
    expect(page.body).toContain('I just want mornings to be calmer');
    expect(page.body).toContain('Assessment completed');
    const actions = await rows<{ action: string }>(db, sql`select action from audit_event where record_id = ${episodeId} order by occurred_at`);
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(['early_help.episode_started', 'early_help.contacted', 'early_help.triaged', 'early_help.assessment_started', 'early_help.assessment_completed', 'early_help.viewed']));
  });
});

describe('who may open an episode', () => {
  it('refuses a partner not in the team, until their agency joins it', async () => {
    const health = await t.as('health');
    expect((await health.get(`/early-help/episodes/${episodeId}`)).statusCode).toBe(404);
    expect((await health.post(`/early-help/episodes/${episodeId}/assessment`, { summary: 'x', familyViews: 'y' })).statusCode).toBe(404);
    const healthAgency = (await one<{ agency_id: string }>(db, sql`select agency_id from app_user where email = 'health@demo.threshold.test'`))!.agency_id;
    const bad = await dsl.post(`/early-help/episodes/${episodeId}/team`, { agencyId: healthAgency, role: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Enter their part in the plan');
    expect((await dsl.post(`/early-help/episodes/${episodeId}/team`, { agencyId: healthAgency, role: 'School nurse: sleep and routines' })).statusCode).toBe(303);
    const seen = await health.get(`/early-help/episodes/${episodeId}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.body).toContain('School nurse: sleep and routines');
    // in the team, but not the lead: may not work the episode
    expect((await health.get(`/early-help/episodes/${episodeId}/close`)).statusCode).toBe(404);
    expect((await dsl.post(`/early-help/episodes/${episodeId}/team/remove`, { agencyId: healthAgency })).statusCode).toBe(303);
    expect((await health.get(`/early-help/episodes/${episodeId}`)).statusCode).toBe(404);
  });
});

describe('a step up and the close', () => {
  it('steps the family up as a new contact at the front door, then closes the episode', async () => {
    const bad = await dsl.post(`/early-help/episodes/${episodeId}/step-up`, { narrative: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Select at least one concern');
    const res = await dsl.post(`/early-help/episodes/${episodeId}/step-up`, {
      concerns: ['neglect'],
      narrative: 'Home conditions have deteriorated sharply; the children arrive hungry most days.',
      childVoice: 'Said “there’s no food at home”.',
      childDemeanour: 'Tired and withdrawn.',
      consent: 'given',
    });
    expect(res.statusCode).toBe(303);
    const e = (await one<{ stepped_up_to_contact_id: string }>(db, sql`select stepped_up_to_contact_id from early_help_episode where id = ${episodeId}`))!;
    const c = (await one<{ status: string; source_agency_id: string; channel: string }>(db, sql`select status, source_agency_id, channel from contact where id = ${e.stepped_up_to_contact_id}`))!;
    expect(c).toMatchObject({ status: 'open', source_agency_id: school, channel: 'form' });
    expect((await dsl.post(`/early-help/episodes/${episodeId}/close`, { reason: 'nonsense' })).statusCode).toBe(400);
    expect((await dsl.post(`/early-help/episodes/${episodeId}/close`, { reason: 'stepped_up' })).statusCode).toBe(303);
    expect((await one<{ status: string }>(db, sql`select status from early_help_episode where id = ${episodeId}`))!.status).toBe('closed');
    expect((await dsl.get(`/early-help/episodes/${episodeId}`)).body).toContain('Stepped up to children’s social care');
  });
});

describe('a step down from children’s social care', () => {
  it('makes an episode for the family through the published service, in the caller’s transaction', async () => {
    const s = t.app.services;
    const tenantId = (await one<{ tenant_id: string }>(db, sql`select tenant_id from app_user where email = 'early-help@demo.threshold.test'`))!.tenant_id;
    const child = (await one<{ id: string }>(db, sql`select p.id from person p where p.tenant_id = ${tenantId} and p.date_of_birth > now() - interval '10 years' and not p.restricted limit 1`))!.id;
    const setUp = (await s.earlyHelp.setUp(tenantId))!;
    const actor = { userId: await t.userId('social-worker'), tenantId, agencyId: setUp.council.id, roles: ['social_worker'], requestId: null };
    const made = await transaction(db, (tx) => s.earlyHelp.stepDown(tx, setUp, { referralId: null as unknown as string, children: [child], familyName: 'Stepdown', startedAt: new Date(), restricted: false, actor }));
    expect(made.reference).toMatch(/^EH-/);
    const page = await eh.get(`/early-help/episodes/${made.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('The Stepdown family');
  });
});
