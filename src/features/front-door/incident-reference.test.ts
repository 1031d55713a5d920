/**
 * A police reference already known is found by its own index, whatever else happened at the place: a busy postcode
 * (more incidents inside the matching window than the place-and-time rule looks at) must not hide it. Through the
 * agency API (`POST /api/v1/contacts`), with and without an Idempotency-Key.
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

const POSTCODE = 'FM7 7QZ';
const BUSY = 64;
const json = (extra: Record<string, string> = {}) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json', ...extra });

/** A Gen 117 at the busy place; each one names a different family, so none is the same incident as another. */
function notification(reference: string, i: number, overrides: Record<string, unknown> = {}) {
  const family = `Busyplace${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + Math.floor(i / 26))}`;
  return {
    contactType: 'child',
    notificationType: 'gen117',
    referrer: { name: 'Pat Constable', role: 'PC 4471' },
    incident: { policeReference: reference, occurredAt: new Date(Date.UTC(2026, 10, 20, 18, i % 60)).toISOString(), postcode: POSTCODE, place: 'Shopping centre' },
    riskLevel: 'standard',
    concerns: ['domestic_abuse'],
    narrative: `Police attended an incident at the shopping centre (${i}).`,
    consent: 'not_sought',
    people: [
      { role: 'subject_child', givenNames: 'Robin', familyName: family, dateOfBirth: '2017-05-04', gender: 'male', childVoice: 'Said they were scared', childDemeanour: 'Quiet' },
      { role: 'parent_carer', givenNames: 'Jo', familyName: family, dateOfBirth: '1989-02-11', gender: 'female' },
    ],
    ...overrides,
  };
}

const post = (payload: object, headers: Record<string, string> = {}) => t.app.inject({ method: 'POST', url: '/api/v1/contacts', headers: json(headers), payload });

beforeAll(async () => {
  t = await createTestApp();
  db = t.db.db;
  const police = (await one<{ id: string; tenant_id: string }>(db, sql`select id, tenant_id from agency where type = 'police' limit 1`))!;
  const client = await t.app.services.apiClients.create({ ...SYSTEM_ACTOR, tenantId: police.tenant_id }, { agencyId: police.id, name: 'Police case system' });
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/oauth/token', payload: { grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.secret } });
  token = res.json().access_token;
});
afterAll(async () => t.close());

describe('a police reference at a busy place', () => {
  it('attaches a later notification to the incident with its reference, however many other incidents share the place and time', async () => {
    const tag = randomUUID().slice(0, 6).toUpperCase();
    const reference = (i: number) => `FM/BUSY/${tag}/${String(i).padStart(3, '0')}`;
    const first: { id: string; reference: string }[] = [];
    for (let i = 0; i < BUSY; i += 1) {
      const res = await post(notification(reference(i), i));
      expect(res.statusCode, res.body).toBe(201);
      first.push(res.json());
    }
    const atPlace = await one<{ n: number }>(db, sql`select count(*)::int as n from incident where postcode = ${POSTCODE}`);
    expect(atPlace!.n).toBe(BUSY);
    const contacts = async () => Number((await one<{ n: number }>(db, sql`select count(*)::int as n from contact`))!.n);
    const before = await contacts();

    // the first incident, the last (recorded after more than fifty others at the place), and one in the middle
    for (const i of [0, BUSY - 1, 37]) {
      const dash = notification(reference(i), i, { notificationType: 'dash', riskLevel: 'high', narrative: `DASH completed for incident ${i}.` });
      const plain = await post(dash);
      expect(plain.statusCode, plain.body).toBe(200);
      expect(plain.json()).toMatchObject({ outcome: 'attached', id: first[i]!.id, matchedBy: 'same_police_reference' });
      // the same body again: attached again, never a 500
      const again = await post(dash);
      expect(again.statusCode, again.body).toBe(200);
      expect(again.json()).toMatchObject({ outcome: 'attached', id: first[i]!.id });
      // with an Idempotency-Key: attached, and a retry is answered with the first response
      const key = randomUUID();
      const keyed = await post(dash, { 'idempotency-key': key });
      expect(keyed.statusCode, keyed.body).toBe(200);
      expect(keyed.json()).toMatchObject({ outcome: 'attached', id: first[i]!.id });
      const retry = await post(dash, { 'idempotency-key': key });
      expect(retry.statusCode, retry.body).toBe(200);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.json()).toEqual(keyed.json());
    }
    expect(await contacts()).toBe(before);
    const updates = await rows<{ contact_id: string; n: number }>(db, sql`select contact_id, count(*)::int as n from contact_update where contact_id in (${sql.join([0, BUSY - 1, 37].map((i) => sql`${first[i]!.id}`), sql`, `)}) group by contact_id`);
    expect(updates.map((u) => u.n)).toEqual([3, 3, 3]);
  });

  it('makes one incident when two notifications with a new reference arrive at once, and attaches the other', async () => {
    const ref = `FM/BUSY/RACE/${randomUUID().slice(0, 8)}`;
    for (const keyed of [false, true]) {
      const reference = `${ref}/${keyed ? 'K' : 'N'}`;
      const key = (): Record<string, string> => (keyed ? { 'idempotency-key': randomUUID() } : {});
      const [a, b] = await Promise.all([post(notification(reference, 3), key()), post(notification(reference, 3, { notificationType: 'dash' }), key())]);
      expect([a.statusCode, b.statusCode].sort(), `${a.body} ${b.body}`).toEqual([200, 201]);
      expect(a.json().id).toBe(b.json().id);
      const n = await one<{ n: number }>(db, sql`select count(*)::int as n from incident where police_reference = ${reference.replace(/[^A-Z0-9]/gi, '').toUpperCase()}`);
      expect(n!.n).toBe(1);
    }
  });
});
