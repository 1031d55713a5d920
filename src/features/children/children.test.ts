/**
 * Children's social care through app.inject against a real database: an authorised front-door referral makes each
 * child's referral and assessment in the same transaction; a manager allocates; the social worker's assessment is
 * refused until the child has been seen and heard, then authorised by another manager; a strategy discussion is
 * refused without the police and health; the section 47 enquiry's outcome convenes an initial conference with
 * invitations; police, health and the school send reports from their own queues (each seeing only its own); the
 * chair records the conference and a child protection plan begins with its first review in 3 months; visits and the
 * core group follow. Bad input is refused with specific messages and nothing saved.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, one, rows } from '../../db/client.js';
import { addMonths } from '../../domain/time.js';
import { type TestApp, type TestClient, createTestApp } from '../../../test/support/app.js';

let t: TestApp;
let db: Database;
let sw: TestClient;
let manager: TestClient;
let chair: TestClient;
let ids: { csc: string; police: string; health: string; school: string; sw: string; chair: string };

const londonParts = (d: Date) => {
  const f = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' }).formatToParts(d);
  const get = (type: string) => f.find((p) => p.type === type)!.value;
  return { day: get('day'), month: get('month'), year: get('year'), hour: get('hour'), minute: get('minute') };
};
const DATE = (prefix: string, d: Date, time = true) => {
  const p = londonParts(d);
  return { [`${prefix}-day`]: p.day, [`${prefix}-month`]: p.month, [`${prefix}-year`]: p.year, ...(time ? { [`${prefix}-hour`]: p.hour, [`${prefix}-minute`]: p.minute } : {}) };
};
const count = async (q: ReturnType<typeof sql>) => (await one<{ n: number }>(db, q))!.n;

beforeAll(async () => {
  t = await createTestApp();
  db = t.db.db;
  sw = await t.as('social-worker');
  manager = await t.as('csc-manager');
  chair = await t.as('chair');
  const agency = async (where: ReturnType<typeof sql>) => (await one<{ id: string }>(db, sql`select id from agency where ${where} order by name limit 1`))!.id;
  ids = {
    csc: await agency(sql`type = 'children_social_care'`),
    police: await agency(sql`type = 'police'`),
    health: await agency(sql`type = 'health'`),
    school: (await one<{ agency_id: string }>(db, sql`select agency_id from app_user where email = 'dsl@demo.threshold.test'`))!.agency_id,
    sw: await t.userId('social-worker'),
    chair: await t.userId('chair'),
  };
});
afterAll(async () => t?.close());

describe('an authorised referral, through assessment, strategy discussion and section 47, to a child protection plan', () => {
  let contactId: string;
  let referralId: string;
  let conferenceId: string;
  let planId: string;

  it('makes a referral and an assessment for each child when the front door’s decision is authorised', async () => {
    const open = (await one<{ id: string }>(db, sql`select c.id from contact c join agency a on a.id = c.owning_agency_id where c.status = 'open' and a.type = 'children_social_care' and c.contact_type = 'child'
        and exists (select 1 from contact_subject s where s.contact_id = c.id and s.role = 'subject_child')
        and not exists (select 1 from contact_named_person n where n.contact_id = c.id and n.person_id is null) order by c.received_at desc limit 1`))!;
    contactId = open.id;
    const screener = await t.as('screener');
    expect((await screener.post(`/contacts/${contactId}/screening`, { thresholdLevel: '4', outcome: 'referral_csc', rationale: 'Injuries to a toddler with no explanation; assessment needed.' })).statusCode).toBe(303);
    expect(await count(sql`select count(*)::int as n from csc_referral where contact_id = ${contactId}`)).toBe(0);
    expect((await (await t.as('manager')).post(`/contacts/${contactId}/authorisation`, { decision: 'authorise' })).statusCode).toBe(303);
    const children = await count(sql`select count(*)::int as n from contact_subject where contact_id = ${contactId} and role = 'subject_child'`);
    const made = await rows<{ id: string; reference: string; status: string; due_at: Date; referred_at: Date }>(db, sql`select r.id, r.reference, r.status, a.due_at, r.referred_at from csc_referral r join child_assessment a on a.referral_id = r.id where r.contact_id = ${contactId} order by r.reference`);
    expect(made).toHaveLength(children);
    referralId = made[0]!.id;
    expect(made[0]!.reference).toMatch(/^CR-\d{4}-\d{6}$/);
    // the assessment is due 45 working days from the referral: more than 9 calendar weeks later
    expect(new Date(made[0]!.due_at).getTime() - new Date(made[0]!.referred_at).getTime()).toBeGreaterThan(62 * 86_400_000);
    const event = (await one<{ details: Record<string, unknown> }>(db, sql`select details from audit_event where record_id = ${contactId} and action = 'contact.decision_authorised' order by occurred_at desc limit 1`))!;
    expect(event.details.cscReferrals).toEqual(made.map((r) => r.reference));
    const managerId = await t.userId('csc-manager');
    expect(await count(sql`select count(*)::int as n from notification where user_id = ${managerId} and link = ${`/children/cases/${referralId}`}`)).toBe(1);
  });

  it('is allocated by a manager, not by a social worker', async () => {
    expect((await sw.post(`/children/cases/${referralId}/allocate`, { userId: ids.sw })).statusCode).toBe(403);
    const bad = await manager.post(`/children/cases/${referralId}/allocate`, { userId: await t.userId('screener') });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Select a social worker from the list');
    expect((await manager.post(`/children/cases/${referralId}/allocate`, { userId: ids.sw })).statusCode).toBe(303);
    const mine = await sw.get('/children?view=mine');
    expect(mine.statusCode).toBe(200);
    expect(mine.body).toContain(`/children/cases/${referralId}`);
  });

  it('refuses to send an assessment without the child seen and heard, then a manager authorises it', async () => {
    const draft = await sw.post(`/children/cases/${referralId}/assessment`, { action: 'save', factors: ['3B', '4B'], analysis: 'Early analysis.' });
    expect(draft.statusCode, draft.body.match(/govuk-error-summary__list[\s\S]{0,400}/)?.[0]).toBe(303);
    expect((await one<{ status: string }>(db, sql`select status from child_assessment where referral_id = ${referralId}`))!.status).toBe('in_progress');
    const missing = await sw.post(`/children/cases/${referralId}/assessment`, { action: 'submit', factors: ['3B'] });
    expect(missing.statusCode).toBe(409);
    for (const text of ['Enter the date the child was seen', 'Enter what the child said, in their words', 'Select the outcome of the assessment', 'Select the child’s primary need']) expect(missing.body).toContain(text);
    const hostile = await sw.post(`/children/cases/${referralId}/assessment`, { action: 'submit', factors: ['99Z'], outcome: 'x' });
    expect(hostile.statusCode).toBe(400);
    expect(hostile.body).toContain('Select factors from the list');
    const seen = new Date();
    const ok = await sw.post(`/children/cases/${referralId}/assessment`, {
      action: 'submit', factors: ['3B', '16A'], ...DATE('seenOn', seen, false), seenAlone: 'yes', viewsHow: 'seen_alone',
      viewsWhat: 'I get scared when they shout. I hide under my bed with my rabbit.', viewsBy: 'Sky Walker-Reid, social worker',
      analysis: 'Domestic abuse between the adults and neglect of the child’s basic care.', primaryNeedCode: 'N1', outcome: 'strategy_discussion',
    });
    expect(ok.statusCode).toBe(303);
    expect((await sw.get(`/children/cases/${referralId}/assessment/authorisation`)).statusCode).toBe(403);
    expect((await manager.post(`/children/cases/${referralId}/assessment/authorisation`, { decision: 'return' })).body).toContain('Say why you are returning the assessment');
    expect((await manager.post(`/children/cases/${referralId}/assessment/authorisation`, { decision: 'authorise' })).statusCode).toBe(303);
    const a = (await one<{ status: string; factors: string[] }>(db, sql`select status, factors from child_assessment where referral_id = ${referralId}`))!;
    expect(a).toMatchObject({ status: 'authorised', factors: ['3B', '16A'] });
    expect((await one<{ primary_need_code: string }>(db, sql`select primary_need_code from csc_referral where id = ${referralId}`))!.primary_need_code).toBe('N1');
    // the front door's assessment clock for this child has stopped
    const clock = (await one<{ completed_at: Date | null }>(db, sql`select k.completed_at from clock k join csc_referral r on r.contact_id = k.contact_id and r.person_id = k.person_id where r.id = ${referralId} and k.kind = 'assessment'`))!;
    expect(clock.completed_at).not.toBeNull();
  });

  it('refuses a strategy discussion without the police and health, then starts a section 47 enquiry', async () => {
    const held = new Date(Date.now() - 2 * 3_600_000);
    const base = { ...DATE('heldAt', held), informationShared: 'Police: two call-outs this year. Health: missed health visitor appointments.', decision: 's47', reason: 'Reasonable cause to suspect significant harm.' };
    const without = await sw.post(`/children/cases/${referralId}/strategy-discussion`, { ...base, agency1: ids.csc, name1: 'Sky Walker-Reid', role1: 'Social worker' });
    expect(without.statusCode).toBe(409);
    expect(without.body).toContain('add police and health');
    const noName = await sw.post(`/children/cases/${referralId}/strategy-discussion`, { ...base, agency1: ids.csc });
    expect(noName.statusCode).toBe(400);
    expect(noName.body).toContain('Enter the name of person 1');
    expect(await count(sql`select count(*)::int as n from strategy_discussion where referral_id = ${referralId}`)).toBe(0);
    const ok = await sw.post(`/children/cases/${referralId}/strategy-discussion`, {
      ...base, agency1: ids.csc, name1: 'Sky Walker-Reid', role1: 'Social worker', agency2: ids.police, name2: 'DC Pat Constable', role2: 'Child abuse investigation',
      agency3: ids.health, name3: 'Harper Nurse', role3: 'Named nurse',
    });
    expect(ok.statusCode).toBe(303);
    const s = (await one<{ started_at: Date; conference_due_at: Date }>(db, sql`select started_at, conference_due_at from s47_enquiry where referral_id = ${referralId}`))!;
    // 15 working days: at least three calendar weeks later
    expect(new Date(s.conference_due_at).getTime() - new Date(s.started_at).getTime()).toBeGreaterThan(20 * 86_400_000);
  });

  it('convenes an initial conference with invitations when concerns are substantiated', async () => {
    const noDate = await sw.post(`/children/cases/${referralId}/section-47`, { outcome: 'substantiated_icpc', reason: 'Substantiated.', agencyIds: [ids.police] });
    expect(noDate.statusCode).toBe(400);
    expect(noDate.body).toContain('Enter the date and time of the initial child protection conference');
    const when = new Date(Date.now() + 7 * 86_400_000);
    const res = await sw.post(`/children/cases/${referralId}/section-47`, { outcome: 'substantiated_icpc', reason: 'Neglect and domestic abuse substantiated; continuing risk.', ...DATE('scheduledAt', when), agencyIds: [ids.police, ids.health, ids.school], chairUserId: ids.chair });
    expect(res.statusCode).toBe(303);
    conferenceId = (await one<{ id: string }>(db, sql`select id from cp_conference where referral_id = ${referralId} and kind = 'initial'`))!.id;
    expect(res.headers.location).toContain(`/children/conferences/${conferenceId}`);
    expect(await count(sql`select count(*)::int as n from conference_invite where conference_id = ${conferenceId}`)).toBe(3);
    const policeId = await t.userId('police');
    expect(await count(sql`select count(*)::int as n from notification where user_id = ${policeId} and link = '/children/conference-reports'`)).toBeGreaterThan(0);
  });

  it('lets each invited agency write its own report from its queue, and only its own', async () => {
    const police = await t.as('police');
    const queue = await police.get('/children/conference-reports');
    expect(queue.statusCode).toBe(200);
    const mine = (await one<{ id: string }>(db, sql`select id from conference_invite where conference_id = ${conferenceId} and agency_id = ${ids.police}`))!.id;
    const healths = (await one<{ id: string }>(db, sql`select id from conference_invite where conference_id = ${conferenceId} and agency_id = ${ids.health}`))!.id;
    expect(queue.body).toContain('Reports for child protection conferences');
    expect(queue.body).not.toContain(`/children/conference-reports/${healths}`);
    expect((await police.get(`/children/conference-reports/${mine}`)).body).toContain('Send the report');
    expect((await police.get(`/children/conference-reports/${healths}`)).statusCode).toBe(404);
    expect((await police.post(`/children/conference-reports/${healths}`, { view: 'no_concerns', report: 'x' })).statusCode).toBe(404);
    const empty = await police.post(`/children/conference-reports/${mine}`, { view: 'significant_harm' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Enter your agency’s report for the conference');
    expect((await police.post(`/children/conference-reports/${mine}`, { view: 'significant_harm', report: 'Two domestic abuse call-outs in six months; the child was present at both.' })).statusCode).toBe(303);
    expect((await police.post(`/children/conference-reports/${mine}`, { view: 'significant_harm', report: 'Again.' })).statusCode).toBe(409);
    expect((await (await t.as('health')).post(`/children/conference-reports/${healths}`, { view: 'child_in_need', report: 'Missed two health visitor appointments.' })).statusCode).toBe(303);
    // a partner sees the conference, not the child's case
    expect((await police.get(`/children/conferences/${conferenceId}`)).statusCode).toBe(200);
    expect((await police.get(`/children/cases/${referralId}`)).statusCode).toBe(403);
    expect((await (await t.as('idva')).get(`/children/conferences/${conferenceId}`)).statusCode).toBe(404);
  });

  it('is recorded by the chair: a neglect plan begins, its first review due in 3 months', async () => {
    expect((await sw.get(`/children/conferences/${conferenceId}/record`)).statusCode).toBe(403);
    const invites = await rows<{ id: string }>(db, sql`select id from conference_invite where conference_id = ${conferenceId}`);
    const attendance = Object.fromEntries(invites.map((i) => [`attendance-${i.id}`, 'attended']));
    const held = new Date(Date.now() - 3_600_000);
    const base = { ...DATE('heldAt', held), ...attendance, childAttended: 'no', childAdvocate: 'yes', childViewsPresented: 'yes', childViews: 'Through her advocate: she wants the shouting to stop and to stay with her nan at weekends.', parentsParticipation: 'attended', reason: 'Continuing risk of significant harm from neglect.' };
    const noCategory = await chair.post(`/children/conferences/${conferenceId}/record`, { ...base, decision: 'plan' });
    expect(noCategory.statusCode).toBe(409);
    expect(noCategory.body).toContain('Select the category of abuse or neglect for the plan');
    const wrongKind = await chair.post(`/children/conferences/${conferenceId}/record`, { ...base, decision: 'continue', category: 'NEG' });
    expect(wrongKind.statusCode).toBe(409);
    expect(await count(sql`select count(*)::int as n from child_plan where referral_id = ${referralId} and kind = 'cp'`)).toBe(0);
    expect((await chair.post(`/children/conferences/${conferenceId}/record`, { ...base, decision: 'plan', category: 'NEG' })).statusCode).toBe(303);
    const plan = (await one<{ id: string; started_on: string; initial_category: string }>(db, sql`select id, started_on::text as started_on, initial_category from child_plan where referral_id = ${referralId} and kind = 'cp'`))!;
    planId = plan.id;
    expect(plan.initial_category).toBe('NEG');
    const review = (await one<{ due_at: Date; scheduled_at: Date }>(db, sql`select due_at, scheduled_at from cp_conference where plan_id = ${planId} and kind = 'review'`))!;
    const dueOn = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date(review.due_at));
    expect(dueOn).toBe(addMonths(plan.started_on, 3));
    expect(new Date(review.scheduled_at).getTime()).toBeLessThanOrEqual(new Date(review.due_at).getTime());
    expect(await count(sql`select count(*)::int as n from conference_invite i join cp_conference k on k.id = i.conference_id where k.plan_id = ${planId}`)).toBe(3);
  });

  it('takes visits and core groups from the social worker; partners in the core group see the plan but cannot record on it', async () => {
    const future = await sw.post(`/children/plans/${planId}/visits`, { ...DATE('visitedOn', new Date(Date.now() + 3 * 86_400_000), false), seen: 'yes', seenAlone: 'no', notes: 'x' });
    expect(future.statusCode).toBe(400);
    const alone = await sw.post(`/children/plans/${planId}/visits`, { ...DATE('visitedOn', new Date(), false), seen: 'no', seenAlone: 'yes', notes: 'Nobody answered.' });
    expect(alone.statusCode).toBe(409);
    expect(alone.body).toContain('A child seen alone was seen');
    expect((await sw.post(`/children/plans/${planId}/visits`, { ...DATE('visitedOn', new Date(), false), seen: 'yes', seenAlone: 'yes', notes: 'Home warm and tidy; she showed me her new school shoes.' })).statusCode).toBe(303);
    const visit = (await one<{ visited_on: string; due_on: string }>(db, sql`select visited_on::text as visited_on, due_on::text as due_on from plan_visit where plan_id = ${planId}`))!;
    expect(visit.visited_on <= visit.due_on).toBe(true);
    expect((await sw.post(`/children/plans/${planId}/core-groups`, { ...DATE('heldOn', new Date(), false), notes: 'x' })).body).toContain('Select the agencies that took part');
    expect((await sw.post(`/children/plans/${planId}/core-groups`, { ...DATE('heldOn', new Date(), false), agencyIds: [ids.police, ids.school], notes: 'Parents engaging; school reports better attendance.' })).statusCode).toBe(303);
    const police = await t.as('police');
    const page = await police.get(`/children/plans/${planId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('new school shoes');
    expect((await police.post(`/children/plans/${planId}/visits`, { ...DATE('visitedOn', new Date(), false), seen: 'yes', seenAlone: 'yes', notes: 'x' })).statusCode).toBe(403);
    expect((await (await t.as('idva')).get(`/children/plans/${planId}`)).statusCode).toBe(404);
    expect((await sw.post(`/children/plans/${planId}/reviews`, { ...DATE('heldOn', new Date(), false), decision: 'continue', notes: 'x' })).statusCode).toBe(409);
  });

  it('will not close while the plan is open', async () => {
    const res = await sw.post(`/children/cases/${referralId}/close`, { reason: 'RC7' });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('End the child’s plan before closing the case');
  });
});

describe('who may see a case', () => {
  it('is children’s social care’s own: partners and the adult team are refused', async () => {
    const any = (await one<{ id: string }>(db, sql`select id from csc_referral where not restricted order by reference limit 1`))!.id;
    expect((await (await t.as('health')).get(`/children/cases/${any}`)).statusCode).toBe(403);
    expect((await (await t.as('adults')).get(`/children/cases/${any}`)).statusCode).toBe(403);
    expect((await (await t.as('screener')).get(`/children/cases/${any}/assessment`)).statusCode).toBe(403);
    expect((await sw.get(`/children/cases/${any}`)).statusCode).toBe(200);
  });
});

describe('a case in parts, and the lists filtered to what is due', () => {
  it('splits the case into the summary, the assessment and the strategy discussions, each refused to partners', async () => {
    const any = (await one<{ id: string }>(db, sql`select r.id from csc_referral r where not restricted and exists (select 1 from strategy_discussion d where d.referral_id = r.id) order by reference limit 1`))!.id;
    const summary = await sw.get(`/children/cases/${any}`);
    expect(summary.body).toContain('Where it stands');
    expect(summary.body).not.toContain('Information shared');
    expect(summary.body).toContain(`href="/children/cases/${any}/record/enquiries"`);
    const enquiries = await sw.get(`/children/cases/${any}/record/enquiries`);
    expect(enquiries.statusCode).toBe(200);
    expect(enquiries.body).toContain('Information shared');
    const assessment = await sw.get(`/children/cases/${any}/record/assessment`);
    expect(assessment.statusCode).toBe(200);
    expect(assessment.body).toContain('Factors identified');
    expect((await (await t.as('health')).get(`/children/cases/${any}/record/assessment`)).statusCode).toBe(403);
  });

  it('filters a case list to each thing due, its total the count beside the link, and ignores a filter it does not know', async () => {
    const open = await manager.get('/children?view=open');
    const links = [...open.body.matchAll(/href="(\/children\?view=open&amp;due=([a-z_0-9]+))"><strong>(\d+)<\/strong>/g)];
    expect(links.length).toBeGreaterThan(0);
    for (const [, href, , n] of links) {
      const list = await manager.get(href!.replace(/&amp;/g, '&'));
      expect(/data-list-total="(\d+)"/.exec(list.body)?.[1]).toBe(n);
    }
    const unknown = await manager.get('/children?view=open&due=nonsense');
    expect(unknown.statusCode).toBe(200);
    expect(/data-list-total="(\d+)"/.exec(unknown.body)?.[1]).toBe(/data-list-total="(\d+)"/.exec(open.body)?.[1]);
  });

  it('shows the chair only their conferences past due, and a partner its overdue reports', async () => {
    const all = await chair.get('/children/conferences?due=overdue');
    expect(all.statusCode).toBe(200);
    expect(all.body).toContain('Only conferences past the date they were due by');
    const reports = await (await t.as('police')).get('/children/conference-reports?show=overdue');
    expect(reports.statusCode).toBe(200);
    expect(reports.body).toMatch(/data-list-total="\d+"/);
  });
});

describe('a plan in parts', () => {
  it('shows the latest visits on the plan, every visit on a page of its own with its total, and visits only to the owning service', async () => {
    const plan = (await one<{ id: string; n: number }>(db, sql`select pl.id, (select count(*)::int from plan_visit v where v.plan_id = pl.id) as n from child_plan pl join csc_referral r on r.id = pl.referral_id
      where not r.restricted and pl.ended_on is null and pl.kind = 'cp' order by n desc limit 1`))!;
    const summary = await manager.get(`/children/plans/${plan.id}`);
    expect(summary.statusCode).toBe(200);
    expect(summary.body).toContain(`All ${plan.n} visits`);
    const visits = await manager.get(`/children/plans/${plan.id}/record/visits`);
    expect(/data-list-total="(\d+)"/.exec(visits.body)?.[1]).toBe(String(plan.n));
    expect((await manager.get(`/children/plans/${plan.id}/record/meetings`)).body).toMatch(/data-list-total="\d+"/);
    expect((await (await t.as('police')).get(`/children/plans/${plan.id}/record/visits`)).statusCode).toBe(404);
  });
});
