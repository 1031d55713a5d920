import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { one, rows } from '../../db/client.js';
import { type TestApp, type TestClient, createTestApp, location } from '../../../test/support/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const details = {
  contactType: 'child',
  sourceCode: '2A',
  referrerName: 'Rowan Teacher',
  referrerRole: 'Designated safeguarding lead',
  referrerPhone: '01632 960 001',
  'receivedAt-day': '2',
  'receivedAt-month': '6',
  'receivedAt-year': '2025',
  'receivedAt-hour': '10',
  'receivedAt-minute': '15',
  concerns: ['neglect', 'domestic_abuse'],
  narrative: 'The children arrived hungry three days running.',
  consent: 'given',
};

/** A person already in the register (the seed's): last name, date of birth and id. */
async function knownChildren(count: number) {
  return rows<{ id: string; family_name: string; given_names: string; date_of_birth: string }>(
    t.db.db,
    sql`select p.id, n.family_name, n.given_names, p.date_of_birth from person p join person_name n on n.person_id = p.id and n.is_primary
         where not p.restricted and p.date_of_birth > current_date - interval '15 years' order by p.created_at, p.id limit ${count}`,
  );
}

async function startContact(client: TestClient) {
  await client.get('/contacts/new');
  const res = await client.post('/contacts/new', { ...details, sourceAgencyId: '' });
  expect(res.statusCode).toBe(303);
  return location(res).split('/')[2]!;
}

describe('recording a contact, end to end', () => {
  let contactId = '';
  let reference = '';

  it('records details, finds two known people and adds a new one, records the child’s voice, and submits', async () => {
    const client = await t.as('screener');
    contactId = await startContact(client);
    const [a, b] = await knownChildren(2);
    for (const p of [a!, b!]) {
      const [y, m, d] = p.date_of_birth.split('-');
      const search = await client.get(`/contacts/${contactId}/people?familyName=${encodeURIComponent(p.family_name)}&dateOfBirth-day=${Number(d)}&dateOfBirth-month=${Number(m)}&dateOfBirth-year=${y}`);
      expect(search.statusCode).toBe(200);
      expect(search.body).toContain(`personId=${p.id}`);
      await client.get(`/contacts/${contactId}/people/add?personId=${p.id}`);
      const added = await client.post(`/contacts/${contactId}/people`, { personId: p.id, role: 'subject_child' });
      expect(added.statusCode).toBe(303);
    }
    await client.get(`/contacts/${contactId}/people/new`);
    const parent = await client.post(`/contacts/${contactId}/people/new`, {
      givenNames: 'Jordan',
      familyName: 'Testperson',
      dobPrecision: 'exact',
      'dateOfBirth-day': '4',
      'dateOfBirth-month': '11',
      'dateOfBirth-year': '1990',
      gender: 'female',
      nhsNumber: '943 476 5919',
      addressLine1: '1 Bracken Way',
      addressPostcode: 'fm1 2ab',
      role: 'parent_carer',
      relatedPersonId: a!.id,
      relationshipType: 'parent',
    });
    expect(parent.statusCode).toBe(303);

    // Submitting before the children's voices are recorded is refused, naming each child.
    await client.get(`/contacts/${contactId}/check`);
    const early = await client.post(`/contacts/${contactId}/submit`);
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain(`${a!.given_names} ${a!.family_name}`);
    expect(early.body).toContain('voice and demeanour');

    for (const p of [a!, b!]) {
      await client.get(`/contacts/${contactId}/people/${p.id}/voice`);
      const v = await client.post(`/contacts/${contactId}/people/${p.id}/voice`, { childVoice: 'Said they were hungry.', childDemeanour: 'Quiet.' });
      expect(v.statusCode).toBe(303);
    }
    await client.get(`/contacts/${contactId}/check`);
    const submitted = await client.post(`/contacts/${contactId}/submit`);
    expect(location(submitted)).toBe(`/contacts/${contactId}/confirmation`);
    const confirmation = await client.get(location(submitted));
    reference = /C-\d{4}-\d{6}/.exec(confirmation.body)![0];
    // Received Monday 2 June 2025 10:15 → decided by the close of Tuesday 3 June.
    expect(confirmation.body).toContain('3 June 2025 at 5pm');

    const stored = await one<{ status: string; decision_due_at: string; n: number }>(
      t.db.db,
      sql`select status, decision_due_at, (select count(*) from contact_subject where contact_id = c.id) as n from contact c where id = ${contactId}`,
    );
    expect(stored).toMatchObject({ status: 'open', n: 3 });
    const rel = await one<{ n: number }>(t.db.db, sql`select count(*) as n from person_relationship r join person_name n on n.person_id = r.person_id where n.family_name = 'Testperson' and r.type = 'parent' and r.related_person_id = ${a!.id}`);
    expect(rel?.n).toBe(1);
  });

  it('puts it on the worklist, overdue, ordered by deadline', async () => {
    const client = await t.as('screener2');
    const res = await client.get('/worklist?due=overdue');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(reference);
    expect(res.body).toContain('Overdue');
    const all = await client.get('/worklist');
    const refs = [...all.body.matchAll(/C-\d{4}-\d{6}/g)].map((m) => m[0]);
    expect(refs[0]).toBe(reference); // the earliest deadline first
  });

  it('lets a screener decide and a different manager authorise, and shows both on the chronology', async () => {
    const screener = await t.as('screener2');
    await screener.get(`/contacts/${contactId}`);
    const incoherent = await screener.post(`/contacts/${contactId}/screening`, { thresholdLevel: '1', outcome: 'strategy_discussion', rationale: 'x' });
    expect(incoherent.statusCode).toBe(409);
    expect(incoherent.body).toContain('is a decision for threshold level 4, not level 1');
    const decided = await screener.post(`/contacts/${contactId}/screening`, { thresholdLevel: '3', outcome: 'referral_csc', rationale: 'Needs an assessment.' });
    expect(decided.statusCode).toBe(303);

    const manager = await t.as('manager');
    const page = await manager.get(`/contacts/${contactId}`);
    expect(page.body).toContain('Authorise the decision');
    const returnedWithoutReason = await manager.post(`/contacts/${contactId}/authorisation`, { decision: 'return' });
    expect(returnedWithoutReason.statusCode).toBe(409);
    const authorised = await manager.post(`/contacts/${contactId}/authorisation`, { decision: 'authorise' });
    expect(authorised.statusCode).toBe(303);
    const status = await one<{ status: string }>(t.db.db, sql`select status from contact where id = ${contactId}`);
    expect(status?.status).toBe('decided');

    // The referral starts an assessment for each child it is about, due 45 working days after the decision.
    const clocks = await rows<{ id: string; kind: string; person_id: string; due_at: string; started_at: string }>(
      t.db.db,
      sql`select id, kind, person_id, due_at::text, started_at::text from clock where contact_id = ${contactId} order by person_id`,
    );
    const children = await rows<{ person_id: string }>(t.db.db, sql`select person_id from contact_subject where contact_id = ${contactId} and role = 'subject_child' order by person_id`);
    expect(clocks.map((k) => k.kind)).toEqual(children.map(() => 'assessment'));
    expect(clocks.map((k) => k.person_id)).toEqual(children.map((c) => c.person_id));
    const calendar = await t.app.services.calendar.forDivision('england-and-wales');
    expect(new Date(clocks[0]!.due_at).getTime()).toBe(calendar.workingDaysDeadline(new Date(clocks[0]!.started_at), 45).getTime());
    const withClocks = await screener.get(`/contacts/${contactId}`);
    expect(withClocks.body).toContain('What happens next');
    const done = await screener.post(`/contacts/${contactId}/clocks/${clocks[0]!.id}/complete`, {});
    expect(done.statusCode).toBe(303);
    expect((await screener.post(`/contacts/${contactId}/clocks/${clocks[0]!.id}/complete`, {})).statusCode).toBe(404);
    expect((await one<{ completed_at: string | null }>(t.db.db, sql`select completed_at from clock where id = ${clocks[0]!.id}`))!.completed_at).not.toBeNull();

    const [child] = await knownChildren(1);
    const person = await manager.get(`/people/${child!.id}`);
    expect(person.body).toContain(`Contact ${reference} received`);
    expect(person.body).toContain(`Screening decision on ${reference}`);
    expect(person.body).toContain(`Decision on ${reference} authorised`);
  });

  it('does not let a manager authorise their own decision', async () => {
    const manager = await t.as('manager');
    const id = await startContact(manager);
    const [a] = await knownChildren(1);
    await manager.get(`/contacts/${id}/people`);
    await manager.post(`/contacts/${id}/people`, { personId: a!.id, role: 'subject_child' });
    await manager.post(`/contacts/${id}/people/${a!.id}/voice`, { childVoice: 'Fine.', childDemeanour: 'Calm.' });
    await manager.post(`/contacts/${id}/submit`);
    await manager.get(`/contacts/${id}`);
    await manager.post(`/contacts/${id}/screening`, { thresholdLevel: '2', outcome: 'early_help', rationale: 'Early help.' });
    const own = await manager.post(`/contacts/${id}/authorisation`, { decision: 'authorise' });
    expect(own.statusCode).toBe(409);
    expect(own.body).toContain('must be authorised by someone other than the person who made it');
  });

  it('audits every view of the contact and shows managers who viewed it', async () => {
    const screener = await t.as('screener');
    await screener.get(`/contacts/${contactId}`);
    const views = await one<{ n: number }>(t.db.db, sql`select count(*) as n from audit_event where action = 'contact.view' and record_id = ${contactId}`);
    expect(views!.n).toBeGreaterThanOrEqual(3);
    const manager = await t.as('manager');
    const history = await manager.get(`/audit/contacts/${contactId}`);
    expect(history.statusCode).toBe(200);
    expect(history.body).toContain('Sam Screener');
    expect(history.body).toContain('Viewed');
    expect((await screener.get(`/audit/contacts/${contactId}`)).statusCode).toBe(403);
  });

  it('refuses a partner agency a contact not shared with it (403 page, audited), and lets it in once shared', async () => {
    const police = await t.as('police');
    const refused = await police.get(`/contacts/${contactId}`);
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('has not been shared with your agency');
    const denial = await one<{ n: number }>(
      t.db.db,
      sql`select count(*) as n from audit_event where action = 'access.denied' and record_id = ${contactId} and user_id = ${await t.userId('police')}`,
    );
    expect(denial!.n).toBe(1);

    const screener = await t.as('screener');
    await screener.get(`/contacts/${contactId}`);
    const police_agency = await one<{ id: string }>(t.db.db, sql`select agency_id as id from app_user where email = 'police@demo.threshold.test'`);
    const shared = await screener.post(`/contacts/${contactId}/shares`, { agencyId: police_agency!.id, purpose: 'Police checks needed' });
    expect(shared.statusCode).toBe(303);
    expect((await police.get(`/contacts/${contactId}`)).statusCode).toBe(200);
    // …but cannot screen it.
    expect((await police.post(`/contacts/${contactId}/screening`, { thresholdLevel: '3', outcome: 'referral_csc', rationale: 'x' })).statusCode).toBe(403);
  });

  it('asks for a reason before opening a restricted contact, records it, and lists it for managers', async () => {
    const author = await t.as('screener');
    const id = await startContact(author);
    await author.post(`/contacts/${id}/details`, { ...details, sourceAgencyId: '', restricted: 'yes' });
    const [a] = await knownChildren(1);
    await author.post(`/contacts/${id}/people`, { personId: a!.id, role: 'subject_child' });
    await author.post(`/contacts/${id}/people/${a!.id}/voice`, { childVoice: 'x', childDemeanour: 'y' });
    await author.post(`/contacts/${id}/submit`);
    expect((await author.get(`/contacts/${id}`)).statusCode).toBe(200); // the author needs no reason

    const colleague = await t.as('screener2');
    const first = await colleague.get(`/contacts/${id}`);
    expect(first.statusCode).toBe(303);
    expect(location(first)).toContain('/break-glass?type=contact');
    await colleague.get(location(first));
    const tooShort = await colleague.post('/break-glass', { type: 'contact', id, reason: 'because', returnTo: `/contacts/${id}` });
    expect(tooShort.statusCode).toBe(400);
    const opened = await colleague.post('/break-glass', { type: 'contact', id, reason: 'Covering the allocated worker today', returnTo: `/contacts/${id}` });
    expect(location(opened)).toBe(`/contacts/${id}`);
    expect((await colleague.get(`/contacts/${id}`)).statusCode).toBe(200);

    const manager = await t.as('manager');
    const report = await manager.get('/audit');
    expect(report.body).toContain('Covering the allocated worker today');
    expect(report.body).toContain('Alex Okoro');
  });
});

describe('form errors', () => {
  it('shows the GOV.UK error summary with links to each field and saves nothing', async () => {
    const client = await t.as('screener');
    await client.get('/contacts/new');
    const before = await one<{ n: number }>(t.db.db, sql`select count(*) as n from contact`);
    const res = await client.post('/contacts/new', {
      contactType: 'child',
      sourceCode: '6',
      'receivedAt-day': '31',
      'receivedAt-month': '2',
      'receivedAt-year': '2025',
      'receivedAt-hour': '10',
      'receivedAt-minute': '00',
      consent: 'overridden',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('govuk-error-summary');
    expect(res.body).toContain('href="#receivedAt-day"');
    expect(res.body).toContain('Date and time received must be a real date');
    expect(res.body).toContain('href="#concerns"');
    expect(res.body).toContain('href="#narrative"');
    expect(res.body).toContain('href="#referrerName"');
    expect(res.body).toContain('<title>Error: ');
    const after = await one<{ n: number }>(t.db.db, sql`select count(*) as n from contact`);
    expect(after!.n).toBe(before!.n);
  });

  it('asks for the lawful basis and reason when information is shared without consent', async () => {
    const client = await t.as('screener');
    await client.get('/contacts/new');
    const res = await client.post('/contacts/new', { ...details, consent: 'overridden' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Select the lawful basis for sharing without consent');
    expect(res.body).toContain('Enter why the information is being shared without consent');
  });

  it('checks NHS numbers and postcodes on a new person', async () => {
    const client = await t.as('screener');
    const id = await startContact(client);
    await client.get(`/contacts/${id}/people/new`);
    const res = await client.post(`/contacts/${id}/people/new`, {
      givenNames: 'Robin',
      familyName: 'Example',
      dobPrecision: 'exact',
      'dateOfBirth-day': '1',
      'dateOfBirth-month': '1',
      'dateOfBirth-year': '2015',
      gender: 'male',
      nhsNumber: '943 476 5910',
      addressLine1: '2 Mill Lane',
      addressPostcode: 'NOT A POSTCODE',
      role: 'subject_child',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Enter a valid 10-digit NHS number');
    expect(res.body).toContain('Enter a real postcode');
  });
});

describe('a contact in parts: a summary, and a page for each part with its own form', () => {
  it('shows the summary without forms, and each part on its page, the forms only to those who may use them', async () => {
    const open = await one<{ id: string; reference: string }>(t.db.db, sql`select c.id, c.reference from contact c join app_user u on u.agency_id = c.owning_agency_id
      where u.email = 'screener@demo.threshold.test' and c.status = 'open' and not c.restricted order by c.received_at limit 1`);
    const screener = await t.as('screener');
    const summary = await screener.get(`/contacts/${open!.id}`);
    expect(summary.statusCode).toBe(200);
    expect(summary.body).toContain('moj-sub-navigation');
    expect(summary.body).toContain(`<span class="app-nowrap">${open!.reference}</span>`);
    expect(summary.body).toContain(`href="/contacts/${open!.id}/screening"`);
    for (const form of ['name="thresholdLevel"', 'name="agencyId"', 'name="userId"']) expect(summary.body).not.toContain(form);

    const parts: [string, string][] = [
      ['people-involved', 'People'],
      ['history', 'Details'],
      ['screening', 'name="thresholdLevel"'],
      ['allocation', 'name="userId"'],
      ['shares', 'name="purpose"'],
    ];
    for (const [part, text] of parts) {
      const page = await screener.get(`/contacts/${open!.id}/${part}`);
      expect(page.statusCode, part).toBe(200);
      expect(page.body, part).toContain(text);
      expect(page.body, part).toContain('aria-current="page"');
    }
    // the screener cannot authorise; a decision not waiting for authorisation says so to a manager
    expect((await screener.get(`/contacts/${open!.id}/authorisation`)).statusCode).toBe(403);
    const manager = await t.as('manager');
    const nothing = await manager.get(`/contacts/${open!.id}/authorisation`);
    expect(nothing.statusCode).toBe(200);
    expect(nothing.body).toContain('There is no decision on this contact waiting for authorisation');

    // a form with a mistake comes back on its own page
    const bad = await screener.post(`/contacts/${open!.id}/shares`, { agencyId: 'nope', purpose: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('govuk-error-summary');
    expect(bad.body).toContain('name="purpose"');
    expect(bad.body).not.toContain('name="thresholdLevel"');

    // a partner the contact was not shared with opens none of its parts
    const police = await t.as('police');
    for (const part of ['', '/people-involved', '/history']) expect((await police.get(`/contacts/${open!.id}${part}`)).statusCode).not.toBe(200);
    for (const part of ['/screening', '/allocation', '/shares']) expect((await police.get(`/contacts/${open!.id}${part}`)).statusCode).toBe(403);
  });
});

describe('partners’ lists, filtered as the home page counts them', () => {
  it('filters the contacts list and the information requests strictly, each with its total', async () => {
    const police = await t.as('police');
    for (const show of ['', 'drafts', 'sent', 'shared', 'nonsense']) {
      const page = await police.get(`/contacts${show ? `?show=${show}` : ''}`);
      expect(page.statusCode, show).toBe(200);
      expect(page.body, show).toMatch(/data-list-total="\d+"/);
    }
    const viewer = await one<{ userId: string; tenantId: string; agencyId: string; agencyType: string }>(
      t.db.db,
      sql`select u.id as "userId", u.tenant_id as "tenantId", u.agency_id as "agencyId", a.type as "agencyType" from app_user u join agency a on a.id = u.agency_id where u.email = 'police@demo.threshold.test'`,
    );
    const counts = await t.app.services.contacts.contactListCounts(viewer!);
    const sent = await police.get('/contacts?show=sent');
    expect(sent.body).toContain(`data-list-total="${counts.sent}"`);
    expect((await police.get('/contacts?show=nonsense')).body).toContain(`data-list-total="${counts.all}"`);
    expect((await police.get('/contacts?show=sent&show=drafts')).statusCode).toBe(200);
    for (const show of ['', 'overdue', 'today', 'escalated', 'answered', '<script>']) {
      const page = await police.get(`/information-requests${show ? `?show=${encodeURIComponent(show)}` : ''}`);
      expect(page.statusCode, show).toBe(200);
      expect(page.body, show).toMatch(/data-list-total="\d+"/);
    }
  });
});
