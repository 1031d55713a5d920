/**
 * Children missing education through app.inject against a real database: a school refers a pupil from its own page
 * (a new child), sees it among its own referrals and nobody else's; another school is refused it (404); the CME
 * officer records enquiries and closes it, an outcome code required and "found in a school in another authority"
 * needing where; the same child referred again shows as recurrent with their history; closed as home educated,
 * the child joins the register and is checked; the front door's decision "pass to children missing education" makes
 * a referral; bad input is refused with the error summary and nothing written.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, one, rows } from '../../db/client.js';
import { londonDate } from '../../domain/time.js';
import { type TestApp, type TestClient, createTestApp } from '../../../test/support/app.js';

let t: TestApp;
let db: Database;
let dsl: TestClient;
let dsl2: TestClient;
let officer: TestClient;
let locality: TestClient;
let referralId: string;
let personId: string;

const DATE = (prefix: string, d: string) => {
  const [year, month, day] = d.split('-');
  return { [`${prefix}-day`]: day!, [`${prefix}-month`]: month!, [`${prefix}-year`]: year! };
};
const today = () => londonDate(new Date());

async function counts() {
  return one<{ r: number; e: number; h: number; c: number; p: number }>(
    db,
    sql`select (select count(*)::int from cme_referral) as r, (select count(*)::int from cme_enquiry) as e, (select count(*)::int from ehe_registration) as h,
               (select count(*)::int from ehe_check) as c, (select count(*)::int from person) as p`,
  );
}

const REFERRAL = {
  personId: 'new',
  givenNames: 'Lenka',
  familyName: 'Testova',
  ...DATE('dateOfBirth', '2017-02-11'),
  gender: 'female',
  reason: 'deleted_from_roll',
  fsm: 'yes',
  ethnicity: 'REFU',
  addressLine1: '4 Mill Lane',
  postcode: 'fm1 2ab',
  narrative: 'Taken off roll after the family said they were moving abroad; no school has asked for the records.',
};

beforeAll(async () => {
  t = await createTestApp();
  db = t.db.db;
  dsl = await t.as('dsl');
  dsl2 = await t.as('dsl2');
  officer = await t.as('cme');
  locality = await t.as('cme-locality');
});
afterAll(async () => t?.close());

describe('a school refers a pupil missing education', () => {
  it('refuses bad input with the error summary, and writes nothing', async () => {
    const before = await counts();
    const res = await dsl.post('/cme/our-referrals/new', { ...REFERRAL, personId: 'new', givenNames: '', reason: 'vanished', ethnicity: 'XXXX', narrative: '' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('There is a problem');
    expect(res.body).toContain('Select why the child is missing education');
    expect(res.body).toContain('Enter the child’s given names');
    const noChild = await dsl.post('/cme/our-referrals/new', { ...REFERRAL, personId: '' });
    expect(noChild.statusCode).toBe(400);
    expect(noChild.body).toContain('Find the child and select them, or add them as someone new');
    expect(await counts()).toEqual(before);
  });

  it('makes the referral from its own page: its school is the last school, the locality from the postcode, 20 school days for joint enquiries', async () => {
    const page = await dsl.get('/cme/our-referrals/new?givenNames=Lenka&familyName=Testova');
    expect(page.statusCode).toBe(200);
    const res = await dsl.post('/cme/our-referrals/new', REFERRAL);
    expect(res.statusCode).toBe(303);
    referralId = String(res.headers.location).split('/').pop()!.split('?')[0]!;
    const r = (await one<{ reference: string; source: string; last_school_urn: string; locality: string | null; year_group: string; phase: string; ethnicity: string; fsm_eligible: boolean; joint_enquiry_due_on: string; person_id: string; referring_agency_id: string; status: string }>(
      db,
      sql`select r.reference, r.source, r.last_school_urn, l.name as locality, r.year_group, r.phase, r.ethnicity, r.fsm_eligible, r.joint_enquiry_due_on::text, r.person_id, r.referring_agency_id, r.status
            from cme_referral r left join locality l on l.id = r.locality_id where r.id = ${referralId}`,
    ))!;
    personId = r.person_id;
    expect(r.reference).toMatch(/^CME-\d{4}-\d{6}$/);
    expect([r.source, r.last_school_urn, r.locality, r.ethnicity, r.fsm_eligible, r.status]).toEqual(['school', '990101', 'Central', 'REFU', true, 'open']);
    expect(r.phase).toBe('primary');
    expect(r.joint_enquiry_due_on > today()).toBe(true);
    const view = await dsl.get(`/cme/referrals/${referralId}?done=referred`);
    expect(view.statusCode).toBe(200);
    expect(view.body).toContain('Lenka Testova');
    expect(view.body).toContain('Refused (the parent chose not to say)');
    expect(view.body).not.toContain('Record an enquiry');
    expect((await one<{ n: number }>(db, sql`select count(*)::int as n from audit_event where action = 'cme.referral_made' and record_id = ${referralId}`))!.n).toBe(1);
  });

  it('sees only its own school’s referrals; another school gets 404', async () => {
    const ours = await dsl.get('/cme/our-referrals');
    expect(ours.statusCode).toBe(200);
    expect(ours.body).toContain('Lenka Testova');
    const theirs = await dsl2.get('/cme/our-referrals');
    expect(theirs.body).not.toContain('Lenka Testova');
    expect((await dsl2.get(`/cme/referrals/${referralId}`)).statusCode).toBe(404);
    const own = await one<{ id: string }>(db, sql`select r.id from cme_referral r join app_user u on u.agency_id = r.referring_agency_id where u.email = 'dsl2@demo.threshold.test' limit 1`);
    if (own) {
      expect((await dsl2.get(`/cme/referrals/${own.id}`)).statusCode).toBe(200);
      expect((await dsl.get(`/cme/referrals/${own.id}`)).statusCode).toBe(404);
    }
    // Working the referral is the CME service's.
    expect((await dsl.get(`/cme/referrals/${referralId}/enquiries`)).statusCode).toBe(403);
    expect((await dsl.post(`/cme/referrals/${referralId}/close`, { outcomeCode: 'left_uk', ...DATE('closedOn', today()) })).statusCode).toBe(403);
  });
});

describe('the CME service works the referral', () => {
  it('lists it on the worklist, filtered by locality, with the joint-enquiry deadline', async () => {
    const central = (await one<{ id: string }>(db, sql`select id from locality where code = 'central'`))!.id;
    const list = await locality.get(`/cme?locality=${central}`);
    expect(list.statusCode).toBe(200);
    expect(list.body).toMatch(/school days? left|Due today|Overdue by/);
    const north = (await one<{ id: string }>(db, sql`select id from locality where code = 'north'`))!.id;
    let found = false;
    for (let page = 1; page <= 20 && !found; page += 1) found = (await locality.get(`/cme?locality=${central}&page=${page}`)).body.includes('Lenka Testova');
    expect(found).toBe(true);
    expect((await locality.get(`/cme?locality=${north}`)).body).not.toContain('Lenka Testova');
  });

  it('records enquiries, refusing one dated before the referral', async () => {
    const before = await counts();
    const bad = await locality.post(`/cme/referrals/${referralId}/enquiries`, { kind: 'home_visit', ...DATE('madeOn', '2001-01-01'), result: 'No answer.' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('The date of the enquiry must be the same as or after the date of the referral');
    const junk = await locality.post(`/cme/referrals/${referralId}/enquiries`, { kind: 'seance', result: '' });
    expect(junk.statusCode).toBe(400);
    expect(await counts()).toEqual(before);
    expect((await locality.post(`/cme/referrals/${referralId}/enquiries`, { kind: 'home_visit', ...DATE('madeOn', today()), result: 'House empty; a neighbour said the family have gone to Kelby.' })).statusCode).toBe(303);
    expect((await officer.post(`/cme/referrals/${referralId}/enquiries`, { kind: 'other_authority', ...DATE('madeOn', today()), result: 'Kelby City Council: the family have applied for a school place.' })).statusCode).toBe(303);
    const page = await officer.get(`/cme/referrals/${referralId}`);
    expect(page.body).toContain('House empty');
    expect(page.body).toContain('Another local authority');
  });

  it('closes only with an outcome code, and “found in a school in another authority” only with where', async () => {
    const before = await counts();
    const none = await officer.post(`/cme/referrals/${referralId}/close`, { ...DATE('closedOn', today()) });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('Select the outcome code: a referral is closed only with one');
    const noWhere = await officer.post(`/cme/referrals/${referralId}/close`, { outcomeCode: 'found_school_other_la', foundAt: '  ', ...DATE('closedOn', today()) });
    expect(noWhere.statusCode).toBe(400);
    expect(noWhere.body).toContain('Enter the school and the local authority the child was found in');
    expect((await one<{ status: string }>(db, sql`select status from cme_referral where id = ${referralId}`))!.status).toBe('open');
    expect(await counts()).toEqual(before);
    const ok = await officer.post(`/cme/referrals/${referralId}/close`, { outcomeCode: 'found_school_other_la', foundAt: 'Castle Rise Academy, Kelby City Council', ...DATE('closedOn', today()) });
    expect(ok.statusCode).toBe(303);
    const r = (await one<{ status: string; outcome_code: string; found_at: string; closed_at: string | null }>(db, sql`select status, outcome_code, found_at, closed_at::text from cme_referral where id = ${referralId}`))!;
    expect([r.status, r.outcome_code, r.found_at]).toEqual(['closed', 'found_school_other_la', 'Castle Rise Academy, Kelby City Council']);
    expect(r.closed_at).not.toBeNull();
    // The school sees the outcome of its referral.
    const seen = await dsl.get(`/cme/referrals/${referralId}`);
    expect(seen.body).toContain('Found in a school in another local authority');
    // A closed referral cannot be closed again.
    expect((await officer.post(`/cme/referrals/${referralId}/close`, { outcomeCode: 'left_uk', ...DATE('closedOn', today()) })).statusCode).toBe(400);
  });

  it('shows the same child referred again as recurrent, with their history', async () => {
    expect((await dsl.get('/cme/our-referrals/new?givenNames=Lenka&familyName=Testova')).body).toContain('referred as missing education before');
    const res = await dsl.post('/cme/our-referrals/new', { ...REFERRAL, personId, givenNames: '', familyName: '', reason: 'unauthorised_absence', narrative: 'Back in Fernmoor and on roll for a week, then 10 school days absent without reason.' });
    expect(res.statusCode).toBe(303);
    const again = String(res.headers.location).split('/').pop()!.split('?')[0]!;
    expect(again).not.toBe(referralId);
    const page = await officer.get(`/cme/referrals/${again}`);
    expect(page.body).toContain('Missing education before');
    expect(page.body).toContain('counts as a recurrence');
    const history = await rows<{ id: string }>(db, sql`select id from cme_referral where person_id = ${personId}`);
    expect(history).toHaveLength(2);
    expect(page.body).toMatch(/Found in a school in another local authority: Castle Rise Academy/);
    // Closed as home educated: on the register, and checked.
    expect((await officer.post(`/cme/referrals/${again}/close`, { outcomeCode: 'home_educated', ...DATE('closedOn', today()) })).statusCode).toBe(303);
    const reg = (await one<{ id: string; cme_referral_id: string }>(db, sql`select id, cme_referral_id from ehe_registration where person_id = ${personId}`))!;
    expect(reg.cme_referral_id).toBe(again);
    const bad = await officer.post(`/cme/home-education/${reg.id}/checks`, { ...DATE('checkedOn', today()), method: 'home_visit', outcome: 'suitable', notes: 'Timetable and books seen.', ...DATE('nextDueOn', today()) });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('The next check must be after this one');
    const next = `${Number(today().slice(0, 4)) + 1}${today().slice(4)}`.replace(/-02-29$/, '-02-28');
    expect((await officer.post(`/cme/home-education/${reg.id}/checks`, { ...DATE('checkedOn', today()), method: 'home_visit', outcome: 'suitable', notes: 'Timetable and books seen.', ...DATE('nextDueOn', next) })).statusCode).toBe(303);
    const register = await officer.get('/cme/home-education?show=active');
    expect(register.statusCode).toBe(200);
    expect((await officer.get(`/cme/home-education/${reg.id}`)).body).toContain('Timetable and books seen.');
    expect((await dsl.get(`/cme/home-education/${reg.id}`)).statusCode).toBe(403);
  });
});

describe('the front door passes a child to children missing education', () => {
  it('makes a referral for each child when the decision is authorised', async () => {
    const open = (await one<{ id: string }>(db, sql`select c.id from contact c join agency a on a.id = c.owning_agency_id where c.status = 'open' and a.type = 'children_social_care' and not c.restricted
                                                   and exists (select 1 from contact_subject s where s.contact_id = c.id and s.role = 'subject_child')
                                                   and not exists (select 1 from contact_named_person n where n.contact_id = c.id and n.person_id is null) order by c.received_at desc limit 1`))!;
    const screener = await t.as('screener');
    const manager = await t.as('manager');
    expect((await screener.post(`/contacts/${open.id}/screening`, { thresholdLevel: '2', outcome: 'cme', rationale: 'Not on any school roll since the family moved here; needs the CME service to find a school place.' })).statusCode).toBe(303);
    expect((await manager.post(`/contacts/${open.id}/authorisation`, { decision: 'authorise' })).statusCode).toBe(303);
    const made = await rows<{ source: string; status: string }>(db, sql`select source, status from cme_referral where contact_id = ${open.id}`);
    expect(made.length).toBeGreaterThan(0);
    expect(made.every((r) => r.source === 'front_door' && r.status === 'open')).toBe(true);
  });
});

describe('localities', () => {
  it('are the demo’s own, and a prefix claimed twice is refused', async () => {
    const page = await officer.get('/cme/localities');
    expect(page.statusCode).toBe(200);
    for (const name of ['Central', 'North', 'South', 'East']) expect(page.body).toContain(name);
    const before = await one(db, sql`select md5(string_agg(x::text, ',' order by x.id)) as h from locality x`);
    const clash = await officer.post('/cme/localities', { code: 'west', name: 'West', prefixes: 'FM1' });
    expect(clash.statusCode).toBe(400);
    expect(clash.body).toContain('FM1 is already in Central');
    const junk = await officer.post('/cme/localities', { code: 'West Side', name: '', prefixes: 'not a postcode' });
    expect(junk.statusCode).toBe(400);
    expect(await one(db, sql`select md5(string_agg(x::text, ',' order by x.id)) as h from locality x`)).toEqual(before);
    expect((await officer.post('/cme/localities', { code: 'west', name: 'West', prefixes: 'FM10, fm11' })).statusCode).toBe(303);
    expect((await one<{ p: string[] }>(db, sql`select postcode_prefixes::text[] as p from locality where code = 'west'`))!.p).toEqual(['FM10', 'FM11']);
    expect((await dsl.get('/cme/localities')).statusCode).toBe(403);
  });
});
