/**
 * Domestic abuse through app.inject against a real database, on a clock the test moves: a police DA notification
 * through the API (bad input refused by field), the household view flagging a child graded lower, gradings made
 * together, a DASH scored and its MARAC prompt, the daily triage deciding a MARAC referral once, a later incident
 * between the same people flagged as a repeat on arrival, escalation counted, and MADA across a border only under a
 * data-sharing agreement recorded by both areas.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, one, rows } from '../../db/client.js';
import { tenant, agency, appUser, roleAssignment } from '../../db/schema/index.js';
import { checklist } from '../../domain/dash.js';
import { SYSTEM_ACTOR } from '../../platform/audit.js';
import { type TestApp, type TestClient, createTestApp, location } from '../../../test/support/app.js';

// Fixed dates in the past (the API refuses a receipt time in the future); meetings at weekends, when the demo
// data has none, so each test starts its own.
let clock = new Date('2025-10-03T22:10:00Z');
let t: TestApp;
let db: Database;
let token: string;
let screener: TestClient;
let police: TestClient;
let idva: TestClient;

async function sendNotification(body: Record<string, unknown>) {
  return t.app.inject({ method: 'POST', url: '/api/v1/contacts', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: body });
}

function daNotification(overrides: { occurredAt?: string; receivedAt?: string; reference?: string; family?: string; childRisk?: string; people?: Record<string, unknown>[]; dash?: Record<string, string> | null } = {}) {
  const family = overrides.family ?? 'Testwood';
  const answers = Object.fromEntries(checklist('police-dash-2009')!.questions.map((q, i) => [q.id, i < 15 ? 'yes' : i < 20 ? 'no' : 'not_known']));
  return {
    contactType: 'child',
    notificationType: 'dash',
    referrer: { name: 'PC Fixture' },
    receivedAt: overrides.receivedAt ?? clock.toISOString(),
    incident: { policeReference: overrides.reference ?? `DA-${Math.random().toString(36).slice(2, 10)}`, occurredAt: overrides.occurredAt ?? '2025-10-03T21:40:00Z', postcode: 'FM1 2AB', place: '12 Fixture Road' },
    riskLevel: 'high',
    domesticAbuse: { incidentType: 'physical', ...(overrides.dash === null ? {} : { policeDash: { answers: overrides.dash ?? answers, victimWords: { q1: 'He pushed me into the door.' } } }) },
    concerns: ['domestic_abuse'],
    narrative: 'Police attended a domestic incident at the family home.',
    consent: 'not_sought',
    people: overrides.people ?? [
      { role: 'parent_carer', daRole: 'victim', riskLevel: 'high', givenNames: 'Alex', familyName: family, dateOfBirth: '1990-03-04', gender: 'female' },
      { role: 'other_adult', daRole: 'alleged_perpetrator', givenNames: 'Sam', familyName: `${family}-Ray`, dateOfBirth: '1988-07-01', gender: 'male' },
      { role: 'subject_child', daRole: 'child_present', riskLevel: 'high', givenNames: 'Ivy', familyName: family, dateOfBirth: '2017-05-05', school: '990101', childVoice: 'Said she hid upstairs', childDemeanour: 'Quiet, clinging to mum' },
      { role: 'subject_child', daRole: 'child_in_household', riskLevel: overrides.childRisk ?? 'medium', givenNames: 'Oak', familyName: family, dateOfBirth: '2023-09-01', childVoice: 'Too young to say', childDemeanour: 'Asleep when police arrived' },
    ],
  };
}

let apiClient: { clientId: string; secret: string };

/** Moves the clock; sessions and API tokens from before the jump have expired, so everyone signs in again. */
async function at(instant: string): Promise<void> {
  clock = new Date(instant);
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/oauth/token', payload: { grant_type: 'client_credentials', client_id: apiClient.clientId, client_secret: apiClient.secret } });
  token = res.json().access_token;
  screener = await t.as('screener');
  police = await t.as('police');
  idva = await t.as('idva');
}

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  db = t.db.db;
  const force = (await one<{ id: string; tenant_id: string }>(db, sql`select id, tenant_id from agency where type = 'police' limit 1`))!;
  apiClient = await t.app.services.apiClients.create({ ...SYSTEM_ACTOR, tenantId: force.tenant_id }, { agencyId: force.id, name: 'Police DA system' });
  await at(clock.toISOString());
});
afterAll(async () => t.close());

async function caseOf(contactId: string) {
  return (await one<{ id: string; repeat_of_referral_id: string | null; incidents_in_year: number; household_risk: string | null }>(db, sql`select id, repeat_of_referral_id, incidents_in_year, household_risk from da_case where contact_id = ${contactId}`))!;
}

describe('a police domestic abuse notification', () => {
  it('refuses bad input by field: a child without a date of birth, an unanswered DASH question, no victim', async () => {
    const n = daNotification();
    const people = n.people.map((p) => ({ ...p }));
    delete (people[3] as Record<string, unknown>).dateOfBirth;
    const { q7: _, ...answers } = n.domesticAbuse.policeDash!.answers;
    const res = await sendNotification({ ...n, people: people.map((p) => (p.daRole === 'victim' ? { ...p, daRole: 'other' } : p)), domesticAbuse: { incidentType: 'physical', policeDash: { answers } } });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const text = JSON.stringify(res.json());
    expect(text).toContain('Operation Encompass needs it');
    expect(text).toContain('Answer DASH question q7');
    expect(text).toContain('Name the victim');
    expect((await one<{ n: number }>(db, sql`select count(*)::int as n from da_case where police_reference = ${n.incident.policeReference}`))!.n).toBe(0);
  });

  let contactId: string;
  let caseId: string;

  it('keeps the incident and receipt apart, stores the police DASH and every person’s grading, and makes an Encompass notice per child', async () => {
    const res = await sendNotification(daNotification());
    expect(res.statusCode).toBe(201);
    contactId = res.json().id;
    const c = await caseOf(contactId);
    caseId = c.id;
    expect(c.repeat_of_referral_id).toBeNull();
    const stored = (await one<{ occurred_at: string; received_at: string; police_risk: string }>(db, sql`select occurred_at::text, received_at::text, police_risk from da_case where id = ${caseId}`))!;
    expect(new Date(stored.occurred_at).toISOString()).toBe('2025-10-03T21:40:00.000Z');
    expect(new Date(stored.received_at).toISOString()).toBe('2025-10-03T22:10:00.000Z');
    expect(stored.police_risk).toBe('high');
    const dash = (await one<{ score: number; grading: string; source: string }>(db, sql`select score, grading, source from dash_assessment where da_case_id = ${caseId}`))!;
    expect(dash).toEqual({ score: 15, grading: 'high', source: 'police_notification' });
    const people = await rows<{ role: string; grading: string | null }>(db, sql`select role, grading from da_person where da_case_id = ${caseId} order by position`);
    expect(people.map((p) => [p.role, p.grading])).toEqual([
      ['victim', 'high'],
      ['alleged_perpetrator', null],
      ['child_present', 'high'],
      ['child_in_household', 'medium'],
    ]);
    const notices = await rows<{ route: string; due_at: string }>(db, sql`select route, due_at::text from encompass_notice where da_case_id = ${caseId}`);
    expect(notices).toHaveLength(2);
  });

  it('shows the household side by side and flags the child graded lower than the victim', async () => {
    const page = await screener.get(`/domestic-abuse/cases/${caseId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Ivy Testwood');
    expect(page.body).toContain('Oak Testwood');
    expect(page.body).toContain('Graded lower than the victim');
    expect(page.body).toContain('Said she hid upstairs');
    expect(page.body).toContain('A child graded lower than the victim');
  });

  it('grades the household together: a child lower than the victim needs a reason, and nothing is half-saved', async () => {
    const people = await rows<{ id: string; role: string }>(db, sql`select id, role from da_person where da_case_id = ${caseId} order by position`);
    const [victim, perpetrator, ivy, oak] = people;
    const form = { [`grading-${victim!.id}`]: 'high', [`grading-${perpetrator!.id}`]: 'high', [`grading-${ivy!.id}`]: 'high', [`grading-${oak!.id}`]: 'medium' };
    await screener.get(`/domestic-abuse/cases/${caseId}/grading`);
    const bad = await screener.post(`/domestic-abuse/cases/${caseId}/grading`, { ...form, [`grading-${perpetrator!.id}`]: undefined });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Give the reason Oak Testwood is graded lower than the adult victim');
    expect(bad.body).toContain('Choose a risk level for Sam Testwood-Ray');
    expect((await caseOf(contactId)).household_risk).toBeNull();
    const good = await screener.post(`/domestic-abuse/cases/${caseId}/grading`, { ...form, [`reason-${oak!.id}`]: 'Lives with grandparents most of the week' });
    expect(good.statusCode).toBe(303);
    expect((await caseOf(contactId)).household_risk).toBe('high');
    const page = await screener.get(`/domestic-abuse/cases/${caseId}`);
    expect(page.body).toContain('Reason: Lives with grandparents most of the week');
  });

  it('scores a DASH with every threshold and prompts MARAC at 15; refuses unanswered questions and a lower judgement', async () => {
    const list = checklist('safelives-partner')!;
    const victim = (await one<{ id: string }>(db, sql`select id from da_person where da_case_id = ${caseId} and role = 'victim'`))!;
    const page = await idva.get(`/domestic-abuse/cases/${caseId}/dash/new?version=${list.id}`);
    expect(page.statusCode).toBe(200);
    const answers = (ticks: number) => Object.fromEntries(list.questions.map((q, i) => [`answer-${q.id}`, i < ticks ? 'yes' : 'no']));
    const missing = await idva.post(`/domestic-abuse/cases/${caseId}/dash?version=${list.id}`, { version: list.id, daPersonId: victim.id, ...answers(15), 'answer-q3': undefined });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('Answer question 3');
    const lower = await idva.post(`/domestic-abuse/cases/${caseId}/dash?version=${list.id}`, { version: list.id, daPersonId: victim.id, ...answers(11), judgement: 'standard' });
    expect(lower.statusCode).toBe(400);
    expect(lower.body).toContain('Professional judgement cannot lower the grading');
    const noReason = await idva.post(`/domestic-abuse/cases/${caseId}/dash?version=${list.id}`, { version: list.id, daPersonId: victim.id, ...answers(11), judgement: 'high' });
    expect(noReason.body).toContain('Give the reason for raising the grading');
    const done = await idva.post(`/domestic-abuse/cases/${caseId}/dash?version=${list.id}`, { version: list.id, daPersonId: victim.id, ...answers(15), 'words-q2': 'I am scared every night' });
    expect(done.statusCode).toBe(303);
    const result = await idva.get(location(done));
    expect(result.body).toContain('Total 15 ticks');
    expect(result.body).toContain('This meets the MARAC threshold');
    expect(result.body).toContain('I am scared every night');
  });

  let referralId: string;

  it('decides once at the daily triage meeting: a MARAC referral, with actions', async () => {
    await at('2025-10-04T09:30:00Z');
    const start = await screener.get('/domestic-abuse/mada');
    expect(start.statusCode).toBe(200);
    const csc = (await one<{ id: string }>(db, sql`select id from agency where type = 'children_social_care' limit 1`))!;
    const policeAgency = (await one<{ id: string }>(db, sql`select id from agency where type = 'police' limit 1`))!;
    const none = await screener.post('/domestic-abuse/mada', {});
    expect(none.body).toContain('Choose the agencies present');
    const started = await screener.post('/domestic-abuse/mada', { agencyIds: [csc.id, policeAgency.id] });
    expect(started.statusCode).toBe(303);
    const meetingPath = location(started);
    const meeting = await screener.get(meetingPath);
    expect(meeting.body).toContain('Waiting for a decision');
    expect(meeting.body).toContain('Alex Testwood');
    expect(meeting.body).toContain('30 minutes');
    // the meeting's view is audited as the meeting, not as a DA case
    const meetingId = meetingPath.split('/').pop()!;
    const meetingEvents = await rows<{ action: string; record_type: string }>(db, sql`select action, record_type from audit_event where record_id = ${meetingId} order by occurred_at, id`);
    expect(meetingEvents).toEqual([
      { action: 'mada.meeting_started', record_type: 'mada_meeting' },
      { action: 'mada.meeting_viewed', record_type: 'mada_meeting' },
    ]);
    const decidePath = `${meetingPath}/cases/${caseId}`;
    await screener.get(decidePath);
    const bad = await screener.post(decidePath, { decisions: ['no_further_action', 'idva'], reason: '', 'action-description-0': 'Visit school' });
    expect(bad.statusCode).toBe(400);
    for (const m of ['Give the reason for the decision', 'Choose the agency that owns action 1', 'Enter the due date of action 1']) expect(bad.body).toContain(m);
    const good = await screener.post(decidePath, {
      decisions: ['marac_referral', 'idva'],
      reason: 'Visible high risk on the DASH; children present.',
      'action-description-0': 'Tell the school’s key adult about the MARAC referral',
      'action-owner-0': csc.id,
      'action-due-0-day': '10',
      'action-due-0-month': '10',
      'action-due-0-year': '2025',
    });
    expect(good.statusCode).toBe(303);
    const referral = (await one<{ id: string; criteria: string[] }>(db, sql`select id, criteria from marac_referral where da_case_id = ${caseId}`))!;
    referralId = referral.id;
    expect(referral.criteria).toContain('visible_high_risk');
    expect((await one<{ n: number }>(db, sql`select count(*)::int as n from da_service_case where da_case_id = ${caseId} and service = 'idva'`))!.n).toBe(1);
    const again = await screener.post(decidePath, { decisions: ['no_further_action'], reason: 'Again' });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('already');
    expect((await one<{ n: number }>(db, sql`select count(*)::int as n from mada_decision where da_case_id = ${caseId}`))!.n).toBe(1);
    // the owning agency sees its action and marks it done with what was done; another agency cannot
    const action = (await one<{ id: string }>(db, sql`select id from da_action where da_case_id = ${caseId} and forum = 'mada'`))!;
    const list = await screener.get('/domestic-abuse/actions');
    expect(list.body).toContain('Tell the school’s key adult about the MARAC referral');
    expect((await police.get('/domestic-abuse/actions')).body).not.toContain('Tell the school’s key adult about the MARAC referral');
    expect((await police.post(`/domestic-abuse/actions/${action.id}/done`, { note: 'Not ours' })).statusCode).toBe(404);
    const empty = await screener.post(`/domestic-abuse/actions/${action.id}/done`, { note: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Say what was done');
    expect((await screener.post(`/domestic-abuse/actions/${action.id}/done`, { note: 'Key adult told by phone' })).statusCode).toBe(303);
    expect((await one<{ done_note: string }>(db, sql`select done_note from da_action where id = ${action.id}`))!.done_note).toBe('Key adult told by phone');
  });

  it('flags a new incident between the same two people within 12 months of the MARAC referral as a repeat the moment it arrives', async () => {
    await at('2026-01-02T23:30:00Z');
    const res = await sendNotification(daNotification({ occurredAt: '2026-01-02T22:15:00Z', receivedAt: clock.toISOString() }));
    expect(res.statusCode).toBe(201);
    const c = await caseOf(res.json().id);
    expect(c.repeat_of_referral_id).toBe(referralId);
    expect(c.incidents_in_year).toBe(2);
    const coordinator = await t.userId('marac');
    expect((await one<{ n: number }>(db, sql`select count(*)::int as n from notification where user_id = ${coordinator} and title like 'Repeat MARAC%'`))!.n).toBeGreaterThan(0);
    const page = await screener.get(`/domestic-abuse/cases/${c.id}`);
    expect(page.body).toContain('Repeat MARAC');
    // a third incident in 12 months between them is an escalation
    await at('2026-01-20T10:00:00Z');
    const third = await sendNotification(daNotification({ occurredAt: '2026-01-20T08:00:00Z', receivedAt: clock.toISOString(), dash: null }));
    const c3 = await caseOf(third.json().id);
    expect(c3.incidents_in_year).toBe(3);
    expect((await screener.get(`/domestic-abuse/cases/${c3.id}`)).body).toContain('Escalation: 3 incidents in 12 months');
  });

  it('keeps a case with no later incident outside the repeat window after 12 months', async () => {
    await at('2026-10-06T12:00:00Z');
    const res = await sendNotification(daNotification({ occurredAt: '2026-10-06T08:00:00Z', receivedAt: clock.toISOString(), dash: null }));
    expect(res.statusCode).toBe(201);
    expect((await caseOf(res.json().id)).repeat_of_referral_id).toBeNull();
  });

  it('is only for the roles that triage, and never another area’s', async () => {
    await at('2026-10-06T12:05:00Z');
    const analyst = await t.as('analyst');
    expect((await analyst.get(`/domestic-abuse/cases/${caseId}`)).statusCode).toBe(403);
    expect((await analyst.get('/domestic-abuse/mada')).statusCode).toBe(403);
    // a partner agency that did not send the notification cannot open it
    const dsl = await t.as('dsl');
    expect((await dsl.get(`/domestic-abuse/cases/${caseId}`)).statusCode).toBe(404);
    expect((await police.get(`/domestic-abuse/cases/${caseId}`)).statusCode).toBe(200);
    // a restricted contact's DA case: only the agency that owns the contact sees it, anywhere
    const contact = (await one<{ contact_id: string }>(db, sql`select contact_id from da_case where id = ${caseId}`))!.contact_id;
    const meeting = (await one<{ id: string }>(db, sql`select meeting_id as id from mada_decision where da_case_id = ${caseId}`))!.id;
    await db.execute(sql`update contact set restricted = true where id = ${contact}`);
    try {
      expect((await police.get(`/domestic-abuse/cases/${caseId}`)).statusCode).toBe(404);
      expect((await police.get(`/domestic-abuse/mada/${meeting}/cases/${caseId}`)).statusCode).toBe(404);
      expect((await police.get('/domestic-abuse?show=all')).body).not.toContain(`/domestic-abuse/cases/${caseId}`);
      expect((await screener.get(`/domestic-abuse/cases/${caseId}`)).statusCode).toBe(200);
      expect((await screener.get(`/domestic-abuse/mada/${meeting}/cases/${caseId}`)).statusCode).toBe(200);
    } finally {
      await db.execute(sql`update contact set restricted = false where id = ${contact}`);
    }
  });
});

describe('a contact recorded by the MASH', () => {
  it('is recorded as a DA incident from the contact: every person named with their role, the checks and Encompass as for the police', async () => {
    await at('2026-03-03T10:00:00Z');
    const plain = daNotification({ occurredAt: '2026-03-02T20:00:00Z', receivedAt: '2026-03-03T09:00:00Z', family: 'Formfield' }) as Record<string, unknown>;
    delete plain.domesticAbuse;
    plain.notificationType = 'other';
    plain.people = (plain.people as Record<string, unknown>[]).map(({ daRole: _r, riskLevel: _k, ...p }) => p);
    const res = await sendNotification(plain);
    expect(res.statusCode).toBe(201);
    const contactId = res.json().id as string;
    const contact = await screener.get(`/contacts/${contactId}`);
    expect(contact.body).toContain('Record as a domestic abuse incident');
    const page = await screener.get(`/contacts/${contactId}/domestic-abuse`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Ivy Formfield');
    const named = await rows<{ id: string; given_names: string }>(db, sql`select id, given_names from contact_named_person where contact_id = ${contactId} order by position`);
    const ref = (given: string) => named.find((n) => n.given_names === given)!.id;
    const bad = await screener.post(`/contacts/${contactId}/domestic-abuse`, {
      incidentType: 'physical', 'occurredAt-day': '2', 'occurredAt-month': '3', 'occurredAt-year': '2026', 'occurredAt-hour': '20', 'occurredAt-minute': '00',
      [`role-${ref('Alex')}`]: 'victim',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Choose Ivy Formfield’s role in the incident');
    expect((await one<{ n: number }>(db, sql`select count(*)::int as n from da_case where contact_id = ${contactId}`))!.n).toBe(0);
    const good = await screener.post(`/contacts/${contactId}/domestic-abuse`, {
      incidentType: 'physical', 'occurredAt-day': '2', 'occurredAt-month': '3', 'occurredAt-year': '2026', 'occurredAt-hour': '20', 'occurredAt-minute': '00', policeRisk: 'high',
      [`role-${ref('Alex')}`]: 'victim', [`role-${ref('Sam')}`]: 'alleged_perpetrator', [`role-${ref('Ivy')}`]: 'child_present', [`role-${ref('Oak')}`]: 'child_in_household', [`risk-${ref('Oak')}`]: 'standard',
    });
    expect(good.statusCode).toBe(303);
    const c = await caseOf(contactId);
    expect(location(good)).toBe(`/domestic-abuse/cases/${c.id}`);
    expect((await rows(db, sql`select id from encompass_notice where da_case_id = ${c.id}`)).length).toBe(2);
    const household = await screener.get(`/domestic-abuse/cases/${c.id}`);
    expect(household.body).toContain('A child graded lower than the victim');
    // recorded once: the page now leads to the case
    expect((await screener.get(`/contacts/${contactId}/domestic-abuse`)).statusCode).toBe(303);
  });
});

describe('MADA across a border', () => {
  it('includes a neighbouring area’s notifications only while both areas have recorded an agreement', async () => {
    await at('2026-05-31T09:00:00Z');
    const home = (await one<{ tenant_id: string }>(db, sql`select tenant_id from app_user where email = 'screener@demo.threshold.test'`))!.tenant_id;
    const [neighbour] = await db.insert(tenant).values({ code: `nb-${Date.now()}`, name: 'Neighbouring Borough (test)', synthetic: true }).returning({ id: tenant.id });
    const nid = neighbour!.id;
    const [nCsc] = await db.insert(agency).values({ tenantId: nid, name: 'Neighbour Children’s Services', type: 'children_social_care' }).returning({ id: agency.id });
    const [nPolice] = await db.insert(agency).values({ tenantId: nid, name: 'Neighbour Police', type: 'police' }).returning({ id: agency.id });
    const [nAdmin] = await db.insert(appUser).values({ tenantId: nid, agencyId: nCsc!.id, email: `nb-admin-${Date.now()}@example.test`, displayName: 'Neighbour Admin' }).returning({ id: appUser.id });
    await db.insert(roleAssignment).values({ tenantId: nid, userId: nAdmin!.id, role: 'system_admin' });
    // a DA notification in the neighbouring area
    const ctx = await t.app.services.intake.context(nid);
    const { notificationSchema, toNotification } = await import('../front-door/notification-schema.js');
    const parsed = notificationSchema(() => clock).parse(daNotification({ occurredAt: '2026-05-31T07:00:00Z', receivedAt: '2026-05-31T08:00:00Z', family: 'Bordersby', dash: null }));
    expect(ctx.frontDoors.child).toBe(nCsc!.id);
    const received = await t.app.services.intake.receive(
      { actor: { userId: null, tenantId: nid, agencyId: nPolice!.id, roles: [], requestId: null }, tenantId: nid, channel: 'api', sourceAgencyId: nPolice!.id, createdByUserId: null, apiClientId: null },
      toNotification(parsed, { receivedAt: clock, sourceCode: '6' }),
    );
    if ('problem' in received) throw new Error(received.problem);
    const nCase = await caseOf(received.received.contactId);

    const admin = await t.as('admin');
    const page = await admin.get('/admin/data-sharing');
    expect(page.statusCode).toBe(200);
    const bad = await admin.post('/admin/data-sharing', { partnerTenantId: nid, reference: '', 'startsOn-day': '1', 'startsOn-month': '5', 'startsOn-year': '2026', 'endsOn-day': '1', 'endsOn-month': '4', 'endsOn-year': '2026' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Enter the agreement’s reference');
    expect(bad.body).toContain('The end date must be on or after the start date');
    const added = await admin.post('/admin/data-sharing', { partnerTenantId: nid, reference: 'DSA-MADA-01', 'startsOn-day': '1', 'startsOn-month': '5', 'startsOn-year': '2026' });
    expect(added.statusCode).toBe(303);
    // one side only: the neighbour is not offered
    expect(await t.app.services.domesticAbuse.partners(home)).toEqual([]);
    await t.app.services.domesticAbuse.addAgreement({ ...SYSTEM_ACTOR, userId: nAdmin!.id, tenantId: nid, agencyId: nCsc!.id }, { partnerTenantId: home, reference: 'DSA-MADA-01', startsOn: '2026-05-01', endsOn: null });
    expect((await t.app.services.domesticAbuse.partners(home)).map((p) => p.id)).toEqual([nid]);

    const csc = (await one<{ id: string }>(db, sql`select id from agency where tenant_id = ${home} and type = 'children_social_care' limit 1`))!;
    await screener.get('/domestic-abuse/mada');
    const started = await screener.post('/domestic-abuse/mada', { agencyIds: [csc.id], partnerTenantIds: [nid] });
    expect(started.statusCode).toBe(303);
    const meetingPath = location(started);
    const meeting = await screener.get(meetingPath);
    expect(meeting.body).toContain('Alex Bordersby');
    expect(meeting.body).toContain('Neighbouring Borough (test)');
    // the neighbour's household must be graded before the decision
    const decide = await screener.get(`${meetingPath}/cases/${nCase.id}`);
    expect(decide.statusCode).toBe(200);
    expect(decide.body).toContain('shared under a data-sharing agreement');
    // once the agreement ends, the case is no longer open to this area's meeting
    const agreementId = (await one<{ id: string }>(db, sql`select id from data_sharing_agreement where tenant_id = ${home} and partner_tenant_id = ${nid}`))!.id;
    clock = new Date('2026-05-31T09:10:00Z');
    await admin.get('/admin/data-sharing');
    expect((await admin.post(`/admin/data-sharing/${agreementId}/end`)).statusCode).toBe(303);
    await at('2026-06-01T10:00:00Z');
    expect((await screener.get(`${meetingPath}/cases/${nCase.id}`)).statusCode).toBe(404);
    // another area's case is never open on the household page
    expect((await screener.get(`/domestic-abuse/cases/${nCase.id}`)).statusCode).toBe(404);
  });
});

describe('a later police DASH about an incident already received', () => {
  it('is scored as every DASH is and stored against the case alone', async () => {
    await at('2026-06-02T10:00:00Z');
    const reference = `DA-LATER-${Math.random().toString(36).slice(2, 8)}`;
    const first = await sendNotification(daNotification({ reference, occurredAt: '2026-06-02T08:00:00Z', family: 'Laterdash' }));
    expect(first.statusCode, first.body).toBe(201);
    const daCase = await caseOf(first.json().id);
    const list = checklist('police-dash-2009')!;
    const answers = Object.fromEntries(list.questions.map((q, i) => [q.id, i < 11 ? 'yes' : 'no']));
    const later = await sendNotification(daNotification({ reference, occurredAt: '2026-06-02T08:00:00Z', family: 'Laterdash', dash: answers }));
    expect(later.statusCode, later.body).toBe(200);
    expect(later.json()).toMatchObject({ outcome: 'attached', id: first.json().id });
    const stored = await rows<{ score: number; scored_grading: string; grading: string; version: string; da_person_id: string | null; person_id: string | null; escalation: boolean; source: string }>(
      db,
      sql`select score, scored_grading, grading, version, da_person_id, person_id, escalation, source from dash_assessment where da_case_id = ${daCase.id} order by score desc`,
    );
    expect(stored).toHaveLength(2);
    expect(stored[0]).toMatchObject({ score: 15, scored_grading: 'high', grading: 'high', version: list.id, source: 'police_notification' });
    expect(stored[0]!.da_person_id).not.toBeNull();
    expect(stored[1]).toEqual({ score: 11, scored_grading: 'medium', grading: 'medium', version: list.id, da_person_id: null, person_id: null, escalation: false, source: 'police_notification' });
  });
});
