/**
 * Adult safeguarding through app.inject against a real database: a care home's concern about a resident arrives at
 * the adult front door (agency system) and is on the adult team's worklist at once; the three-point test is met; a
 * manager authorises the s42 enquiry; the plan records capacity, the advocate and what the adult wants; police and the
 * provider contribute (each seeing only its own request); a decision making meeting with the advocate and an outcome
 * meeting; the risk is reduced and outcomes partly achieved. The MASH hand-off makes a concern in the same
 * transaction as the authorisation. Bad input is refused with specific messages and nothing saved.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, one, rows } from '../../db/client.js';
import { type TestApp, type TestClient, createTestApp } from '../../../test/support/app.js';

let t: TestApp;
let db: Database;
let adults: TestClient;
let manager: TestClient;
let tenantId: string;
let ids: Record<string, string>;

const DATE = (prefix: string, d: Date) => ({
  [`${prefix}-day`]: String(d.getUTCDate()),
  [`${prefix}-month`]: String(d.getUTCMonth() + 1),
  [`${prefix}-year`]: String(d.getUTCFullYear()),
  [`${prefix}-hour`]: '10',
  [`${prefix}-minute`]: '0',
});

async function agency(where: ReturnType<typeof sql>): Promise<string> {
  return (await one<{ id: string }>(db, sql`select id from agency where ${where} limit 1`))!.id;
}

/** A concern from Heathervale Care Home about a resident, sent through the front door as an agency system sends it. */
async function careHomeConcern(name: { given: string; family: string }): Promise<{ contactId: string; concernId: string }> {
  const received = await t.app.services.intake.receive(
    { actor: { userId: null, tenantId, agencyId: ids.heathervale!, roles: [], requestId: null }, tenantId, channel: 'api', sourceAgencyId: ids.heathervale!, createdByUserId: null, apiClientId: null },
    {
      contactType: 'adult', notificationType: 'general', sourceCode: '2B', referrer: { name: 'Registered manager (synthetic)', role: 'Registered manager', phone: null, email: null }, receivedAt: new Date(),
      incident: null, riskLevel: null, domesticAbuse: null, concerns: ['neglect'],
      narrative: 'Night staff found the resident in wet bedding at 06:00; the 02:00 check was signed for but not done. Two bruises on the forearm.',
      worriedAbout: null, workingWell: null, needsToHappen: null, consent: 'not_sought', consentLawfulBasis: null, consentReason: null, restricted: false,
      people: [{ role: 'subject_adult', givenNames: name.given, familyName: name.family, dateOfBirth: '1938-04-12', dobPrecision: 'exact', gender: 'female', nhsNumber: null, addressLine1: null, postcode: null, school: null, daRole: null, riskLevel: null, childVoice: 'I don’t want any fuss, but I want to feel safe at night.', childDemeanour: null }],
    },
  );
  if ('problem' in received) throw new Error(received.problem);
  const contactId = received.received.contactId;
  const concern = await one<{ id: string }>(db, sql`select id from adult_concern where contact_id = ${contactId}`);
  return { contactId, concernId: concern!.id };
}

beforeAll(async () => {
  t = await createTestApp();
  db = t.db.db;
  adults = await t.as('adults');
  manager = await t.as('adults-manager');
  const u = (await one<{ tenant_id: string }>(db, sql`select tenant_id from app_user where email = 'adults@demo.threshold.test'`))!;
  tenantId = u.tenant_id;
  ids = {
    heathervale: await agency(sql`name = 'Heathervale Care Home'`),
    police: await agency(sql`type = 'police'`),
    health: await agency(sql`type = 'health'`),
  };
});
afterAll(async () => t?.close());

describe('a care home’s concern about a resident, to an s42 enquiry and its outcome', () => {
  let concernId: string;

  it('arrives from the adult front door and is on the adult team’s worklist at once, with the adult’s own view', async () => {
    ({ concernId } = await careHomeConcern({ given: 'Edith', family: 'Marlowe' }));
    const c = (await one<{ channel: string; source_code: string; source_agency_id: string; persons_view: string; status: string; decision_due_at: Date; received_at: Date }>(
      db, sql`select channel, source_code, source_agency_id, persons_view, status, decision_due_at, received_at from adult_concern where id = ${concernId}`))!;
    expect(c).toMatchObject({ channel: 'front_door', source_code: 'social_care_residential', source_agency_id: ids.heathervale, status: 'open' });
    expect(c.persons_view).toContain('feel safe at night');
    expect(new Date(c.decision_due_at).getTime()).toBeGreaterThan(new Date(c.received_at).getTime());
    const list = await adults.get('/adults');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Edith Marlowe');
    const adultsId = await t.userId('adults');
    expect((await one<{ n: number }>(db, sql`select count(*)::int as n from notification where user_id = ${adultsId} and link = ${`/adults/concerns/${concernId}`}`))!.n).toBe(1);
    // before an enquiry, the concern has a summary and its details only
    expect((await adults.get(`/adults/concerns/${concernId}/record/concern`)).statusCode).toBe(200);
    expect((await adults.get(`/adults/concerns/${concernId}/record/enquiry`)).statusCode).toBe(404);
  });

  it('refuses an s42 decision before the test is settled, and a test without reasons, saying why', async () => {
    const noReasons = await adults.post(`/adults/concerns/${concernId}/three-point-test`, { needs: 'yes', abuse: 'yes', protect: 'unknown' });
    expect(noReasons.statusCode).toBe(400);
    expect(noReasons.body).toContain('Enter the reasons for your answer: care and support needs');
    const partial = await adults.post(`/adults/concerns/${concernId}/three-point-test`, { needs: 'yes', needsReason: 'Dementia; full personal care', abuse: 'yes', abuseReason: 'Missed checks and bruising', protect: 'unknown', protectReason: 'Not yet seen' });
    expect(partial.statusCode).toBe(303);
    const early = await adults.post(`/adults/concerns/${concernId}/decision`, { decision: 's42_enquiry', reason: 'Neglect in a care home' });
    expect(early.statusCode).toBe(409);
    expect(early.body).toContain('Settle the three-point test before deciding on a section 42 enquiry');
    const advice = await adults.post(`/adults/concerns/${concernId}/decision`, { decision: 'information_advice', reason: 'x' });
    expect(advice.statusCode).toBe(409);
    expect(advice.body).toContain('Select the team or service you are signposting to');
    expect((await one<{ status: string }>(db, sql`select status from adult_concern where id = ${concernId}`))!.status).toBe('open');
  });

  it('records the test met, proposes an s42 enquiry, and a manager authorises it (not the worker)', async () => {
    expect((await adults.post(`/adults/concerns/${concernId}/three-point-test`, {
      needs: 'yes', needsReason: 'Dementia; needs full personal care', abuse: 'yes', abuseReason: 'Missed night checks and unexplained bruising', protect: 'yes', protectReason: 'Cannot use the call bell or tell staff',
    })).statusCode).toBe(303);
    expect((await adults.post(`/adults/concerns/${concernId}/decision`, { decision: 's42_enquiry', reason: 'All three points met: neglect by the provider' })).statusCode).toBe(303);
    expect((await adults.get(`/adults/concerns/${concernId}/authorisation`)).statusCode).toBe(403);
    const page = await manager.get(`/adults/concerns/${concernId}/authorisation`);
    expect(page.body).toContain('All three points met');
    expect((await manager.post(`/adults/concerns/${concernId}/authorisation`, { decision: 'return' })).body).toContain('Say why you are returning the decision');
    expect((await manager.post(`/adults/concerns/${concernId}/authorisation`, { decision: 'authorise' })).statusCode).toBe(303);
    const e = await one<{ kind: string; status: string }>(db, sql`select kind, status from adult_enquiry where concern_id = ${concernId}`);
    expect(e).toEqual({ kind: 's42', status: 'open' });
    // the contact it came from leaves the front door's worklist, decided and authorised with the matching outcome
    const contact = await one<{ status: string; outcome: string; authorisation: string }>(db, sql`select c.status, d.outcome, d.authorisation from adult_concern a join contact c on c.id = a.contact_id
      join screening_decision d on d.contact_id = c.id where a.id = ${concernId}`);
    expect(contact).toEqual({ status: 'decided', outcome: 'adult_safeguarding', authorisation: 'authorised' });
  });

  it('plans the enquiry: consent, capacity, an advocate, and what the adult wants in her words', async () => {
    const missing = await adults.post(`/adults/concerns/${concernId}/enquiry/plan`, { leadKind: 'adult_team', consent: 'lacks_capacity', capacity: 'lacks_capacity', primarySupportReason: 'memory_cognition', mspAsked: 'asked_expressed' });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('Enter the outcomes the adult wants, in their words');
    expect(missing.body).toContain('Select who will support the adult, who lacks capacity, through the enquiry');
    expect((await adults.post(`/adults/concerns/${concernId}/enquiry/plan`, {
      leadKind: 'adult_team', consent: 'lacks_capacity', capacity: 'lacks_capacity', capacityNote: 'Capacity assessment 3 June: cannot weigh the information', primarySupportReason: 'memory_cognition',
      advocacy: 's68_independent', advocateName: 'Rowan Advocate (synthetic)', mspAsked: 'asked_expressed', desiredOutcomes: 'To feel safe at night and for someone to come when I call.',
    })).statusCode).toBe(303);
    expect((await adults.post(`/adults/concerns/${concernId}/enquiry/risks`, { type: 'neglect', location: 'care_home_residential', source: 'service_provider', description: 'Night checks not done' })).statusCode).toBe(303);
    expect((await adults.post(`/adults/concerns/${concernId}/enquiry/risks`, { type: 'physical', location: 'nowhere', source: 'service_provider' })).body).toContain('Select where the risk is');
  });

  it('asks the police and the provider to contribute; each answers its own request and sees nothing else of the enquiry', async () => {
    expect((await adults.post(`/adults/concerns/${concernId}/enquiry/contributions`, { agencyIds: [ids.police!, ids.heathervale!], question: 'What do your records show about night care and the bruising?' })).statusCode).toBe(303);
    const requests = await rows<{ id: string; agency_id: string }>(db, sql`select k.id, k.agency_id from adult_contribution k join adult_enquiry e on e.id = k.enquiry_id where e.concern_id = ${concernId}`);
    expect(requests).toHaveLength(2);
    const police = await t.as('police');
    const provider = await t.as('provider');
    const forPolice = requests.find((r) => r.agency_id === ids.police)!;
    const forProvider = requests.find((r) => r.agency_id === ids.heathervale)!;
    expect((await police.get('/adults/contributions')).body).toContain('What do your records show');
    expect((await provider.get(`/adults/contributions/${forPolice.id}`)).statusCode).toBe(404);
    expect((await provider.post(`/adults/contributions/${forPolice.id}`, { answer: 'x' })).statusCode).toBe(404);
    expect((await provider.get(`/adults/concerns/${concernId}`)).statusCode).toBe(403);
    expect((await police.post(`/adults/contributions/${forPolice.id}`, { answer: '' })).body).toContain('Enter your agency’s contribution');
    expect((await police.post(`/adults/contributions/${forPolice.id}`, { answer: 'No crime reported; officers attended once in 2025 for a fall.' })).statusCode).toBe(303);
    expect((await provider.post(`/adults/contributions/${forProvider.id}`, { answer: 'Night rota short-staffed on three nights; agency staff used.' })).statusCode).toBe(303);
    expect((await police.post(`/adults/contributions/${forPolice.id}`, { answer: 'again' })).statusCode).toBe(409);
    const page = await adults.get(`/adults/concerns/${concernId}/record/contributions`);
    expect(page.body).toContain('Night rota short-staffed');
    expect((await adults.get(`/adults/concerns/${concernId}`)).body).toContain('2 of 2 answered');
    expect((await provider.get(`/adults/concerns/${concernId}/record/contributions`)).statusCode).toBe(403);
  });

  it('holds a decision making meeting with the advocate; minutes only for the agencies that attended', async () => {
    // Two days ago at 10:00, and the outcome meeting a day later: both in the past and in order at any time of day.
    const held = new Date(Date.now() - 2 * 86_400_000);
    const bad = await adults.post(`/adults/concerns/${concernId}/enquiry/meetings`, { kind: 'decision_making', ...DATE('heldAt', held), personAttendance: 'absent', advocateName: 'Rowan Advocate (synthetic)', personsVoice: 'x', decisions: 'y', action1: 'Review the night rota' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Select whether the advocate attended');
    expect(bad.body).toContain('Select the agency that owns action 1');
    expect((await adults.post(`/adults/concerns/${concernId}/enquiry/meetings`, {
      kind: 'decision_making', ...DATE('heldAt', held), personAttendance: 'absent', advocateName: 'Rowan Advocate (synthetic)', advocateAttendance: 'attended',
      agenciesAttended: [ids.police!], agenciesApologies: [ids.health!],
      personsVoice: 'Her advocate said she wants to stay at Heathervale but to feel safe at night.', decisions: 'Enquiry continues; provider to review night checks.',
      minutes: 'Confidential minutes (synthetic).', action1: 'Review the night rota and call bell checks', action1Owner: ids.heathervale!, ...DATE('action1Due', new Date(Date.now() + 7 * 86_400_000)),
    })).statusCode).toBe(303);
    const meeting = (await one<{ id: string }>(db, sql`select m.id from adult_meeting m join adult_enquiry e on e.id = m.enquiry_id where e.concern_id = ${concernId}`))!;
    const police = await t.as('police');
    // the police raised nothing and lead nothing: they contribute, and see the request, not the concern
    expect((await police.get(`/adults/concerns/${concernId}/enquiry/meetings/${meeting.id}`)).statusCode).toBe(403);
    const own = await adults.get(`/adults/concerns/${concernId}/enquiry/meetings/${meeting.id}`);
    expect(own.body).toContain('Confidential minutes');
    expect(own.body).toContain('Rowan Advocate (synthetic) (advocate)');
  });

  it('concludes with the risk reduced and outcomes partly achieved, after an outcome meeting', async () => {
    expect((await adults.post(`/adults/concerns/${concernId}/enquiry/meetings`, {
      kind: 'outcome', ...DATE('heldAt', new Date(Date.now() - 86_400_000)), personAttendance: 'attended', advocateName: 'Rowan Advocate (synthetic)', advocateAttendance: 'attended',
      personsVoice: 'She said nights are better but she still waits for the bell.', decisions: 'Risk reduced; close with contract monitoring.',
    })).statusCode).toBe(303);
    const incomplete = await adults.post(`/adults/concerns/${concernId}/enquiry/outcome`, { result1: 'reduced', conclusion: 'Done' });
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.body).toContain('Select whether action was taken about risk 1');
    const noAchieved = await adults.post(`/adults/concerns/${concernId}/enquiry/outcome`, { result1: 'reduced', action1: 'yes', conclusion: 'Done' });
    expect(noAchieved.statusCode).toBe(409);
    expect(noAchieved.body).toContain('Record how far the outcomes the adult wanted were achieved');
    expect((await adults.post(`/adults/concerns/${concernId}/enquiry/outcome`, {
      result1: 'reduced', action1: 'yes', actionNote1: 'Night checks audited weekly', outcomesAchieved: 'partially', sanctions: ['contract_action'], conclusion: 'Neglect substantiated; risk reduced by the provider’s action plan.',
    })).statusCode).toBe(303);
    const e = await one<{ status: string; outcomes_achieved: string; sanctions: string[] }>(db, sql`select status, outcomes_achieved, sanctions from adult_enquiry where concern_id = ${concernId}`);
    expect(e).toEqual({ status: 'concluded', outcomes_achieved: 'partially', sanctions: ['contract_action'] });
    const r = await one<{ result: string; action_taken: boolean }>(db, sql`select r.result, r.action_taken from adult_risk r join adult_enquiry e on e.id = r.enquiry_id where e.concern_id = ${concernId}`);
    expect(r).toEqual({ result: 'reduced', action_taken: true });
    // the concluded concern: a summary (the decision and the outcome) and its parts on pages of their own
    const summary = (await adults.get(`/adults/concerns/${concernId}`)).body;
    expect(summary).toContain('moj-sub-navigation');
    expect(summary).toContain('Partially achieved');
    expect(summary).toContain('Risk reduced (action taken)');
    expect(summary).not.toContain('What the adult wants, in their words');
    for (const [part, text] of [['concern', 'Three-point test'], ['enquiry', 'What the adult wants, in their words'], ['meetings', 'Outcome meeting'], ['contributions', 'Partners’ contributions']] as const) {
      const got = await adults.get(`/adults/concerns/${concernId}/record/${part}`);
      expect(got.statusCode).toBe(200);
      expect(got.body).toContain(text);
      expect(got.body).toContain('aria-current="page"');
    }
    expect((await adults.post(`/adults/concerns/${concernId}/enquiry/risks`, { type: 'neglect', location: 'own_home', source: 'service_provider' })).statusCode).toBe(409);
    const actions = await rows<{ action: string }>(db, sql`select action from audit_event where record_id = ${concernId} and action like 'adult_%' order by occurred_at`);
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(['adult_concern.test_recorded', 'adult_concern.decision_proposed', 'adult_concern.decision_authorised', 'adult_enquiry.planned', 'adult_enquiry.meeting_recorded', 'adult_enquiry.concluded']));
  });
});

describe('the MASH hand-off', () => {
  it('makes the adult team’s concern in the same transaction as the authorisation', async () => {
    const open = (await one<{ id: string }>(db, sql`select c.id from contact c join agency a on a.id = c.owning_agency_id where c.status = 'open' and a.type = 'children_social_care'
                                                   and not exists (select 1 from contact_named_person n where n.contact_id = c.id and n.person_id is null) order by c.received_at desc offset 1 limit 1`))!;
    const screener = await t.as('screener');
    const mash = await t.as('manager');
    expect((await screener.post(`/contacts/${open.id}/screening`, { thresholdLevel: '3', outcome: 'adult_safeguarding', rationale: 'The concern is about the mother, an adult at risk' })).statusCode).toBe(303);
    expect(await one(db, sql`select id from adult_concern where contact_id = ${open.id}`)).toBeUndefined();
    expect((await mash.post(`/contacts/${open.id}/authorisation`, { decision: 'authorise' })).statusCode).toBe(303);
    const concern = (await one<{ id: string; channel: string; status: string; reference: string }>(db, sql`select id, channel, status, reference from adult_concern where contact_id = ${open.id}`))!;
    expect(concern).toMatchObject({ channel: 'mash_hand_off', status: 'open' });
    // one audit event accounts for the authorisation and the concern it made
    const event = (await one<{ details: Record<string, unknown> }>(db, sql`select details from audit_event where record_id = ${open.id} and action = 'contact.decision_authorised' order by occurred_at desc limit 1`))!;
    expect(event.details.adultConcernId).toBe(concern.id);
    expect((await adults.get('/adults')).body).toContain(concern.reference);
  });
});

describe('who may see a concern', () => {
  it('is refused to an agency that neither raised, owns nor leads it', async () => {
    const { concernId } = await careHomeConcern({ given: 'Harold', family: 'Pennick' });
    const health = await t.as('health');
    expect((await health.get(`/adults/concerns/${concernId}`)).statusCode).toBe(403);
    expect((await (await t.as('screener')).get(`/adults/concerns/${concernId}/three-point-test`)).statusCode).toBe(403);
  });
});
