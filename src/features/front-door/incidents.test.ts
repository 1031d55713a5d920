/**
 * Possible same incidents and late notifications, through the agency API and the screener's pages (app.inject)
 * against a real database: the outside scenario tests' second notification about one family (another police
 * reference, a child's name spelt differently) is flagged, not silently made new work; the screener attaches it
 * (one incident) or keeps it apart (never asked again); only the owning front door's screeners may answer, and
 * hostile input changes nothing. A notification 21 days after its incident tells the managers and is counted.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, one, rows, transaction } from '../../db/client.js';
import { SYSTEM_ACTOR } from '../../platform/audit.js';
import { type TestApp, type TestClient, createTestApp, location } from '../../../test/support/app.js';
import { type ContactReceived } from './events.js';
import { toNotification } from './notification-schema.js';

let t: TestApp;
let db: Database;
let token: string;
let tenantId: string;
let screener: TestClient;

const HOUR = 3_600_000;
const json = (extra: Record<string, string> = {}) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json', ...extra });
const post = (payload: object) => t.app.inject({ method: 'POST', url: '/api/v1/contacts', headers: json(), payload });

/** A place of its own for each test, so no demo incident is at it. */
let place = 0;
const nextPostcode = () => `FM9 ${(place += 1)}ZZ`;

interface Family {
  surname: string;
  child: string;
}

/** A Gen 117 about a mother and her child (and the child's sister when `sister`), at a place and time. */
function gen117(f: Family, o: { postcode: string; occurredAt: Date; reference: string | null; receivedAt?: Date; riskLevel?: string; sister?: boolean; narrative?: string }) {
  return {
    contactType: 'child',
    notificationType: 'gen117',
    referrer: { name: 'Pat Constable', role: 'PC 4471' },
    receivedAt: (o.receivedAt ?? new Date(Date.now() - 60_000)).toISOString(),
    incident: { ...(o.reference ? { policeReference: o.reference } : {}), occurredAt: o.occurredAt.toISOString(), postcode: o.postcode, place: 'Family home' },
    riskLevel: o.riskLevel ?? 'standard',
    concerns: ['domestic_abuse'],
    narrative: o.narrative ?? `Police attended a verbal argument at the ${f.surname} family home.`,
    consent: 'not_sought',
    people: [
      { role: 'parent_carer', givenNames: 'Kirsty', familyName: f.surname, dateOfBirth: '1990-03-12', gender: 'female' },
      { role: 'subject_child', givenNames: f.child, familyName: f.surname, dateOfBirth: '2017-05-04', gender: 'male', childVoice: 'Said they hid upstairs', childDemeanour: 'Quiet' },
      ...(o.sister ? [{ role: 'subject_child', givenNames: 'Maisie', familyName: f.surname, dateOfBirth: '2019-08-21', gender: 'female', childVoice: 'Too young to say', childDemeanour: 'Sleepy' }] : []),
    ],
  };
}

/** The scenario: the first notification, and a second 40 minutes later with another reference and the child misspelt. */
async function pair(surname: string): Promise<{ first: { id: string; reference: string }; second: { id: string; reference: string }; postcode: string; occurredAt: Date }> {
  const postcode = nextPostcode();
  const occurredAt = new Date(Date.now() - 5 * HOUR);
  const tag = randomUUID().slice(0, 6).toUpperCase();
  const a = await post(gen117({ surname, child: 'Aleksander' }, { postcode, occurredAt, reference: `FM/${tag}/1`, sister: true }));
  expect(a.statusCode, a.body).toBe(201);
  const b = await post(gen117({ surname, child: 'Alexander' }, { postcode, occurredAt: new Date(occurredAt.getTime() + 40 * 60_000), reference: `FM/${tag}/2` }));
  expect(b.statusCode, b.body).toBe(201);
  return { first: a.json(), second: b.json(), postcode, occurredAt };
}

async function reviewOf(contactId: string) {
  return one<{ id: string; status: string; other_contact_id: string; details: { reasons: string[] } }>(db, sql`select id, status, other_contact_id, details from incident_review where contact_id = ${contactId}`);
}

/** Counts and fingerprints of what a refused or hostile request must not change. */
async function snapshot() {
  const out: Record<string, unknown> = {};
  for (const table of ['contact', 'contact_update', 'incident', 'incident_review', 'late_notification', 'notification']) {
    out[table] = (await rows(db, sql.raw(`select count(*)::int as n, md5(coalesce(string_agg(x::text, ',' order by x::text), '')) as h from ${table} x`)))[0];
  }
  return out;
}

beforeAll(async () => {
  t = await createTestApp();
  db = t.db.db;
  const police = (await one<{ id: string; tenant_id: string }>(db, sql`select id, tenant_id from agency where type = 'police' limit 1`))!;
  tenantId = police.tenant_id;
  const client = await t.app.services.apiClients.create({ ...SYSTEM_ACTOR, tenantId }, { agencyId: police.id, name: 'Police case system' });
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/oauth/token', payload: { grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.secret } });
  token = res.json().access_token;
  screener = await t.as('screener');
});
afterAll(async () => t?.close());

describe('a possible same incident', () => {
  it('flags a second notification of one incident with another police reference and a child’s name spelt differently', async () => {
    const { first, second, postcode } = await pair('Thistlewood');
    // the incident rules did not attach it: it is new work, with a question on it
    expect(second.id).not.toBe(first.id);
    const review = await reviewOf(second.id);
    expect(review).toMatchObject({ status: 'open', other_contact_id: first.id });
    expect(review!.details.reasons).toContain('Alexander Thistlewood and Aleksander Thistlewood: first name: very similar spelling, last name: exact, date of birth: exact');
    // the contact's audit event says so
    const audit = await one<{ details: { possibleSameIncident?: { reviewId: string; otherContactId: string }[] } }>(db, sql`select details from audit_event where action = 'contact.received' and record_id = ${second.id}`);
    expect(audit!.details.possibleSameIncident).toEqual([{ reviewId: review!.id, otherContactId: first.id }]);

    // the screener sees it on the contact's page, with the other contact, the people and why, the place and time
    const page = await screener.get(`/contacts/${second.id}`);
    expect(page.statusCode).toBe(200);
    for (const text of ['Possible same incident', first.reference, 'Aleksander Thistlewood', 'Alexander Thistlewood', 'very similar spelling', postcode, '40 minutes apart', 'Same incident', 'Different incident']) expect(page.body).toContain(text);
    // the earlier contact says a later one may repeat it; the worklist row carries the tag
    expect((await screener.get(`/contacts/${first.id}`)).body).toContain(`A later contact, <a class="govuk-link" href="/contacts/${second.id}#incident-review">${second.reference}</a>`);
    const viewer = (await one<{ userId: string; tenantId: string; agencyId: string }>(db, sql`select id as "userId", tenant_id as "tenantId", agency_id as "agencyId" from app_user where email = 'screener@demo.threshold.test'`))!;
    const open = await t.app.services.contacts.worklist({ ...viewer, agencyType: 'children_social_care' }, { status: 'open', due: 'all', limit: 5_000, offset: 0 });
    expect(open.find((i) => i.id === second.id)?.possible_same_incident).toBe(true);
    expect(open.find((i) => i.id === first.id)?.possible_same_incident).toBe(false);
    // the police who sent it see neither the question nor the other contact
    const police = await t.as('police');
    const theirs = await police.get(`/contacts/${second.id}`);
    expect(theirs.statusCode).toBe(200);
    expect(theirs.body).not.toContain('Possible same incident');
  });

  it('does not flag another family at the same place and time, nor a pair the incident rules attach', async () => {
    const postcode = nextPostcode();
    const occurredAt = new Date(Date.now() - 3 * HOUR);
    const a = await post(gen117({ surname: 'Marchbank', child: 'Oliver' }, { postcode, occurredAt, reference: `FM/NB/${randomUUID().slice(0, 6)}` }));
    const b = await post(gen117({ surname: 'Pennyworth', child: 'Reuben' }, { postcode, occurredAt, reference: `FM/NB/${randomUUID().slice(0, 6)}` }));
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(await reviewOf(b.json().id)).toBeUndefined();
    // no reference, the same two people spelt alike: the incident rules attach it, and nothing is asked
    const c = await post(gen117({ surname: 'Marchbank', child: 'Oliver' }, { postcode, occurredAt, reference: null }));
    expect(c.statusCode).toBe(200);
    expect(c.json()).toMatchObject({ outcome: 'attached', id: a.json().id });
  });

  it('attaches it when the screener says it is the same incident: one incident, the second contact closed and linked, all audited', async () => {
    const { first, second } = await pair('Oakenshaw');
    const review = (await reviewOf(second.id))!;
    const res = await screener.post(`/contacts/${second.id}/incident-review/${review.id}`, { decision: 'same', reason: 'Same call-out: the second form is the DASH officer’s' });
    expect(res.statusCode, res.body).toBe(303);
    expect(location(res)).toBe(`/contacts/${first.id}#also-reported`);

    const second2 = (await one<{ status: string }>(db, sql`select status from contact where id = ${second.id}`))!;
    expect(second2.status).toBe('merged');
    expect((await reviewOf(second.id))!.status).toBe('same');
    const update = (await one<{ id: string; matched_by: string; narrative: string; payload: { fromContactId: string; policeReference: string } }>(db, sql`select id, matched_by, narrative, payload from contact_update where contact_id = ${first.id}`))!;
    expect(update).toMatchObject({ matched_by: 'same_incident_review', payload: { fromContactId: second.id } });
    // both incidents now belong to the first contact: one incident, whichever reference a later notification carries
    const incidents = await rows<{ contact_id: string }>(db, sql`select contact_id from incident where id in (select incident_id from contact where id in (${first.id}, ${second.id}))`);
    expect(incidents.map((i) => i.contact_id)).toEqual([first.id, first.id]);
    const later = await post(gen117({ surname: 'Oakenshaw', child: 'Alexander' }, { postcode: 'FM1 1AA', occurredAt: new Date(Date.now() - 4 * HOUR), reference: update.payload.policeReference, narrative: 'DASH completed for the second form.' }));
    expect(later.statusCode, later.body).toBe(200);
    expect(later.json()).toMatchObject({ outcome: 'attached', id: first.id });

    // off the worklist, with a clear status and a link to the first
    const worklist = await screener.get('/worklist');
    expect(worklist.body).not.toContain(`>${second.reference}<`);
    const closed = await screener.get(`/contacts/${second.id}`);
    expect(closed.body).toContain('Attached to another contact');
    expect(closed.body).toContain(`<a class="govuk-link" href="/contacts/${first.id}#also-reported">${first.reference}</a>`);
    expect(closed.body).not.toContain('Record a screening decision');
    const firstPage = await screener.get(`/contacts/${first.id}`);
    expect(firstPage.body).toContain('Also reported');
    expect(firstPage.body).toContain(second.reference);
    const actions = await rows<{ action: string; record_id: string; reason: string | null }>(db, sql`select action, record_id, reason from audit_event where details->>'reviewId' = ${review.id} order by id`);
    expect(actions.map((a) => [a.action, a.record_id])).toEqual([
      ['contact.incident_review_decided', second.id],
      ['contact.update_attached', first.id],
    ]);
    expect(actions[0]!.reason).toBe('Same call-out: the second form is the DASH officer’s');
    // answered once: a second answer is refused with the page and its error summary
    const again = await screener.post(`/contacts/${second.id}/incident-review/${review.id}`, { decision: 'different' });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('govuk-error-summary');
  });

  it('keeps them apart when the screener says they are different incidents, and never asks about the pair again', async () => {
    const { first, second } = await pair('Farrowdale');
    const review = (await reviewOf(second.id))!;
    const page = await screener.get(`/contacts/${second.id}/incident-review/${review.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Is this the same incident as');
    const res = await screener.post(`/contacts/${second.id}/incident-review/${review.id}`, { decision: 'different' });
    expect(res.statusCode).toBe(303);
    expect(location(res)).toBe(`/contacts/${second.id}#incident-review`);
    expect((await reviewOf(second.id))!.status).toBe('different');
    expect((await one<{ status: string }>(db, sql`select status from contact where id = ${second.id}`))!.status).toBe('open');
    const shown = await screener.get(`/contacts/${second.id}`);
    expect(shown.body).toContain(`Kept apart from ${first.reference}: different incidents`);
    expect(shown.body).not.toContain('Save decision');
    const audit = await one<{ details: { decision: string; otherContactId: string } }>(db, sql`select details from audit_event where action = 'contact.incident_review_decided' and record_id = ${second.id}`);
    expect(audit!.details).toMatchObject({ decision: 'different', otherContactId: first.id });

    // raised again for either of the two, either way round: nothing is asked
    const raise = async (contactId: string, reference: string, surname: string, child: string) => {
      const n = toNotification(gen117({ surname, child }, { postcode: (await one<{ postcode: string }>(db, sql`select i.postcode from incident i join contact c on c.incident_id = i.id where c.id = ${contactId}`))!.postcode, occurredAt: new Date(Date.now() - 5 * HOUR), reference: `FM/AGAIN/${randomUUID().slice(0, 4)}` }) as never, { receivedAt: new Date(), sourceCode: '6' });
      const incidentId = (await one<{ incident_id: string }>(db, sql`select incident_id from contact where id = ${contactId}`))!.incident_id;
      const event: ContactReceived = { outcome: 'created', tenantId, contactId, reference, channel: 'api', sourceAgencyId: null, apiClientId: null, idempotency: null, actor: SYSTEM_ACTOR, contactType: 'child', receivedAt: new Date(), decisionDueAt: new Date(), incidentId, linkedPeople: 0, notification: n, namedPeople: async () => [] };
      return transaction(db, (tx) => t.app.services.incidentReviews.raiseIn(tx, event));
    };
    expect(await raise(second.id, second.reference, 'Farrowdale', 'Alexander')).toEqual([]);
    expect(await raise(first.id, first.reference, 'Farrowdale', 'Aleksander')).toEqual([]);
    expect((await one<{ n: number }>(db, sql`select count(*)::int as n from incident_review where ${first.id} in (contact_id, other_contact_id)`))!.n).toBe(1);
    expect((await reviewOf(second.id))!.status).toBe('different');
  });
});

describe('who may answer', () => {
  it('refuses anyone but the owning front door’s screeners, before anything is read or written', async () => {
    const { second } = await pair('Wrenfield');
    const review = (await reviewOf(second.id))!;
    const url = `/contacts/${second.id}/incident-review/${review.id}`;
    const before = await snapshot();
    for (const user of ['police', 'police-manager', 'dsl', 'health', 'adults', 'analyst', 'admin', 'marac']) {
      const client = await t.as(user);
      for (const decision of ['same', 'different']) {
        const res = await client.post(url, { decision });
        expect(res.statusCode, `${user} ${decision}`).toBeGreaterThanOrEqual(400);
        expect(res.statusCode, `${user} ${decision}`).toBeLessThan(500);
      }
      const get = await client.get(url);
      expect(get.statusCode, `${user} GET`).toBeGreaterThanOrEqual(400);
    }
    expect(await snapshot()).toEqual(before);
    expect((await reviewOf(second.id))!.status).toBe('open');
    // the manager screens too (contact:screen), and may answer
    const manager = await t.as('manager');
    expect((await manager.post(url, { decision: 'different' })).statusCode).toBe(303);
  });
});

describe('hostile input', () => {
  it('answers bad ids, unknown decisions and another contact’s question with a 4xx page and an error summary, and changes nothing', async () => {
    const one1 = await pair('Hollinsclough');
    const one2 = await pair('Saltergate');
    const review1 = (await reviewOf(one1.second.id))!;
    const review2 = (await reviewOf(one2.second.id))!;
    const before = await snapshot();
    const tries: [string, Record<string, string | string[]>, number][] = [
      [`/contacts/${one1.second.id}/incident-review/not-an-id`, { decision: 'same' }, 404],
      [`/contacts/${one1.second.id}/incident-review/${randomUUID()}`, { decision: 'same' }, 404],
      [`/contacts/${one1.second.id}/incident-review/${review2.id}`, { decision: 'same' }, 404],
      [`/contacts/${one1.first.id}/incident-review/${review1.id}`, { decision: 'different' }, 404],
      [`/contacts/${one1.second.id}/incident-review/${review1.id}`, { decision: 'maybe' }, 400],
      [`/contacts/${one1.second.id}/incident-review/${review1.id}`, {}, 400],
      [`/contacts/${one1.second.id}/incident-review/${review1.id}`, { decision: ['same', 'different'] }, 400],
      [`/contacts/${one1.second.id}/incident-review/${review1.id}`, { decision: '<script>alert(1)</script>' }, 400],
      [`/contacts/${one1.second.id}/incident-review/${review1.id}`, { decision: 'same', reason: 'x'.repeat(2_001) }, 400],
      [`/contacts/${one1.second.id}/incident-review/${review1.id}`, { decision: 'same', reason: '<b>bold</b>' }, 400],
      [`/contacts/${one1.second.id}/incident-review/${review1.id}`, { decision: 'same', extra: 'field' }, 400],
    ];
    for (const [url, form, status] of tries) {
      const res = await screener.post(url, form);
      expect(res.statusCode, `${url} ${JSON.stringify(form).slice(0, 60)}`).toBe(status);
      expect(res.body, url).toContain('govuk-error-summary');
      expect(res.body).not.toContain('<script>alert(1)</script>');
    }
    for (const url of [`/contacts/${one1.second.id}/incident-review/not-an-id`, `/contacts/${one1.second.id}/incident-review/${review2.id}`]) {
      const res = await screener.get(url);
      expect(res.statusCode).toBe(404);
      expect(res.body).toContain('govuk-error-summary');
    }
    // a contact id that is not one: the record check answers, never a 500
    expect((await screener.post('/contacts/nope/incident-review/nope', { decision: 'same' })).statusCode).toBe(404);
    expect(await snapshot()).toEqual(before);
  });
});

describe('late notifications', () => {
  const receivedAt = () => new Date(Date.now() - 60_000);
  const notifications = async (email: string) => rows<{ title: string; body: string; link: string | null }>(db, sql`select n.title, n.body, n.link from notification n join app_user u on u.id = n.user_id where u.email = ${`${email}@demo.threshold.test`} order by n.created_at desc`);

  it('tells the front door’s managers and the sending agency’s manager of a notification 21 days after the incident, shows it, and counts it', async () => {
    const measuresBefore = await t.app.services.lateNotifications.counts(tenantId, new Date().toISOString().slice(0, 8) + '01', '9999-01-01');
    const at = receivedAt();
    const res = await post(gen117({ surname: 'Latchford', child: 'Harvey' }, { postcode: nextPostcode(), occurredAt: new Date(at.getTime() - 21 * 24 * HOUR), receivedAt: at, reference: `FM/LATE/${randomUUID().slice(0, 6)}` }));
    expect(res.statusCode, res.body).toBe(201);
    const { id, reference } = res.json();
    const late = await one<{ risk_level: string; allowed_hours: number; lag_minutes: number; told: number }>(db, sql`select risk_level, allowed_hours, lag_minutes, told from late_notification where contact_id = ${id}`);
    expect(late).toMatchObject({ risk_level: 'standard', allowed_hours: 72, lag_minutes: 21 * 24 * 60 });
    // the MASH manager (contact:authorise at the front door) and the police's partner manager, not the screener
    const forManager = (await notifications('manager')).find((n) => n.title === `Late notification: ${reference}`);
    expect(forManager).toMatchObject({ link: `/contacts/${id}#late-notification` });
    expect(forManager!.body).toContain('received 21 days after the incident: late');
    expect((await notifications('police-manager')).some((n) => n.title === `Late notification: ${reference}`)).toBe(true);
    expect((await notifications('screener')).some((n) => n.title === `Late notification: ${reference}`)).toBe(false);
    expect(late!.told).toBeGreaterThanOrEqual(2);
    // the manager's notifications page lists it
    const manager = await t.as('manager');
    expect((await manager.get('/notifications')).body).toContain(`Late notification: ${reference}`);
    // the contact page says so
    const page = await screener.get(`/contacts/${id}`);
    expect(page.body).toContain('Received 21 days after the incident: late');
    // the audit event of the contact records it
    const audit = await one<{ details: { lateNotification?: { lag: string } } }>(db, sql`select details from audit_event where action = 'contact.received' and record_id = ${id}`);
    expect(audit!.details.lateNotification).toMatchObject({ lag: '21 days', allowedHours: 72 });
    // counted on the timeliness page, for this month
    const after = await t.app.services.lateNotifications.counts(tenantId, new Date().toISOString().slice(0, 8) + '01', '9999-01-01');
    expect(after.find((c) => c.riskLevel === 'standard')!.late).toBe(measuresBefore.find((c) => c.riskLevel === 'standard')!.late + 1);
    const analyst = await t.as('analyst');
    const month = t.app.services.measures.today().slice(0, 7);
    const timeliness = await analyst.get(`/measures/timeliness?period=${month}`);
    expect(timeliness.statusCode).toBe(200);
    expect(timeliness.body).toContain('Late notifications');
    const monthCounts = await t.app.services.lateNotifications.counts(tenantId, `${month}-01`, '9999-01-01');
    const total = monthCounts.reduce((a, c) => a + c.late, 0);
    expect(timeliness.body).toContain(`${total.toLocaleString('en-GB')} of `);
  });

  it('finds a high-risk notification 30 hours after the incident late, and a standard-risk one not', async () => {
    const at = receivedAt();
    const high = await post(gen117({ surname: 'Highmoor', child: 'Corey' }, { postcode: nextPostcode(), occurredAt: new Date(at.getTime() - 30 * HOUR), receivedAt: at, riskLevel: 'high', reference: `FM/H/${randomUUID().slice(0, 6)}` }));
    const standard = await post(gen117({ surname: 'Lowmoor', child: 'Corey' }, { postcode: nextPostcode(), occurredAt: new Date(at.getTime() - 30 * HOUR), receivedAt: at, riskLevel: 'standard', reference: `FM/S/${randomUUID().slice(0, 6)}` }));
    expect([high.statusCode, standard.statusCode]).toEqual([201, 201]);
    expect(await one(db, sql`select 1 from late_notification where contact_id = ${high.json().id}`)).toBeTruthy();
    expect(await one(db, sql`select 1 from late_notification where contact_id = ${standard.json().id}`)).toBeUndefined();
    expect((await notifications('manager')).some((n) => n.title === `Late notification: ${standard.json().reference}`)).toBe(false);
    expect((await screener.get(`/contacts/${high.json().id}`)).body).toContain('Received 30 hours after the incident: late (high risk notifications are expected within 24 hours).');
    expect((await screener.get(`/contacts/${standard.json().id}`)).body).not.toContain('after the incident: late');
  });

  it('tells them of a late notification attached to a contact as an update too', async () => {
    const at = receivedAt();
    const postcode = nextPostcode();
    const reference = `FM/UPD/${randomUUID().slice(0, 6)}`;
    const first = await post(gen117({ surname: 'Updike', child: 'Noah' }, { postcode, occurredAt: new Date(at.getTime() - 2 * HOUR), receivedAt: at, reference }));
    const later = await post(gen117({ surname: 'Updike', child: 'Noah' }, { postcode, occurredAt: new Date(at.getTime() - 2 * HOUR - 5 * 24 * HOUR), receivedAt: at, reference, narrative: 'A DASH sent five days late.' }));
    expect(later.statusCode).toBe(200);
    const row = await one<{ update_id: string | null; contact_id: string }>(db, sql`select update_id, contact_id from late_notification where contact_id = ${first.json().id}`);
    expect(row?.update_id).toBeTruthy();
    expect((await screener.get(`/contacts/${first.json().id}`)).body).toContain('A later notification');
  });

  it('uses the area’s own lags, set by an administrator (checked, audited)', async () => {
    const admin = await t.as('admin');
    const page = await admin.get('/admin/late-notifications');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Threshold’s default');
    const bad = await admin.post('/admin/late-notifications', { high: '0', medium: '72', standard: 'soon', notGraded: '72', source: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('govuk-error-summary');
    expect(bad.body).toContain('Enter where these lags come from');
    expect((await screener.post('/admin/late-notifications', { high: '24', medium: '72', standard: '12', notGraded: '72', source: 'x' })).statusCode).toBe(403);
    const saved = await admin.post('/admin/late-notifications', { high: '24', medium: '72', standard: '12', notGraded: '72', source: 'Fernmoor MASH protocol (synthetic), 2026' });
    expect(saved.statusCode).toBe(303);
    expect((await admin.get(location(saved))).body).toContain('Fernmoor MASH protocol (synthetic), 2026');
    expect(await one(db, sql`select 1 from audit_event where action = 'admin.late_notification_lags_changed'`)).toBeTruthy();
    const at = receivedAt();
    const res = await post(gen117({ surname: 'Twelvetrees', child: 'Corey' }, { postcode: nextPostcode(), occurredAt: new Date(at.getTime() - 30 * HOUR), receivedAt: at, riskLevel: 'standard', reference: `FM/12/${randomUUID().slice(0, 6)}` }));
    expect(await one<{ allowed_hours: number }>(db, sql`select allowed_hours from late_notification where contact_id = ${res.json().id}`)).toEqual({ allowed_hours: 12 });
    await admin.post('/admin/late-notifications', { high: '24', medium: '72', standard: '72', notGraded: '72', source: 'Back to the defaults' });
  });
});
