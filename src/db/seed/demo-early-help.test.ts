/**
 * The demo's year of early help, as the normal demo seed leaves it in the test database: the seed board report's
 * volumes (1,011 families taken on; 59.7% engaged within 3 working days and 32.5% later; 85.3% triaged within 5;
 * assessments 47.2% in time and 29.8% late; 15.9% completed by partners, two thirds of those by schools), dates that
 * read true (working days, in order, nothing after now), children aged 0-17 when the episode began, the latest front
 * door decisions' episodes linked to their contacts. Then the seed again in an area of its own, at a small scale.
 */
import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, one, rows } from '../client.js';
import { type TestApp, createTestApp } from '../../../test/support/app.js';
import { limit } from '../../../test/support/time-limits.js';
import { WorkingCalendar } from '../../domain/calendar.js';
import holidaysFile from '../../domain/data/bank-holidays-england-and-wales.json' with { type: 'json' };
import { seedEarlyHelpDemo } from './demo-early-help.js';

let t: TestApp;
let db: Database;
let tenantId: string;
const calendar = new WorkingCalendar(holidaysFile.events.map((e) => e.date));

const n = async (query: SQL) => (await one<{ n: number }>(db, query))!.n;

beforeAll(async () => {
  t = await createTestApp();
  db = t.db.db;
  tenantId = (await one<{ id: string }>(db, sql`select id from tenant where code = 'fernmoor'`))!.id;
}, limit(120_000));
afterAll(async () => t?.close());

/** Every rule the demo's episodes must keep, as a count of the episodes that break it. */
async function broken(tenant: string): Promise<Record<string, number>> {
  const checks: Record<string, SQL> = {
    'after now': sql`select count(*)::int as n from early_help_episode where tenant_id = ${tenant} and greatest(started_at, contacted_at, triaged_at, eha_started_at, eha_completed_at, closed_at) > now()`,
    'contacted or triaged before it began': sql`select count(*)::int as n from early_help_episode where tenant_id = ${tenant} and (contacted_at < started_at or triaged_at < started_at)`,
    'deadlines not after the start': sql`select count(*)::int as n from early_help_episode where tenant_id = ${tenant} and not (contact_due_at > started_at and triage_due_at >= contact_due_at)`,
    'engaged without a contact': sql`select count(*)::int as n from early_help_episode where tenant_id = ${tenant} and (engaged is null) <> (contacted_at is null)`,
    'assessment without engagement and triage': sql`select count(*)::int as n from early_help_episode where tenant_id = ${tenant} and eha_started_at is not null
        and (engaged is not true or triaged_at is null or eha_started_at < contacted_at or eha_started_at < triaged_at or eha_due_at is null)`,
    'completed wrongly': sql`select count(*)::int as n from early_help_episode where tenant_id = ${tenant} and eha_completed_at is not null
        and (eha_started_at is null or eha_completed_at <= eha_started_at or eha_agency_id is null or eha_summary is null or family_views is null)`,
    'closed wrongly': sql`select count(*)::int as n from early_help_episode where tenant_id = ${tenant} and not (
        (status = 'open' and closed_at is null and closure_reason is null)
        or (status = 'closed' and closed_at >= greatest(started_at, contacted_at, triaged_at, eha_started_at, eha_completed_at) and closure_reason is not null))`,
    'child too old or not born': sql`select count(*)::int as n from early_help_episode e cross join lateral unnest(e.children) c join person p on p.id = c
        where e.tenant_id = ${tenant} and (p.date_of_birth > (e.started_at at time zone 'Europe/London')::date or p.date_of_birth + interval '18 years' <= (e.started_at at time zone 'Europe/London')::date)`,
    'no children': sql`select count(*)::int as n from early_help_episode where tenant_id = ${tenant} and cardinality(children) = 0`,
    'stepped up before it began': sql`select count(*)::int as n from early_help_episode e join contact c on c.id = e.stepped_up_to_contact_id where e.tenant_id = ${tenant} and c.received_at <= e.started_at`,
    'reference': sql`select count(*)::int as n from early_help_episode where tenant_id = ${tenant} and reference !~ '^EH-\\d{4}-\\d{6}$'`,
  };
  const out: Record<string, number> = {};
  for (const [rule, query] of Object.entries(checks)) out[rule] = await n(query);
  return out;
}
const none = (counts: Record<string, number>) => Object.fromEntries(Object.keys(counts).map((k) => [k, 0]));

describe('the demo’s year of early help', () => {
  it('takes on 1,011 families in the 365 days up to now, the latest front door decisions among them', async () => {
    const inYear = sql`tenant_id = ${tenantId} and stepped_down_from_referral_id is null and started_at > now() - interval '365 days'`;
    expect(await n(sql`select count(*)::int as n from early_help_episode where ${inYear}`)).toBe(1011);
    expect(await n(sql`select count(*)::int as n from early_help_episode where ${inYear} and contact_id is not null`)).toBeGreaterThan(5);
    // a linked episode is for its contact's subject children, started when the decision was made
    const mismatched = await n(sql`select count(*)::int as n from early_help_episode e join screening_decision d on d.contact_id = e.contact_id and d.outcome = 'early_help'
        where e.tenant_id = ${tenantId} and (e.started_at <> d.decided_at or not (e.children <@ array(select s.person_id from contact_subject s where s.contact_id = e.contact_id and s.role = 'subject_child')))`);
    expect(mismatched).toBe(0);
  });

  it('has the seed report’s rates: engagement, triage, assessments in time, and partners’ share', async () => {
    const r = (await one<{ due: number; in_time: number; late: number; triage_due: number; triaged_in_time: number; eha: number; eha_due: number; eha_in_time: number; eha_late: number; done: number; partners: number; schools: number }>(
      db,
      sql`select count(*) filter (where contact_due_at < now() - interval '30 days')::int as due,
                 count(*) filter (where contact_due_at < now() - interval '30 days' and engaged and contacted_at <= contact_due_at)::int as in_time,
                 count(*) filter (where contact_due_at < now() - interval '30 days' and engaged and contacted_at > contact_due_at)::int as late,
                 count(*) filter (where triage_due_at < now() - interval '30 days' and contact_id is null)::int as triage_due,
                 count(*) filter (where triage_due_at < now() - interval '30 days' and contact_id is null and triaged_at <= triage_due_at)::int as triaged_in_time,
                 count(*) filter (where eha_started_at > now() - interval '365 days')::int as eha,
                 count(*) filter (where eha_due_at < now() - interval '60 days')::int as eha_due,
                 count(*) filter (where eha_due_at < now() - interval '60 days' and eha_completed_at <= eha_due_at)::int as eha_in_time,
                 count(*) filter (where eha_due_at < now() - interval '60 days' and eha_completed_at > eha_due_at)::int as eha_late,
                 count(*) filter (where eha_completed_at is not null)::int as done,
                 count(*) filter (where eha_completed_at is not null and eha_agency_id <> (select id from agency where tenant_id = ${tenantId} and type = 'children_social_care' order by created_at limit 1))::int as partners,
                 count(*) filter (where eha_completed_at is not null and eha_agency_id in (select id from agency where type = 'school'))::int as schools
            from early_help_episode where tenant_id = ${tenantId} and stepped_down_from_referral_id is null`,
    ))!;
    expect(r.in_time / r.due).toBeGreaterThan(0.55);
    expect(r.in_time / r.due).toBeLessThan(0.65);
    expect(r.late / r.due).toBeGreaterThan(0.27);
    expect(r.late / r.due).toBeLessThan(0.38);
    expect(r.triaged_in_time / r.triage_due).toBeGreaterThan(0.8);
    expect(r.triaged_in_time / r.triage_due).toBeLessThan(0.9);
    expect(r.eha).toBeGreaterThan(850);
    expect(r.eha).toBeLessThan(1150);
    expect(r.eha_in_time / r.eha_due).toBeGreaterThan(0.4);
    expect(r.eha_in_time / r.eha_due).toBeLessThan(0.55);
    expect(r.eha_late / r.eha_due).toBeGreaterThan(0.22);
    expect(r.eha_late / r.eha_due).toBeLessThan(0.36);
    expect(r.partners / r.done).toBeGreaterThan(0.11);
    expect(r.partners / r.done).toBeLessThan(0.21);
    expect(r.schools / r.partners).toBeGreaterThan(0.5);
    expect(r.schools / r.partners).toBeLessThan(0.82);
  });

  it('keeps every rule of dates, states and ages', async () => {
    const counts = await broken(tenantId);
    expect(counts).toEqual(none(counts));
  });

  it('begins, contacts, triages and assesses families on working days (those made here)', async () => {
    const times = await rows<{ started_at: string; contacted_at: string | null; eha_started_at: string | null; eha_completed_at: string | null; closed_at: string | null }>(
      db,
      sql`select started_at::text, contacted_at::text, eha_started_at::text, eha_completed_at::text, closed_at::text from early_help_episode where tenant_id = ${tenantId} and contact_id is null and stepped_down_from_referral_id is null`,
    );
    const off = times.flatMap((r) => Object.values(r)).filter((v): v is string => v !== null).filter((v) => !calendar.isWorkingDay(calendar.dateOf(new Date(v.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00')))));
    expect(off).toEqual([]);
  });

  it('has teams around families, work for the demo users, and some steps up', async () => {
    expect(await n(sql`select count(*)::int as n from early_help_episode where tenant_id = ${tenantId} and jsonb_array_length(team) > 0`)).toBeGreaterThan(300);
    const dsl = (await one<{ agency_id: string }>(db, sql`select agency_id from app_user where email = 'dsl@demo.threshold.test'`))!.agency_id;
    expect(await n(sql`select count(*)::int as n from early_help_episode where lead_agency_id = ${dsl} and status = 'open'`)).toBeGreaterThan(0);
    expect(await n(sql`select count(*)::int as n from early_help_episode where tenant_id = ${tenantId} and status = 'open' and (engaged is not true or triaged_at is null)`)).toBeGreaterThan(5);
    expect(await n(sql`select count(*)::int as n from early_help_episode where tenant_id = ${tenantId} and stepped_up_to_contact_id is not null`)).toBeGreaterThan(0);
    const people = (await one<{ n: number; synthetic: number }>(db, sql`select count(*)::int as n, count(*) filter (where p.synthetic)::int as synthetic
        from person p where p.id in (select unnest(children) from early_help_episode where tenant_id = ${tenantId})`))!;
    expect(people.synthetic).toBe(people.n);
    const last = await one<{ last_value: string }>(db, sql`select last_value::text from early_help_reference_seq`);
    const max = await n(sql`select max(substring(reference from 9)::int)::int as n from early_help_episode`);
    expect(Number(last!.last_value)).toBeGreaterThanOrEqual(max);
  });
});

describe('the seed in an area of its own, at a small scale', () => {
  it('keeps every rule', async () => {
    const tenant = (await one<{ id: string }>(db, sql`insert into tenant (code, name, synthetic) values ('eh-seed-fixture', 'Early help seed fixture', true) returning id`))!.id;
    const csc = (await one<{ id: string }>(db, sql`insert into agency (tenant_id, name, type) values (${tenant}, 'Fixture Children’s Services', 'children_social_care') returning id`))!.id;
    const health = (await one<{ id: string }>(db, sql`insert into agency (tenant_id, name, type) values (${tenant}, 'Fixture Health', 'health') returning id`))!.id;
    const summary = await seedEarlyHelpDemo(db, { tenantId: tenant, agencyIds: new Map([['csc', csc], ['health', health]]), userIds: new Map(), now: new Date(), calendar, scale: 0.1, log: () => {} });
    expect(summary.inYear).toBe(101);
    expect(summary.linked).toBe(0);
    const counts = await broken(tenant);
    expect(counts).toEqual(none(counts));
  });
});
