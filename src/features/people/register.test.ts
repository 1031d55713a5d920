import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { one, rows } from '../../db/client.js';
import { upnCheckLetter } from '../../domain/identifiers.js';
import { SYSTEM_ACTOR } from '../../platform/audit.js';
import { type TestApp, type TestClient, createTestApp, location } from '../../../test/support/app.js';
import { SEARCH_PAGE_SIZE } from './routes.js';

/** As the templates escape text (a name may have an apostrophe). */
const escaped = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

let t: TestApp;
let screener: TestClient;
let manager: TestClient;
let tenantId: string;

beforeAll(async () => {
  t = await createTestApp();
  screener = await t.as('screener');
  manager = await t.as('manager');
  tenantId = (await one<{ id: string }>(t.db.db, sql`select id from tenant where code = 'fernmoor'`))!.id;
});
afterAll(async () => t.close());

async function aChild() {
  return (await one<{ id: string; given_names: string; family_name: string; date_of_birth: string; nhs: string | null; postcode: string | null }>(
    t.db.db,
    sql`select p.id, n.given_names, n.family_name, p.date_of_birth,
               (select value from person_identifier i where i.person_id = p.id and i.type = 'nhs_number') as nhs,
               (select postcode from person_address a where a.person_id = p.id and a.to_date is null limit 1) as postcode
          from person p join person_name n on n.person_id = p.id and n.is_primary
         where not p.restricted and p.merged_into_person_id is null and p.dob_precision = 'exact'
           and p.date_of_birth > current_date - interval '15 years' and exists (select 1 from person_identifier i where i.person_id = p.id)
           -- a child whose NHS number nobody else holds (the demo's deliberate duplicates share theirs), with an address
           and exists (select 1 from person_identifier i where i.person_id = p.id and i.type = 'nhs_number'
                        and not exists (select 1 from person_identifier j where j.tenant_id = i.tenant_id and j.type = i.type and j.value = i.value and j.person_id <> i.person_id))
           and exists (select 1 from person_address a where a.person_id = p.id and a.to_date is null)
         order by p.created_at, p.id limit 1`,
  ))!;
}

describe('the matching profile kept with every change', () => {
  it('has a profile and blocking keys for every person in the register, and none for merged records', async () => {
    const missing = await one<{ n: number }>(t.db.db, sql`select count(*) as n from person p where p.merged_into_person_id is null and not exists (select 1 from person_match_profile m where m.person_id = p.id)`);
    expect(missing!.n).toBe(0);
    const keys = await one<{ n: number }>(t.db.db, sql`select count(*) as n from person_match_key`);
    expect(keys!.n).toBeGreaterThan(1000);
  });

  it('finds a person by candidate keys only (the lookup uses the index)', async () => {
    const plan = await rows<{ 'QUERY PLAN': string }>(t.db.db, sql`explain select person_id from person_match_key where tenant_id = ${tenantId} and key in (1, 2, 3) group by person_id`);
    const text = plan.map((r) => Object.values(r)[0]).join('\n');
    expect(text).toMatch(/Index|Bitmap/);
  });
});

describe('search before create', () => {
  it('ranks the right person first under a nickname, a typo and a swapped day and month, and says why', async () => {
    const c = await aChild();
    const [y, m, d] = c.date_of_birth.split('-');
    const typo = c.family_name.length > 4 ? c.family_name.slice(0, 2) + c.family_name[3] + c.family_name[2] + c.family_name.slice(4) : c.family_name;
    const found = await t.app.services.identity.candidates(tenantId, {
      givenNames: [c.given_names],
      familyNames: [typo],
      dateOfBirth: Number(d) <= 12 ? `${y}-${d}-${m}` : c.date_of_birth,
      postcode: c.postcode,
    });
    expect(found[0]?.personId).toBe(c.id);
    expect(found[0]!.fields.map((f) => f.name)).toEqual(expect.arrayContaining(['given', 'family', 'dob', 'address']));
  });

  it('shows candidates with their likelihood and reasons on the contact’s people page', async () => {
    const c = await aChild();
    await screener.get('/contacts/new');
    const created = await screener.post('/contacts/new', {
      contactType: 'child', sourceCode: '6', referrerName: 'Pat Officer', concerns: 'neglect', narrative: 'Test', consent: 'given',
      'receivedAt-day': '1', 'receivedAt-month': '6', 'receivedAt-year': '2025', 'receivedAt-hour': '9', 'receivedAt-minute': '0',
    });
    const contactId = location(created).split('/')[2]!;
    const [y, m, d] = c.date_of_birth.split('-');
    const page = await screener.get(`/contacts/${contactId}/people?givenNames=${encodeURIComponent(c.given_names)}&familyName=${encodeURIComponent(c.family_name)}&dateOfBirth-day=${Number(d)}&dateOfBirth-month=${Number(m)}&dateOfBirth-year=${y}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`personId=${c.id}`);
    expect(page.body).toMatch(/Almost certainly the same person|Very likely the same person|Possibly the same person|Probably someone else|Unlikely to be the same person/);
    expect(page.body).toContain('Why:');
  });

  it('links automatically only on a verified identifier held by exactly one person', async () => {
    const c = await aChild();
    const identity = t.app.services.identity;
    expect(await identity.resolveByIdentifier(tenantId, 'nhs_number', c.nhs!)).toBe(c.id);
    expect(await identity.resolveByIdentifier(tenantId, 'nhs_number', '4010232137')).toBeNull();
    // Two people holding the same number: nobody is linked automatically.
    const other = await one<{ id: string }>(t.db.db, sql`select id from person where id <> ${c.id} and merged_into_person_id is null limit 1`);
    await t.db.db.execute(sql`insert into person_identifier (tenant_id, person_id, type, value) values (${tenantId}, ${other!.id}, 'nhs_number', ${c.nhs})`);
    expect(await identity.resolveByIdentifier(tenantId, 'nhs_number', c.nhs!)).toBeNull();
    await t.db.db.execute(sql`delete from person_identifier where person_id = ${other!.id} and value = ${c.nhs}`);
  });
});

describe('the person search page and API', () => {
  it('finds by a misspelt name (fuzzy), narrowed by age and postcode, ranked with reasons', async () => {
    const c = await aChild();
    const misspelt = c.family_name.slice(0, -1) + (c.family_name.endsWith('e') ? 'a' : 'e');
    const res = await screener.get(`/people?givenNames=${encodeURIComponent(c.given_names)}&familyName=${encodeURIComponent(misspelt)}&ageFrom=0&ageTo=17`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`/people/${c.id}`);
    const api = await screener.get(`/api/v1/people?givenNames=${encodeURIComponent(c.given_names)}&familyName=${encodeURIComponent(misspelt)}`);
    expect(api.statusCode).toBe(200);
    const body = api.json() as { results: { id: string; match?: { probability: number; fields: unknown[] } }[] };
    const hit = body.results.find((r) => r.id === c.id);
    expect(hit?.match?.probability).toBeGreaterThan(0);
    expect(hit?.match?.fields.length).toBeGreaterThan(2);
  });

  it('shows the results 10 a page with their total, keeping the search in the pages’ addresses', async () => {
    const common = await one<{ family_name: string }>(t.db.db, sql`select family_name from person_name where is_primary group by family_name order by count(*) desc, family_name limit 1`);
    const search = `familyName=${encodeURIComponent(common!.family_name)}`;
    const wide = await screener.get(`/people?${search}`);
    expect(wide.statusCode).toBe(200);
    const total = Number(/data-list-total="(\d+)"/.exec(wide.body)?.[1]);
    const shown = (body: string) => [...body.matchAll(/govuk-summary-card__title"><a class="govuk-link" href="\/people\//g)].length;
    expect(shown(wide.body)).toBe(Math.min(SEARCH_PAGE_SIZE, total));
    if (total > SEARCH_PAGE_SIZE) {
      expect(wide.body).toContain(`${search}&amp;page=2`);
      const second = await screener.get(`/people?${search}&page=2`);
      expect(second.body).toContain(`data-list-total="${total}"`);
      expect(shown(second.body)).toBe(Math.min(SEARCH_PAGE_SIZE, total - SEARCH_PAGE_SIZE));
    }
    expect((await screener.get(`/people?${search}&page=nonsense`)).statusCode).toBe(200);
  });

  it('finds by identifier, and audits the search with the ids it showed', async () => {
    const c = await aChild();
    const res = await screener.get(`/api/v1/people?identifierType=nhs_number&identifier=${c.nhs}`);
    expect((res.json() as { results: { id: string }[] }).results.map((r) => r.id)).toEqual([c.id]);
    const audit = await one<{ details: { ids: string[] } }>(t.db.db, sql`select details from audit_event where action = 'person.search' order by id desc limit 1`);
    expect(audit!.details.ids).toEqual([c.id]);
  });

  it('refuses a bad search with a specific message (page and problem+json)', async () => {
    const page = await screener.get('/people?identifierType=upn&identifier=X123');
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('Enter a valid 13-character UPN');
    const api = await screener.get('/api/v1/people?ageFrom=30&ageTo=20&familyName=Smith');
    expect(api.statusCode).toBe(400);
    expect(api.headers['content-type']).toContain('application/problem+json');
    expect(JSON.stringify(api.json())).toContain('Age to must be the same as or more than age from');
    const broad = await screener.get('/api/v1/people?postcode=FM1');
    expect(broad.statusCode).toBe(400);
  });

  it('shows a partner agency only people it is involved with', async () => {
    const c = await aChild();
    const dsl = await t.as('dsl');
    const res = await dsl.get(`/api/v1/people?identifierType=nhs_number&identifier=${c.nhs}`);
    const visible = await one<{ n: number }>(
      t.db.db,
      sql`select count(*) as n from contact_subject cs join contact c on c.id = cs.contact_id
           where cs.person_id = ${c.id} and (c.source_agency_id = (select agency_id from app_user where email = 'dsl@demo.threshold.test')
             or exists (select 1 from contact_share s where s.contact_id = c.id and s.agency_id = (select agency_id from app_user where email = 'dsl@demo.threshold.test')))`,
    );
    expect((res.json() as { results: unknown[] }).results.length).toBe(visible!.n > 0 ? 1 : 0);
  });
});

describe('changing a person', () => {
  it('adds a previous name, after which the person is found by it', async () => {
    const c = await aChild();
    const form = await screener.get(`/people/${c.id}/names`);
    expect(form.body).toContain(`<span class="govuk-caption-l">${escaped(`${c.given_names} ${c.family_name}`)}</span>`);
    const res = await screener.post(`/people/${c.id}/names`, { type: 'previous', givenNames: c.given_names, familyName: 'Quarrington' });
    expect(location(res)).toBe(`/people/${c.id}?saved=1`);
    expect((await screener.get(`/people/${c.id}`)).body).toContain(escaped(`${c.given_names} Quarrington (previous name)`));
    const found = await t.app.services.identity.candidates(tenantId, { givenNames: [c.given_names], familyNames: ['Quarrington'], dateOfBirth: c.date_of_birth });
    expect(found[0]?.personId).toBe(c.id);
  });

  it('checks identifiers by type (UPN check letter, NHS modulus 11) and refuses duplicates', async () => {
    const c = await aChild();
    await screener.get(`/people/${c.id}/identifiers`);
    const digits = '801200113001';
    const letter = upnCheckLetter(digits)!;
    const wrong = letter === 'B' ? 'C' : 'B';
    const bad = await screener.post(`/people/${c.id}/identifiers`, { identifierType: 'upn', identifier: `${wrong}${digits}` });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Enter a valid 13-character UPN');
    const good = await screener.post(`/people/${c.id}/identifiers`, { identifierType: 'upn', identifier: `${letter}${digits}` });
    expect(good.statusCode).toBe(303);
    const again = await screener.post(`/people/${c.id}/identifiers`, { identifierType: 'upn', identifier: `${letter}${digits}` });
    expect(again.statusCode).toBe(409);
  });

  it('records a move: the old address ends, the household follows the new one', async () => {
    const c = await aChild();
    const before = await t.app.services.households.householdsOf(c.id);
    await screener.get(`/people/${c.id}/addresses`);
    const res = await screener.post(`/people/${c.id}/addresses`, { line1: '7 Kingfisher Court', town: 'Fernmoor', postcode: 'FM9 9ZZ', uprn: '', 'fromDate-day': '1', 'fromDate-month': '1', 'fromDate-year': '2025' });
    expect(res.statusCode).toBe(303);
    const addresses = await rows<{ to_date: string | null; postcode: string }>(t.db.db, sql`select to_date, postcode from person_address where person_id = ${c.id} order by created_at`);
    expect(addresses.at(-1)).toEqual({ to_date: null, postcode: 'FM9 9ZZ' });
    expect(addresses.slice(0, -1).every((a) => a.to_date === '2025-01-01')).toBe(true);
    const after = await t.app.services.households.householdsOf(c.id);
    expect(after.map((h) => h.id)).not.toEqual(before.map((h) => h.id));
    expect(after[0]!.members.map((m) => m.person_id)).toEqual([c.id]);
  });

  it('flags a risk to staff, which needs a note, and shows a warning on the record', async () => {
    const c = await aChild();
    await screener.get(`/people/${c.id}/flags`);
    const missing = await screener.post(`/people/${c.id}/flags`, { restricted: 'no', riskToStaff: 'yes', riskToStaffNote: '' });
    expect(missing.body).toContain('Say what staff need to know to stay safe');
    await screener.post(`/people/${c.id}/flags`, { restricted: 'no', riskToStaff: 'yes', riskToStaffNote: 'Dog at the property' });
    expect((await screener.get(`/people/${c.id}`)).body).toContain('Risk to staff: Dog at the property');
  });
});

describe('relationships and households by hand', () => {
  async function twoStrangers() {
    const me = await one<{ id: string }>(
      t.db.db,
      sql`select p.id from person p
           where not p.restricted and p.merged_into_person_id is null
             and exists (select 1 from household_member m where m.person_id = p.id and m.to_date is null)
             and not exists (select 1 from person_relationship r where r.person_id = p.id or r.related_person_id = p.id)
           order by p.created_at desc, p.id limit 1`,
    );
    const other = await one<{ id: string; given_names: string; family_name: string }>(
      t.db.db,
      sql`select p.id, n.given_names, n.family_name from person p join person_name n on n.person_id = p.id and n.is_primary
           where p.id <> ${me!.id} and not p.restricted and p.merged_into_person_id is null
             and not exists (select 1 from household_member m join household_member o on o.household_id = m.household_id
                              where m.person_id = ${me!.id} and o.person_id = p.id)
             and not exists (select 1 from person_relationship r where r.person_id = p.id or r.related_person_id = p.id)
           order by p.created_at, p.id limit 1`,
    );
    return [me!, other!] as const;
  }

  it('finds the other person, records how they are related the right way round, and adds them to the household', async () => {
    const [me, other] = await twoStrangers();
    const page = await screener.get(`/people/${me!.id}/relationships?familyName=${encodeURIComponent(other!.family_name)}&givenNames=${encodeURIComponent(other!.given_names)}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`value="${other!.id}"`);
    expect(page.body).not.toContain(`value="${me!.id}"`);

    const empty = await screener.post(`/people/${me!.id}/relationships`, {});
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Select the person they are related to');
    expect(empty.body).toContain('Select how they are related');

    const self = await screener.post(`/people/${me!.id}/relationships`, { otherPersonId: me!.id, relationship: 'sibling' });
    expect(self.statusCode).toBe(400);
    expect(self.body).toContain('Select someone other than this person');

    const added = await screener.post(`/people/${me!.id}/relationships`, { otherPersonId: other!.id, relationship: 'child', sameHousehold: 'yes', 'fromDate-day': '', 'fromDate-month': '', 'fromDate-year': '' });
    expect(added.statusCode).toBe(303);
    const stored = await one<{ person_id: string; related_person_id: string; type: string }>(
      t.db.db,
      sql`select person_id, related_person_id, type from person_relationship where related_person_id = ${other!.id} and person_id = ${me!.id}`,
    );
    expect(stored).toEqual({ person_id: me!.id, related_person_id: other!.id, type: 'parent' });
    const view = await screener.get(`/people/${me!.id}`);
    expect(view.body).toContain('Children');
    const households = await t.app.services.households.householdsOf(me!.id);
    expect(households[0]!.members.map((m) => m.person_id)).toContain(other!.id);
    const audited = await one<{ n: number }>(t.db.db, sql`select count(*) as n from audit_event where action in ('person.relationship_added', 'household.member_added') and record_id in (${me!.id}, ${other!.id})`);
    expect(audited!.n).toBe(2);

    const again = await screener.post(`/people/${me!.id}/relationships`, { otherPersonId: other!.id, relationship: 'sibling' });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('already recorded');
  });

  it('offers at most the 10 closest people, says how many were found and how to narrow the search', async () => {
    const [me] = await twoStrangers();
    const common = (await one<{ family_name: string; n: number }>(
      t.db.db,
      sql`select family_name, count(*)::int as n from person_name where is_primary group by family_name order by count(*) desc, family_name limit 1`,
    ))!;
    const page = await screener.get(`/people/${me.id}/relationships?familyName=${encodeURIComponent(common.family_name)}`);
    expect(page.statusCode).toBe(200);
    const offered = page.body.match(/name="otherPersonId"/g) ?? [];
    expect(offered.length).toBeGreaterThan(0);
    expect(offered.length).toBeLessThanOrEqual(10);
    const total = Number(/data-list-total="(\d+)"/.exec(page.body)?.[1]);
    expect(total).toBeGreaterThanOrEqual(offered.length);
    if (total > 10) expect(page.body).toContain('refine your search');
  });

  it('refuses an impossible start date and a person who does not exist, saving nothing', async () => {
    const [me] = await twoStrangers();
    const before = await one<{ n: number }>(t.db.db, sql`select count(*) as n from person_relationship`);
    const future = await screener.post(`/people/${me!.id}/relationships`, { otherPersonId: '00000000-0000-4000-8000-000000000000', relationship: 'partner', 'fromDate-day': '31', 'fromDate-month': '2', 'fromDate-year': '2020' });
    expect(future.statusCode).toBe(400);
    expect(future.body).toMatch(/Date the relationship started must be a real date/);
    const nobody = await screener.post(`/people/${me!.id}/relationships`, { otherPersonId: '00000000-0000-4000-8000-000000000000', relationship: 'partner' });
    expect(nobody.statusCode).toBe(400);
    expect(nobody.body).toContain('Select a person from the search results');
    const after = await one<{ n: number }>(t.db.db, sql`select count(*) as n from person_relationship`);
    expect(after!.n).toBe(before!.n);
  });
});

describe('possible duplicates, merge and undo', () => {
  it('queues likely duplicates found by scanning the register', async () => {
    const open = await t.app.services.identity.openDuplicates(tenantId);
    expect(open.length).toBeGreaterThan(3);
    expect(open.every((d) => d.probability >= 0.5)).toBe(true);
    const page = await manager.get('/people/duplicates');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Review');
    const [first] = await t.app.services.people.summaries([open[0]!.person_a]);
    expect(page.body).toContain(escaped(`${first!.given_names} ${first!.family_name}`));
    // 25 pairs a page, with the total.
    expect(page.body).toContain(`data-list-total="${await t.app.services.identity.countOpenDuplicates(tenantId)}"`);
    expect((page.body.match(/>Review</g) ?? []).length).toBeLessThanOrEqual(25);
  });

  it('pages the pairs, 25 at a time', async () => {
    const total = await t.app.services.identity.countOpenDuplicates(tenantId);
    const first = await manager.get('/people/duplicates');
    if (total <= 25) return expect(first.body).not.toContain('govuk-pagination');
    expect(first.body).toContain('govuk-pagination');
    const second = await manager.get('/people/duplicates?page=2');
    expect(second.statusCode).toBe(200);
    const [pair] = await t.app.services.identity.openDuplicates(tenantId, 1, 25);
    expect(second.body).toContain(`/people/duplicates/${pair!.id}`);
    expect(first.body).not.toContain(`/people/duplicates/${pair!.id}"`);
  });

  it('merges a pair, moving everything linked, and undoes it exactly', async () => {
    const [d] = await t.app.services.identity.openDuplicates(tenantId);
    const snapshot = async () =>
      rows<{ t: string; id: string; person: string }>(
        t.db.db,
        sql`select 'name' as t, id::text, person_id::text as person from person_name where person_id in (${d!.person_a}, ${d!.person_b})
            union all select 'identifier', id::text, person_id::text from person_identifier where person_id in (${d!.person_a}, ${d!.person_b})
            union all select 'address', id::text, person_id::text from person_address where person_id in (${d!.person_a}, ${d!.person_b})
            union all select 'subject', id::text, person_id::text from contact_subject where person_id in (${d!.person_a}, ${d!.person_b})
            union all select 'relationship', id::text, person_id::text || '>' || related_person_id::text from person_relationship
                       where person_id in (${d!.person_a}, ${d!.person_b}) or related_person_id in (${d!.person_a}, ${d!.person_b})
            order by 1, 2`,
      );
    const before = await snapshot();
    await manager.get(`/people/duplicates/${d!.id}`);
    const merged = await manager.post(`/people/duplicates/${d!.id}/merge`, { keep: 'a', reason: 'Same NHS number on both' });
    expect(location(merged)).toBe(`/people/${d!.person_a}?saved=1`);
    const during = await snapshot();
    expect(during.filter((r) => r.t !== 'relationship').every((r) => r.person === d!.person_a)).toBe(true);
    // The merged record's page now leads to the survivor; it has no profile of its own.
    expect(location(await manager.get(`/people/${d!.person_b}`))).toBe(`/people/${d!.person_a}?merged=1`);
    expect(await one(t.db.db, sql`select 1 from person_match_profile where person_id = ${d!.person_b}`)).toBeUndefined();
    const audit = await rows<{ action: string }>(t.db.db, sql`select action from audit_event where action like 'person.merged%' and record_id in (${d!.person_a}, ${d!.person_b})`);
    expect(audit.map((a) => a.action).sort()).toEqual(['person.merged_from', 'person.merged_into']);

    const survivorPage = await manager.get(`/people/${d!.person_a}`);
    const mergeId = /\/people\/merges\/([0-9a-f-]{36})\/undo/.exec(survivorPage.body)![1]!;
    const undone = await manager.post(`/people/merges/${mergeId}/undo`);
    expect(location(undone)).toBe(`/people/${d!.person_a}?unmerged=1`);
    expect(await snapshot()).toEqual(before);
    expect(await one(t.db.db, sql`select 1 from person_match_profile where person_id = ${d!.person_b}`)).toBeDefined();
  });

  it('records "not the same person", which keeps the pair out of the queue', async () => {
    const [d] = await t.app.services.identity.openDuplicates(tenantId);
    await manager.get(`/people/duplicates/${d!.id}`);
    await manager.post(`/people/duplicates/${d!.id}/not-the-same`, { reason: 'Twins' });
    await t.app.services.identity.scanDuplicates(SYSTEM_ACTOR, tenantId);
    const again = await t.app.services.identity.openDuplicates(tenantId);
    expect(again.some((x) => x.id === d!.id)).toBe(false);
  });

  it('lets only managers merge', async () => {
    expect((await screener.get('/people/duplicates')).statusCode).toBe(403);
  });
});

describe('re-estimating the model', () => {
  it('refuses to learn from a register too small to learn from, and says so', async () => {
    // A new area with nobody on its register yet (the demo area's register is now large enough to learn from).
    const small = (await one<{ id: string }>(t.db.db, sql`insert into tenant (code, name, synthetic) values ('small-area', 'A small area (test)', true) returning id`))!.id;
    const result = await t.app.services.identity.train(SYSTEM_ACTOR, small);
    expect(result.trained).toBe(false);
    expect(result.source).toContain('at least 5000 are needed');
    const admin = await t.as('admin');
    const page = await admin.get('/admin/matching');
    // the demo area's register is large enough: its model says it was estimated from it
    expect(page.body).toMatch(/estimated from (this area’s register|a synthetic register)/);
  });
});

describe('a person’s chronology', () => {
  it('shows the latest 10 entries on the person page and the whole chronology 25 a page, with its total', async () => {
    // the child subject of the most contacts in the screener's agency
    const busiest = (await one<{ person_id: string; n: number }>(
      t.db.db,
      sql`select cs.person_id, count(*)::int as n from contact_subject cs join person p on p.id = cs.person_id
           where not p.restricted and p.merged_into_person_id is null group by cs.person_id order by count(*) desc, cs.person_id limit 1`,
    ))!;
    const page = await screener.get(`/people/${busiest.person_id}`);
    expect(page.statusCode).toBe(200);
    const whole = await screener.get(`/people/${busiest.person_id}/chronology`);
    expect(whole.statusCode).toBe(200);
    const total = Number(/data-list-total="(\d+)"/.exec(whole.body)![1]);
    expect(total).toBeGreaterThan(0);
    const onPerson = (page.body.match(/class="moj-timeline__item"/g) ?? []).length;
    expect(onPerson).toBe(Math.min(total, 10));
    if (total > 10) expect(page.body).toContain(`/people/${busiest.person_id}/chronology`);
    expect((whole.body.match(/class="moj-timeline__item"/g) ?? []).length).toBe(Math.min(total, 25));
    // a page past the last shows the last; a page that is not a number is refused or shows the first
    const past = await screener.get(`/people/${busiest.person_id}/chronology?page=999`);
    expect(past.statusCode).toBe(200);
    expect([200, 400]).toContain((await screener.get(`/people/${busiest.person_id}/chronology?page=%3Cscript%3E`)).statusCode);
  });
});
