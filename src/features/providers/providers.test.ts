/**
 * Organisational safeguarding through app.inject against a real database: the providers list with its search,
 * RAG and pagination; a provider's page with its contract concerns (open first, scored), enquiries and the
 * individual safeguarding concerns about it; adding a provider, recording and closing a contract concern, opening a
 * provider enquiry, linking concerns about the provider (and only those) and closing it. Bad input is refused with
 * specific messages and nothing saved; every change and page view is audited; other roles and other areas see nothing.
 */
import { atTestScale } from '../../../test/support/demo-scale.js';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, one, rows } from '../../db/client.js';
import { type TestApp, type TestClient, createTestApp, location } from '../../../test/support/app.js';

let t: TestApp;
let db: Database;
let contracts: TestClient;
let tenantId: string;
let ascAgencyId: string;
let heathervale: { id: string; agency_id: string | null };

async function audits(action: string, recordId?: string): Promise<number> {
  const row = await one<{ n: number }>(db, sql`select count(*)::int as n from audit_event where action = ${action} ${recordId ? sql`and record_id = ${recordId}` : sql``}`);
  return row!.n;
}

const counts = async () =>
  (await one<{ p: number; c: number; e: number; l: number }>(
    db,
    sql`select (select count(*)::int from care_provider) as p, (select count(*)::int from contract_concern) as c,
               (select count(*)::int from provider_enquiry) as e, (select count(*)::int from provider_enquiry_concern) as l`,
  ))!;

let refN = 0;
/** An individual adult concern about a provider, inserted as the adult safeguarding capability would record it. */
async function adultConcernAbout(providerId: string | null, adultName: string): Promise<string> {
  refN += 1;
  const row = await one<{ id: string }>(
    db,
    sql`insert into adult_concern (tenant_id, reference, channel, owning_agency_id, adult_name, received_at, source_code, what_happened, decision_due_at, provider_id)
        values (${tenantId}, ${`PRV-TEST-${refN}`}, 'front_door', ${ascAgencyId}, ${adultName}, now() - interval '3 days', 'social_care_residential', 'Test concern about care', now() + interval '2 days', ${providerId})
        returning id`,
  );
  return row!.id;
}

beforeAll(async () => {
  t = await createTestApp();
  db = t.db.db;
  contracts = await t.as('contracts');
  const u = (await one<{ tenant_id: string; agency_id: string }>(db, sql`select tenant_id, agency_id from app_user where id = ${await t.userId('contracts')}`))!;
  tenantId = u.tenant_id;
  ascAgencyId = u.agency_id;
  heathervale = (await one<{ id: string; agency_id: string | null }>(db, sql`select id, agency_id from care_provider where tenant_id = ${tenantId} and name = 'Heathervale Care Home'`))!;
});
afterAll(async () => t?.close());

describe('the demo providers', () => {
  it('has about 60 providers of every type, Heathervale a care home linked to its agency, and a year of contract concerns', async () => {
    const types = await rows<{ service_type: string; n: number }>(db, sql`select service_type, count(*)::int as n from care_provider where tenant_id = ${tenantId} group by 1`);
    const total = types.reduce((s, r) => s + r.n, 0);
    expect(total).toBeGreaterThanOrEqual(55);
    expect(types.map((r) => r.service_type).sort()).toEqual(['care_home_nursing', 'care_home_residential', 'day_service', 'domiciliary', 'hospital', 'supported_living']);
    const agency = await one<{ name: string }>(db, sql`select name from agency where id = ${heathervale.agency_id}`);
    expect(agency?.name).toBe('Heathervale Care Home');
    const year = await one<{ n: number; open: number }>(
      db,
      sql`select count(*)::int as n, (count(*) filter (where status = 'open'))::int as open from contract_concern where tenant_id = ${tenantId} and raised_on > current_date - 366`,
    );
    expect(year!.n).toBeGreaterThanOrEqual(atTestScale(600));
    expect(year!.open).toBeGreaterThan(atTestScale(20));
    expect(year!.open).toBeLessThan(atTestScale(150));
    const missed = await one<{ n: number }>(db, sql`select count(*)::int as n from contract_concern c join care_provider p on p.id = c.provider_id where c.category = 'late_or_missed_calls' and p.service_type <> 'domiciliary'`);
    expect(missed!.n).toBe(0);
    const openEnquiry = await one<{ n: number }>(db, sql`select count(*)::int as n from provider_enquiry where provider_id = ${heathervale.id} and status = 'open'`);
    expect(openEnquiry!.n).toBe(1);
  });
});

describe('the providers list', () => {
  it('lists the area’s providers by name with their RAG and open counts, 25 a page', async () => {
    const res = await contracts.get('/providers');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1 class="govuk-heading-l">Care providers</h1>');
    expect(res.body).toContain('Open contract concerns');
    expect(res.body).toContain('Open safeguarding concerns');
    expect(res.body).toContain('govuk-pagination');
    const page2 = await contracts.get('/providers?page=2');
    expect(page2.statusCode).toBe(200);
    expect(page2.body).not.toBe(res.body);
    expect(await audits('provider.list_viewed')).toBeGreaterThanOrEqual(2);
  });

  it('finds a provider by part of its name or its CQC location ID, and filters by type', async () => {
    const byName = await contracts.get('/providers?q=heathervale');
    expect(byName.body).toContain(`href="/providers/${heathervale.id}"`);
    expect(byName.body).toContain('data-list-total="1"');
    // Heathervale has an open provider enquiry: red.
    expect(byName.body).toMatch(/govuk-tag--red[^>]*>\s*Red/);
    const cqc = (await one<{ cqc_location_id: string }>(db, sql`select cqc_location_id from care_provider where id = ${heathervale.id}`))!.cqc_location_id;
    const byCqc = await contracts.get(`/providers?q=${encodeURIComponent(cqc)}`);
    expect(byCqc.body).toContain(`href="/providers/${heathervale.id}"`);
    const homeCare = await contracts.get('/providers?type=domiciliary');
    expect(homeCare.body).not.toContain('Heathervale Care Home');
    expect(homeCare.body).toContain('Home care (domiciliary) agency');
    const none = await contracts.get('/providers?q=%25%25nothing-like-this');
    expect(none.body).toContain('No provider matches your search.');
  });

  it('is open to the adult safeguarding manager too, and to no role without providers:monitor', async () => {
    expect((await (await t.as('adults-manager')).get('/providers')).statusCode).toBe(200);
    for (const user of ['screener', 'police', 'provider', 'dols']) expect((await (await t.as(user)).get('/providers')).statusCode, user).toBe(403);
  });
});

describe('a provider’s page', () => {
  it('shows its details, RAG with reasons, contract concerns open first with scores, and its enquiries; audited as a view', async () => {
    const res = await contracts.get(`/providers/${heathervale.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Heathervale Care Home');
    expect(res.body).toContain('Care home with nursing');
    expect(res.body).toContain('1 open provider enquiry');
    expect(res.body).toContain('High (16)');
    // Open first: the first concern card shown is open.
    const firstCard = res.body.slice(res.body.indexOf('govuk-summary-card__title'));
    expect(firstCard.slice(0, 600)).toContain('Open');
    expect(res.body).toContain('id="provider-enquiries"');
    expect(res.body).toContain('/providers/enquiries/');
    expect(await audits('provider.viewed', heathervale.id)).toBeGreaterThanOrEqual(1);
  });

  it('is a 404 for an id of no provider or another area’s provider', async () => {
    expect((await contracts.get('/providers/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await contracts.get('/providers/not-an-id')).statusCode).toBe(404);
    const other = await one<{ id: string }>(db, sql`insert into tenant (code, name, synthetic) values ('prv-other', 'Another area', true) returning id`);
    const theirs = await one<{ id: string }>(db, sql`insert into care_provider (tenant_id, name, service_type) values (${other!.id}, 'Elsewhere House', 'care_home_residential') returning id`);
    expect((await contracts.get(`/providers/${theirs!.id}`)).statusCode).toBe(404);
    expect((await contracts.post(`/providers/${theirs!.id}/contract-concerns`, {})).statusCode).toBe(404);
  });
});

describe('adding a provider', () => {
  it('refuses bad input with a specific message for each field, saving nothing', async () => {
    const before = await counts();
    await contracts.get('/providers/new');
    const res = await contracts.post('/providers', { name: '', cqcLocationId: '101669261', serviceType: 'castle', postcode: 'not a postcode' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('There is a problem');
    expect(res.body).toContain('Enter the provider’s name');
    expect(res.body).toContain('Enter the CQC location ID with its “1-” at the start');
    expect(res.body).toContain('Select the type of service');
    expect(res.body).toContain('Enter a real postcode');
    const bad = await contracts.post('/providers', { name: 'Test House', cqcLocationId: '1-99', serviceType: 'care_home_residential' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Enter a CQC location ID in the correct format');
    expect(await counts()).toEqual(before);
  });

  it('refuses a CQC location ID already recorded, naming the provider that has it', async () => {
    const cqc = (await one<{ cqc_location_id: string }>(db, sql`select cqc_location_id from care_provider where id = ${heathervale.id}`))!.cqc_location_id;
    const before = await counts();
    const res = await contracts.post('/providers', { name: 'Copy House', cqcLocationId: cqc, serviceType: 'care_home_residential' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain(`Heathervale Care Home already has CQC location ID ${cqc}`);
    expect(await counts()).toEqual(before);
  });

  it('adds a provider and audits it', async () => {
    const res = await contracts.post('/providers', { name: 'Wren & Willow House', cqcLocationId: ' 1-99999999999 ', serviceType: 'care_home_residential', address: '3 Heron Close, Fernmoor', postcode: 'fm12ab' });
    expect(res.statusCode).toBe(303);
    const id = location(res).split('/')[2]!.split('?')[0]!;
    expect(location(res)).toBe(`/providers/${id}?done=added`);
    const row = await one<{ name: string; cqc_location_id: string; postcode: string; tenant_id: string }>(db, sql`select name, cqc_location_id, postcode, tenant_id from care_provider where id = ${id}`);
    expect(row).toEqual({ name: 'Wren & Willow House', cqc_location_id: '1-99999999999', postcode: 'FM1 2AB', tenant_id: tenantId });
    expect(await audits('provider.added', id)).toBe(1);
    const page = await contracts.get(location(res));
    expect(page.body).toContain('Provider added');
    expect(page.body).toContain('Wren &amp; Willow House');
    expect(page.body).toMatch(/govuk-tag--green[^>]*>\s*Green/);
  });
});

describe('contract concerns, enquiries and linked concerns', () => {
  let providerId: string;
  let otherProviderId: string;

  beforeAll(async () => {
    providerId = (await one<{ id: string }>(db, sql`insert into care_provider (tenant_id, name, service_type) values (${tenantId}, 'Test Kestrel Care', 'domiciliary') returning id`))!.id;
    otherProviderId = (await one<{ id: string }>(db, sql`insert into care_provider (tenant_id, name, service_type) values (${tenantId}, 'Test Other Care', 'domiciliary') returning id`))!.id;
  });

  const raise = (over: Record<string, string> = {}) =>
    contracts.post(`/providers/${providerId}/contract-concerns`, {
      category: 'late_or_missed_calls', description: 'Two missed teatime calls in a week.', likelihood: '4', impact: '4',
      'raisedOn-day': '2', 'raisedOn-month': '3', 'raisedOn-year': '2026', ...over,
    });

  it('refuses a concern with no category, a score outside 1 to 5 or a future date, saving nothing', async () => {
    const before = await counts();
    const form = await contracts.get(`/providers/${providerId}/contract-concerns/new`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('How likely is it to happen again?');
    const res = await raise({ category: '', likelihood: '6', impact: '0', 'raisedOn-year': String(new Date().getFullYear() + 1) });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Select what the concern is about');
    expect(res.body).toContain('Select how likely it is to happen again, from 1 to 5');
    expect(res.body).toContain('Select the impact on the people who use the service, from 1 to 5');
    expect(res.body).toContain('Date raised must be today or in the past');
    expect((await raise({ description: '<script>x</script>' })).statusCode).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it('records a concern with its score, makes the provider red for a high one, and audits it', async () => {
    const res = await raise();
    expect(res.statusCode).toBe(303);
    expect(location(res)).toBe(`/providers/${providerId}?done=raised#contract-concerns`);
    const row = await one<{ id: string; status: string; likelihood: number; impact: number; raised_on: string; category: string }>(
      db,
      sql`select id, status, likelihood, impact, raised_on::text as raised_on, category from contract_concern where provider_id = ${providerId}`,
    );
    expect(row).toMatchObject({ status: 'open', likelihood: 4, impact: 4, raised_on: '2026-03-02', category: 'late_or_missed_calls' });
    expect(await audits('contract_concern.raised', providerId)).toBe(1);
    const page = await contracts.get(location(res));
    expect(page.body).toContain('Contract concern recorded');
    expect(page.body).toContain('High (16)');
    expect(page.body).toContain('1 open high-risk contract concern');
    expect(page.body).toMatch(/govuk-tag--red[^>]*>\s*Red/);
  });

  it('closes a concern with a note, once; refuses one of another provider and an empty note', async () => {
    const c = (await one<{ id: string }>(db, sql`select id from contract_concern where provider_id = ${providerId} and status = 'open'`))!;
    const otherConcern = (await one<{ id: string }>(db, sql`select id from contract_concern where provider_id <> ${providerId} and status = 'open' limit 1`))!;
    const form = await contracts.get(`/providers/${providerId}/contract-concerns/close?concern=${c.id}`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Two missed teatime calls in a week.');
    expect((await contracts.get(`/providers/${providerId}/contract-concerns/close?concern=${otherConcern.id}`)).statusCode).toBe(404);
    expect((await contracts.get(`/providers/${providerId}/contract-concerns/close?concern=nope`)).statusCode).toBe(404);

    const before = await counts();
    const empty = await contracts.post(`/providers/${providerId}/contract-concerns/close`, { concernId: c.id, closingNote: '  ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Enter what was done and why the concern can close');
    const elsewhere = await contracts.post(`/providers/${providerId}/contract-concerns/close`, { concernId: otherConcern.id, closingNote: 'Not mine' });
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.body).toContain('Select the contract concern to close from the provider’s page');
    expect((await one<{ status: string }>(db, sql`select status from contract_concern where id = ${otherConcern.id}`))!.status).toBe('open');
    expect(await counts()).toEqual(before);

    const done = await contracts.post(`/providers/${providerId}/contract-concerns/close`, { concernId: c.id, closingNote: 'Call monitoring checked for four weeks.' });
    expect(done.statusCode).toBe(303);
    expect(location(done)).toBe(`/providers/${providerId}?done=closed#contract-concerns`);
    const closed = await one<{ status: string; closed_on: string; closing_note: string }>(db, sql`select status, closed_on::text as closed_on, closing_note from contract_concern where id = ${c.id}`);
    expect(closed).toMatchObject({ status: 'closed', closing_note: 'Call monitoring checked for four weeks.' });
    expect(closed!.closed_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await audits('contract_concern.closed', providerId)).toBe(1);
    const again = await contracts.post(`/providers/${providerId}/contract-concerns/close`, { concernId: c.id, closingNote: 'Again' });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('This contract concern is already closed');
    expect(await audits('contract_concern.closed', providerId)).toBe(1);
    // Closed: the form page goes back to the provider.
    expect((await contracts.get(`/providers/${providerId}/contract-concerns/close?concern=${c.id}`)).statusCode).toBe(303);
  });

  it('opens a provider enquiry, links only concerns about the provider, and closes it with a conclusion', async () => {
    const mine1 = await adultConcernAbout(providerId, 'Ada Testperson');
    const mine2 = await adultConcernAbout(providerId, 'Bea Testperson');
    const theirs = await adultConcernAbout(otherProviderId, 'Cy Elsewhere');

    const page = await contracts.get(`/providers/${providerId}`);
    expect(page.body).toContain('Ada Testperson');
    expect(page.body).toContain(`href="/adults/concerns/${mine1}"`);
    expect(page.body).not.toContain('Cy Elsewhere');
    expect(page.body).toContain('2 open safeguarding concerns about the provider');

    expect((await contracts.post(`/providers/${providerId}/enquiries`, { reason: '' })).statusCode).toBe(400);
    const opened = await contracts.post(`/providers/${providerId}/enquiries`, { reason: 'Pattern of missed calls and two individual concerns.' });
    expect(opened.statusCode).toBe(303);
    const enquiryId = location(opened).split('/')[3]!.split('?')[0]!;
    expect(location(opened)).toBe(`/providers/enquiries/${enquiryId}?done=opened`);
    expect(await audits('provider_enquiry.opened', enquiryId)).toBe(1);

    const linkPage = await contracts.get(`/providers/enquiries/${enquiryId}/concerns`);
    expect(linkPage.statusCode).toBe(200);
    expect(linkPage.body).toContain('Ada Testperson');
    expect(linkPage.body).not.toContain('Cy Elsewhere');

    const before = await counts();
    const wrong = await contracts.post(`/providers/enquiries/${enquiryId}/concerns`, { concernIds: [mine1, theirs] });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('Select concerns about this provider from the list');
    const none = await contracts.post(`/providers/enquiries/${enquiryId}/concerns`, {});
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('Select the safeguarding concerns to link to the enquiry');
    expect(await counts()).toEqual(before);

    const linked = await contracts.post(`/providers/enquiries/${enquiryId}/concerns`, { concernIds: [mine1, mine2] });
    expect(linked.statusCode).toBe(303);
    expect(location(linked)).toBe(`/providers/enquiries/${enquiryId}?done=linked`);
    expect((await rows(db, sql`select concern_id from provider_enquiry_concern where provider_enquiry_id = ${enquiryId}`)).length).toBe(2);
    expect(await audits('provider_enquiry.concerns_linked', enquiryId)).toBe(1);
    const twice = await contracts.post(`/providers/enquiries/${enquiryId}/concerns`, { concernIds: mine1 });
    expect(twice.statusCode).toBe(400);

    const enquiry = await contracts.get(`/providers/enquiries/${enquiryId}`);
    expect(enquiry.statusCode).toBe(200);
    expect(enquiry.body).toContain('Linked safeguarding concerns (2)');
    expect(enquiry.body).toContain('Bea Testperson');
    expect(await audits('provider_enquiry.viewed', enquiryId)).toBeGreaterThanOrEqual(1);
    const provider = await contracts.get(`/providers/${providerId}`);
    expect(provider.body).toContain('1 open provider enquiry');
    expect(provider.body).toContain(`<a class="govuk-link" href="/providers/enquiries/${enquiryId}">Linked</a>`);

    const blank = await contracts.post(`/providers/enquiries/${enquiryId}/close`, { conclusion: ' ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.body).toContain('Enter the conclusion of the enquiry');
    const closed = await contracts.post(`/providers/enquiries/${enquiryId}/close`, { conclusion: 'Default notice; rounds re-planned; lifted after eight weeks.' });
    expect(closed.statusCode).toBe(303);
    expect((await one<{ status: string; conclusion: string }>(db, sql`select status, conclusion from provider_enquiry where id = ${enquiryId}`))).toEqual({ status: 'closed', conclusion: 'Default notice; rounds re-planned; lifted after eight weeks.' });
    expect(await audits('provider_enquiry.closed', enquiryId)).toBe(1);
    const late = await contracts.post(`/providers/enquiries/${enquiryId}/concerns`, { concernIds: mine2 });
    expect(late.statusCode).toBe(400);
    expect(late.body).toContain('This provider enquiry is closed');
    expect((await contracts.post(`/providers/enquiries/${enquiryId}/close`, { conclusion: 'again' })).statusCode).toBe(400);
    expect((await contracts.get(`/providers/enquiries/${enquiryId}/close`)).statusCode).toBe(303);
  });

  it('is a 404 for an enquiry of no record', async () => {
    expect((await contracts.get('/providers/enquiries/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await contracts.post('/providers/enquiries/00000000-0000-4000-8000-000000000000/close', { conclusion: 'x' })).statusCode).toBe(404);
  });
});
