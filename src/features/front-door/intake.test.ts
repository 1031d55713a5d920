/**
 * The front door's channels and screening through app.inject against a real database: a school's referral with
 * people described, the screener matching them, information requests answered from an agency's queue with
 * reminders and escalation, police files (the Gen 117 then DASH case, a rejected file), RAG and outcomes.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, one, rows } from '../../db/client.js';
import { type TestApp, type TestClient, createTestApp, location } from '../../../test/support/app.js';

let t: TestApp;
let db: Database;
let dsl: TestClient;
let screener: TestClient;
let police: TestClient;
let health: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  db = t.db.db;
  dsl = await t.as('dsl');
  screener = await t.as('screener');
  police = await t.as('police');
  health = await t.as('health');
});
afterAll(async () => t.close());

const now = new Date();
const received = {
  'receivedAt-day': String(now.getDate()),
  'receivedAt-month': String(now.getMonth() + 1),
  'receivedAt-year': String(now.getFullYear()),
  'receivedAt-hour': '00',
  'receivedAt-minute': '05',
};

async function referral(): Promise<string> {
  const res = await dsl.post('/contacts/new', {
    contactType: 'child',
    sourceCode: '2A',
    referrerName: 'Dana Lead',
    referrerRole: 'Designated safeguarding lead',
    referrerEmail: 'dana.lead@school.example',
    ...received,
    concerns: ['neglect', 'domestic_abuse'],
    narrative: 'Child arrived hungry three days running and spoke about shouting at home.',
    worriedAbout: 'Shouting at home and no food.',
    workingWell: 'Attends every day; close to the class teacher.',
    needsToHappen: 'Someone to talk to mum about support.',
    consent: 'given',
  });
  expect(res.statusCode).toBe(303);
  const id = location(res).split('/')[2]!;
  return id;
}

describe('a professional’s referral', () => {
  it('describes people without searching the register, needs each child’s voice, and is matched by the screener', async () => {
    const id = await referral();
    const people = await dsl.get(`/contacts/${id}/people`);
    expect(people.body).toContain('Tell us about a person');
    expect(people.body).not.toContain('Find a person');
    // bad input: every problem at once, nothing saved
    const bad = await dsl.post(`/contacts/${id}/people/describe`, { role: 'subject_child', givenNames: '', familyName: 'Brook<script>', dobPrecision: 'exact', gender: '', nhsNumber: '123' });
    expect(bad.statusCode).toBe(400);
    for (const message of ['Enter the person’s first name', 'Select the person’s gender', 'Enter a valid 10-digit NHS number', 'Enter what the child said']) expect(bad.body).toContain(message);
    expect((await one<{ n: number }>(db, sql`select count(*)::int as n from contact_named_person where contact_id = ${id}`))!.n).toBe(0);
    const child = await dsl.post(`/contacts/${id}/people/describe`, {
      role: 'subject_child', givenNames: 'Rowan', familyName: 'Fixturefield', dobPrecision: 'exact', 'dateOfBirth-day': '4', 'dateOfBirth-month': '5', 'dateOfBirth-year': '2017',
      gender: 'female', postcode: 'FM1 2AB', addressLine1: '3 Bracken Way', school: 'Bracken Way Primary School', childVoice: 'Said “mummy cries a lot”', childDemeanour: 'Withdrawn, hungry',
    });
    expect(child.statusCode).toBe(303);
    await dsl.post(`/contacts/${id}/people/describe`, { role: 'parent_carer', givenNames: 'Jo', familyName: 'Fixturefield', dobPrecision: 'estimated', gender: 'female' });
    const check = await dsl.get(`/contacts/${id}/check`);
    expect(check.body).toContain('Rowan Fixturefield');
    expect(check.body).toContain('What is working well');
    const submitted = await dsl.post(`/contacts/${id}/submit`);
    expect(location(submitted)).toBe(`/contacts/${id}/confirmation`);
    const stored = (await one<{ channel: string; status: string; working_well: string }>(db, sql`select channel, status, working_well from contact where id = ${id}`))!;
    expect(stored).toEqual({ channel: 'form', status: 'open', working_well: 'Attends every day; close to the class teacher.' });

    // the screener sees who to match, and cannot decide until everyone is matched
    const page = await screener.get(`/contacts/${id}`);
    expect(page.body).toContain('People to match to the register');
    const early = await screener.post(`/contacts/${id}/screening`, { thresholdLevel: '2', outcome: 'early_help', rationale: 'Support needed' });
    expect(early.statusCode).toBe(409);
    expect(early.body).toContain('Match the 2 people named in the contact to the register before deciding');
    const named = await rows<{ id: string; given_names: string }>(db, sql`select id, given_names from contact_named_person where contact_id = ${id} order by position`);
    for (const n of named) {
      const match = await screener.get(`/contacts/${id}/named/${n.id}`);
      expect(match.statusCode).toBe(200);
      expect(match.body).toContain(`Who is ${n.given_names} Fixturefield?`);
      const bad = await screener.post(`/contacts/${id}/named/${n.id}`, { personId: 'somebody' });
      expect(bad.statusCode).toBe(400);
      expect((await screener.post(`/contacts/${id}/named/${n.id}`, { personId: 'new' })).statusCode).toBe(303);
    }
    const subjects = await rows<{ role: string; child_voice: string | null }>(db, sql`select role, child_voice from contact_subject where contact_id = ${id} order by role desc`);
    expect(subjects).toEqual([{ role: 'subject_child', child_voice: 'Said “mummy cries a lot”' }, { role: 'parent_carer', child_voice: null }]);
    // the DSL cannot match people (not the owning agency)
    expect((await dsl.get(`/contacts/${id}/named/${named[0]!.id}`)).statusCode).toBe(403);
    const decided = await screener.post(`/contacts/${id}/screening`, { thresholdLevel: '2', outcome: 'early_help', rationale: 'Support needed' });
    expect(decided.statusCode).toBe(303);
  });
});

describe('information requests', () => {
  it('asks police and health with a red deadline; each answers from its queue, seeing only what it needs', async () => {
    const id = await referral();
    await dsl.post(`/contacts/${id}/people/describe`, { role: 'subject_child', givenNames: 'Ash', familyName: 'Queueworth', dobPrecision: 'exact', 'dateOfBirth-day': '1', 'dateOfBirth-month': '2', 'dateOfBirth-year': '2016', gender: 'male', childVoice: 'Did not want to talk', childDemeanour: 'Anxious' });
    await dsl.post(`/contacts/${id}/submit`);
    const agencies = await rows<{ id: string; type: string }>(db, sql`select id, type from agency where type in ('police', 'health') order by type`);
    const missing = await screener.post(`/contacts/${id}/information-requests`, { rag: 'red', questions: '' });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('Select at least one agency to ask');
    expect(missing.body).toContain('Enter the questions you want answered');
    const csc = (await one<{ id: string }>(db, sql`select id from agency where type = 'children_social_care' limit 1`))!;
    expect((await screener.post(`/contacts/${id}/information-requests`, { agencyIds: csc.id, rag: 'red', questions: 'Known?' })).statusCode).toBe(409);
    const asked = await screener.post(`/contacts/${id}/information-requests`, { agencyIds: agencies.map((a) => a.id), rag: 'red', questions: 'Any incidents at the address in the last year?' });
    expect(asked.statusCode).toBe(303);
    const made = await rows<{ id: string; agency_id: string; requested_at: string; due_at: string }>(db, sql`select id, agency_id, requested_at, due_at from info_request where contact_id = ${id}`);
    expect(made).toHaveLength(2);
    // asking the same agency again while a request is open is refused
    const again = await screener.post(`/contacts/${id}/information-requests`, { agencyIds: agencies[0]!.id, rag: 'green', questions: 'Again' });
    expect(again.statusCode).toBe(409);
    // each asked agency's users are told in the app and by email (through the outbox)
    const policeUser = await t.userId('police');
    expect((await one<{ n: number }>(db, sql`select count(*)::int as n from notification where user_id = ${policeUser} and link like '/information-requests/%'`))!.n).toBeGreaterThan(0);
    expect((await one<{ n: number }>(db, sql`select count(*)::int as n from outbox_message where template = 'info_request.new'`))!.n).toBeGreaterThan(0);

    const policeRequest = made.find((r) => r.agency_id === agencies.find((a) => a.type === 'police')!.id)!;
    // the queue is earliest deadline first, 25 a page: the request is on the page its place in that order says
    const before = await one<{ n: number }>(
      db,
      sql`select count(*)::int as n from info_request r where r.agency_id = ${policeRequest.agency_id} and r.status = 'open'
            and (r.due_at, r.requested_at, r.id) < (${policeRequest.due_at}::timestamptz, ${policeRequest.requested_at}::timestamptz, ${policeRequest.id}::uuid)`,
    );
    const queue = await police.get(`/information-requests?page=${Math.floor(before!.n / 25) + 1}`);
    expect(queue.statusCode).toBe(200);
    const found = queue.body.includes(`/information-requests/${policeRequest.id}`);
    expect(found).toBe(true);
    const answerPage = await police.get(`/information-requests/${policeRequest.id}`);
    expect(answerPage.body).toContain('Any incidents at the address in the last year?');
    expect(answerPage.body).toContain('Ash Queueworth');
    expect(answerPage.body).not.toContain('Child arrived hungry');
    // the police cannot open the contact itself
    expect((await police.get(`/contacts/${id}`)).statusCode).toBe(403);
    // health cannot answer the police's request
    expect((await health.get(`/information-requests/${policeRequest.id}`)).statusCode).toBe(403);
    expect((await health.post(`/information-requests/${policeRequest.id}`, { knownToAgency: 'not_known', answer: 'x' })).statusCode).toBe(403);
    const badAnswer = await police.post(`/information-requests/${policeRequest.id}`, { knownToAgency: 'maybe', riskIndicators: ['none', 'violence'], answer: '' });
    expect(badAnswer.statusCode).toBe(400);
    expect(badAnswer.body).toContain('Select whether the people are known to your agency');
    const answered = await police.post(`/information-requests/${policeRequest.id}`, { knownToAgency: 'known_past', riskIndicators: ['domestic_abuse'], answer: 'Two call-outs for verbal arguments, last in March.' });
    expect(answered.statusCode).toBe(303);
    const contactPage = await screener.get(`/contacts/${id}`);
    expect(contactPage.body).toContain('Answered in time');
    const read = await screener.get(`/information-requests/${policeRequest.id}`);
    expect(read.body).toContain('Two call-outs for verbal arguments');
    // the answer counts in the information-requests measure, by the answering agency
    const tenant = (await one<{ tenant_id: string }>(db, sql`select tenant_id from contact where id = ${id}`))!.tenant_id;
    await t.app.services.measures.refresh(tenant);
    const fact = await one<{ numerator: boolean; agency_id: string }>(db, sql`select numerator, agency_id from measure_fact where measure_id = 'info_requests_in_time' and record_id = ${policeRequest.id}`);
    expect(fact).toEqual({ numerator: true, agency_id: policeRequest.agency_id });
    const analyst = await t.as('analyst');
    const timeliness = await analyst.get(`/measures/timeliness?period=${new Date(policeRequest.due_at).toISOString().slice(0, 7)}`);
    expect(timeliness.statusCode).toBe(200);
    for (const title of ['Screening decisions within 1 working day', 'Information requests answered in time', 'Days from incident to receipt']) expect(timeliness.body).toContain(title);
    expect(timeliness.body).toContain('Fernmoor Constabulary');
    // working hours: a red request is due within 4 working hours of being asked
    const span = new Date(policeRequest.due_at).getTime() - new Date(policeRequest.requested_at).getTime();
    expect(span).toBeGreaterThanOrEqual(4 * 3_600_000 - 1000); // deadlines are kept to the second
  });

  it('reminds the agency before the deadline and escalates to its manager after it, once each', async () => {
    const id = await referral();
    await dsl.post(`/contacts/${id}/people/describe`, { role: 'subject_child', givenNames: 'Kit', familyName: 'Sweepley', dobPrecision: 'estimated', gender: 'male', childVoice: 'Not seen', childDemeanour: 'Not seen' });
    await dsl.post(`/contacts/${id}/submit`);
    const policeAgency = (await one<{ id: string }>(db, sql`select id from agency where type = 'police' limit 1`))!;
    await screener.post(`/contacts/${id}/information-requests`, { agencyIds: policeAgency.id, rag: 'amber', questions: 'Known to you?' });
    const request = (await one<{ id: string }>(db, sql`select id from info_request where contact_id = ${id}`))!;
    // three quarters of the time gone
    await db.execute(sql`update info_request set requested_at = now() - interval '8 hours', due_at = now() + interval '1 hour' where id = ${request.id}`);
    // (the demo's own requests are swept too, so this one is followed by its row and its messages)
    const state = () => one<{ reminded_at: string | null; escalated_at: string | null }>(db, sql`select reminded_at, escalated_at from info_request where id = ${request.id}`);
    const messages = async (template: string) => Number((await one<{ n: number }>(db, sql`select count(*)::int as n from outbox_message where template = ${template} and personalisation->>'link' like ${`%${request.id}`}`))!.n);
    await t.app.services.infoRequests.sweepOnce();
    const reminded = await state();
    expect(reminded!.reminded_at).not.toBeNull();
    expect(reminded!.escalated_at).toBeNull();
    await t.app.services.infoRequests.sweepOnce();
    expect(await state()).toEqual(reminded);
    const policeUsers = await messages('info_request.reminder');
    expect(policeUsers).toBeGreaterThan(0);
    await db.execute(sql`update info_request set due_at = now() - interval '1 minute' where id = ${request.id}`);
    await t.app.services.infoRequests.sweepOnce();
    await t.app.services.infoRequests.sweepOnce();
    expect((await state())!.escalated_at).not.toBeNull();
    expect(await messages('info_request.reminder')).toBe(policeUsers);
    expect(await messages('info_request.escalation')).toBe(1);
    const managerId = await t.userId('police-manager');
    const told = await rows<{ title: string }>(db, sql`select title from notification where user_id = ${managerId}`);
    expect(told.some((n) => n.title.startsWith('Overdue information request'))).toBe(true);
  });
});

const CSV_HEADER = 'police_reference,notification_type,incident_at,incident_postcode,risk_level,officer_name,concerns,narrative,consent,person1_role,person1_given_names,person1_family_name,person1_date_of_birth,person1_gender,person1_child_voice,person1_child_demeanour,person2_role,person2_given_names,person2_family_name,person2_date_of_birth,person2_gender';

function csvRow(ref: string, type: string, extra: Partial<Record<string, string>> = {}) {
  const cells = {
    ref,
    type,
    at: '06/11/2026 22:40',
    postcode: 'FM3 1HP',
    risk: type === 'dash' ? 'high' : 'medium',
    officer: 'PC Example',
    concerns: 'domestic_abuse',
    narrative: type === 'dash' ? '"DASH completed: 15 yes answers, visible high risk."' : '"Police attended; child present, shouting heard."',
    consent: 'not_sought',
    role: 'subject_child',
    given: 'Morgan',
    family: 'Filewright',
    dob: '12/08/2018',
    gender: 'male',
    voice: 'Said they were scared',
    demeanour: 'Crying',
    ...extra,
  };
  return [cells.ref, cells.type, cells.at, cells.postcode, cells.risk, cells.officer, cells.concerns, cells.narrative, cells.consent, cells.role, cells.given, cells.family, cells.dob, cells.gender, cells.voice, cells.demeanour, 'parent_carer', 'Sam', 'Filewright', '01/01/1990', 'female'].join(',');
}

describe('police notification files', () => {
  async function upload(name: string, content: string) {
    const agency = (await one<{ id: string }>(db, sql`select id from agency where type = 'police' limit 1`))!;
    const res = await police.upload('/contacts/import', { agencyId: agency.id }, { field: 'file', name, content });
    expect(res.statusCode, res.body.slice(0, 500)).toBe(303);
    await t.app.services.imports.settle();
    return location(res);
  }

  it('makes one contact from a Gen 117 and the later DASH for the same incident, with both attached', async () => {
    const before = Number((await one<{ n: number }>(db, sql`select count(*)::int as n from contact`))!.n);
    const jobUrl = await upload('notifications.csv', [CSV_HEADER, csvRow('FM/26/881001', 'gen117'), csvRow('FM/26/881001', 'dash')].join('\n'));
    const page = await police.get(jobUrl);
    expect(page.body).toContain('Notifications imported');
    expect(Number((await one<{ n: number }>(db, sql`select count(*)::int as n from contact`))!.n)).toBe(before + 1);
    const contact = (await one<{ id: string; channel: string; rag: string }>(db, sql`select c.id, c.channel, c.rag from contact c join incident i on i.contact_id = c.id where i.police_reference = 'FM26881001'`))!;
    expect(contact).toMatchObject({ channel: 'bulk', rag: 'amber' });
    const updates = await rows<{ notification_type: string; matched_by: string }>(db, sql`select notification_type, matched_by from contact_update where contact_id = ${contact.id}`);
    expect(updates).toEqual([{ notification_type: 'dash', matched_by: 'same_police_reference' }]);
    // one audit event for the file, and every contact and update made carries the job, so the event accounts for them
    const jobId = jobUrl.split('/').pop()!;
    const events = await rows<{ details: { created: number; attached: number } }>(db, sql`select details from audit_event where action = 'contact.imported' and record_id = ${jobId}`);
    expect(events.map((e) => e.details)).toEqual([expect.objectContaining({ created: 1, attached: 1 })]);
    expect((await one<{ n: number }>(db, sql`select count(*)::int as n from contact where import_job_id = ${jobId}`))!.n).toBe(1);
    expect((await one<{ n: number }>(db, sql`select count(*)::int as n from contact_update where import_job_id = ${jobId}`))!.n).toBe(1);
    const screen = await screener.get(`/contacts/${contact.id}`);
    expect(screen.body).toContain('Also reported');
    expect(screen.body).toContain('DASH completed: 15 yes answers');
    // a later file with another DASH for the incident attaches too
    await upload('later.json', JSON.stringify([{ contactType: 'child', notificationType: 'dash', incident: { policeReference: 'FM 26 881001' }, concerns: ['domestic_abuse'], narrative: 'Updated DASH', consent: 'not_sought', people: [{ role: 'subject_child', givenNames: 'Morgan', familyName: 'Filewright', childVoice: 'x', childDemeanour: 'y' }] }]));
    expect((await rows(db, sql`select 1 from contact_update where contact_id = ${contact.id}`)).length).toBe(2);
  });

  it('rejects a file with any bad row, naming each row and column, and saves nothing from it', async () => {
    const before = Number((await one<{ n: number }>(db, sql`select count(*)::int as n from contact`))!.n);
    const content = [
      CSV_HEADER,
      csvRow('FM/26/990001', 'gen117'),
      csvRow('FM/26/990002', 'gen117', { dob: '31/02/2018', voice: '' }),
      csvRow('FM/26/990003', 'gen117', { concerns: 'sadness', at: 'last night' }),
    ].join('\n');
    const jobUrl = await upload('bad.csv', content);
    const page = await police.get(jobUrl);
    expect(page.body).toContain('The file was not imported');
    for (const cell of ['person1_date_of_birth', 'person1_child_voice', 'concerns', 'incident_at']) expect(page.body).toContain(cell);
    expect(page.body).toMatch(/<td class="govuk-table__cell">3<\/td>/);
    expect(page.body).toMatch(/<td class="govuk-table__cell">4<\/td>/);
    expect(Number((await one<{ n: number }>(db, sql`select count(*)::int as n from contact`))!.n)).toBe(before);
    expect((await rows(db, sql`select 1 from incident where police_reference = 'FM26990001'`)).length).toBe(0);
    const unknownColumn = await police.get(await upload('odd.csv', 'police_reference,shoe_size\nX,9'));
    expect(unknownColumn.body).toContain('Unknown column “shoe_size”');
    const notJson = await police.get(await upload('broken.json', '[{"contactType":'));
    expect(notJson.body).toContain('The file is not valid JSON');
  });

  it('asks for a force and a file, and only the uploader sees the job', async () => {
    const res = await police.upload('/contacts/import', { agencyId: '' }, { field: 'file', name: 'empty.csv', content: '' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Select the police force');
    expect(res.body).toContain('Select a CSV or JSON file');
    const job = (await one<{ id: string }>(db, sql`select id from import_job order by created_at desc limit 1`))!;
    expect((await screener.get(`/contacts/import/${job.id}`)).statusCode).toBe(404);
    expect((await dsl.get('/contacts/import')).statusCode).toBe(403);
  });
});

describe('screening', () => {
  it('rates urgency, and records a transfer to another area with where it went', async () => {
    const open = (await one<{ id: string }>(db, sql`select c.id from contact c join agency a on a.id = c.owning_agency_id where c.status = 'open' and c.contact_type = 'child' and a.type = 'children_social_care'
                                                   and not exists (select 1 from contact_named_person n where n.contact_id = c.id and n.person_id is null) limit 1`))!;
    expect((await screener.post(`/contacts/${open.id}/rag`, { rag: 'purple' })).statusCode).toBe(400);
    expect((await screener.post(`/contacts/${open.id}/rag`, { rag: 'red' })).statusCode).toBe(303);
    expect((await one<{ rag: string }>(db, sql`select rag from contact where id = ${open.id}`))!.rag).toBe('red');
    const missing = await screener.post(`/contacts/${open.id}/screening`, { thresholdLevel: '2', outcome: 'transfer_area', rationale: 'Family moved' });
    expect(missing.body).toContain('Enter the authority or agency the contact was passed to');
    const moved = await screener.post(`/contacts/${open.id}/screening`, { thresholdLevel: '2', outcome: 'transfer_area', rationale: 'Family moved', passedTo: 'Elsewhere Borough Council, duty team' });
    expect(moved.statusCode).toBe(303);
    expect((await one<{ passed_to: string }>(db, sql`select passed_to from screening_decision where contact_id = ${open.id}`))!.passed_to).toBe('Elsewhere Borough Council, duty team');
    // the managers who can authorise it are told, in the app and by email
    const managerId = await t.userId('manager');
    expect((await one<{ n: number }>(db, sql`select count(*)::int as n from notification where user_id = ${managerId} and link = ${`/contacts/${open.id}#authorise`}`))!.n).toBe(1);
    expect((await one<{ n: number }>(db, sql`select count(*)::int as n from outbox_message where template = 'contact.decision_needs_authorisation' and personalisation->>'link' like ${`%${open.id}`}`))!.n).toBeGreaterThan(0);
  });

  it('hands a contact to adult safeguarding on authorisation: the adult team can open it, has a concern on its worklist and is told', async () => {
    const open = (await one<{ id: string }>(db, sql`select c.id from contact c join agency a on a.id = c.owning_agency_id where c.status = 'open' and a.type = 'children_social_care'
                                                   and not exists (select 1 from contact_named_person n where n.contact_id = c.id and n.person_id is null) order by c.received_at desc limit 1`))!;
    const adults = await t.as('adults');
    expect((await adults.get(`/contacts/${open.id}`)).statusCode).toBe(403);
    expect((await screener.post(`/contacts/${open.id}/screening`, { thresholdLevel: '3', outcome: 'adult_safeguarding', rationale: 'The concern is about the mother, an adult at risk' })).statusCode).toBe(303);
    const manager = await t.as('manager');
    expect((await manager.post(`/contacts/${open.id}/authorisation`, { decision: 'authorise' })).statusCode).toBe(303);
    expect((await adults.get(`/contacts/${open.id}`)).statusCode).toBe(200);
    const adultsId = await t.userId('adults');
    const concern = (await one<{ id: string }>(db, sql`select id from adult_concern where contact_id = ${open.id}`))!;
    expect((await one<{ n: number }>(db, sql`select count(*)::int as n from notification where user_id = ${adultsId} and link = ${`/adults/concerns/${concern.id}`}`))!.n).toBe(1);
  });
});
