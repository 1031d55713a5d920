/**
 * The agency API through app.inject against a real database: client credentials, the contract in the OpenAPI
 * document, idempotent retries, field-by-field refusals that save nothing, and the Gen 117 / DASH case.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, one, rows } from '../../db/client.js';
import { SYSTEM_ACTOR } from '../../platform/audit.js';
import { type TestApp, createTestApp } from '../../../test/support/app.js';

let t: TestApp;
let db: Database;
let token: string;
let client: { clientId: string; secret: string };
let tenantId: string;

const json = (extra: Record<string, string> = {}) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json', ...extra });

function notification(overrides: Record<string, unknown> = {}) {
  return {
    contactType: 'child',
    notificationType: 'gen117',
    referrer: { name: 'Pat Constable', role: 'PC 4471', email: 'pat.constable@police.example' },
    incident: { policeReference: `FM/26/${Math.floor(Math.random() * 1e6)}`, occurredAt: '2026-11-20T22:40:00Z', postcode: 'FM1 2AB', place: 'Home address' },
    riskLevel: 'medium',
    concerns: ['domestic_abuse'],
    narrative: 'Police attended a verbal argument between the adults; the child was present.',
    consent: 'not_sought',
    people: [
      { role: 'subject_child', givenNames: 'Robin', familyName: 'Fixtureby', dateOfBirth: '2017-05-04', gender: 'male', childVoice: 'Said they hid upstairs', childDemeanour: 'Quiet, tearful' },
      { role: 'parent_carer', givenNames: 'Jo', familyName: 'Fixtureby', dateOfBirth: '1989-02-11', gender: 'female' },
      { role: 'other_adult', givenNames: 'Alex', familyName: 'Sampleton', dateOfBirth: '1987-08-30', gender: 'male' },
    ],
    ...overrides,
  };
}

async function contactCount() {
  return Number((await one<{ n: number }>(db, sql`select count(*)::int as n from contact`))!.n);
}

beforeAll(async () => {
  t = await createTestApp();
  db = t.db.db;
  const police = (await one<{ id: string; tenant_id: string }>(db, sql`select id, tenant_id from agency where type = 'police' limit 1`))!;
  tenantId = police.tenant_id;
  client = await t.app.services.apiClients.create({ ...SYSTEM_ACTOR, tenantId }, { agencyId: police.id, name: 'Police case system' });
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/oauth/token', payload: { grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.secret } });
  expect(res.statusCode).toBe(200);
  token = res.json().access_token;
});
afterAll(async () => t.close());

describe('the agency API', () => {
  it('serves its OpenAPI document, generated from the schema that checks requests', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(['/api/v1/oauth/token', '/api/v1/contacts', '/api/v1/contacts/{id}']);
    const schema = doc.components.schemas.Notification;
    expect(schema.required).toEqual(expect.arrayContaining(['contactType', 'concerns', 'narrative', 'consent', 'people']));
    expect(schema.additionalProperties).toBe(false);
    // every field of a full notification is documented
    for (const key of Object.keys(notification({ worriedAbout: 'x', workingWell: 'x', needsToHappen: 'x', sourceCode: '6', receivedAt: 'x', restricted: false, consentLawfulBasis: 'x', consentReason: 'x' }))) {
      expect(schema.properties, key).toHaveProperty(key);
    }
    expect(schema.properties.people.items.properties.role.enum).toContain('subject_child');
  });

  it('gives tokens only for the right secret, by form or Basic authentication, and refuses bad tokens', async () => {
    const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/oauth/token', payload: { grant_type: 'client_credentials', client_id: client.clientId, client_secret: 'not-the-secret' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error).toBe('invalid_client');
    const grant = await t.app.inject({ method: 'POST', url: '/api/v1/oauth/token', payload: { grant_type: 'password' } });
    expect(grant.json().error).toBe('unsupported_grant_type');
    const basic = Buffer.from(`${client.clientId}:${client.secret}`).toString('base64');
    const viaBasic = await t.app.inject({ method: 'POST', url: '/api/v1/oauth/token', headers: { authorization: `Basic ${basic}` }, payload: { grant_type: 'client_credentials' } });
    expect(viaBasic.statusCode).toBe(200);
    expect(viaBasic.headers['cache-control']).toBe('no-store');
    const noToken = await t.app.inject({ method: 'POST', url: '/api/v1/contacts', headers: { 'content-type': 'application/json' }, payload: notification() });
    expect(noToken.statusCode).toBe(401);
    expect(noToken.headers['content-type']).toContain('application/problem+json');
    const badToken = await t.app.inject({ method: 'POST', url: '/api/v1/contacts', headers: { authorization: 'Bearer aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'content-type': 'application/json' }, payload: notification() });
    expect(badToken.statusCode).toBe(401);
  });

  it('makes a contact on the front door with a reference, a deadline, named people and an audit event', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/contacts', headers: json({ 'idempotency-key': randomUUID() }), payload: notification() });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ outcome: 'created', reference: expect.stringMatching(/^C-\d{4}-\d{6}$/), decisionDueAt: expect.any(String) });
    expect(res.headers.location).toBe(`/api/v1/contacts/${body.id}`);
    const stored = (await one<{ channel: string; status: string; rag: string; api_client_id: string; created_by_user_id: string | null; owning: string }>(
      db,
      sql`select c.channel, c.status, c.rag, c.api_client_id, c.created_by_user_id, a.type as owning from contact c join agency a on a.id = c.owning_agency_id where c.id = ${body.id}`,
    ))!;
    expect(stored).toMatchObject({ channel: 'api', status: 'open', rag: 'amber', created_by_user_id: null, owning: 'children_social_care' });
    const named = await rows<{ given_names: string; person_id: string | null }>(db, sql`select given_names, person_id from contact_named_person where contact_id = ${body.id} order by position`);
    expect(named.map((n) => n.given_names)).toEqual(['Robin', 'Jo', 'Alex']);
    expect(named.every((n) => n.person_id === null)).toBe(true);
    const audit = await rows<{ action: string }>(db, sql`select action from audit_event where record_id = ${body.id}`);
    expect(audit.map((a) => a.action)).toContain('contact.received');
    const status = await t.app.inject({ method: 'GET', url: `/api/v1/contacts/${body.id}`, headers: { authorization: `Bearer ${token}` } });
    expect(status.json()).toMatchObject({ id: body.id, reference: body.reference, status: 'open' });
  });

  it('answers a retry with the same Idempotency-Key with the first response, and makes no second contact', async () => {
    const key = randomUUID();
    const payload = notification();
    const first = await t.app.inject({ method: 'POST', url: '/api/v1/contacts', headers: json({ 'idempotency-key': key }), payload });
    const before = await contactCount();
    const retry = await t.app.inject({ method: 'POST', url: '/api/v1/contacts', headers: json({ 'idempotency-key': key }), payload });
    expect(retry.statusCode).toBe(first.statusCode);
    expect(retry.json()).toEqual(first.json());
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.headers.location).toBe(first.headers.location);
    expect(await contactCount()).toBe(before);
    const different = await t.app.inject({ method: 'POST', url: '/api/v1/contacts', headers: json({ 'idempotency-key': key }), payload: { ...payload, narrative: 'Something else' } });
    expect(different.statusCode).toBe(422);
    expect(await contactCount()).toBe(before);
  });

  it('makes one contact when the same key is sent twice at once', async () => {
    const key = randomUUID();
    const payload = notification();
    const before = await contactCount();
    const [a, b] = await Promise.all([
      t.app.inject({ method: 'POST', url: '/api/v1/contacts', headers: json({ 'idempotency-key': key }), payload }),
      t.app.inject({ method: 'POST', url: '/api/v1/contacts', headers: json({ 'idempotency-key': key }), payload }),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(a.json().id).toBe(b.json().id);
    expect(await contactCount()).toBe(before + 1);
  });

  it('refuses malformed contacts naming every field, and saves nothing', async () => {
    const before = await contactCount();
    const cases: [unknown, string[]][] = [
      [{ ...notification(), contactType: 'dog' }, ['contactType']],
      [{ ...notification(), concerns: [] }, ['concerns']],
      [{ ...notification(), surprise: true }, ['(body)']],
      [{ ...notification(), consent: 'overridden' }, ['consentLawfulBasis', 'consentReason']],
      [{ ...notification(), incident: { occurredAt: 'yesterday' } }, ['incident.occurredAt']],
      [{ ...notification(), incident: { occurredAt: '2099-01-01T00:00:00Z' } }, ['incident.occurredAt']],
      [{ ...notification(), people: [{ role: 'subject_child', givenNames: '<b>Robin</b>', familyName: 'F', dateOfBirth: '2017-02-30', nhsNumber: '1234567890' }] }, ['people[0].givenNames', 'people[0].dateOfBirth', 'people[0].nhsNumber', 'people[0].childVoice', 'people[0].childDemeanour']],
      [{ ...notification(), people: [{ role: 'parent_carer', givenNames: 'Jo', familyName: 'Fixtureby' }] }, ['people']],
      [{ ...notification(), narrative: 'x'.repeat(20_001) }, ['narrative']],
      [{ ...notification(), people: [{ ...notification().people[0], address: { line1: '1 Road', postcode: 'NOT A POSTCODE' } }] }, ['people[0].address.postcode']],
      [[], ['(body)']],
    ];
    for (const [payload, fields] of cases) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/contacts', headers: json({ 'idempotency-key': randomUUID() }), payload: payload as object });
      expect(res.statusCode, JSON.stringify(fields)).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      const named = res.json().errors.map((e: { field: string }) => e.field);
      expect(named, JSON.stringify(res.json().errors)).toEqual(expect.arrayContaining(fields));
    }
    const notJson = await t.app.inject({ method: 'POST', url: '/api/v1/contacts', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain' }, payload: 'hello' });
    expect(notJson.statusCode).toBe(415);
    const broken = await t.app.inject({ method: 'POST', url: '/api/v1/contacts', headers: json(), payload: '{"contactType":' });
    expect(broken.statusCode).toBe(400);
    const badKey = await t.app.inject({ method: 'POST', url: '/api/v1/contacts', headers: json({ 'idempotency-key': 'short' }), payload: notification() });
    expect(badKey.statusCode).toBe(400);
    expect(await contactCount()).toBe(before);
  });

  it('attaches a DASH for the same incident to the Gen 117’s contact, by reference or by people, place and time', async () => {
    // People of their own: other tests' notifications name the Fixtureby family at the same place and time.
    const people = notification().people.map((p) => ({ ...p, familyName: 'Gen-Dashwood' }));
    const gen117 = notification({ people, incident: { policeReference: 'FM/26/770001', occurredAt: '2026-11-20T22:40:00Z', postcode: 'FM1 2AB' } });
    const first = (await t.app.inject({ method: 'POST', url: '/api/v1/contacts', headers: json(), payload: gen117 })).json();
    const before = await contactCount();
    const dash = notification({ people, notificationType: 'dash', riskLevel: 'high', narrative: 'DASH completed with the victim: 15 ticks.', incident: { policeReference: 'fm 26 770001' } });
    const byRef = await t.app.inject({ method: 'POST', url: '/api/v1/contacts', headers: json(), payload: dash });
    expect(byRef.statusCode).toBe(200);
    expect(byRef.json()).toMatchObject({ outcome: 'attached', id: first.id, reference: first.reference, matchedBy: 'same_police_reference' });
    const noRef = notification({ people, notificationType: 'dash', incident: { occurredAt: '2026-11-21T02:00:00Z', postcode: 'fm12ab' } });
    const byPeople = await t.app.inject({ method: 'POST', url: '/api/v1/contacts', headers: json(), payload: noRef });
    expect(byPeople.json()).toMatchObject({ outcome: 'attached', id: first.id, matchedBy: 'same_people_place_time' });
    expect(await contactCount()).toBe(before);
    const updates = await rows<{ notification_type: string }>(db, sql`select notification_type from contact_update where contact_id = ${first.id} order by received_at, created_at`);
    expect(updates.map((u) => u.notification_type)).toEqual(['dash', 'dash']);
  });

  it('links a person at once only on an NHS number held by exactly one person with the same date of birth', async () => {
    const known = (await one<{ id: string; nhs: string; dob: string; given: string; family: string }>(
      db,
      sql`select p.id, i.value as nhs, p.date_of_birth as dob, n.given_names as given, n.family_name as family
            from person p join person_identifier i on i.person_id = p.id and i.type = 'nhs_number'
            join person_name n on n.person_id = p.id and n.is_primary
           where p.merged_into_person_id is null and p.date_of_birth is not null and p.dob_precision = 'exact' and p.date_of_birth < '2020-01-01' and p.date_of_birth > '2009-01-01'
             and (select count(*) from person_identifier j where j.type = 'nhs_number' and j.value = i.value) = 1
           limit 1`,
    ))!;
    const child = { role: 'subject_child', givenNames: known.given, familyName: known.family, dateOfBirth: known.dob, nhsNumber: known.nhs, childVoice: 'Not spoken to: asleep', childDemeanour: 'Asleep' };
    const linked = (await t.app.inject({ method: 'POST', url: '/api/v1/contacts', headers: json(), payload: notification({ incident: undefined, people: [child] }) })).json();
    expect(linked.linkedPeople).toBe(1);
    const subject = await one<{ person_id: string; child_voice: string }>(db, sql`select person_id, child_voice from contact_subject where contact_id = ${linked.id}`);
    expect(subject).toEqual({ person_id: known.id, child_voice: 'Not spoken to: asleep' });
    const otherDob = (await t.app.inject({ method: 'POST', url: '/api/v1/contacts', headers: json(), payload: notification({ incident: undefined, people: [{ ...child, dateOfBirth: '2019-12-31' === known.dob ? '2019-12-30' : '2019-12-31' }] }) })).json();
    expect(otherDob.linkedPeople).toBe(0);
  });

  it('lets a disabled client do nothing more', async () => {
    const police = (await one<{ id: string }>(db, sql`select id from agency where type = 'police' limit 1`))!;
    const other = await t.app.services.apiClients.create({ ...SYSTEM_ACTOR, tenantId }, { agencyId: police.id, name: 'Old system' });
    const issued = (await t.app.inject({ method: 'POST', url: '/api/v1/oauth/token', payload: { grant_type: 'client_credentials', client_id: other.clientId, client_secret: other.secret } })).json();
    const clientRow = (await one<{ id: string }>(db, sql`select id from api_client where client_id = ${other.clientId}`))!;
    await t.app.services.apiClients.setActive({ ...SYSTEM_ACTOR, tenantId }, clientRow.id, false);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/contacts', headers: { authorization: `Bearer ${issued.access_token}`, 'content-type': 'application/json' }, payload: notification() });
    expect(res.statusCode).toBe(401);
  });

  it('lets an administrator add a system (secret shown once), disable it, and set the multiple-concerns alert', async () => {
    const admin = await t.as('admin');
    const police = (await one<{ id: string }>(db, sql`select id from agency where type = 'police' limit 1`))!;
    const bad = await admin.post('/admin/api-clients', { agencyId: 'nope', name: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Select the agency whose system this is');
    const made = await admin.post('/admin/api-clients', { agencyId: police.id, name: 'Custody system' });
    expect(made.statusCode).toBe(200);
    expect(made.headers['cache-control']).toBe('no-store');
    const secret = /Secret\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*<code>([^<]+)<\/code>/.exec(made.body)?.[1];
    const clientId = /<code>(thr_[^<]+)<\/code>/.exec(made.body)?.[1];
    expect(secret && clientId).toBeTruthy();
    const stored = (await one<{ id: string; secret_hash: string }>(db, sql`select id, secret_hash from api_client where client_id = ${clientId}`))!;
    expect(stored.secret_hash).not.toContain(secret!);
    const token = await t.app.inject({ method: 'POST', url: '/api/v1/oauth/token', payload: { grant_type: 'client_credentials', client_id: clientId, client_secret: secret } });
    expect(token.statusCode).toBe(200);
    expect((await admin.post(`/admin/api-clients/${stored.id}/disable`)).statusCode).toBe(303);
    const refused = await t.app.inject({ method: 'POST', url: '/api/v1/oauth/token', payload: { grant_type: 'client_credentials', client_id: clientId, client_secret: secret } });
    expect(refused.statusCode).toBe(401);
    expect((await admin.post('/admin/front-door', { multipleConcernsCount: '1', multipleConcernsDays: '30' })).statusCode).toBe(400);
    expect((await admin.post('/admin/front-door', { multipleConcernsCount: '4', multipleConcernsDays: '60' })).statusCode).toBe(303);
    expect(await t.app.services.intake.multipleConcernsSetting(tenantId)).toEqual({ count: 4, days: 60 });
    expect((await (await t.as('screener')).get('/admin/api-clients')).statusCode).toBe(403);
  });
});
