/**
 * Operation Encompass against a real database: notices made inside a transaction from DA cases inserted here,
 * routed to the right setting with the right due time, delivered to key adults only (and nobody else can read
 * them), the needs-a-setting queue and assignment, the late and missed report, key adults and school calendars.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, one, rows, transaction } from '../../db/client.js';
import { instantAt } from '../../domain/time.js';
import { type TestApp, type TestClient, createTestApp, location } from '../../../test/support/app.js';
import { type EncompassChild, EncompassService, NOTICE_EMAIL_TEMPLATE } from './service.js';

let t: TestApp;
let db: Database;
let tenantId: string;
let frontDoorId: string;
let healthId: string;
const school: Record<'A' | 'B' | 'C' | 'N', string> = { A: '', B: '', C: '', N: '' };
const users: Record<string, string> = {};
let clock = new Date('2026-06-05T21:30:00Z');
let svc: EncompassService;
let dsl: TestClient;
let dsl2: TestClient;
let screener: TestClient;
let schoolAdmin: TestClient;
let admin: TestClient;

const london = (date: string, time: string) => {
  const [h, m] = time.split(':').map(Number);
  return instantAt(date, h! * 60 + m!);
};

async function addSchool(name: string, urn: string, phase: string): Promise<string> {
  const a = (await one<{ id: string }>(db, sql`insert into agency (tenant_id, name, type, external_code) values (${tenantId}, ${name}, 'school', ${urn}) returning id`))!;
  await db.execute(sql`insert into school (agency_id, tenant_id, urn, phase) values (${a.id}, ${tenantId}, ${urn}, ${phase})`);
  return a.id;
}

async function setCalendar(agencyId: string | null, dayStartsAt: string, terms: unknown[] = [], closures: string[] = []): Promise<void> {
  await db.execute(sql`delete from school_calendar where tenant_id = ${tenantId} and agency_id is not distinct from ${agencyId}`);
  await db.execute(sql`insert into school_calendar (tenant_id, agency_id, day_starts_at, terms, closures) values (${tenantId}, ${agencyId}, ${dayStartsAt}, ${JSON.stringify(terms)}::jsonb, ${JSON.stringify(closures)}::jsonb)`);
}

let caseNumber = 0;
/** A DA case (with the contact it needs) for an incident at `occurredAt`. */
async function daCase(occurredAt: Date | null, receivedAt: Date): Promise<string> {
  caseNumber += 1;
  const contact = (await one<{ id: string }>(
    db,
    sql`insert into contact (tenant_id, status, contact_type, owning_agency_id, source_code, received_at, narrative, consent, channel, synthetic)
        values (${tenantId}, 'open', 'child', ${frontDoorId}, '6', ${receivedAt}, 'Synthetic DA notification for Encompass tests', 'not_sought', 'api', true) returning id`,
  ))!;
  const c = (await one<{ id: string }>(
    db,
    sql`insert into da_case (tenant_id, contact_id, police_reference, incident_type, occurred_at, received_at, police_risk)
        values (${tenantId}, ${contact.id}, ${`ENC-TEST-${caseNumber}`}, 'domestic_incident', ${occurredAt}, ${receivedAt}, 'medium') returning id`,
  ))!;
  return c.id;
}

async function daChild(daCaseId: string, p: { given: string; family?: string; dob: string | null; role?: string; school?: string | null; personId?: string | null; voice?: string }): Promise<EncompassChild> {
  const row = (await one<{ id: string }>(
    db,
    sql`insert into da_person (tenant_id, da_case_id, person_id, role, given_names, family_name, date_of_birth, police_risk, child_voice, child_demeanour, school_given)
        values (${tenantId}, ${daCaseId}, ${p.personId ?? null}, ${p.role ?? 'child_present'}, ${p.given}, ${p.family ?? 'Encompassfield'}, ${p.dob},
                'medium', ${p.voice ?? 'Said “I hid upstairs.”'}, 'Quiet, holding a teddy', ${p.school ?? null}) returning id`,
  ))!;
  return { daPersonId: row.id, personId: p.personId ?? null, dateOfBirth: p.dob, schoolGiven: p.school ?? null };
}

async function person(dob: string | null, education: { kind: string; agencyId: string | null; source?: string; from?: string | null; to?: string | null }[] = []): Promise<string> {
  const p = (await one<{ id: string }>(db, sql`insert into person (tenant_id, date_of_birth, synthetic) values (${tenantId}, ${dob}, true) returning id`))!;
  for (const e of education) {
    await db.execute(
      sql`insert into person_education (tenant_id, person_id, kind, agency_id, source, from_date, to_date)
          values (${tenantId}, ${p.id}, ${e.kind}, ${e.agencyId}, ${e.source ?? 'record'}, ${e.from ?? null}, ${e.to ?? null})`,
    );
  }
  return p.id;
}

async function make(occurredAt: Date | null, receivedAt: Date, children: EncompassChild[], daCaseId: string) {
  const context = await svc.context(tenantId);
  return transaction(db, (tx) => svc.createNotices(tx, context, { tenantId, daCaseId, occurredAt, receivedAt, children }));
}

const noticeOf = (daPersonId: string) =>
  one<{ id: string; route: string; agency_id: string | null; needs_setting: string | null; due_at: string; sent_at: string | null; acknowledged_at: string | null; support: string[]; support_note: string | null }>(
    db,
    sql`select id, route, agency_id, needs_setting, due_at::text, sent_at::text, acknowledged_at::text, support, support_note from encompass_notice where da_person_id = ${daPersonId}`,
  );
const iso = (pgText: string | null | undefined) => (pgText ? new Date(pgText.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00')).toISOString() : null);

beforeAll(async () => {
  t = await createTestApp();
  db = t.db.db;
  for (const u of ['dsl', 'dsl2', 'school-admin', 'screener', 'admin', 'health']) users[u] = await t.userId(u);
  tenantId = (await one<{ tenant_id: string }>(db, sql`select tenant_id from app_user where id = ${users.dsl}`))!.tenant_id;
  frontDoorId = (await t.app.services.organisations.frontDoor(tenantId, 'child'))!.id;
  healthId = (await one<{ id: string }>(db, sql`select id from agency where tenant_id = ${tenantId} and type = 'health' order by created_at limit 1`))!.id;
  school.A = (await one<{ agency_id: string }>(db, sql`select agency_id from school where urn = '990101'`))!.agency_id;
  school.B = (await one<{ agency_id: string }>(db, sql`select agency_id from school where urn = '990401'`))!.agency_id;
  school.C = await addSchool('Quill Lane Primary School', '980001', 'primary');
  school.N = await addSchool('Pebble Green Nursery', '980002', 'nursery');
  // Key adults: the demo DSLs for their own schools; school C has none. Known calendars, whatever the demo seeds.
  await db.execute(sql`insert into encompass_key_adult (tenant_id, agency_id, user_id) values (${tenantId}, ${school.A}, ${users.dsl}), (${tenantId}, ${school.B}, ${users.dsl2}) on conflict do nothing`);
  await setCalendar(school.A, '08:45');
  await setCalendar(school.B, '09:00');
  await setCalendar(null, '08:30');
  svc = new EncompassService(db, t.app.services.audit, t.app.services.calendar, t.app.services.organisations, 'https://threshold.example', () => clock);
  dsl = await t.as('dsl');
  dsl2 = await t.as('dsl2');
  screener = await t.as('screener');
  schoolAdmin = await t.as('school-admin');
  admin = await t.as('admin');
});
afterAll(async () => t.close());

// Friday 5 June 2026, 22:00 London (BST): the next school day starts on Monday 8 June.
const friday = london('2026-06-05', '22:00');
const received = london('2026-06-05', '22:20');
const ids: Record<string, string> = {};

describe('making notices inside the intake transaction', () => {
  it('sends each child’s notice to their school’s key adults, due at the start of that school’s next school day', async () => {
    clock = new Date('2026-06-05T21:30:00Z');
    const caseId = await daCase(friday, received);
    const a = await daChild(caseId, { given: 'Robin', dob: '2017-03-01', school: 'bracken way primary school' });
    const b = await daChild(caseId, { given: 'Sky', dob: '2009-09-01', role: 'child_in_household', school: '990401' });
    const result = await make(friday, received, [a, b], caseId);
    expect(result).toMatchObject({ sent: 2, needsSetting: 0, noKeyAdult: 0, notRequired: 0 });
    const na = (await noticeOf(a.daPersonId))!;
    const nb = (await noticeOf(b.daPersonId))!;
    expect(na).toMatchObject({ route: 'school', agency_id: school.A, needs_setting: null });
    expect(iso(na.due_at)).toBe('2026-06-08T07:45:00.000Z'); // Monday 08:45 BST
    expect(iso(nb.due_at)).toBe('2026-06-08T08:00:00.000Z'); // the college starts at 09:00
    expect(iso(na.sent_at)).toBe('2026-06-05T21:30:00.000Z');
    ids.A = na.id;
    ids.B = nb.id;
    ids.childA = a.daPersonId;
    // each key adult is told in the app, naming nobody
    const told = await rows<{ user_id: string; title: string; body: string }>(db, sql`select user_id, title, body from notification where link = ${`/encompass/${na.id}`}`);
    expect(told.map((n) => n.user_id)).toEqual([users.dsl]);
    expect(told[0]!.body).not.toContain('Robin');
    expect((await rows(db, sql`select 1 from notification where link = ${`/encompass/${nb.id}`} and user_id = ${users.dsl2}`)).length).toBe(1);
    // what was made, by id only, for the intake's audit event
    const made = (result.notices ?? []) as { noticeId: string }[];
    expect(made.map((n) => n.noticeId).sort()).toEqual([na.id, nb.id].sort());
    expect(JSON.stringify(made)).not.toContain('Robin');
  });

  it('emails each key adult through the outbox: a link and the due time, no names', async () => {
    const mail = await rows<{ recipient: string; personalisation: Record<string, string> | string }>(db, sql`select recipient, personalisation from outbox_message where template = ${NOTICE_EMAIL_TEMPLATE} and personalisation->>'link' = ${`https://threshold.example/encompass/${ids.A}`}`);
    expect(mail).toHaveLength(1);
    expect(mail[0]!.recipient).toBe('dsl@demo.threshold.test');
    const text = typeof mail[0]!.personalisation === 'string' ? mail[0]!.personalisation : JSON.stringify(mail[0]!.personalisation);
    expect(text).not.toMatch(/Robin|Encompassfield|2017/);
  });

  it('makes one notice per child, however often it is called', async () => {
    const caseId = (await one<{ da_case_id: string }>(db, sql`select da_case_id from encompass_notice where id = ${ids.A}`))!.da_case_id;
    const again = await make(friday, received, [{ daPersonId: ids.childA!, personId: null, dateOfBirth: '2017-03-01', schoolGiven: 'Bracken Way Primary School' }], caseId);
    expect(again).toMatchObject({ sent: 0, needsSetting: 0 });
    expect((await rows(db, sql`select 1 from encompass_notice where da_person_id = ${ids.childA}`)).length).toBe(1);
  });

  it('routes from the person record: the school on record over the one the police named; census when there is no record; home education to the front door; under-4s to nursery or health visitor', async () => {
    const caseId = await daCase(friday, received);
    const onRecord = await daChild(caseId, { given: 'Ash', dob: '2015-01-10', school: 'Fernmoor Sixth Form College', personId: await person('2015-01-10', [{ kind: 'school', agencyId: school.A, from: '2019-09-01' }]) });
    const census = await daChild(caseId, { given: 'Bay', dob: '2014-05-05', personId: await person('2014-05-05', [{ kind: 'school', agencyId: school.A, source: 'census' }]) });
    const leftSchool = await daChild(caseId, { given: 'Cove', dob: '2013-05-05', personId: await person('2013-05-05', [{ kind: 'school', agencyId: school.A, from: '2018-09-01', to: '2025-07-20' }, { kind: 'school', agencyId: school.B, from: '2025-09-01' }]) });
    const ehe = await daChild(caseId, { given: 'Dale', dob: '2012-02-02', personId: await person('2012-02-02', [{ kind: 'school', agencyId: school.A, from: '2017-09-01' }, { kind: 'elective_home_education', agencyId: null, from: '2025-01-06' }]) });
    const toddler = await daChild(caseId, { given: 'Elm', dob: '2023-08-08', personId: await person('2023-08-08', [{ kind: 'early_years', agencyId: school.N, from: '2025-09-01' }, { kind: 'health_visitor', agencyId: healthId }]) });
    const baby = await daChild(caseId, { given: 'Fern', dob: '2025-12-12', personId: await person('2025-12-12', [{ kind: 'health_visitor', agencyId: healthId }]) });
    const dobFromRecord = await daChild(caseId, { given: 'Gale', dob: null, school: '990101', personId: await person('2016-04-04') });
    const result = await make(friday, received, [onRecord, census, leftSchool, ehe, toddler, baby, dobFromRecord], caseId);
    expect(result.needsSetting).toBe(0);
    expect(await noticeOf(onRecord.daPersonId)).toMatchObject({ route: 'school', agency_id: school.A });
    expect(await noticeOf(census.daPersonId)).toMatchObject({ route: 'school', agency_id: school.A });
    expect(await noticeOf(leftSchool.daPersonId)).toMatchObject({ route: 'school', agency_id: school.B });
    expect(await noticeOf(ehe.daPersonId)).toMatchObject({ route: 'childrens_social_care', agency_id: frontDoorId });
    expect(await noticeOf(toddler.daPersonId)).toMatchObject({ route: 'early_years', agency_id: school.N });
    expect(await noticeOf(baby.daPersonId)).toMatchObject({ route: 'health_visitor', agency_id: healthId });
    expect(await noticeOf(dobFromRecord.daPersonId)).toMatchObject({ route: 'school', agency_id: school.A });
  });

  it('makes no notice about a young person of 18, and queues children with no date of birth or an unknown school, saying why', async () => {
    const caseId = await daCase(friday, received);
    const adult = await daChild(caseId, { given: 'Hal', dob: '2008-01-01', school: '990401' });
    const noDob = await daChild(caseId, { given: 'Ivy', dob: null, school: 'Bracken Way Primary School' });
    const unknown = await daChild(caseId, { given: 'Jay', dob: '2016-06-06', school: 'Hogwarts' });
    const nothing = await daChild(caseId, { given: 'Kit', dob: '2016-06-06' });
    const result = await make(friday, received, [adult, noDob, unknown, nothing], caseId);
    expect(result).toMatchObject({ sent: 0, needsSetting: 3, notRequired: 1 });
    expect(await noticeOf(adult.daPersonId)).toBeUndefined();
    expect((await noticeOf(noDob.daPersonId))!.needs_setting).toMatch(/^No date of birth: .*“Bracken Way Primary School”/);
    const u = (await noticeOf(unknown.daPersonId))!;
    expect(u).toMatchObject({ route: 'school', agency_id: null, sent_at: null, needs_setting: 'The school named in the notification, “Hogwarts”, is not a school Threshold knows' });
    expect(iso(u.due_at)).toBe('2026-06-08T07:30:00.000Z'); // the authority's default calendar: 08:30
    expect((await noticeOf(nothing.daPersonId))!.needs_setting).toBe('No school is recorded for the child and the notification did not name one');
    ids.queued = u.id;
    ids.queuedNoDob = (await noticeOf(noDob.daPersonId))!.id;
  });

  it('keeps the notice of a school with no key adult (never lost), due by the authority’s calendar when the school has none', async () => {
    const caseId = await daCase(friday, received);
    const c = await daChild(caseId, { given: 'Lark', dob: '2018-02-02', school: '980001' });
    const result = await make(friday, received, [c], caseId);
    expect(result).toMatchObject({ sent: 0, needsSetting: 0, noKeyAdult: 1 });
    const n = (await noticeOf(c.daPersonId))!;
    expect(n).toMatchObject({ agency_id: school.C, sent_at: null, needs_setting: null });
    expect(iso(n.due_at)).toBe('2026-06-08T07:30:00.000Z');
    ids.noKeyAdult = n.id;
  });

  it('never lets a broken school calendar stop a notification: the authority’s calendar is used instead', async () => {
    await db.execute(sql`insert into school_calendar (tenant_id, agency_id, day_starts_at, terms, closures) values (${tenantId}, ${school.N}, '9am', '{"not": "a list"}'::jsonb, '[42]'::jsonb)`);
    const caseId = await daCase(friday, received);
    const c = await daChild(caseId, { given: 'Moth', dob: '2023-01-01', personId: await person('2023-01-01', [{ kind: 'early_years', agencyId: school.N }]) });
    await make(friday, received, [c], caseId);
    const n = (await noticeOf(c.daPersonId))!;
    expect(n).toMatchObject({ route: 'early_years', agency_id: school.N });
    expect(iso(n.due_at)).toBe('2026-06-08T07:30:00.000Z');
    await db.execute(sql`delete from school_calendar where agency_id = ${school.N}`);
  });
});

describe('the key adult’s notices', () => {
  it('lists only the notices of settings where the user is a key adult', async () => {
    const mine = await dsl.get('/encompass');
    expect(mine.statusCode).toBe(200);
    expect(mine.body).toContain(`/encompass/${ids.A}`);
    expect(mine.body).toContain('Robin Encompassfield');
    expect(mine.body).not.toContain(`/encompass/${ids.B}`);
    expect(mine.body).not.toContain('Sky Encompassfield');
    const theirs = await dsl2.get('/encompass');
    expect(theirs.body).toContain(`/encompass/${ids.B}`);
    expect(theirs.body).not.toContain(`/encompass/${ids.A}`);
  });

  it('filters the list (not acknowledged, overdue, received today, received late) with each total, and tags a late one', async () => {
    const mine = sql`n.sent_at is not null and exists (select 1 from encompass_key_adult k where k.agency_id = n.agency_id and k.user_id = ${users.dsl})`;
    const count = async (where: ReturnType<typeof sql>) => (await one<{ n: number }>(db, sql`select count(*)::int as n from encompass_notice n where ${mine} and ${where}`))!.n;
    const expected = {
      all: await count(sql`true`),
      unacknowledged: await count(sql`n.acknowledged_at is null`),
      overdue: await count(sql`n.acknowledged_at is null and n.due_at <= now()`),
      late: await count(sql`n.sent_at > n.due_at`),
    };
    for (const [show, n] of Object.entries(expected)) {
      const page = await dsl.get(`/encompass?show=${show}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(`data-list-total="${n}"`);
    }
    // a notice sent after the start of the school day it was due by is tagged "Late"
    const original = (await one<{ sent_at: string }>(db, sql`select sent_at::text from encompass_notice where id = ${ids.A}`))!.sent_at;
    await db.execute(sql`update encompass_notice set sent_at = due_at + interval '5 minutes' where id = ${ids.A}`);
    const late = await dsl.get('/encompass?show=late');
    expect(late.body).toContain(`data-list-total="${expected.late + 1}"`);
    expect(late.body).toMatch(/govuk-tag--red">\s*Late/);
    expect(late.body).toContain(`/encompass/${ids.A}`);
    await db.execute(sql`update encompass_notice set sent_at = ${original}::timestamptz where id = ${ids.A}`);
    expect((await dsl.get('/encompass?show=nonsense')).body).toContain(`data-list-total="${expected.all}"`);
  });

  it('shows the child, the incident, the grading and the child’s voice to the key adult, and audits the view', async () => {
    const page = await dsl.get(`/encompass/${ids.A}`);
    expect(page.statusCode).toBe(200);
    for (const text of ['Robin Encompassfield', '1 March 2017', 'Child present at the incident', '5 June 2026 at 10pm', 'Medium', 'Said “I hid upstairs.”', 'Quiet, holding a teddy', '8 June 2026 at 8:45am']) {
      expect(page.body).toContain(text);
    }
    const viewed = await one<{ n: number }>(db, sql`select count(*)::int as n from audit_event where action = 'encompass.notice_viewed' and record_id = ${ids.A} and user_id = ${users.dsl}`);
    expect(viewed!.n).toBeGreaterThan(0);
  });

  it('is not found for another school’s key adult, a MASH screener or anyone else', async () => {
    expect((await dsl.get(`/encompass/${ids.B}`)).statusCode).toBe(404);
    expect((await dsl2.get(`/encompass/${ids.A}`)).statusCode).toBe(404);
    expect((await screener.get(`/encompass/${ids.A}`)).statusCode).toBe(404);
    expect((await dsl.get(`/encompass/${ids.noKeyAdult}`)).statusCode).toBe(404);
    expect((await dsl.get(`/encompass/${ids.queued}`)).statusCode).toBe(404);
    expect((await dsl2.post(`/encompass/${ids.A}/acknowledge`)).statusCode).toBe(404);
    expect((await dsl2.post(`/encompass/${ids.A}/support`, { support: 'quiet_space' })).statusCode).toBe(404);
    expect((await (await t.as('police')).get(`/encompass/${ids.A}`)).statusCode).toBe(403);
    const denied = await one<{ n: number }>(db, sql`select count(*)::int as n from audit_event where action = 'access.denied' and record_type = 'encompass_notice' and record_id = ${ids.A}`);
    expect(denied!.n).toBeGreaterThanOrEqual(2);
  });

  it('acknowledges, once', async () => {
    const res = await dsl.post(`/encompass/${ids.A}/acknowledge`);
    expect(res.statusCode).toBe(303);
    expect(location(res)).toBe(`/encompass/${ids.A}?acknowledged=1`);
    const n = (await noticeOf(ids.childA!))!;
    expect(n.acknowledged_at).not.toBeNull();
    expect((await dsl.post(`/encompass/${ids.A}/acknowledge`)).statusCode).toBe(303);
    expect((await noticeOf(ids.childA!))!.acknowledged_at).toBe(n.acknowledged_at);
    expect((await dsl.get(`/encompass/${ids.A}`)).body).toContain('Acknowledged by Dana Lead');
  });

  it('records the support the school gave, which is required, with details for “other”', async () => {
    const none = await dsl.post(`/encompass/${ids.A}/support`, { supportNote: '' });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('There is a problem');
    expect(none.body).toContain('Select the support the school gave the child');
    expect(none.body).toContain('href="#support"');
    const other = await dsl.post(`/encompass/${ids.A}/support`, { support: ['quiet_space', 'other'] });
    expect(other.statusCode).toBe(400);
    expect(other.body).toContain('Describe the other support the school gave');
    const bad = await dsl.post(`/encompass/${ids.A}/support`, { support: 'detention' });
    expect(bad.body).toContain('Select support from the list');
    const ok = await dsl.post(`/encompass/${ids.A}/support`, { support: ['key_adult_check_in', 'other'], supportNote: 'Breakfast club place offered' });
    expect(ok.statusCode).toBe(303);
    const n = (await noticeOf(ids.childA!))!;
    expect(n.support).toEqual(['key_adult_check_in', 'other']);
    expect(n.support_note).toBe('Breakfast club place offered');
    const page = await dsl.get(`/encompass/${ids.A}`);
    expect(page.body).toContain('Support recorded');
    expect(page.body).toContain('Key adult check-in with the child');
    expect((await one<{ n: number }>(db, sql`select count(*)::int as n from audit_event where action = 'encompass.support_recorded' and record_id = ${ids.A}`))!.n).toBe(1);
  });
});

describe('the MASH monitor', () => {
  it('shows the needs-a-setting queue with the reasons and the settings with no key adult; only to the MASH', async () => {
    const page = await screener.get('/encompass/monitor');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Jay Encompassfield');
    expect(page.body).toContain('The school named in the notification, “Hogwarts”, is not a school Threshold knows');
    expect(page.body).toContain(`/encompass/monitor/${ids.queued}/assign`);
    // the settings with no key adult: a tab of their own, with its total (the home page's count links here)
    expect(page.body).not.toContain('Lark Encompassfield');
    const noKeyAdult = await screener.get('/encompass/monitor?show=no-key-adult');
    expect(noKeyAdult.body).toContain('Lark Encompassfield');
    expect(noKeyAdult.body).toContain('Quill Lane Primary School');
    const total = (await one<{ n: number }>(db, sql`select count(*)::int as n from encompass_notice n join da_case d on d.id = n.da_case_id where n.agency_id is not null and n.sent_at is null and n.tenant_id = d.tenant_id and n.tenant_id = (select tenant_id from app_user where id = ${users.screener})`))!.n;
    expect(noKeyAdult.body).toContain(`data-list-total="${total}"`);
    expect((await screener.get('/encompass/monitor?show=%3Cb%3E')).statusCode).toBe(200);
    expect((await screener.get('/encompass/monitor?show=report')).body).toContain('Sent in time, late and missed');
    expect((await dsl.get('/encompass/monitor')).statusCode).toBe(403);
    expect((await one<{ n: number }>(db, sql`select count(*)::int as n from audit_event where action = 'encompass.monitor_viewed' and user_id = ${users.screener}`))!.n).toBeGreaterThan(0);
  });

  it('refuses an assignment with nothing chosen, a malformed URN or a URN Threshold does not know', async () => {
    expect((await screener.get(`/encompass/monitor/${ids.queued}/assign`)).body).toContain('Hogwarts');
    const empty = await screener.post(`/encompass/monitor/${ids.queued}/assign`, { agencyId: '', urn: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Choose the child’s school or setting, or enter its URN');
    const malformed = await screener.post(`/encompass/monitor/${ids.queued}/assign`, { agencyId: '', urn: 'HOG123' });
    expect(malformed.body).toContain('Enter a URN of 6 digits, like 990101');
    const unknown = await screener.post(`/encompass/monitor/${ids.queued}/assign`, { agencyId: '', urn: '999999' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('There is no open school with URN 999999 in Threshold');
    const both = await screener.post(`/encompass/monitor/${ids.queued}/assign`, { agencyId: school.A, urn: '990101' });
    expect(both.body).toContain('Choose a setting from the list or enter a URN, not both');
    expect((await noticeOf((await one<{ da_person_id: string }>(db, sql`select da_person_id from encompass_notice where id = ${ids.queued}`))!.da_person_id))!.agency_id).toBeNull();
  });

  it('assigns a setting by URN and sends it at once, late because the school day has started', async () => {
    const res = await screener.post(`/encompass/monitor/${ids.queued}/assign`, { agencyId: '', urn: '990101' });
    expect(res.statusCode).toBe(303);
    expect(location(res)).toBe('/encompass/monitor?assigned=late');
    const n = (await one<{ agency_id: string; sent_at: string | null; needs_setting: string | null; due_at: string }>(db, sql`select agency_id, sent_at::text, needs_setting, due_at::text from encompass_notice where id = ${ids.queued}`))!;
    expect(n).toMatchObject({ agency_id: school.A, needs_setting: null });
    expect(n.sent_at).not.toBeNull();
    expect(iso(n.due_at)).toBe('2026-06-08T07:45:00.000Z'); // worked out again by the school's own calendar
    expect((await rows(db, sql`select 1 from notification where link = ${`/encompass/${ids.queued}`} and user_id = ${users.dsl}`)).length).toBe(1);
    expect((await dsl.get(`/encompass/${ids.queued}`)).statusCode).toBe(200);
    expect((await screener.get(`/encompass/monitor/${ids.queued}/assign`)).statusCode).toBe(404);
    const audit = (await one<{ details: { late: boolean; by: string } }>(db, sql`select details from audit_event where action = 'encompass.setting_assigned' and record_id = ${ids.queued}`))!;
    expect(audit.details).toMatchObject({ late: true, by: 'urn' });
  });

  it('assigns a setting from the list', async () => {
    const res = await screener.post(`/encompass/monitor/${ids.queuedNoDob}/assign`, { agencyId: school.B, urn: '' });
    expect(res.statusCode).toBe(303);
    expect((await one<{ agency_id: string }>(db, sql`select agency_id from encompass_notice where id = ${ids.queuedNoDob}`))!.agency_id).toBe(school.B);
  });

  it('reports notices sent in time, late, not sent and not acknowledged by the due time, for a period', async () => {
    // Friday 6 March 2026 (GMT): due Monday 9 March at 08:45.
    const incident = london('2026-03-06', '19:00');
    const caseId = await daCase(incident, incident);
    const inTime = await daChild(caseId, { given: 'Moss', dob: '2016-01-01', school: '990101' });
    const notAcked = await daChild(caseId, { given: 'Nell', dob: '2016-01-01', school: '990101' });
    clock = london('2026-03-06', '19:30');
    await make(incident, incident, [inTime, notAcked], caseId);
    const dslActor = { userId: users.dsl!, tenantId, agencyId: school.A, roles: ['school_dsl'], requestId: null };
    clock = london('2026-03-07', '09:00');
    expect(await svc.acknowledge(dslActor, (await noticeOf(inTime.daPersonId))!.id)).toBe('done');
    const lateCase = await daCase(incident, incident);
    const late = await daChild(lateCase, { given: 'Oak', dob: '2016-01-01', school: '990101' });
    const notSent = await daChild(lateCase, { given: 'Pip', dob: '2016-01-01', school: 'Nowhere Academy' });
    clock = london('2026-03-09', '10:00');
    await make(incident, incident, [late, notSent], lateCase);
    const waitingCase = await daCase(london('2026-03-13', '19:00'), london('2026-03-13', '19:00'));
    const waiting = await daChild(waitingCase, { given: 'Quin', dob: '2016-01-01', school: '990101' });
    clock = london('2026-03-13', '20:00');
    await make(london('2026-03-13', '19:00'), london('2026-03-13', '19:00'), [waiting], waitingCase);

    clock = london('2026-03-14', '12:00');
    const report = await svc.report(tenantId, '2026-03-09', '2026-03-16');
    const outcome = async (c: EncompassChild) => report.rows.find((r) => r.da_person_id === c.daPersonId)?.outcome;
    expect(await outcome(inTime)).toBe('in_time');
    expect(await outcome(notAcked)).toBe('not_acknowledged');
    expect(await outcome(late)).toBe('late');
    expect(await outcome(notSent)).toBe('not_sent');
    expect(await outcome(waiting)).toBe('waiting');
    expect(report.counts.due).toBe(report.rows.length);
    expect(report.counts.sentInTime).toBeGreaterThanOrEqual(2);
    expect(report.counts.late).toBeGreaterThanOrEqual(1);
    // outside the period
    expect((await svc.report(tenantId, '2026-03-10', '2026-03-12')).rows.some((r) => r.da_person_id === inTime.daPersonId)).toBe(false);

    const page = await screener.get('/encompass/monitor?from-day=9&from-month=3&from-year=2026&to-day=16&to-month=3&to-year=2026');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Notifications due from 9 March 2026 to 16 March 2026');
    expect(page.body).toContain('Oak Encompassfield');
    expect(page.body).toContain('Sent late');
    expect(page.body).toContain('Nell Encompassfield');
    expect(page.body).not.toContain('Moss Encompassfield');
    const bad = await screener.get('/encompass/monitor?from-day=31&from-month=2&from-year=2026&to-day=1&to-month=3&to-year=2026');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Start date must be a real date');
    const backwards = await screener.get('/encompass/monitor?from-day=9&from-month=3&from-year=2026&to-day=1&to-month=3&to-year=2026');
    expect(backwards.body).toContain('The end date must be the same as or after the start date');
  });
});

describe('key adults', () => {
  it('sends a school administrator to their own school, and refuses another school', async () => {
    const res = await schoolAdmin.get('/encompass/key-adults');
    expect(res.statusCode).toBe(303);
    expect(location(res)).toBe(`/encompass/key-adults/${school.A}`);
    const page = await schoolAdmin.get(`/encompass/key-adults/${school.A}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Dana Lead');
    expect((await schoolAdmin.get(`/encompass/key-adults/${school.B}`)).statusCode).toBe(403);
    expect((await schoolAdmin.post(`/encompass/key-adults/${school.B}`, { userId: users.dsl2! })).statusCode).toBe(403);
  });

  it('lets a system administrator choose any agency; a key adult added to a school with none receives the notices kept for it', async () => {
    const list = await admin.get('/encompass/key-adults');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`/encompass/key-adults/${school.C}`);
    const page = await admin.get(`/encompass/key-adults/${school.C}`);
    expect(page.body).toContain('has no key adult');
    expect(page.body).toContain('Nobody else at Quill Lane Primary School has a role');
    // a DSL joins the school
    const u = (await one<{ id: string }>(db, sql`insert into app_user (tenant_id, agency_id, email, display_name) values (${tenantId}, ${school.C}, 'quill.dsl@demo.threshold.test', 'Quinn Quill') returning id`))!;
    await db.execute(sql`insert into role_assignment (tenant_id, user_id, role) values (${tenantId}, ${u.id}, 'school_dsl')`);
    const wrong = await admin.post(`/encompass/key-adults/${school.C}`, { userId: users.screener! });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('Choose someone from the list');
    const missing = await admin.post(`/encompass/key-adults/${school.C}`, {});
    expect(missing.body).toContain('Choose who to add as a key adult');
    const added = await admin.post(`/encompass/key-adults/${school.C}`, { userId: u.id });
    expect(added.statusCode).toBe(303);
    expect(location(added)).toBe(`/encompass/key-adults/${school.C}?added=1&delivered=1`);
    const n = (await one<{ sent_at: string | null }>(db, sql`select sent_at::text from encompass_notice where id = ${ids.noKeyAdult}`))!;
    expect(n.sent_at).not.toBeNull();
    expect((await rows(db, sql`select 1 from notification where user_id = ${u.id} and link = ${`/encompass/${ids.noKeyAdult}`}`)).length).toBe(1);
    expect((await admin.get(`/encompass/key-adults/${school.C}?added=1&delivered=1`)).body).toContain('One notification that was waiting has been sent to them');
    // removed again
    const removed = await admin.post(`/encompass/key-adults/${school.C}/remove`, { userId: u.id });
    expect(removed.statusCode).toBe(303);
    expect((await rows(db, sql`select 1 from encompass_key_adult where agency_id = ${school.C}`)).length).toBe(0);
    expect((await admin.post(`/encompass/key-adults/${school.C}/remove`, { userId: u.id })).statusCode).toBe(404);
    expect((await one<{ n: number }>(db, sql`select count(*)::int as n from audit_event where action in ('encompass.key_adult_added', 'encompass.key_adult_removed') and record_id = ${school.C}`))!.n).toBe(2);
  });
});

describe('school day and term dates', () => {
  const path = () => `/encompass/calendars/${school.A}`;

  it('validates the start time, and saves it', async () => {
    expect((await schoolAdmin.get(path())).statusCode).toBe(200);
    const bad = await schoolAdmin.post(`${path()}/day-start`, { dayStartsAt: '25:00' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Enter the start time using the 24-hour clock, like 08:45');
    expect((await schoolAdmin.post(`${path()}/day-start`, { dayStartsAt: '' })).body).toContain('Enter the time the school day starts, like 08:45');
    expect((await schoolAdmin.post(`${path()}/day-start`, { dayStartsAt: '8.50' })).statusCode).toBe(303);
    expect((await one<{ day_starts_at: string }>(db, sql`select day_starts_at from school_calendar where agency_id = ${school.A}`))!.day_starts_at).toBe('08:50');
  });

  it('adds terms with real dates, the end on or after the start, not overlapping another', async () => {
    const term = (name: string, from: string, to: string) => {
      const [fy, fm, fd] = from.split('-');
      const [ty, tm, td] = to.split('-');
      return { name, 'from-day': fd, 'from-month': fm, 'from-year': fy, 'to-day': td, 'to-month': tm, 'to-year': ty };
    };
    const backwards = await schoolAdmin.post(`${path()}/terms`, term('Summer 2', '2026-07-22', '2026-06-01'));
    expect(backwards.statusCode).toBe(400);
    expect(backwards.body).toContain('The last day of term must be the same as or after the first day');
    const unreal = await schoolAdmin.post(`${path()}/terms`, term('Summer 2', '2026-02-30', '2026-07-22'));
    expect(unreal.body).toContain('First day of term must be a real date');
    const unnamed = await schoolAdmin.post(`${path()}/terms`, term('', '2026-06-01', '2026-07-22'));
    expect(unnamed.body).toContain('Enter the name of the term, like Autumn 1');
    expect((await schoolAdmin.post(`${path()}/terms`, term('Summer 2', '2026-06-01', '2026-07-22'))).statusCode).toBe(303);
    expect((await schoolAdmin.post(`${path()}/terms`, term('Autumn 1', '2026-09-03', '2026-10-23'))).statusCode).toBe(303);
    const overlap = await schoolAdmin.post(`${path()}/terms`, term('Oops', '2026-07-20', '2026-09-04'));
    expect(overlap.statusCode).toBe(409);
    expect(overlap.body).toContain('These dates overlap Summer 2 (1 June 2026 to 22 July 2026)');
    const page = await schoolAdmin.get(path());
    expect(page.body).toContain('3 September 2026');
  });

  it('adds and removes closure days, and the school’s calendar sets the due time', async () => {
    const closure = { 'date-day': '8', 'date-month': '6', 'date-year': '2026' };
    expect((await schoolAdmin.post(`${path()}/closures`, closure)).statusCode).toBe(303);
    expect((await schoolAdmin.post(`${path()}/closures`, closure)).body).toContain('8 June 2026 is already a closure day');
    // Friday-night incident: Monday 8 June is an INSET day, so the notice is due on Tuesday at 08:50.
    const caseId = await daCase(friday, received);
    const c = await daChild(caseId, { given: 'Rue', dob: '2016-01-01', school: '990101' });
    await make(friday, received, [c], caseId);
    expect(iso((await noticeOf(c.daPersonId))!.due_at)).toBe('2026-06-09T07:50:00.000Z');
    // an incident in the summer holiday is due on the first day of the autumn term
    const summer = london('2026-08-14', '20:00');
    const summerCase = await daCase(summer, summer);
    const s = await daChild(summerCase, { given: 'Sol', dob: '2016-01-01', school: '990101' });
    await make(summer, summer, [s], summerCase);
    expect(iso((await noticeOf(s.daPersonId))!.due_at)).toBe('2026-09-03T07:50:00.000Z');

    expect((await schoolAdmin.post(`${path()}/closures/remove`, { date: '2026-06-08' })).statusCode).toBe(303);
    expect((await schoolAdmin.post(`${path()}/closures/remove`, { date: '2026-06-08' })).body).toContain('8 June 2026 is not a closure day');
    expect((await schoolAdmin.post(`${path()}/terms/remove`, { from: '2026-09-03' })).statusCode).toBe(303);
    const cal = (await one<{ terms: { from: string }[]; closures: string[] }>(db, sql`select terms, closures from school_calendar where agency_id = ${school.A}`))!;
    expect(cal.terms.map((x) => x.from)).toEqual(['2026-06-01']);
    expect(cal.closures).toEqual([]);
    expect((await one<{ n: number }>(db, sql`select count(*)::int as n from audit_event where action = 'encompass.calendar_changed' and record_id = ${school.A}`))!.n).toBeGreaterThanOrEqual(6);
  });

  it('lets only a system administrator set the authority’s default; a school can go back to it', async () => {
    expect((await schoolAdmin.get('/encompass/calendars/default')).statusCode).toBe(403);
    expect((await admin.get('/encompass/calendars/default')).statusCode).toBe(200);
    expect((await admin.post('/encompass/calendars/default/day-start', { dayStartsAt: '08:40' })).statusCode).toBe(303);
    expect((await one<{ day_starts_at: string }>(db, sql`select day_starts_at from school_calendar where tenant_id = ${tenantId} and agency_id is null`))!.day_starts_at).toBe('08:40');
    expect((await schoolAdmin.post(`${path()}/reset`)).statusCode).toBe(303);
    expect(await one(db, sql`select 1 from school_calendar where agency_id = ${school.A}`)).toBeUndefined();
    expect((await schoolAdmin.get(path())).body).toContain('This school uses the authority’s dates');
    await setCalendar(school.A, '08:45');
  });
});
