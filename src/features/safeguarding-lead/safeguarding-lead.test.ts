/**
 * One lead per person across the 18th birthday, through the front door's intake and app.inject against a real
 * database, on a clock the test moves: a police DA notification about a 17-year-old victim makes the children's front
 * door (its MASH) the lead in the contact's transaction; six months later she is on both front doors' transitions
 * lists; only the lead agency may propose a transfer; the MASH manager proposes, the adult safeguarding manager
 * accepts, and she has exactly one open lead before and after her 18th birthday, with the transfer recorded and
 * audited. Declines need a reason, withdrawals leave the lead where it was, and "past 18" is flagged.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, one, rows, transaction } from '../../db/client.js';
import { nhsNumberFromNine } from '../../domain/identifiers.js';
import { type TestApp, type TestClient, createTestApp, location } from '../../../test/support/app.js';
import { type Notification } from '../front-door/notification-schema.js';

let clock = new Date('2025-03-10T10:00:00Z');
let t: TestApp;
let db: Database;
let tenantId: string;
let csc: string;
let asc: string;
let police: string;
let mash: string;
let hub: string;
let manager: TestClient;
let adultsManager: TestClient;
let screener: TestClient;

/** Moves the clock; sessions from before the jump have expired, so everyone signs in again. */
async function at(instant: string): Promise<void> {
  clock = new Date(instant);
  manager = await t.as('manager');
  adultsManager = await t.as('adults-manager');
  screener = await t.as('screener');
}

let nine = 987_650_000;
function nextNhs(): string {
  for (;;) {
    nine += 1;
    const n = nhsNumberFromNine(String(nine));
    if (n) return n;
  }
}

/** A person in the register with an NHS number, so a notification naming them links at once. */
async function registered(givenNames: string, familyName: string, dateOfBirth: string, nhsNumber: string): Promise<string> {
  const admin = (await one<{ id: string }>(db, sql`select id from app_user where email = 'screener@demo.threshold.test'`))!.id;
  return t.app.services.people.create(
    { userId: admin, tenantId, agencyId: csc, roles: [], requestId: null },
    { tenantId, createdByAgencyId: csc, createdByUserId: admin, givenNames, familyName, knownAs: null, dateOfBirth, dobPrecision: 'exact', gender: 'female', ethnicity: null, firstLanguage: null, interpreterNeeded: false, nhsNumber, address: null, restricted: false, synthetic: true },
  );
}

/** A police domestic abuse notification about a teenage victim and her adult partner, received at the front door's intake. */
async function receiveDa(victim: { givenNames: string; familyName: string; dateOfBirth: string; nhsNumber: string }, reference: string): Promise<string> {
  const n: Notification = {
    contactType: 'child',
    notificationType: 'dash',
    sourceCode: '6',
    referrer: { name: 'PC Fixture', role: null, phone: null, email: null },
    receivedAt: clock,
    incident: { policeReference: reference, occurredAt: new Date(clock.getTime() - 3_600_000), postcode: 'FM1 2AB', place: '4 Fixture Row' },
    riskLevel: 'high',
    domesticAbuse: { incidentType: 'physical', policeDash: null },
    concerns: ['domestic_abuse'],
    narrative: 'Police attended after neighbours heard shouting. She said her boyfriend pushed her against the wall.',
    worriedAbout: null,
    workingWell: null,
    needsToHappen: null,
    consent: 'not_sought',
    consentLawfulBasis: null,
    consentReason: null,
    restricted: false,
    people: [
      { role: 'subject_child', givenNames: victim.givenNames, familyName: victim.familyName, dateOfBirth: victim.dateOfBirth, dobPrecision: 'exact', gender: 'female', nhsNumber: victim.nhsNumber, addressLine1: null, postcode: null, school: null, daRole: 'victim', riskLevel: 'high', childVoice: 'Said she is scared of him.', childDemeanour: 'Tearful, then angry.' },
      { role: 'other_adult', givenNames: 'Kai', familyName: `${victim.familyName}-Stone`, dateOfBirth: '2005-06-01', dobPrecision: 'exact', gender: 'male', nhsNumber: null, addressLine1: null, postcode: null, school: null, daRole: 'alleged_perpetrator', riskLevel: null, childVoice: null, childDemeanour: null },
    ],
  };
  const received = await t.app.services.intake.receive({ actor: { userId: null, tenantId, agencyId: police, roles: [], requestId: null }, tenantId, channel: 'api', sourceAgencyId: police, createdByUserId: null, apiClientId: null }, n);
  if ('problem' in received) throw new Error(received.problem);
  expect(received.received.outcome).toBe('created');
  return received.received.contactId;
}

interface Lead {
  id: string;
  agency_id: string;
  team_id: string | null;
  work_kind: string;
  work_id: string | null;
  since: string;
  until: string | null;
}

function leadsOf(personId: string): Promise<Lead[]> {
  return rows<Lead>(db, sql`select id, agency_id, team_id, work_kind, work_id, since::text, until::text from safeguarding_lead where person_id = ${personId} order by since`);
}

/** The leads that covered an instant (a lead includes its start, not its end). */
function leadsAt(personId: string, instant: string): Promise<Lead[]> {
  return rows<Lead>(
    db,
    sql`select id, agency_id, team_id, work_kind, work_id, since::text, until::text from safeguarding_lead
         where person_id = ${personId} and since <= ${instant}::timestamptz and (until is null or until > ${instant}::timestamptz)`,
  );
}

/** The transitions list itself (the page's first section, before the transfers). */
function transitionsSection(body: string): string {
  return body.slice(body.indexOf('id="transitions"'), body.indexOf('id="waiting"'));
}

const rowan = { givenNames: 'Rowan', familyName: 'Leadtestington', dateOfBirth: '2007-11-20', nhsNumber: '' };
const skye = { givenNames: 'Skye', familyName: 'Pastandover', dateOfBirth: '2007-08-01', nhsNumber: '' };
let rowanId: string;
let skyeId: string;
let contactId: string;
let transferId: string;

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  db = t.db.db;
  const u = (await one<{ tenant_id: string; agency_id: string; team_id: string }>(db, sql`select tenant_id, agency_id, team_id from app_user where email = 'manager@demo.threshold.test'`))!;
  tenantId = u.tenant_id;
  csc = u.agency_id;
  mash = u.team_id;
  const a = (await one<{ agency_id: string; team_id: string }>(db, sql`select agency_id, team_id from app_user where email = 'adults-manager@demo.threshold.test'`))!;
  asc = a.agency_id;
  hub = a.team_id;
  police = (await one<{ id: string }>(db, sql`select id from agency where tenant_id = ${tenantId} and type = 'police' limit 1`))!.id;
  rowan.nhsNumber = nextNhs();
  skye.nhsNumber = nextNhs();
  rowanId = await registered(rowan.givenNames, rowan.familyName, rowan.dateOfBirth, rowan.nhsNumber);
  skyeId = await registered(skye.givenNames, skye.familyName, skye.dateOfBirth, skye.nhsNumber);
  await at(clock.toISOString());
});
afterAll(async () => t?.close());

describe('a 17-year-old victim of domestic abuse keeps one lead across her 18th birthday', () => {
  it('a police DA notification about her makes the children’s front door (its MASH) the lead, in the contact’s transaction', async () => {
    contactId = await receiveDa(rowan, 'DA-LEAD-0001');
    const leads = await leadsOf(rowanId);
    expect(leads).toHaveLength(1);
    expect(leads[0]).toMatchObject({ agency_id: csc, team_id: mash, work_kind: 'contact', work_id: contactId, until: null });
    expect(new Date(leads[0]!.since).toISOString()).toBe(clock.toISOString());
    // what the subscriber did is in the contact's own audit event
    const event = (await one<{ details: { leadsOpenedFor?: string[]; leadAgencyId?: string } }>(db, sql`select details from audit_event where action = 'contact.received' and record_id = ${contactId}`))!;
    expect(event.details.leadsOpenedFor).toEqual([rowanId]);
    expect(event.details.leadAgencyId).toBe(csc);
    await receiveDa(skye, 'DA-LEAD-0002');
    expect((await leadsOf(skyeId)).map((l) => l.agency_id)).toEqual([csc]);
  });

  it('shows who leads on her page to everyone involved, with the transfer link only for the lead agency', async () => {
    const asScreener = await screener.get(`/people/${rowanId}`);
    expect(asScreener.statusCode).toBe(200);
    expect(asScreener.body).toContain('Who leads');
    expect(asScreener.body).toContain('Fernmoor Children’s Services, MASH');
    expect(asScreener.body).toContain(`/people/${rowanId}/lead/transfer`);
    const asAdults = await adultsManager.get(`/people/${rowanId}`);
    expect(asAdults.body).toContain('Fernmoor Children’s Services, MASH');
    expect(asAdults.body).not.toContain(`/people/${rowanId}/lead/transfer`);
  });

  it('is not on the transitions list at 17 and a quarter', async () => {
    const res = await manager.get('/transitions');
    expect(res.statusCode).toBe(200);
    expect(transitionsSection(res.body)).toContain('Approaching 18');
    expect(transitionsSection(res.body)).not.toContain('Rowan Leadtestington');
  });

  it('six months later she is on both the children’s and the adults’ front doors’ transitions lists; a girl already 18 is flagged', async () => {
    await at('2025-09-10T09:00:00Z');
    for (const client of [manager, adultsManager]) {
      const res = await client.get('/transitions');
      expect(res.statusCode).toBe(200);
      expect(transitionsSection(res.body)).toContain('Rowan Leadtestington');
      expect(res.body).toContain('20 November 2025');
      expect(res.body).toContain('18 in 71 days');
      expect(res.body).toContain('Skye Pastandover');
      expect(res.body).toContain('Past 18');
    }
    // the list is paginated: a later page is a page, not an error
    expect((await manager.get('/transitions?page=2')).statusCode).toBe(200);
    // roles without the permission do not see it
    expect((await (await t.as('police')).get('/transitions')).statusCode).toBe(403);
  });

  it('refuses a proposal from an agency that does not lead, saying who does', async () => {
    const page = await adultsManager.get(`/people/${rowanId}/lead/transfer`);
    expect(page.statusCode).toBe(403);
    expect(page.body).toContain('Only Fernmoor Children’s Services, MASH, which leads this person’s safeguarding work, can propose moving the lead');
    const posted = await adultsManager.post(`/people/${rowanId}/lead/transfer`, { to: `${asc}:${hub}`, reason: 'We would like to lead.' });
    expect(posted.statusCode).toBe(403);
    expect(posted.body).toContain('There is a problem');
    expect((await one<{ n: number }>(db, sql`select count(*)::int as n from lead_transfer where person_id = ${rowanId}`))!.n).toBe(0);
  });

  it('refuses a proposal with no choice and no reason by field, and one to the agency that already leads', async () => {
    await manager.get(`/people/${rowanId}/lead/transfer`);
    const empty = await manager.post(`/people/${rowanId}/lead/transfer`, { to: '', reason: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Select the agency or team that should take the lead');
    expect(empty.body).toContain('Enter why the lead should move');
    const same = await manager.post(`/people/${rowanId}/lead/transfer`, { to: `${csc}:${mash}`, reason: 'No change.' });
    expect(same.statusCode).toBe(400);
    expect(same.body).toContain('Select a different agency or team: they lead already');
    const school = (await one<{ id: string }>(db, sql`select agency_id as id from school limit 1`))!.id;
    const toSchool = await manager.post(`/people/${rowanId}/lead/transfer`, { to: school, reason: 'School knows her best.' });
    expect(toSchool.statusCode).toBe(400);
    expect(toSchool.body).toContain('schools and care providers contribute but do not lead');
    expect((await one<{ n: number }>(db, sql`select count(*)::int as n from lead_transfer where person_id = ${rowanId}`))!.n).toBe(0);
  });

  it('the MASH manager proposes a transfer to the adult safeguarding hub; the lead stays until it is accepted', async () => {
    await manager.get(`/people/${rowanId}/lead/transfer`);
    const res = await manager.post(`/people/${rowanId}/lead/transfer`, { to: `${asc}:${hub}`, reason: 'She is 18 in November and the abuse continues: adult safeguarding should lead.' });
    expect(res.statusCode).toBe(303);
    const m = /^\/transitions\/transfers\/([0-9a-f-]{36})\?done=proposed$/.exec(location(res));
    expect(m).not.toBeNull();
    transferId = m![1]!;
    const transfer = (await one<{ status: string; from_agency_id: string; from_team_id: string; to_agency_id: string; to_team_id: string }>(db, sql`select status, from_agency_id, from_team_id, to_agency_id, to_team_id from lead_transfer where id = ${transferId}`))!;
    expect(transfer).toEqual({ status: 'proposed', from_agency_id: csc, from_team_id: mash, to_agency_id: asc, to_team_id: hub });
    expect((await leadsOf(rowanId)).filter((l) => l.until === null).map((l) => l.agency_id)).toEqual([csc]);
    const adultsManagerId = await t.userId('adults-manager');
    expect((await one<{ n: number }>(db, sql`select count(*)::int as n from notification where user_id = ${adultsManagerId} and link = ${`/transitions/transfers/${transferId}`}`))!.n).toBe(1);
    expect((await one<{ n: number }>(db, sql`select count(*)::int as n from audit_event where action = 'lead.transfer_proposed' and record_id = ${transferId}`))!.n).toBe(1);
    // one transfer waits at a time
    await manager.get(`/people/${rowanId}/lead/transfer`);
    const again = await manager.post(`/people/${rowanId}/lead/transfer`, { to: asc, reason: 'Again.' });
    expect(again.statusCode).toBe(409);
    // both sides see it: waiting for the adult team's answer, proposed by the children's front door
    const waiting = await adultsManager.get('/transitions');
    expect(waiting.body).toContain(`/transitions/transfers/${transferId}`);
    expect(waiting.body).toContain('Transfer to Fernmoor Adult Social Care, Adult Safeguarding Hub waiting for an answer');
    const page = await adultsManager.get(`/transitions/transfers/${transferId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Send your answer');
    expect(page.body).toContain('She is 18 in November and the abuse continues');
  });

  it('only the agency asked may answer: the proposer cannot accept their own transfer', async () => {
    const page = await manager.get(`/transitions/transfers/${transferId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('Send your answer');
    expect(page.body).toContain('Withdraw the transfer');
    const res = await manager.post(`/transitions/transfers/${transferId}/response`, { decision: 'accept' });
    expect([403, 404]).toContain(res.statusCode);
    expect((await one<{ status: string }>(db, sql`select status from lead_transfer where id = ${transferId}`))!.status).toBe('proposed');
  });

  it('the adult safeguarding manager accepts: the old lead ends and the new one starts at the same instant; the proposer is told', async () => {
    await at('2025-09-12T09:30:00Z');
    await adultsManager.get(`/transitions/transfers/${transferId}`);
    const bad = await adultsManager.post(`/transitions/transfers/${transferId}/response`, {});
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Select whether you accept or decline the transfer');
    const res = await adultsManager.post(`/transitions/transfers/${transferId}/response`, { decision: 'accept', note: 'Agreed at the transitions meeting.' });
    expect(res.statusCode).toBe(303);
    expect(location(res)).toBe(`/transitions/transfers/${transferId}?done=accepted`);
    const leads = await leadsOf(rowanId);
    expect(leads).toHaveLength(2);
    expect(leads[0]).toMatchObject({ agency_id: csc, team_id: mash });
    expect(leads[1]).toMatchObject({ agency_id: asc, team_id: hub, work_kind: 'lead_transfer', work_id: transferId, until: null });
    expect(new Date(leads[0]!.until!).toISOString()).toBe(clock.toISOString());
    expect(new Date(leads[1]!.since).toISOString()).toBe(clock.toISOString());
    const transfer = (await one<{ status: string; responded_by_user_id: string; response_note: string }>(db, sql`select status, responded_by_user_id, response_note from lead_transfer where id = ${transferId}`))!;
    expect(transfer).toEqual({ status: 'accepted', responded_by_user_id: await t.userId('adults-manager'), response_note: 'Agreed at the transitions meeting.' });
    const told = await one<{ title: string }>(db, sql`select title from notification where user_id = ${await t.userId('manager')} and link = ${`/transitions/transfers/${transferId}`}`);
    expect(told!.title).toBe('The transfer of the lead you proposed was accepted');
    const audited = (await one<{ details: { closedLeadId: string; openedLeadId: string } }>(db, sql`select details from audit_event where action = 'lead.transfer_accepted' and record_id = ${transferId}`))!;
    expect(audited.details).toMatchObject({ closedLeadId: leads[0]!.id, openedLeadId: leads[1]!.id });
    // answered once only
    await adultsManager.get(`/transitions/transfers/${transferId}`);
    const again = await adultsManager.post(`/transitions/transfers/${transferId}/response`, { decision: 'accept' });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('This transfer has already been accepted');
  });

  it('has exactly one open lead before and after her 18th birthday, and leaves the transitions list', async () => {
    for (const [instant, agency] of [
      ['2025-03-10T10:00:00Z', csc],
      ['2025-09-12T09:29:59Z', csc],
      ['2025-09-12T09:30:00Z', asc],
      ['2025-11-19T23:59:59Z', asc],
      ['2025-11-20T00:00:00Z', asc],
      ['2026-01-01T12:00:00Z', asc],
    ] as const) {
      const covering = await leadsAt(rowanId, instant);
      expect(covering.map((l) => l.agency_id), instant).toEqual([agency]);
    }
    await at('2025-11-21T10:00:00Z');
    // a later notification after her birthday keeps the lead where it is
    await receiveDa(rowan, 'DA-LEAD-0003');
    const open = (await leadsOf(rowanId)).filter((l) => l.until === null);
    expect(open).toHaveLength(1);
    expect(open[0]!.agency_id).toBe(asc);
    for (const client of [manager, adultsManager]) expect(transitionsSection((await client.get('/transitions')).body)).not.toContain('Rowan Leadtestington');
    // … while the transfer that took her off it stays among those the children's front door proposed
    expect((await manager.get('/transitions')).body).toContain(`/transitions/transfers/${transferId}`);
    const page = await adultsManager.get(`/people/${rowanId}`);
    expect(page.body).toContain('Fernmoor Adult Social Care, Adult Safeguarding Hub');
    expect(page.body).toContain('Who has led before');
    // the transfer is on the record for both agencies
    const transfer = await manager.get(`/transitions/transfers/${transferId}`);
    expect(transfer.statusCode).toBe(200);
    expect(transfer.body).toContain('Accepted');
    expect(transfer.body).toContain('Robin Lead');
  });

  it('a decline needs a reason and a withdrawal leaves the lead where it was', async () => {
    await manager.get(`/people/${skyeId}/lead/transfer`);
    const proposed = await manager.post(`/people/${skyeId}/lead/transfer`, { to: asc, reason: 'She is 18 and the abuse continues.' });
    expect(proposed.statusCode).toBe(303);
    const id = /transfers\/([0-9a-f-]{36})/.exec(location(proposed))![1]!;
    await adultsManager.get(`/transitions/transfers/${id}`);
    const noReason = await adultsManager.post(`/transitions/transfers/${id}/response`, { decision: 'decline', note: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('Enter why you are declining the transfer');
    const declined = await adultsManager.post(`/transitions/transfers/${id}/response`, { decision: 'decline', note: 'She has moved to another area: ask them.' });
    expect(declined.statusCode).toBe(303);
    expect((await one<{ status: string }>(db, sql`select status from lead_transfer where id = ${id}`))!.status).toBe('declined');
    expect((await leadsOf(skyeId)).filter((l) => l.until === null).map((l) => l.agency_id)).toEqual([csc]);

    await manager.get(`/people/${skyeId}/lead/transfer`);
    const second = await manager.post(`/people/${skyeId}/lead/transfer`, { to: `${asc}:${hub}`, reason: 'Asking again after the strategy meeting.' });
    const id2 = /transfers\/([0-9a-f-]{36})/.exec(location(second))![1]!;
    await adultsManager.get(`/transitions/transfers/${id2}`);
    expect((await adultsManager.post(`/transitions/transfers/${id2}/withdrawal`, {})).statusCode).toBe(403);
    await manager.get(`/transitions/transfers/${id2}`);
    const withdrawn = await manager.post(`/transitions/transfers/${id2}/withdrawal`, {});
    expect(withdrawn.statusCode).toBe(303);
    expect((await one<{ status: string }>(db, sql`select status from lead_transfer where id = ${id2}`))!.status).toBe('withdrawn');
    expect((await leadsOf(skyeId)).filter((l) => l.until === null).map((l) => l.agency_id)).toEqual([csc]);
    const list = transitionsSection((await manager.get('/transitions')).body);
    expect(list).toContain('Skye Pastandover');
    expect(list).toContain('Past 18');
  });
});

describe('other work opens a lead in its own transaction', () => {
  it('a contact recorded on the form leads its subjects to the front door that received it', async () => {
    const childId = await registered('Lark', 'Formfieldson', '2015-04-04', nextNhs());
    const s = t.app.services.contacts;
    const actor = { userId: await t.userId('screener'), tenantId, agencyId: csc, roles: ['mash_screener'], requestId: null };
    const draft = await s.startDraft(actor, {
      contactType: 'child', sourceAgencyId: null, sourceCode: '1A', referrerName: 'A Neighbour', referrerRole: null, referrerPhone: null, referrerEmail: null, receivedAt: clock, incidentAt: null,
      concerns: ['neglect'], narrative: 'Left alone at night.', consent: 'given', consentLawfulBasis: null, consentReason: null, restricted: false, channel: 'phone', worriedAbout: null, workingWell: null, needsToHappen: null,
    });
    if (!('id' in draft)) throw new Error(JSON.stringify(draft.problems));
    await s.addExistingPerson(actor, draft.id, childId, 'subject_child', null);
    await s.recordVoice(actor, draft.id, childId, 'Said she was hungry.', 'Quiet.');
    const submitted = await s.submit(actor, draft.id);
    expect('reference' in submitted).toBe(true);
    expect(await leadsOf(childId)).toMatchObject([{ agency_id: csc, team_id: mash, work_kind: 'contact', work_id: draft.id, until: null }]);
  });

  it('ensureLead opens a lead only when none is open (the adult safeguarding feature’s call)', async () => {
    const adultId = await registered('Quinn', 'Ensureworth', '1960-02-29', nextNhs());
    const leads = t.app.services.leads;
    const lead = { tenantId, personId: adultId, agencyId: asc, teamId: hub, workKind: 'adult_concern' as const, workId: null, since: clock, reason: 'Adult safeguarding concern received', setByUserId: null };
    expect((await transaction(db, (tx) => leads.ensureLead(tx, lead))).opened).toBe(true);
    expect(await transaction(db, (tx) => leads.ensureLead(tx, { ...lead, agencyId: csc }))).toEqual({ opened: false, leadId: null });
    expect((await leadsOf(adultId)).map((l) => l.agency_id)).toEqual([asc]);
    expect(await leads.leadFor(adultId)).toMatchObject({ agencyName: 'Fernmoor Adult Social Care', teamName: 'Adult Safeguarding Hub', workKind: 'adult_concern' });
    await expect(transaction(db, (tx) => leads.ensureLead(tx, { ...lead, workKind: 'dols' as never }))).rejects.toThrow('Unknown kind of work');
  });
});
