/**
 * MARAC against a real database: the repeat window (12 months to the day, by key and by person id), referrals made
 * in another feature's transaction, the referral form's checks, a meeting from agenda to research, attendance,
 * minutes and actions done, histories and serial perpetrators, and who may see a meeting's research and minutes.
 * Every test makes its own people (names no demo row has) and counts only its own rows.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, one, rows, transaction } from '../../db/client.js';
import { personKey } from '../../domain/intake.js';
import { instantAt, localDateOf, addDays } from '../../domain/time.js';
import { type TestApp, type TestClient, createTestApp, location } from '../../../test/support/app.js';
import { type MaracReferralInput, type MaracService } from './service.js';

let t: TestApp;
let db: Database;
let marac: MaracService;
let tenantId: string;
const agencies: Record<string, string> = {};
const as: Record<string, TestClient> = {};

beforeAll(async () => {
  t = await createTestApp();
  db = t.db.db;
  marac = t.app.services.marac;
  for (const u of ['marac', 'police', 'idva', 'health', 'screener', 'dsl', 'cme', 'lado']) as[u] = await t.as(u);
  const rowsOf = await rows<{ email: string; agency_id: string; tenant_id: string }>(db, sql`select email, agency_id, tenant_id from app_user where email like '%@demo.threshold.test'`);
  for (const r of rowsOf) agencies[r.email.split('@')[0]!] = r.agency_id;
  tenantId = rowsOf.find((r) => r.email.startsWith('marac@'))!.tenant_id;
});
afterAll(async () => t?.close());

/** A surname no demo row has: letters only, so it passes the name checks. */
function uniqueName(prefix: string): string {
  const letters = Array.from({ length: 8 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');
  return `${prefix}${letters}`;
}

const today = () => localDateOf(new Date());
const parts = (name: string, date: string) => {
  const [y, m, d] = date.split('-');
  return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y! };
};

function input(overrides: Partial<MaracReferralInput> & { referredAt: Date }): MaracReferralInput {
  return {
    tenantId,
    daCaseId: null,
    victimPersonId: null,
    perpetratorPersonId: null,
    victimName: 'Fixture Victim',
    perpetratorName: 'Fixture Perpetrator',
    victimKey: null,
    perpetratorKey: null,
    referringAgencyId: agencies.police!,
    referredByUserId: null,
    criteria: ['professional_judgement'],
    dashScore: null,
    reason: 'Fixture',
    ...overrides,
  };
}

/** A referral made at noon London time on a date. */
function referOn(date: string, overrides: Partial<MaracReferralInput>) {
  return transaction(db, (tx) => marac.referIn(tx, input({ referredAt: instantAt(date, 12 * 60), ...overrides })));
}

function repeatFor(pair: { victimKey?: string | null; perpetratorKey?: string | null; victimPersonId?: string | null; perpetratorPersonId?: string | null }, on: string) {
  return transaction(db, (tx) => marac.repeatFor(tx, tenantId, { victimKey: null, perpetratorKey: null, victimPersonId: null, perpetratorPersonId: null, ...pair }, on));
}

async function referByForm(client: TestClient, people: { victim: string; perpetrator: string | null }, extra: Record<string, string | string[]> = {}): Promise<string> {
  const res = await client.post('/marac/referrals', {
    victimGivenNames: 'Robin',
    victimFamilyName: people.victim,
    ...parts('victimDob', '1990-04-02'),
    ...(people.perpetrator ? { perpetratorGivenNames: 'Kit', perpetratorFamilyName: people.perpetrator, ...parts('perpetratorDob', '1988-09-30') } : {}),
    criteria: ['visible_high_risk'],
    dashScore: '16',
    reason: 'Strangulation last week; she fears he will kill her.',
    ...extra,
  });
  expect(res.statusCode).toBe(303);
  const id = location(res).split('/')[3]!;
  expect(location(res)).toBe(`/marac/referrals/${id}/confirmation`);
  return id;
}

async function scheduleMeeting(invite: string[]): Promise<string> {
  const res = await as.marac!.post('/marac/meetings', { ...parts('meetingAt', today()), 'meetingAt-hour': '23', 'meetingAt-minute': '59', location: 'Civic Centre, Room 4', agencyIds: invite.map((a) => agencies[a]!) });
  expect(res.statusCode).toBe(303);
  return location(res).split('/')[3]!;
}

describe('the repeat window (repeatFor)', () => {
  it('finds the last referral between the pair up to 12 months after it, to the day, by name-and-date-of-birth key', async () => {
    const victimKey = personKey({ givenNames: 'Ada', familyName: uniqueName('Window'), dateOfBirth: '1991-01-01' });
    const perpetratorKey = personKey({ givenNames: 'Bo', familyName: uniqueName('Window'), dateOfBirth: '1989-02-02' });
    const first = await referOn('2024-03-10', { victimKey, perpetratorKey });
    expect(await repeatFor({ victimKey, perpetratorKey }, '2024-03-09')).toBeNull();
    expect(await repeatFor({ victimKey, perpetratorKey }, '2024-03-10')).toEqual({ id: first.id, referredOn: '2024-03-10' });
    expect(await repeatFor({ victimKey, perpetratorKey }, '2025-03-10')).toEqual({ id: first.id, referredOn: '2024-03-10' });
    expect(await repeatFor({ victimKey, perpetratorKey }, '2025-03-11')).toBeNull();
    // the same victim with another perpetrator, or with the perpetrator unknown, is not a repeat
    expect(await repeatFor({ victimKey, perpetratorKey: 'someone|else|1980-01-01' }, '2024-06-01')).toBeNull();
    expect(await repeatFor({ victimKey, perpetratorKey: null }, '2024-06-01')).toBeNull();
    // the most recent referral on or before the date counts
    const second = await referOn('2024-11-20', { victimKey, perpetratorKey });
    expect(await repeatFor({ victimKey, perpetratorKey }, '2025-03-11')).toEqual({ id: second.id, referredOn: '2024-11-20' });
    expect(await repeatFor({ victimKey, perpetratorKey }, '2024-11-19')).toEqual({ id: first.id, referredOn: '2024-03-10' });
    expect(await repeatFor({ victimKey, perpetratorKey }, '2025-11-20')).toEqual({ id: second.id, referredOn: '2024-11-20' });
    expect(await repeatFor({ victimKey, perpetratorKey }, '2025-11-21')).toBeNull();
  });

  it('a referral on 29 February is repeated until 28 February the next year', async () => {
    const victimKey = personKey({ givenNames: 'Leap', familyName: uniqueName('Window'), dateOfBirth: '1993-05-05' });
    const perpetratorKey = personKey({ givenNames: 'Day', familyName: uniqueName('Window'), dateOfBirth: '1990-06-06' });
    const r = await referOn('2024-02-29', { victimKey, perpetratorKey });
    expect(await repeatFor({ victimKey, perpetratorKey }, '2025-02-28')).toEqual({ id: r.id, referredOn: '2024-02-29' });
    expect(await repeatFor({ victimKey, perpetratorKey }, '2025-03-01')).toBeNull();
  });

  it('matches by person id where both sides have one, otherwise by key', async () => {
    const people = await rows<{ id: string }>(db, sql`select id from person where merged_into_person_id is null order by id limit 3`);
    const [victim, perpetrator, stranger] = people.map((p) => p.id);
    const victimKey = personKey({ givenNames: 'Ida', familyName: uniqueName('Linked'), dateOfBirth: '1985-07-07' });
    const perpetratorKey = personKey({ givenNames: 'Lou', familyName: uniqueName('Linked'), dateOfBirth: '1984-08-08' });
    const r = await referOn('2025-01-15', { victimPersonId: victim!, perpetratorPersonId: perpetrator!, victimKey, perpetratorKey });
    // the same people on the register, under other spellings: matched by person id
    expect(await repeatFor({ victimPersonId: victim!, perpetratorPersonId: perpetrator!, victimKey: 'other|spelling|1985-07-07', perpetratorKey: 'x|y|1984-08-08' }, '2025-06-01')).toEqual({ id: r.id, referredOn: '2025-01-15' });
    // not yet matched to the register: the keys decide
    expect(await repeatFor({ victimKey, perpetratorKey }, '2025-06-01')).toEqual({ id: r.id, referredOn: '2025-01-15' });
    expect(await repeatFor({ victimKey, perpetratorPersonId: perpetrator!, perpetratorKey: null }, '2025-06-01')).toEqual({ id: r.id, referredOn: '2025-01-15' });
    // both linked to the register, to different people: not the same victim, whatever the key says
    expect(await repeatFor({ victimPersonId: stranger!, perpetratorPersonId: perpetrator!, victimKey, perpetratorKey }, '2025-06-01')).toBeNull();
    // the window applies by person id too
    expect(await repeatFor({ victimPersonId: victim!, perpetratorPersonId: perpetrator! }, '2026-01-15')).toEqual({ id: r.id, referredOn: '2025-01-15' });
    expect(await repeatFor({ victimPersonId: victim!, perpetratorPersonId: perpetrator! }, '2026-01-16')).toBeNull();
  });

  it('never looks across areas', async () => {
    const victimKey = personKey({ givenNames: 'Area', familyName: uniqueName('Window'), dateOfBirth: '1990-01-01' });
    const perpetratorKey = personKey({ givenNames: 'Bound', familyName: uniqueName('Window'), dateOfBirth: '1990-01-01' });
    await referOn('2025-05-01', { victimKey, perpetratorKey });
    const other = (await one<{ id: string }>(db, sql`insert into tenant (code, name, synthetic) values (${uniqueName('area')}, 'Elsewhere', true) returning id`))!.id;
    const found = await transaction(db, (tx) => marac.repeatFor(tx, other, { victimKey, perpetratorKey, victimPersonId: null, perpetratorPersonId: null }, '2025-06-01'));
    expect(found).toBeNull();
  });
});

describe('referIn (the daily triage refers this way)', () => {
  it('adds the repeat criterion and links the referral repeated, tells the coordinators, and leaves the audit to the caller', async () => {
    const victimKey = personKey({ givenNames: 'Rae', familyName: uniqueName('Refer'), dateOfBirth: '1995-03-03' });
    const perpetratorKey = personKey({ givenNames: 'Jo', familyName: uniqueName('Refer'), dateOfBirth: '1993-04-04' });
    const yesterday = addDays(today(), -1);
    const first = await referOn(addDays(today(), -200), { victimKey, perpetratorKey, criteria: ['visible_high_risk'], dashScore: 15 });
    expect(first.repeatOf).toBeNull();
    const second = await referOn(yesterday, { victimKey, perpetratorKey, criteria: ['professional_judgement'] });
    expect(second.repeatOf).toBe(first.id);
    const stored = await one<{ criteria: string[]; previous_referral_id: string; status: string }>(db, sql`select criteria, previous_referral_id, status from marac_referral where id = ${second.id}`);
    expect(stored).toEqual({ criteria: ['professional_judgement', 'repeat'], previous_referral_id: first.id, status: 'referred' });
    const coordinator = await t.userId('marac');
    const told = await rows<{ title: string }>(db, sql`select title from notification where user_id = ${coordinator} and link = ${`/marac/referrals/${second.id}`}`);
    expect(told).toEqual([{ title: 'New repeat MARAC referral' }]);
    const audited = await one<{ n: number }>(db, sql`select count(*)::int as n from audit_event where record_id = ${second.id}`);
    expect(audited!.n).toBe(0);
    // 'repeat' given and found is not doubled
    const third = await referOn(today(), { victimKey, perpetratorKey, criteria: ['repeat', 'escalation'] });
    expect((await one<{ criteria: string[] }>(db, sql`select criteria from marac_referral where id = ${third.id}`))!.criteria).toEqual(['escalation', 'repeat']);
  });
});

describe('referring from the page', () => {
  it('says what is wrong, specifically, and saves nothing', async () => {
    const police = as.police!;
    await police.get('/marac/referrals/new');
    const victim = uniqueName('Invalid');
    const empty = await police.post('/marac/referrals', { reason: '' });
    expect(empty.statusCode).toBe(400);
    for (const m of ['Enter the victim’s first names', 'Enter the victim’s last name', 'Enter the victim’s date of birth', 'Select at least one MARAC criterion the case meets', 'Enter why you are referring the victim to MARAC']) expect(empty.body).toContain(m);
    expect(empty.body).toContain('govuk-error-summary');
    expect(empty.body).toContain('href="#victimGivenNames"');
    expect(empty.body).toContain('href="#criteria"');

    const low = await police.post('/marac/referrals', { victimGivenNames: 'Sam', victimFamilyName: victim, ...parts('victimDob', '1990-01-01'), criteria: 'visible_high_risk', dashScore: '9', reason: 'Worried' });
    expect(low.statusCode).toBe(400);
    expect(low.body).toContain('Visible high risk needs a DASH score of 14 or more (this score is 9)');
    const none = await police.post('/marac/referrals', { victimGivenNames: 'Sam', victimFamilyName: victim, ...parts('victimDob', '1990-01-01'), criteria: 'visible_high_risk', reason: 'Worried' });
    expect(none.body).toContain('Enter the DASH score: visible high risk needs a DASH score of 14 or more');
    const big = await police.post('/marac/referrals', { victimGivenNames: 'Sam', victimFamilyName: victim, ...parts('victimDob', '1990-01-01'), criteria: 'professional_judgement', dashScore: '30', reason: 'Worried' });
    expect(big.body).toContain('The DASH score must be a whole number from 0 to 27');
    const half = await police.post('/marac/referrals', { victimGivenNames: 'Sam', victimFamilyName: victim, ...parts('victimDob', '1990-01-01'), perpetratorGivenNames: 'Lee', criteria: 'professional_judgement', reason: 'Worried' });
    expect(half.body).toContain('Enter the perpetrator’s last name, or leave both names empty if they are not known');
    const future = await police.post('/marac/referrals', { victimGivenNames: 'Sam', victimFamilyName: victim, ...parts('victimDob', addDays(today(), 2)), criteria: 'professional_judgement', reason: 'Worried' });
    expect(future.body).toContain('The victim’s date of birth must be today or in the past');
    const odd = await police.post('/marac/referrals', { victimGivenNames: 'Sam', victimFamilyName: victim, ...parts('victimDob', '1990-01-01'), criteria: 'whatever', reason: 'Worried' });
    expect(odd.body).toContain('Select criteria from the list');
    // what was typed is kept
    expect(low.body).toContain(`value="${victim}"`);
    expect((await one<{ n: number }>(db, sql`select count(*)::int as n from marac_referral where victim_name like ${'%' + victim}`))!.n).toBe(0);
  });

  it('refers, shows a repeat on the confirmation, and the referrer sees only their own agency’s referrals', async () => {
    const victim = uniqueName('Referred');
    const perpetrator = uniqueName('Harmer');
    const first = await referByForm(as.police!, { victim, perpetrator });
    const confirmation = await as.police!.get(`/marac/referrals/${first}/confirmation`);
    expect(confirmation.statusCode).toBe(200);
    expect(confirmation.body).toContain('Referral sent to MARAC');
    expect(confirmation.body).not.toContain('This is a repeat referral');
    const stored = await one<{ victim_key: string; perpetrator_key: string; criteria: string[]; dash_score: number; referring_agency_id: string }>(
      db,
      sql`select victim_key, perpetrator_key, criteria, dash_score, referring_agency_id from marac_referral where id = ${first}`,
    );
    expect(stored).toEqual({
      victim_key: personKey({ givenNames: 'Robin', familyName: victim, dateOfBirth: '1990-04-02' }),
      perpetrator_key: personKey({ givenNames: 'Kit', familyName: perpetrator, dateOfBirth: '1988-09-30' }),
      criteria: ['visible_high_risk'],
      dash_score: 16,
      referring_agency_id: agencies.police,
    });
    const audit = await one<{ action: string; details: { repeatOf: string | null } }>(db, sql`select action, details from audit_event where record_id = ${first} and action = 'marac.referral_created'`);
    expect(audit?.details.repeatOf).toBeNull();

    // a second referral for the same pair (another agency, another spelling of the case) is a repeat
    const second = await referByForm(as.health!, { victim, perpetrator }, { criteria: 'professional_judgement', dashScore: '' });
    const again = await as.health!.get(`/marac/referrals/${second}/confirmation`);
    expect(again.body).toContain('This is a repeat referral');
    expect((await one<{ previous_referral_id: string; criteria: string[] }>(db, sql`select previous_referral_id, criteria from marac_referral where id = ${second}`))).toEqual({ previous_referral_id: first, criteria: ['professional_judgement', 'repeat'] });

    const policeList = await as.police!.get('/marac/referrals');
    expect(policeList.body).toContain(`/marac/referrals/${first}`);
    expect(policeList.body).not.toContain(`/marac/referrals/${second}`);
    expect((await as.health!.get(`/marac/referrals/${first}`)).statusCode).toBe(404);
    expect((await as.police!.get(`/marac/referrals/${first}`)).statusCode).toBe(200);
    // the coordinator sees both, the repeat flagged
    const all = await as.marac!.get('/marac/referrals?status=referred');
    expect(all.body).toContain(`/marac/referrals/${first}`);
    expect(all.body).toContain(`/marac/referrals/${second}`);
    expect(all.body).toContain('Repeat');
  });

  it('starts from a domestic abuse case: names, dates of birth, DASH score and register links come from the case', async () => {
    const csc = agencies.screener!;
    // a contact the school DSL's agency neither sent nor was shared (so the DSL may not read it)
    const contact = await one<{ id: string }>(db, sql`select c.id from contact c where c.owning_agency_id = ${csc} and c.status <> 'draft' and not c.restricted
                                                          and c.source_agency_id is distinct from ${agencies.dsl!}
                                                          and not exists (select 1 from contact_share s where s.contact_id = c.id and s.agency_id = ${agencies.dsl!})
                                                          and not exists (select 1 from da_case d where d.contact_id = c.id) order by c.id limit 1`);
    const family = uniqueName('Casefile');
    const person = await one<{ id: string }>(db, sql`select id from person where merged_into_person_id is null order by id desc limit 1`);
    const daCase = (await one<{ id: string }>(db, sql`insert into da_case (tenant_id, contact_id, incident_type, received_at) values (${tenantId}, ${contact!.id}, 'physical', now()) returning id`))!.id;
    await db.execute(sql`insert into da_person (tenant_id, da_case_id, role, given_names, family_name, date_of_birth, person_id, position) values
      (${tenantId}, ${daCase}, 'victim', 'Morgan', ${family}, '1992-12-01', ${person!.id}, 0),
      (${tenantId}, ${daCase}, 'alleged_perpetrator', 'Drew', ${family}, '1990-11-11', null, 1)`);
    await db.execute(sql`insert into dash_assessment (tenant_id, da_case_id, version, answers, score, scored_grading, grading, source, completed_at)
      values (${tenantId}, ${daCase}, 'safelives-partner-2024', '{}'::jsonb, 17, 'high', 'high', 'form', now())`);
    const page = await as.screener!.get(`/marac/referrals/new?case=${daCase}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`value="${family}"`);
    expect(page.body).toMatch(/name="dashScore"[^>]*value="17"/);
    expect(page.body).toContain(`name="daCaseId" value="${daCase}"`);
    expect((await as.screener!.get('/marac/referrals/new?case=00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await as.screener!.get('/marac/referrals/new?case=nonsense')).statusCode).toBe(404);
    // an agency the contact was not shared with cannot read the case through the referral form
    expect((await as.dsl!.get(`/marac/referrals/new?case=${daCase}`)).statusCode).toBe(404);

    const res = await as.screener!.post('/marac/referrals', {
      daCaseId: daCase, victimGivenNames: 'Morgan', victimFamilyName: family, ...parts('victimDob', '1992-12-01'),
      perpetratorGivenNames: 'Drew', perpetratorFamilyName: family, ...parts('perpetratorDob', '1990-11-11'),
      criteria: 'visible_high_risk', dashScore: '17', reason: 'DASH 17 at the incident',
    });
    expect(res.statusCode).toBe(303);
    const id = location(res).split('/')[3]!;
    expect(await one(db, sql`select da_case_id, victim_person_id, perpetrator_person_id, victim_name from marac_referral where id = ${id}`)).toEqual({ da_case_id: daCase, victim_person_id: person!.id, perpetrator_person_id: null, victim_name: `Morgan ${family}` });
  });
});

/** A held meeting: police and health present, the IDVA service invited but absent; research and minutes recorded. */
async function heldMeeting(referrer: TestClient) {
  const victim = uniqueName('Agenda');
  const perpetrator = uniqueName('Agenda');
  const referralId = await referByForm(referrer, { victim, perpetrator });
  const meetingId = await scheduleMeeting(['police', 'idva', 'health']);
  expect((await as.marac!.post(`/marac/meetings/${meetingId}/agenda`, { referralIds: referralId })).statusCode).toBe(303);
  const healthResearch = `Health knows her: emergency department twice this year ${uniqueName('note')}`;
  expect((await as.health!.post(`/marac/meetings/${meetingId}/referrals/${referralId}/research`, { known: 'yes', information: healthResearch })).statusCode).toBe(303);
  expect((await as.idva!.post(`/marac/meetings/${meetingId}/referrals/${referralId}/research`, { known: 'no', information: 'Checked our case system: not known' })).statusCode).toBe(303);
  expect((await as.marac!.post(`/marac/meetings/${meetingId}/attendance`, { presentAgencyIds: [agencies.police!, agencies.health!] })).statusCode).toBe(303);
  const minutesText = `Agreed a safety plan; police flag the address ${uniqueName('minute')}`;
  expect((await as.marac!.post(`/marac/meetings/${meetingId}/referrals/${referralId}/minutes`, { minutes: minutesText })).statusCode).toBe(303);
  const actionText = `Police to place a marker on the address ${uniqueName('action')}`;
  expect((await as.marac!.post(`/marac/referrals/${referralId}/actions`, { ownerAgencyId: agencies.police!, ownerUserId: '', ...parts('dueOn', addDays(today(), 7)), description: actionText })).statusCode).toBe(303);
  return { victim, perpetrator, referralId, meetingId, healthResearch, minutesText, actionText };
}

describe('a MARAC meeting from agenda to actions done', () => {
  it('schedules, lists, collects research from invited agencies, records attendance, minutes and actions, and tracks them to done', async () => {
    const coordinator = as.marac!;
    const victim = uniqueName('Journey');
    const referralId = await referByForm(as.police!, { victim, perpetrator: uniqueName('Journey') });

    // scheduling: specific messages, then a meeting with its invitations
    await coordinator.get('/marac/meetings/new');
    const bad = await coordinator.post('/marac/meetings', { location: '' });
    expect(bad.statusCode).toBe(400);
    for (const m of ['Enter the date and time of the meeting', 'Enter where the meeting will be held', 'Select the agencies to invite']) expect(bad.body).toContain(m);
    const past = await coordinator.post('/marac/meetings', { ...parts('meetingAt', addDays(today(), -3)), 'meetingAt-hour': '10', 'meetingAt-minute': '00', location: 'Room 1', agencyIds: agencies.police! });
    expect(past.body).toContain('The meeting date must be today or in the future');
    const meetingId = await scheduleMeeting(['police', 'idva', 'health']);
    expect((await rows(db, sql`select agency_id from marac_meeting_agency where meeting_id = ${meetingId} and present is null`)).length).toBe(3);
    const healthUser = await t.userId('health');
    expect(await one(db, sql`select title from notification where user_id = ${healthUser} and link = ${`/marac/meetings/${meetingId}`}`)).toEqual({ title: 'Your agency is invited to a MARAC' });

    // the agenda
    expect((await coordinator.post(`/marac/meetings/${meetingId}/agenda`, {})).body).toContain('Select at least one referral to put on the agenda');
    const meetingPage = await coordinator.get(`/marac/meetings/${meetingId}/agenda`);
    expect(meetingPage.body).toContain(`value="${referralId}"`);
    expect((await coordinator.post(`/marac/meetings/${meetingId}/agenda`, { referralIds: referralId })).statusCode).toBe(303);
    expect((await one<{ status: string; meeting_id: string }>(db, sql`select status, meeting_id from marac_referral where id = ${referralId}`))).toEqual({ status: 'listed', meeting_id: meetingId });
    const twice = await coordinator.post(`/marac/meetings/${meetingId}/agenda`, { referralIds: referralId });
    expect(twice.statusCode).toBe(409);
    expect(twice.body).toContain('no longer waiting for a meeting');

    // research by the invited agencies, before the meeting
    const policePage = await as.police!.get(`/marac/meetings/${meetingId}/agenda`);
    expect(policePage.statusCode).toBe(200);
    expect(policePage.body).toContain('Complete your research');
    expect(policePage.body).toContain('Research: 0 of 3 agencies returned');
    // the summary says what the police still owe, and the agenda lists just that (the home page's count links here)
    expect((await as.police!.get(`/marac/meetings/${meetingId}`)).body).toContain('1 case still to research');
    expect((await as.police!.get(`/marac/meetings/${meetingId}/agenda?research=ours`)).body).toContain('data-list-total="1"');
    expect((await as.police!.get(`/marac/meetings/${meetingId}/agenda?research=nonsense`)).statusCode).toBe(200);
    const form = await as.health!.get(`/marac/meetings/${meetingId}/referrals/${referralId}/research`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Does your agency know the victim, the perpetrator or the family?');
    const missing = await as.health!.post(`/marac/meetings/${meetingId}/referrals/${referralId}/research`, {});
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('Select whether your agency knows the victim, the perpetrator or the family');
    expect(missing.body).toContain('Enter what your agency holds, or what you checked if it holds nothing');
    expect((await as.health!.post(`/marac/meetings/${meetingId}/referrals/${referralId}/research`, { known: 'yes', information: 'Seen at A&E in March with injuries' })).statusCode).toBe(303);
    // changed before the meeting: one entry per agency, the latest kept
    expect((await as.health!.post(`/marac/meetings/${meetingId}/referrals/${referralId}/research`, { known: 'yes', information: 'Seen at A&E in March and May with injuries' })).statusCode).toBe(303);
    expect((await as.police!.post(`/marac/meetings/${meetingId}/referrals/${referralId}/research`, { known: 'yes', information: 'Three call-outs this year' })).statusCode).toBe(303);
    expect(await rows(db, sql`select information from marac_research where referral_id = ${referralId} and agency_id = ${agencies.health}`)).toEqual([{ information: 'Seen at A&E in March and May with injuries' }]);
    expect((await as.dsl!.post(`/marac/meetings/${meetingId}/referrals/${referralId}/research`, { known: 'no', information: 'x' })).statusCode).toBe(404);
    const progress = await coordinator.get(`/marac/meetings/${meetingId}/agenda`);
    expect(progress.body).toContain('Research: 2 of 3 agencies returned');
    // each agenda row is one line; who is still to research is on the research page, in the case's section
    expect(progress.body).not.toContain('Fernmoor Domestic Abuse Service');
    expect(progress.body).toContain(`/marac/meetings/${meetingId}/research?case=${referralId}`);
    expect((await coordinator.get(`/marac/meetings/${meetingId}/research?case=${referralId}`)).body).toContain('Still to research: Fernmoor Domestic Abuse Service');
    expect((await coordinator.get(`/marac/meetings/${meetingId}/research`)).body).toContain('Fernmoor Domestic Abuse Service');
    expect((await coordinator.get(`/marac/meetings/${meetingId}`)).body).toContain('2 of 3 returned');
    expect((await coordinator.get(`/marac/meetings/${meetingId}/attendance`)).body).toContain('Record attendance');

    // minutes and actions wait for the meeting to be held
    expect((await coordinator.post(`/marac/meetings/${meetingId}/referrals/${referralId}/minutes`, { minutes: 'Too early' })).body).toContain('Record who was present at the meeting before writing its minutes');
    expect((await coordinator.post(`/marac/referrals/${referralId}/actions`, { ownerAgencyId: agencies.health!, ...parts('dueOn', addDays(today(), 5)), description: 'Too early' })).body).toContain('Actions are agreed at a meeting');

    // attendance: the meeting is held, research closes
    expect((await coordinator.post(`/marac/meetings/${meetingId}/attendance`, {})).body).toContain('Select the agencies that were present');
    expect((await coordinator.post(`/marac/meetings/${meetingId}/attendance`, { presentAgencyIds: agencies.dsl! })).body).toContain('Select agencies from those invited to the meeting');
    expect((await coordinator.post(`/marac/meetings/${meetingId}/attendance`, { presentAgencyIds: [agencies.police!, agencies.health!] })).statusCode).toBe(303);
    expect(await rows(db, sql`select a.name, ma.present from marac_meeting_agency ma join agency a on a.id = ma.agency_id where meeting_id = ${meetingId} order by a.name`)).toEqual([
      { name: 'Fernmoor Constabulary', present: true },
      { name: 'Fernmoor Domestic Abuse Service', present: false },
      { name: 'Fernmoor NHS Foundation Trust', present: true },
    ]);
    expect((await one<{ status: string }>(db, sql`select status from marac_meeting where id = ${meetingId}`))!.status).toBe('held');
    const late = await as.idva!.post(`/marac/meetings/${meetingId}/referrals/${referralId}/research`, { known: 'no', information: 'Late' });
    expect(late.statusCode).toBe(409);
    expect(late.body).toContain('Research closes when the meeting is held');

    // minutes
    expect((await coordinator.post(`/marac/meetings/${meetingId}/referrals/${referralId}/minutes`, { minutes: '' })).body).toContain('Enter the minutes for this case');
    expect((await coordinator.post(`/marac/meetings/${meetingId}/referrals/${referralId}/minutes`, { minutes: 'Safety plan agreed.' })).statusCode).toBe(303);
    expect((await coordinator.post(`/marac/meetings/${meetingId}/referrals/${referralId}/minutes`, { minutes: 'Safety plan agreed; housing to be asked about a move.' })).statusCode).toBe(303);
    expect(await rows(db, sql`select text from marac_minutes where meeting_id = ${meetingId} and referral_id = ${referralId}`)).toEqual([{ text: 'Safety plan agreed; housing to be asked about a move.' }]);

    // actions: checks, then two actions
    const policeUser = await t.userId('police');
    const wrongOwner = await coordinator.post(`/marac/referrals/${referralId}/actions`, { ownerAgencyId: agencies.health!, ownerUserId: policeUser, ...parts('dueOn', addDays(today(), 5)), description: 'Health to share the discharge plan' });
    expect(wrongOwner.statusCode).toBe(409);
    expect(wrongOwner.body).toContain('Pat Constable works for Fernmoor Constabulary: choose someone from the owner agency, or nobody');
    const pastDue = await coordinator.post(`/marac/referrals/${referralId}/actions`, { ownerAgencyId: agencies.health!, ...parts('dueOn', addDays(today(), -1)), description: 'Health to share the discharge plan' });
    expect(pastDue.statusCode).toBe(400);
    expect(pastDue.body).toContain('The due date must be today or in the future');
    const noAgency = await coordinator.post(`/marac/referrals/${referralId}/actions`, { ownerAgencyId: '', ...parts('dueOn', addDays(today(), 5)), description: '' });
    expect(noAgency.body).toContain('Select the agency that owns the action');
    expect(noAgency.body).toContain('Enter what must be done');
    const healthAction = `Health to share the discharge plan ${uniqueName('a')}`;
    const policeAction = `Police to flag the address ${uniqueName('a')}`;
    expect((await coordinator.post(`/marac/referrals/${referralId}/actions`, { ownerAgencyId: agencies.health!, ownerUserId: healthUser, ...parts('dueOn', addDays(today(), 5)), description: healthAction })).statusCode).toBe(303);
    expect((await coordinator.post(`/marac/referrals/${referralId}/actions`, { ownerAgencyId: agencies.police!, ...parts('dueOn', today()), description: policeAction })).statusCode).toBe(303);
    const actionIds = await rows<{ id: string; owner_agency_id: string }>(db, sql`select id, owner_agency_id from da_action where marac_referral_id = ${referralId} and forum = 'marac' order by created_at`);
    expect(actionIds.length).toBe(2);
    const [healthActionId, policeActionId] = actionIds.map((a) => a.id);
    expect(await one(db, sql`select title from notification where user_id = ${healthUser} and link = ${`/marac/actions/${healthActionId}`}`)).toEqual({ title: 'A MARAC action for your agency' });

    // an overdue action is highlighted
    await db.execute(sql`update da_action set due_on = ${addDays(today(), -2)}::date where id = ${policeActionId}`);
    const policeActions = await as.police!.get(`/marac/actions?referral=${referralId}`);
    expect(policeActions.body).toContain(policeAction);
    expect(policeActions.body).not.toContain(healthAction);
    expect(policeActions.body).toMatch(/govuk-tag--red[^>]*>\s*Overdue/);
    // due=overdue lists just the overdue ones, with their total (the home page's count links here)
    const overdueOnly = await as.police!.get(`/marac/actions?due=overdue&referral=${referralId}`);
    expect(overdueOnly.body).toContain(policeAction);
    expect(overdueOnly.body).toContain('data-list-total="1"');
    expect((await coordinator.get(`/marac/actions?due=overdue&referral=${referralId}`)).body).not.toContain(healthAction);
    expect((await coordinator.get(`/marac/actions?due=%3Cscript%3E`)).statusCode).toBe(200);

    // owners complete their actions with a note; others cannot
    expect((await as.police!.get(`/marac/actions/${healthActionId}`)).statusCode).toBe(404);
    expect((await as.police!.post(`/marac/actions/${healthActionId}/complete`, { note: 'Not ours' })).statusCode).toBe(404);
    const blank = await as.health!.post(`/marac/actions/${healthActionId}/complete`, { note: '' });
    expect(blank.statusCode).toBe(400);
    expect(blank.body).toContain('Enter what was done to complete the action');
    expect((await as.health!.post(`/marac/actions/${healthActionId}/complete`, { note: 'Discharge plan shared with the IDVA' })).statusCode).toBe(303);
    expect((await as.health!.post(`/marac/actions/${healthActionId}/complete`, { note: 'Again' })).statusCode).toBe(409);
    expect(await one(db, sql`select done_note, done_by_user_id from da_action where id = ${healthActionId}`)).toEqual({ done_note: 'Discharge plan shared with the IDVA', done_by_user_id: healthUser });
    // the coordinator tracks every action to completion
    const open = await coordinator.get(`/marac/actions?referral=${referralId}`);
    expect(open.body).toContain(policeAction);
    expect(open.body).not.toContain(healthAction);
    const done = await coordinator.get(`/marac/actions?show=done&referral=${referralId}`);
    expect(done.body).toContain(healthAction);
    expect(done.body).toContain('Done');
    const tracked = await coordinator.get(`/marac/referrals/${referralId}`);
    expect(tracked.body).toMatch(/govuk-tag--green[^>]*>\s*Done/);
    expect(tracked.body).toMatch(/govuk-tag--red[^>]*>\s*Overdue/);

    // heard, then closed
    const tooSoon = await coordinator.post(`/marac/referrals/${referralId}/status`, { status: 'closed' });
    expect(tooSoon.statusCode).toBe(409);
    expect(tooSoon.body).toContain('Mark the case heard before closing it');
    expect((await coordinator.post(`/marac/referrals/${referralId}/status`, {})).body).toContain('Select whether the case was heard or is closed');
    expect((await coordinator.post(`/marac/referrals/${referralId}/status`, { status: 'heard' })).statusCode).toBe(303);
    expect((await coordinator.post(`/marac/referrals/${referralId}/status`, { status: 'closed' })).statusCode).toBe(303);
    expect((await one<{ status: string }>(db, sql`select status from marac_referral where id = ${referralId}`))!.status).toBe('closed');

    // every change was audited
    const actions = (await rows<{ action: string }>(db, sql`select distinct action from audit_event where record_id in (${referralId}, ${meetingId}, ${healthActionId!}) order by action`)).map((a) => a.action);
    for (const a of ['marac.referral_created', 'marac.meeting_scheduled', 'marac.agenda_updated', 'marac.research_recorded', 'marac.attendance_recorded', 'marac.minutes_recorded', 'marac.minutes_changed', 'marac.action_created', 'marac.action_completed', 'marac.referral_status_changed', 'marac.meeting_viewed']) {
      expect(actions).toContain(a);
    }
  });
});

describe('who may see a meeting’s research and minutes', () => {
  let m: Awaited<ReturnType<typeof heldMeeting>>;
  let otherArea: TestClient;

  beforeAll(async () => {
    // The DSL refers, but their school is not invited: they see their referral, never the meeting's research or minutes.
    m = await heldMeeting(as.dsl!);
    const code = uniqueName('area');
    await db.execute(sql`with t as (insert into tenant (code, name, synthetic) values (${code}, 'Elsewhere', true) returning id),
                              a as (insert into agency (tenant_id, name, type) select id, 'Elsewhere Community Safety', 'community_safety' from t returning id, tenant_id),
                              u as (insert into app_user (tenant_id, agency_id, email, display_name) select tenant_id, id, ${`${code}@demo.threshold.test`}, 'Elsewhere Coordinator' from a returning id, tenant_id)
                         insert into role_assignment (tenant_id, user_id, role) select tenant_id, id, 'marac_coordinator' from u`);
    otherArea = await t.as(code);
  });

  const pages = () => ({
    meeting: `/marac/meetings/${m.meetingId}`,
    research: `/marac/meetings/${m.meetingId}/research?case=${m.referralId}`,
    researchAll: `/marac/meetings/${m.meetingId}/research`,
    agenda: `/marac/meetings/${m.meetingId}/agenda`,
    attendance: `/marac/meetings/${m.meetingId}/attendance`,
    minutes: `/marac/meetings/${m.meetingId}/minutes`,
    researchForm: `/marac/meetings/${m.meetingId}/referrals/${m.referralId}/research`,
  });

  it('shows the coordinator and the agencies present both research and minutes', async () => {
    for (const who of ['marac', 'police', 'health']) {
      const research = await as[who]!.get(pages().research);
      expect({ who, status: research.statusCode }).toEqual({ who, status: 200 });
      expect(research.body).toContain(m.healthResearch);
      const minutes = await as[who]!.get(pages().minutes);
      expect({ who, status: minutes.statusCode }).toEqual({ who, status: 200 });
      expect(minutes.body).toContain(m.minutesText);
      expect(minutes.body).toContain(m.actionText);
      const referral = await as[who]!.get(`/marac/referrals/${m.referralId}`);
      expect(referral.body).toContain(m.minutesText);
    }
    const viewed = await rows<{ action: string }>(db, sql`select action from audit_event where record_id = ${m.meetingId} and action in ('marac.research_viewed', 'marac.minutes_viewed')`);
    expect(viewed.length).toBeGreaterThanOrEqual(6);
  });

  it('shows an agency invited but absent the research, not the minutes', async () => {
    const idva = as.idva!;
    expect((await idva.get(pages().meeting)).statusCode).toBe(200);
    const research = await idva.get(pages().research);
    expect(research.statusCode).toBe(200);
    expect(research.body).toContain(m.healthResearch);
    const minutes = await idva.get(pages().minutes);
    expect(minutes.statusCode).toBe(404);
    expect(minutes.body).not.toContain(m.minutesText);
    const referral = await idva.get(`/marac/referrals/${m.referralId}`);
    expect(referral.statusCode).toBe(200);
    expect(referral.body).not.toContain(m.minutesText);
    expect(referral.body).not.toContain(m.actionText);
    expect((await idva.get(pages().meeting)).body).not.toContain(`${pages().minutes}"`);
  });

  it('gives every other agency, role and area a 404, and nothing of the meeting in their lists', async () => {
    const outsiders: [string, TestClient][] = [['screener', as.screener!], ['dsl (the referrer)', as.dsl!], ['cme', as.cme!], ['lado', as.lado!], ['another area’s coordinator', otherArea]];
    for (const [who, client] of outsiders) {
      for (const [page, url] of Object.entries(pages())) {
        const res = await client.get(url);
        expect({ who, page, status: res.statusCode }).toEqual({ who, page, status: 404 });
        expect(res.body).not.toContain(m.healthResearch);
        expect(res.body).not.toContain(m.minutesText);
      }
      for (const list of ['/marac', '/marac/meetings', '/marac/actions', '/marac/actions?show=done', '/marac/referrals']) {
        const res = await client.get(list);
        expect({ who, list, status: res.statusCode }).toEqual({ who, list, status: 200 });
        expect(res.body).not.toContain(m.meetingId);
        expect(res.body).not.toContain(m.minutesText);
        expect(res.body).not.toContain(m.healthResearch);
        expect(res.body).not.toContain(m.actionText);
      }
      expect((await client.get(`/marac/actions/${(await one<{ id: string }>(db, sql`select id from da_action where marac_referral_id = ${m.referralId}`))!.id}`)).statusCode).toBe(404);
    }
    // the referrer sees their own referral, without research or minutes; the rest of the outsiders not at all
    const own = await as.dsl!.get(`/marac/referrals/${m.referralId}`);
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain(m.victim);
    expect(own.body).not.toContain(m.healthResearch);
    expect(own.body).not.toContain(m.minutesText);
    expect(own.body).not.toContain(`href="/marac/meetings/${m.meetingId}"`);
    expect((await as.dsl!.get('/marac/referrals')).body).toContain(m.victim);
    for (const client of [as.screener!, as.cme!, as.lado!, otherArea]) {
      expect((await client.get(`/marac/referrals/${m.referralId}`)).statusCode).toBe(404);
      expect((await client.get('/marac/referrals')).body).not.toContain(m.victim);
    }
    expect((await otherArea.post(`/marac/meetings/${m.meetingId}/attendance`, { presentAgencyIds: agencies.police! })).statusCode).toBe(404);
    expect((await otherArea.get(`/marac/referrals/${m.referralId}/history/victim`)).statusCode).toBe(404);
    // refusals are audited
    const denied = await rows(db, sql`select 1 from audit_event where action = 'access.denied' and record_id = ${m.meetingId}`);
    expect(denied.length).toBeGreaterThanOrEqual(9);
  });

  it('keeps the coordinator’s pages to the coordinator’s role', async () => {
    for (const url of [`/marac/meetings/new`, `/marac/referrals/${m.referralId}/history/victim`, `/marac/meetings/${m.meetingId}/referrals/${m.referralId}/minutes`, `/marac/referrals/${m.referralId}/actions/new`]) {
      expect({ url, status: (await as.police!.get(url)).statusCode }).toEqual({ url, status: 403 });
    }
    expect((await as.police!.post(`/marac/meetings/${m.meetingId}/attendance`, { presentAgencyIds: agencies.police! })).statusCode).toBe(403);
  });
});

describe('histories and serial perpetrators', () => {
  it('shows a victim’s and a perpetrator’s referrals across meetings, and flags a perpetrator referred with two victims', async () => {
    const perpetrator = uniqueName('Serial');
    const first = uniqueName('Victim');
    const second = uniqueName('Victim');
    const a = await referByForm(as.police!, { victim: first, perpetrator });
    const b = await referByForm(as.health!, { victim: second, perpetrator });
    const lone = await referByForm(as.police!, { victim: uniqueName('Victim'), perpetrator: uniqueName('Single') });
    const list = await as.marac!.get('/marac/referrals?status=referred');
    const rowOf = (id: string) => list.body.split('<tr').find((r) => r.includes(`/marac/referrals/${id}"`)) ?? '';
    expect(rowOf(a)).toContain('Serial perpetrator');
    expect(rowOf(b)).toContain('Serial perpetrator');
    expect(rowOf(lone)).not.toContain('Serial perpetrator');
    // partner agencies are not shown the flag
    expect((await as.police!.get('/marac/referrals')).body).not.toContain('Serial perpetrator');

    const history = await as.marac!.get(`/marac/referrals/${a}/history/perpetrator`);
    expect(history.statusCode).toBe(200);
    expect(history.body).toContain('Serial perpetrator: referred to MARAC with more than one victim');
    expect(history.body).toContain(first);
    expect(history.body).toContain(second);
    const victimHistory = await as.marac!.get(`/marac/referrals/${a}/history/victim`);
    expect(victimHistory.body).toContain(first);
    expect(victimHistory.body).not.toContain(second);
    expect(await one(db, sql`select count(*)::int as n from audit_event where action = 'marac.history_viewed' and record_id = ${a}`)).toEqual({ n: 2 });
  });

  it('follows a victim linked to the register under another spelling, by person id', async () => {
    const person = await one<{ id: string }>(db, sql`select id from person where merged_into_person_id is null order by id limit 1 offset 5`);
    const one1 = await referOn(addDays(today(), -400), { victimPersonId: person!.id, victimName: 'Jo Spelling', victimKey: personKey({ givenNames: 'Jo', familyName: uniqueName('Spelling'), dateOfBirth: '1980-01-01' }) });
    const two = await referOn(addDays(today(), -10), { victimPersonId: person!.id, victimName: 'Joanne Spellin', victimKey: personKey({ givenNames: 'Joanne', familyName: uniqueName('Spellin'), dateOfBirth: '1980-01-01' }) });
    const page = await as.marac!.get(`/marac/referrals/${two.id}/history/victim`);
    expect(page.body).toContain(`/marac/referrals/${one1.id}"`);
    expect(page.body).toContain(`/marac/referrals/${two.id}"`);
  });
});
