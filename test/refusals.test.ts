/**
 * Findings 1, 3 and 4 of the trust issue, each as it was reproduced: a refusal that did not stop the handler, an
 * information request open to any signed-in user, and a people search that confirmed guesses about a restricted
 * person.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { one, rows } from '../src/db/client.js';
import { type TestApp, type TestClient, createTestApp, location } from './support/app.js';

let t: TestApp;
let dsl: TestClient;
let dslAgency = '';

/** A draft contact of the school DSL, as their referral form makes it. */
async function draftOfDsl(): Promise<string> {
  await dsl.get('/contacts/new');
  const made = await dsl.post('/contacts/new', {
    contactType: 'child', sourceCode: '6', referrerName: 'Dana Lead', concerns: 'neglect', narrative: 'A draft for the refusal tests', consent: 'given',
    'receivedAt-day': '1', 'receivedAt-month': '6', 'receivedAt-year': '2026', 'receivedAt-hour': '9', 'receivedAt-minute': '0',
  });
  expect(made.statusCode).toBe(303);
  return location(made).split('/')[2]!;
}

/** Events the audit holds for one request. */
async function auditOf(res: { headers: Record<string, unknown> }) {
  return rows<{ action: string }>(t.db.db, sql`select action from audit_event where request_id = ${String(res.headers['x-request-id'])} order by id`);
}

beforeAll(async () => {
  t = await createTestApp();
  dsl = await t.as('dsl');
  dslAgency = (await one<{ agency_id: string }>(t.db.db, sql`select agency_id from app_user where email = 'dsl@demo.threshold.test'`))!.agency_id;
});
afterAll(async () => t?.close());

describe('a refused record check ends the request (finding 1)', () => {
  it('does not add a person of another agency’s contact to a draft, shows nothing of them, and audits one refusal', async () => {
    const person = await one<{ id: string; given_names: string; family_name: string }>(
      t.db.db,
      sql`select p.id, n.given_names, n.family_name from person p join person_name n on n.person_id = p.id and n.is_primary
           where not p.restricted and p.created_by_agency_id <> ${dslAgency}
             and not exists (select 1 from contact_subject cs join contact c on c.id = cs.contact_id
                              where cs.person_id = p.id and (c.source_agency_id = ${dslAgency} or c.owning_agency_id = ${dslAgency}
                                    or exists (select 1 from contact_share s where s.contact_id = c.id and s.agency_id = ${dslAgency})))
           order by p.id limit 1`,
    );
    expect((await dsl.get(`/people/${person!.id}`)).statusCode).toBe(403);
    const draft = await draftOfDsl();
    const res = await dsl.post(`/contacts/${draft}/people`, { personId: person!.id, role: 'subject_child' });
    expect(res.statusCode).toBe(403);
    expect(await one(t.db.db, sql`select 1 from contact_subject where contact_id = ${draft}`)).toBeUndefined();
    expect((await auditOf(res)).map((e) => e.action)).toEqual(['access.denied']);
    for (const page of [`/contacts/${draft}/people`, `/contacts/${draft}/check`]) {
      const body = (await dsl.get(page)).body;
      expect(body).not.toContain(person!.family_name);
    }
    expect((await dsl.get(`/contacts/${draft}/people/${person!.id}/voice`)).statusCode).toBe(403);
  });

  it('sends a restricted person to the break-glass page first, and adds nothing without a reason', async () => {
    const screener = await t.as('screener');
    const viewer = (await one<{ userId: string; tenantId: string; agencyId: string; agencyType: string }>(
      t.db.db,
      sql`select u.id as "userId", u.tenant_id as "tenantId", u.agency_id as "agencyId", a.type as "agencyType" from app_user u join agency a on a.id = u.agency_id where u.email = 'screener@demo.threshold.test'`,
    ))!;
    // The demo has few restricted people, and the screener works on their cases: restrict someone else.
    await t.db.db.execute(sql`update person set restricted = true where id in (
      select p.id from person p where p.merged_into_person_id is null and not exists (
        select 1 from contact_subject cs join contact c on c.id = cs.contact_id where cs.person_id = p.id and c.allocated_user_id = ${viewer.userId}) order by p.id limit 3)`);
    let restricted: { id: string } | undefined;
    for (const candidate of await rows<{ id: string }>(t.db.db, sql`select id from person where restricted and merged_into_person_id is null order by id`)) {
      if ((await t.app.services.people.access(viewer, candidate.id))?.outcome === 'needs-reason') {
        restricted = candidate;
        break;
      }
    }
    expect(restricted).toBeDefined();
    await screener.get('/contacts/new');
    const made = await screener.post('/contacts/new', {
      contactType: 'child', sourceCode: '6', referrerName: 'Pat Caller', concerns: 'neglect', narrative: 'Restricted person test', consent: 'given', channel: 'phone',
      'receivedAt-day': '1', 'receivedAt-month': '6', 'receivedAt-year': '2026', 'receivedAt-hour': '9', 'receivedAt-minute': '0',
    });
    const draft = location(made).split('/')[2]!;
    const res = await screener.post(`/contacts/${draft}/people`, { personId: restricted!.id, role: 'subject_child' });
    expect(res.statusCode).toBe(303);
    expect(location(res)).toMatch(/^\/break-glass\?type=person/);
    expect(await one(t.db.db, sql`select 1 from contact_subject where contact_id = ${draft}`)).toBeUndefined();
    expect(await auditOf(res)).toEqual([]);
  });

  it('answers a non-owning agency’s visit to record a DA incident with 403, never a 500', async () => {
    const contact = await one<{ id: string }>(t.db.db, sql`select id from contact where status = 'open' and not restricted and owning_agency_id <> (select agency_id from app_user where email = 'police@demo.threshold.test') and source_agency_id = (select agency_id from app_user where email = 'police@demo.threshold.test') limit 1`);
    const police = await t.as('police');
    const page = await police.get(`/contacts/${contact!.id}/domestic-abuse`);
    expect(page.statusCode).toBe(403);
    expect(page.body).toContain('Only the agency that owns this contact');
    const before = await one<{ n: number }>(t.db.db, sql`select count(*)::int as n from da_case`);
    const post = await police.post(`/contacts/${contact!.id}/domestic-abuse`, { incidentType: 'verbal' });
    expect(post.statusCode).toBe(403);
    expect((await one<{ n: number }>(t.db.db, sql`select count(*)::int as n from da_case`))!.n).toBe(before!.n);
    expect((await auditOf(post)).map((e) => e.action)).toEqual(['access.denied']);
  });
});

describe('an information request is for the agencies it is between (finding 3)', () => {
  it('is refused to the board analyst, the system administrator and the school administrator, and shows them nothing', async () => {
    const request = await one<{ id: string; agency_id: string }>(t.db.db, sql`select id, agency_id from info_request where agency_id = ${dslAgency} limit 1`);
    const named = await one<{ family_name: string }>(t.db.db, sql`select n.family_name from info_request r join contact_named_person n on n.contact_id = r.contact_id where r.id = ${request!.id} limit 1`);
    for (const user of ['analyst', 'admin', 'school-admin']) {
      const res = await (await t.as(user)).get(`/information-requests/${request!.id}`);
      expect({ user, status: res.statusCode }).toEqual({ user, status: 403 });
      if (named) expect(res.body).not.toContain(named.family_name);
    }
    expect((await dsl.get(`/information-requests/${request!.id}`)).statusCode).toBe(200);
  });
});

describe('the people search says nothing about a restricted person but that they are restricted (finding 4)', () => {
  it('gives only the id, "restricted" and the link, with no match breakdown, through the API and on the page', async () => {
    const p = await one<{ id: string; given_names: string; family_name: string; date_of_birth: string }>(
      t.db.db,
      sql`select p.id, n.given_names, n.family_name, p.date_of_birth::text from person p join person_name n on n.person_id = p.id and n.is_primary
           where p.restricted and p.date_of_birth is not null and p.merged_into_person_id is null limit 1`,
    );
    const screener = await t.as('screener');
    const [y, m, d] = p!.date_of_birth.split('-');
    const query = `givenNames=${encodeURIComponent(p!.given_names)}&familyName=${encodeURIComponent(p!.family_name)}&dateOfBirth-day=${Number(d)}&dateOfBirth-month=${Number(m)}&dateOfBirth-year=${y}`;
    const api = await screener.get(`/api/v1/people?${query}`);
    expect(api.statusCode).toBe(200);
    const hit = (api.json() as { results: Record<string, unknown>[] }).results.find((r) => r.id === p!.id);
    expect(hit).toEqual({ id: p!.id, restricted: true, href: `/people/${p!.id}` });
    const page = await screener.get(`/people?${query}`);
    expect(page.statusCode).toBe(200);
    const row = page.body.slice(page.body.indexOf(`/people/${p!.id}`) - 400, page.body.indexOf(`/people/${p!.id}`) + 800);
    expect(row).toContain('Restricted');
    expect(row).not.toContain(p!.family_name);
    expect(row).not.toMatch(/agree|partly|disagree/i);
  });
});
