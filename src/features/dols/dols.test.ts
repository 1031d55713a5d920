/**
 * DoLS through app.inject against the seeded database: the DoLS lead's overview (counts, the unallocated list by
 * priority and oldest first, pages, the expiring list), an assessor seeing only what is allocated to them, a new
 * application refused with specific messages and then recorded, and the whole life of an application (allocate,
 * the six assessments, grant for no more than 12 months; not granted; the urgent extension once; withdrawal), each
 * change audited and nothing half-saved. The lists' clocks in SQL agree with the domain's.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, one, rows } from '../../db/client.js';
import { ASSESSMENT_KINDS, decisionDueOn, maxAuthorisedUntil, urgentExpiresOn } from '../../domain/dols.js';
import { type LocalDate, addDays, londonDate, parseLocalDate } from '../../domain/time.js';
import { type TestApp, type TestClient, createTestApp, location } from '../../../test/support/app.js';

let t: TestApp;
let db: Database;
let lead: TestClient;
let bia: TestClient;
let screener: TestClient;
let biaId: string;
let leadId: string;
let today: LocalDate;

beforeAll(async () => {
  t = await createTestApp();
  db = t.db.db;
  lead = await t.as('dols');
  bia = await t.as('bia');
  screener = await t.as('screener');
  biaId = await t.userId('bia');
  leadId = await t.userId('dols');
  today = londonDate(new Date());
});
afterAll(async () => t?.close());

function dateParts(name: string, date: LocalDate): Record<string, string> {
  const { year, month, day } = parseLocalDate(date);
  return { [`${name}-day`]: String(day), [`${name}-month`]: String(month), [`${name}-year`]: String(year) };
}

const valid = (over: Record<string, string | string[] | undefined> = {}) => ({
  managingAuthority: 'Fixture Court Care Home',
  setting: 'care_home',
  personName: 'Winifred Fixture',
  ...dateParts('dateOfBirth', '1938-03-27'),
  kind: 'standard',
  priority: 'low',
  ...over,
});

async function count(table: string): Promise<number> {
  return Number((await one<{ n: number }>(db, sql.raw(`select count(*) as n from ${table}`)))!.n);
}

async function newApplication(over: Record<string, string | string[] | undefined> = {}): Promise<string> {
  await lead.get('/dols/applications/new');
  const res = await lead.post('/dols/applications', valid(over));
  expect(res.statusCode, res.body.slice(0, 2000)).toBe(303);
  return location(res).split('/')[3]!.split('?')[0]!;
}

async function audited(action: string, recordId: string): Promise<number> {
  return Number((await one<{ n: number }>(db, sql`select count(*) as n from audit_event where action = ${action} and record_id = ${recordId}`))!.n);
}

describe('the DoLS lead’s overview', () => {
  it('shows the counts and the unallocated list, highest priority then oldest first, in pages', async () => {
    const res = await lead.get('/dols');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Deprivation of Liberty Safeguards');
    const unallocated = Number((await one<{ n: number }>(db, sql`select count(*) as n from dols_application where status = 'received'`))!.n);
    expect(unallocated).toBeGreaterThan(100);
    expect(res.body).toContain(`Unallocated (${unallocated.toLocaleString('en-GB')})`);
    const expected = await rows<{ id: string }>(
      db,
      sql`select id from dols_application where status = 'received' order by case priority when 'high' then 1 when 'medium' then 2 else 3 end, received_at, id limit 50`,
    );
    const shown = [...res.body.matchAll(/href="\/dols\/applications\/([0-9a-f-]{36})"/g)].map((m) => m[1]);
    expect(shown).toEqual(expected.slice(0, 15).map((r) => r.id));
    expect(res.body).toContain('href="/dols?show=unallocated&amp;page=2"');
    const second = await lead.get('/dols?show=unallocated&page=2');
    expect([...second.body.matchAll(/href="\/dols\/applications\/([0-9a-f-]{36})"/g)].map((m) => m[1])).toEqual(expected.slice(15, 30).map((r) => r.id));
    expect(second.body).toContain('rel="prev"');
    expect(second.body).toMatch(/data-list-total="\d+"/);
  });

  it('lists the authorisations expiring within 28 days, and nothing else, on the expiring tab', async () => {
    const res = await lead.get('/dols?show=expiring');
    expect(res.statusCode).toBe(200);
    const shown = [...res.body.matchAll(/href="\/dols\/applications\/([0-9a-f-]{36})"/g)].map((m) => m[1]!);
    expect(shown.length).toBeGreaterThan(0);
    for (const id of shown) {
      const a = (await one<{ status: string; authorised_until: string }>(db, sql`select status, authorised_until from dols_application where id = ${id}`))!;
      expect(a.status).toBe('granted');
      expect(a.authorised_until >= today && a.authorised_until <= addDays(today, 28)).toBe(true);
    }
    expect(res.body).toMatch(/review due: ends on/);
  });

  it('works out the clocks in SQL as the domain does', async () => {
    for (const show of ['allocated', 'unallocated']) {
      const res = await lead.get(`/dols?show=${show}`);
      const ids = [...res.body.matchAll(/href="\/dols\/applications\/([0-9a-f-]{36})"/g)].map((m) => m[1]!);
      for (const id of ids) {
        const a = (await one<{ kind: 'urgent' | 'standard'; received_on: string; urgent_from: string | null; extended: boolean }>(
          db,
          sql`select kind, (received_at at time zone 'Europe/London')::date as received_on, urgent_from, urgent_extended_at is not null as extended from dols_application where id = ${id}`,
        ))!;
        const due = decisionDueOn({ kind: a.kind, receivedOn: a.received_on, urgentFrom: a.urgent_from, urgentExtended: a.extended });
        const page = await lead.get(`/dols/applications/${id}`);
        const words = new Date(`${due}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
        expect(page.body).toContain(words);
        if (a.urgent_from) expect(page.body).toContain(new Date(`${urgentExpiresOn(a.urgent_from, a.extended)}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }));
      }
    }
  });

  it('audits the view of the lists', async () => {
    const before = Number((await one<{ n: number }>(db, sql`select count(*) as n from audit_event where action = 'dols.lists_viewed'`))!.n);
    await lead.get('/dols?show=decided');
    const after = Number((await one<{ n: number }>(db, sql`select count(*) as n from audit_event where action = 'dols.lists_viewed'`))!.n);
    expect(after).toBe(before + 1);
  });
});

describe('an assessor', () => {
  it('sees only the applications allocated to them', async () => {
    const res = await bia.get('/dols');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('DoLS applications allocated to you');
    const ids = [...res.body.matchAll(/href="\/dols\/applications\/([0-9a-f-]{36})"/g)].map((m) => m[1]!);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect((await one<{ a: string }>(db, sql`select assessor_user_id as a from dols_application where id = ${id}`))!.a).toBe(biaId);
  });

  it('cannot open another application, record one, or use the lead’s actions', async () => {
    const other = (await one<{ id: string }>(db, sql`select id from dols_application where assessor_user_id is distinct from ${biaId} limit 1`))!.id;
    expect((await bia.get(`/dols/applications/${other}`)).statusCode).toBe(404);
    expect((await bia.get(`/dols/applications/${other}/assessments`)).statusCode).toBe(404);
    expect((await bia.get('/dols/applications/new')).statusCode).toBe(403);
    const mine = (await one<{ id: string }>(db, sql`select id from dols_application where assessor_user_id = ${biaId} and status = 'allocated' limit 1`))!.id;
    expect((await bia.get(`/dols/applications/${mine}`)).statusCode).toBe(200);
    expect((await bia.get(`/dols/applications/${mine}/decision`)).statusCode).toBe(403);
    expect((await bia.post(`/dols/applications/${mine}/withdraw`, { reason: 'x' })).statusCode).toBe(403);
  });

  it('is not open to other roles', async () => {
    expect((await screener.get('/dols')).statusCode).toBe(403);
  });
});

describe('recording a new application', () => {
  it('refuses bad input with specific messages, saving nothing', async () => {
    const before = await count('dols_application');
    await lead.get('/dols/applications/new');
    const empty = await lead.post('/dols/applications', {});
    expect(empty.statusCode).toBe(400);
    for (const message of ['Enter the name of the care home or hospital', 'Select whether the managing authority is a care home or a hospital', 'Enter the person’s full name', 'Enter the person’s date of birth', 'Select the priority']) {
      expect(empty.body).toContain(message);
    }
    expect(empty.body).toContain('govuk-error-summary');
    const urgent = await lead.post('/dols/applications', valid({ kind: 'urgent', priority: 'high' }));
    expect(urgent.statusCode).toBe(400);
    expect(urgent.body).toContain('Enter the date the managing authority gave the urgent authorisation');
    const lower = await lead.post('/dols/applications', valid({ kind: 'urgent', priority: 'low', ...dateParts('urgentFrom', today) }));
    expect(lower.statusCode).toBe(400);
    expect(lower.body).toContain('The screening answers make this high priority (an urgent authorisation is in place): choose high priority');
    const raised = await lead.post('/dols/applications', valid({ priority: 'high' }));
    expect(raised.statusCode).toBe(400);
    expect(raised.body).toContain('Enter why the priority is higher than the screening answers give (low)');
    const child = await lead.post('/dols/applications', valid(dateParts('dateOfBirth', addDays(today, -365 * 10))));
    expect(child.statusCode).toBe(400);
    expect(child.body).toContain('The person must be 18 or over');
    const expired = await lead.post('/dols/applications', valid({ kind: 'urgent', priority: 'high', ...dateParts('urgentFrom', addDays(today, -8)) }));
    expect(expired.statusCode).toBe(400);
    expect(expired.body).toContain('record the application as a standard request');
    const stranger = await lead.post('/dols/applications', valid({ surprise: 'x' }));
    expect(stranger.statusCode).toBe(400);
    expect(await count('dols_application')).toBe(before);
  });

  it('records an application, unallocated, with its reference, priority reasons and an audit event', async () => {
    const id = await newApplication({ factors: ['objecting', 'fluctuating'], priority: 'high' });
    const a = (await one<{ reference: string; status: string; priority: string; priority_reason: string; created_by_user_id: string }>(
      db,
      sql`select reference, status, priority, priority_reason, created_by_user_id from dols_application where id = ${id}`,
    ))!;
    expect(a.reference).toMatch(new RegExp(`^DOLS-${today.slice(0, 4)}-\\d{6}$`));
    expect(a).toMatchObject({ status: 'received', priority: 'high', created_by_user_id: leadId });
    expect(a.priority_reason).toBe('The person objects to being there, or is trying to leave');
    expect(await audited('dols.received', id)).toBe(1);
    const page = await lead.get(`/dols/applications/${id}?done=received`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Application recorded: it is on the unallocated list');
    expect(page.body).toContain('Winifred Fixture');
    expect(await audited('dols.viewed', id)).toBe(1);
  });
});

describe('the life of an application', () => {
  it('is allocated, assessed by its assessor, and granted for no more than 12 months', async () => {
    const id = await newApplication();
    // not before it is allocated
    expect(location(await lead.get(`/dols/applications/${id}/decision`))).toBe(`/dols/applications/${id}`);
    await lead.get(`/dols/applications/${id}/allocate`);
    expect((await lead.post(`/dols/applications/${id}/allocate`, { assessorId: await t.userId('screener') })).statusCode).toBe(400);
    const allocated = await lead.post(`/dols/applications/${id}/allocate`, { assessorId: biaId });
    expect(location(allocated)).toBe(`/dols/applications/${id}?done=allocated`);
    expect((await one<{ status: string; a: string }>(db, sql`select status, assessor_user_id as a from dols_application where id = ${id}`))).toEqual({ status: 'allocated', a: biaId });
    expect(Number((await one<{ n: number }>(db, sql`select count(*) as n from notification where user_id = ${biaId} and link = ${`/dols/applications/${id}`}`))!.n)).toBe(1);

    await bia.get(`/dols/applications/${id}/assessments`);
    const noReason = await bia.post(`/dols/applications/${id}/assessments`, { kind: 'age', outcome: 'not_met', ...dateParts('completedOn', today) });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('Enter why the requirement is not met');
    const future = await bia.post(`/dols/applications/${id}/assessments`, { kind: 'age', outcome: 'met', ...dateParts('completedOn', addDays(today, 1)) });
    expect(future.statusCode).toBe(400);
    expect(future.body).toContain('must be today or in the past');
    for (const kind of ASSESSMENT_KINDS.slice(0, 5)) {
      const res = await bia.post(`/dols/applications/${id}/assessments`, { kind, outcome: 'met', ...dateParts('completedOn', today) });
      expect(res.statusCode, kind).toBe(303);
    }
    const again = await bia.post(`/dols/applications/${id}/assessments`, { kind: 'age', outcome: 'met', ...dateParts('completedOn', today) });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('The age assessment has already been recorded');

    await lead.get(`/dols/applications/${id}/decision`);
    const early = await lead.post(`/dols/applications/${id}/decision`, { decision: 'granted', ...dateParts('authorisedFrom', today), ...dateParts('authorisedUntil', addDays(today, 180)) });
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain('record the best interests assessment first');
    await bia.post(`/dols/applications/${id}/assessments`, { kind: 'best_interests', outcome: 'met', note: 'Necessary and proportionate', ...dateParts('completedOn', today) });
    const notGranted = await lead.post(`/dols/applications/${id}/decision`, { decision: 'not_granted', note: 'x' });
    expect(notGranted.statusCode).toBe(400);
    expect(notGranted.body).toContain('All six assessments are met: the authorisation must be granted');
    const tooLong = await lead.post(`/dols/applications/${id}/decision`, { decision: 'granted', ...dateParts('authorisedFrom', today), ...dateParts('authorisedUntil', addDays(maxAuthorisedUntil(today), 1)) });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.body).toContain('An authorisation lasts no more than 12 months');
    expect((await one<{ status: string }>(db, sql`select status from dols_application where id = ${id}`))!.status).toBe('allocated');
    const granted = await lead.post(`/dols/applications/${id}/decision`, { decision: 'granted', ...dateParts('authorisedFrom', today), ...dateParts('authorisedUntil', maxAuthorisedUntil(today)), conditions: 'Weekly outing with staff' });
    expect(location(granted)).toBe(`/dols/applications/${id}?done=granted`);
    const a = (await one<{ status: string; authorised_from: string; authorised_until: string; conditions: string }>(db, sql`select status, authorised_from, authorised_until, conditions from dols_application where id = ${id}`))!;
    expect(a).toEqual({ status: 'granted', authorised_from: today, authorised_until: maxAuthorisedUntil(today), conditions: 'Weekly outing with staff' });
    expect(await audited('dols.granted', id)).toBe(1);
    expect(await audited('dols.assessed', id)).toBe(6);
    const page = await lead.get(`/dols/applications/${id}`);
    expect(page.body).toContain('Decision: Granted');
    expect(page.body).toContain('Weekly outing with staff');
    expect(page.body).not.toContain('What you can do');
    // read only now
    const late = await lead.post(`/dols/applications/${id}/withdraw`, { reason: 'Moved' });
    expect(late.statusCode).toBe(400);
    expect(late.body).toContain('This application has been decided: the authorisation was granted');
    expect(location(await lead.get(`/dols/applications/${id}/allocate`))).toBe(`/dols/applications/${id}`);
  });

  it('is not granted when one requirement is not met, with the reason', async () => {
    const id = await newApplication();
    await lead.post(`/dols/applications/${id}/allocate`, { assessorId: leadId });
    await lead.post(`/dols/applications/${id}/assessments`, { kind: 'age', outcome: 'met', ...dateParts('completedOn', today) });
    await lead.post(`/dols/applications/${id}/assessments`, { kind: 'mental_capacity', outcome: 'not_met', note: 'Has capacity to decide where to live', ...dateParts('completedOn', today) });
    const grant = await lead.post(`/dols/applications/${id}/decision`, { decision: 'granted', ...dateParts('authorisedFrom', today), ...dateParts('authorisedUntil', addDays(today, 90)) });
    expect(grant.statusCode).toBe(400);
    expect(grant.body).toContain('The authorisation cannot be granted: the mental capacity requirement is not met');
    const noNote = await lead.post(`/dols/applications/${id}/decision`, { decision: 'not_granted' });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.body).toContain('Enter why the authorisation is not granted');
    const done = await lead.post(`/dols/applications/${id}/decision`, { decision: 'not_granted', note: 'The person has capacity' });
    expect(location(done)).toBe(`/dols/applications/${id}?done=not_granted`);
    expect((await one<{ status: string; decision_note: string; authorised_from: string | null }>(db, sql`select status, decision_note, authorised_from from dols_application where id = ${id}`))).toEqual({ status: 'not_granted', decision_note: 'The person has capacity', authorised_from: null });
    expect(await audited('dols.not_granted', id)).toBe(1);
  });

  it('extends an urgent authorisation once, by 7 days', async () => {
    const from = addDays(today, -2);
    const id = await newApplication({ kind: 'urgent', priority: 'high', ...dateParts('urgentFrom', from) });
    const page = await lead.get(`/dols/applications/${id}`);
    expect(page.body).toContain('Extend the urgent authorisation by 7 days');
    await lead.get(`/dols/applications/${id}/extend`);
    const unconfirmed = await lead.post(`/dols/applications/${id}/extend`, {});
    expect(unconfirmed.statusCode).toBe(400);
    expect(unconfirmed.body).toContain('Confirm that the managing authority has asked for the extension');
    expect(location(await lead.post(`/dols/applications/${id}/extend`, { exceptional: 'yes' }))).toBe(`/dols/applications/${id}?done=extended`);
    const again = await lead.post(`/dols/applications/${id}/extend`, { exceptional: 'yes' });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('already been extended once');
    expect(await audited('dols.urgent_extended', id)).toBe(1);
    const after = await lead.get(`/dols/applications/${id}`);
    expect(after.body).not.toContain('Extend the urgent authorisation by 7 days');
    const ends = new Date(`${urgentExpiresOn(from, true)}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    expect(after.body).toContain(`Urgent authorisation (extended) expires in 12 days, on ${ends}`);
  });

  it('does not extend a standard request', async () => {
    const id = await newApplication();
    expect(location(await lead.get(`/dols/applications/${id}/extend`))).toBe(`/dols/applications/${id}`);
    const res = await lead.post(`/dols/applications/${id}/extend`, { exceptional: 'yes' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Only an urgent authorisation can be extended');
  });

  it('changes the priority from the screening answers, never below them', async () => {
    const id = await newApplication();
    await lead.get(`/dols/applications/${id}/priority`);
    const lower = await lead.post(`/dols/applications/${id}/priority`, { factors: 'restraint', priority: 'medium' });
    expect(lower.statusCode).toBe(400);
    expect(lower.body).toContain('choose high priority');
    expect(location(await lead.post(`/dols/applications/${id}/priority`, { factors: 'restraint', priority: 'high' }))).toBe(`/dols/applications/${id}?done=prioritised`);
    expect((await one<{ priority: string; priority_reason: string }>(db, sql`select priority, priority_reason from dols_application where id = ${id}`))).toEqual({ priority: 'high', priority_reason: 'Restraint or restrictive physical intervention is used' });
    expect(await audited('dols.prioritised', id)).toBe(1);
  });

  it('is withdrawn with a reason', async () => {
    const id = await newApplication();
    await lead.get(`/dols/applications/${id}/withdraw`);
    const empty = await lead.post(`/dols/applications/${id}/withdraw`, { reason: '  ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Enter why the application is withdrawn');
    expect(location(await lead.post(`/dols/applications/${id}/withdraw`, { reason: 'Discharged home' }))).toBe(`/dols/applications/${id}?done=withdrawn`);
    expect((await one<{ status: string; decision_note: string }>(db, sql`select status, decision_note from dols_application where id = ${id}`))).toEqual({ status: 'withdrawn', decision_note: 'Discharged home' });
    expect(await audited('dols.withdrawn', id)).toBe(1);
  });
});

describe('hostile input', () => {
  const HOSTILE = ['<script>alert(1)</script>', "'; DROP TABLE dols_application; --", 'a\u0000b', ['one', 'two'], '../../etc/passwd'];
  const FIELDS = ['managingAuthority', 'setting', 'personName', 'kind', 'factors', 'priority', 'priorityNote', 'assessorId', 'outcome', 'note', 'exceptional', 'decision', 'conditions', 'reason'];
  const DATES = ['dateOfBirth', 'urgentFrom', 'completedOn', 'authorisedFrom', 'authorisedUntil'];

  it('is refused with a 400 on every DoLS form, and changes nothing', async () => {
    const open = (await one<{ id: string }>(db, sql`select id from dols_application where status = 'allocated' and kind = 'urgent' limit 1`))!.id;
    const routes = t.app.registeredRoutes.filter((r) => r.method === 'POST' && r.url.startsWith('/dols')).map((r) => r.url.replace(':id', open));
    expect(routes.length).toBe(7);
    const snapshot = async () => rows(db, sql`select (select md5(string_agg(a::text, ',' order by a.id)) from dols_application a) as a, (select md5(string_agg(s::text, ',' order by s.id)) from dols_assessment s) as s`);
    const before = await snapshot();
    const problems: string[] = [];
    for (const url of routes) {
      for (const value of HOSTILE) {
        // each field alone (so the form's own fields meet it), and all at once
        for (const fields of [...FIELDS.map((f) => [f]), FIELDS]) {
          const body: Record<string, string | string[]> = {};
          for (const f of fields) body[f] = value;
          for (const d of DATES) for (const part of ['day', 'month', 'year']) body[`${d}-${part}`] = value;
          const res = await lead.post(url, body);
          if (res.statusCode !== 400) problems.push(`${url} ${JSON.stringify(value)} ${fields.join(',')}: ${res.statusCode}`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(await snapshot()).toEqual(before);
  }, 120_000);
});
