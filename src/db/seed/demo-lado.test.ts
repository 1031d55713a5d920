/**
 * The demo's year of the LADO, as the normal demo seed leaves it in the test database: the seed report's volumes
 * (96 progressed to the LADO process, 739 queries given advice), its categories and sectors, meetings and actions,
 * police involvement with several cases open over 3 months awaiting the police (with the reason), outcomes coherent
 * with the police and the employer's actions (a dismissal always referred to the DBS), the DSL users' schools among
 * the employers; every date in order and nothing after now. Then the seed again in an area of its own, small.
 */
import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, one, rows } from '../client.js';
import { type TestApp, createTestApp } from '../../../test/support/app.js';
import { limit } from '../../../test/support/time-limits.js';
import { WorkingCalendar } from '../../domain/calendar.js';
import holidaysFile from '../../domain/data/bank-holidays-england-and-wales.json' with { type: 'json' };
import { LADO_CATEGORIES, LADO_SECTORS, decodeEmployerAction, employerActionProblems } from '../../domain/lado.js';
import { seedLadoDemo } from './demo-lado.js';

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

async function broken(tenant: string): Promise<Record<string, number>> {
  const checks: Record<string, SQL> = {
    'after now': sql`select count(*)::int as n from lado_allegation where tenant_id = ${tenant} and greatest(received_at, decided_at, closed_at) > now()`,
    'decided before received': sql`select count(*)::int as n from lado_allegation where tenant_id = ${tenant} and decided_at < received_at`,
    'due not after received': sql`select count(*)::int as n from lado_allegation where tenant_id = ${tenant} and decision_due_at <= received_at`,
    'status and decision disagree': sql`select count(*)::int as n from lado_allegation where tenant_id = ${tenant} and not (
        (status = 'open' and decision is null and closed_at is null)
        or (status = 'in_process' and decision = 'lado_process' and closed_at is null)
        or (status = 'closed' and decision in ('advice', 'another_area') and closed_at is not null)
        or (status = 'closed' and decision = 'lado_process' and outcome is not null and closed_at is not null))`,
    'outcome while the police are busy': sql`select count(*)::int as n from lado_allegation where tenant_id = ${tenant} and outcome is not null and police_status not in ('none', 'no_further_action', 'convicted', 'acquitted')`,
    'outcome out of order': sql`select count(*)::int as n from lado_allegation where tenant_id = ${tenant} and (outcome_on < (received_at at time zone 'Europe/London')::date or outcome_on > current_date or (outcome is null) <> (outcome_on is null))`,
    'meeting out of order': sql`select count(*)::int as n from lado_meeting m join lado_allegation a on a.id = m.allegation_id where a.tenant_id = ${tenant} and (m.held_at < a.received_at or m.held_at > now() or a.decision <> 'lado_process')`,
    'action done before its meeting': sql`select count(*)::int as n from lado_action x join lado_meeting m on m.id = x.meeting_id where x.tenant_id = ${tenant} and (x.done_on < (m.held_at at time zone 'Europe/London')::date or x.done_on > current_date or x.due_on < (m.held_at at time zone 'Europe/London')::date)`,
    'action without an owner': sql`select count(*)::int as n from lado_action where tenant_id = ${tenant} and owner_agency_id is null and owner_name is null`,
    'unknown category or sector': sql`select count(*)::int as n from lado_allegation where tenant_id = ${tenant} and (category <> all(${sql.raw(`array[${LADO_CATEGORIES.map((c) => `'${c.code}'`).join(',')}]`)}) or sector <> all(${sql.raw(`array[${LADO_SECTORS.map((c) => `'${c.code}'`).join(',')}]`)}))`,
    'reference': sql`select count(*)::int as n from lado_allegation where tenant_id = ${tenant} and reference !~ '^LADO-\\d{4}-\\d{6}$'`,
    'not restricted': sql`select count(*)::int as n from lado_allegation where tenant_id = ${tenant} and not restricted`,
  };
  const out: Record<string, number> = {};
  for (const [rule, query] of Object.entries(checks)) out[rule] = await n(query);
  return out;
}
const none = (counts: Record<string, number>) => Object.fromEntries(Object.keys(counts).map((k) => [k, 0]));

describe('the demo’s year of the LADO', () => {
  it('progresses 96 to the LADO process and gives advice on 739, with a few to decide', async () => {
    expect(await n(sql`select count(*)::int as n from lado_allegation where tenant_id = ${tenantId} and decision = 'lado_process' and received_at > now() - interval '366 days' and contact_id is null`)).toBe(96);
    expect(await n(sql`select count(*)::int as n from lado_allegation where tenant_id = ${tenantId} and decision in ('advice', 'another_area') and contact_id is null`)).toBe(739);
    expect(await n(sql`select count(*)::int as n from lado_allegation where tenant_id = ${tenantId} and decision = 'another_area'`)).toBeGreaterThan(10);
    expect(await n(sql`select count(*)::int as n from lado_allegation where tenant_id = ${tenantId} and status = 'open' and contact_id is null`)).toBeGreaterThanOrEqual(3);
  });

  it('keeps every rule', async () => {
    const counts = await broken(tenantId);
    expect(counts).toEqual(none(counts));
  });

  it('is mostly physical and emotional harm, about secondary education staff and council foster carers', async () => {
    const by = async (col: string) => rows<{ k: string; n: number }>(db, sql`select ${sql.raw(col)} as k, count(*)::int as n from lado_allegation where tenant_id = ${tenantId} and decision = 'lado_process' and contact_id is null group by 1 order by 2 desc, 1`);
    const categories = await by('category');
    expect(categories.slice(0, 3).map((c) => c.k)).toEqual(expect.arrayContaining(['physical']));
    expect(categories.length).toBeGreaterThanOrEqual(7);
    const sectors = await by('sector');
    expect(sectors.slice(0, 4).map((s) => s.k)).toEqual(expect.arrayContaining(['education_secondary', 'foster_carer_la']));
    expect(sectors.length).toBeGreaterThanOrEqual(10);
  });

  it('holds meetings with actions for those progressed, and involves the police in about a third, several open over 3 months awaiting them with the reason', async () => {
    expect(await n(sql`select count(*)::int as n from lado_allegation a where tenant_id = ${tenantId} and decision = 'lado_process' and received_at < now() - interval '14 days' and not exists (select 1 from lado_meeting m where m.allegation_id = a.id)`)).toBe(0);
    expect(await n(sql`select count(*)::int as n from lado_action where tenant_id = ${tenantId}`)).toBeGreaterThan(150);
    const police = await n(sql`select count(*)::int as n from lado_allegation where tenant_id = ${tenantId} and decision = 'lado_process' and police_status <> 'none' and contact_id is null`);
    expect(police).toBeGreaterThan(20);
    expect(police).toBeLessThan(60);
    const waiting = await n(sql`select count(*)::int as n from lado_allegation where tenant_id = ${tenantId} and status = 'in_process' and police_status in ('referred', 'investigating', 'charged', 'court')
        and (received_at at time zone 'Europe/London')::date + interval '3 months' < current_date and open_reason in ('awaiting_police', 'awaiting_forensics', 'awaiting_cps', 'awaiting_court')`);
    expect(waiting).toBeGreaterThanOrEqual(4);
  });

  it('reaches outcomes in plausible proportions, with the employer’s actions coherent (a dismissal referred to the DBS with its date)', async () => {
    const outcomes = await rows<{ outcome: string; n: number }>(db, sql`select outcome, count(*)::int as n from lado_allegation where tenant_id = ${tenantId} and outcome is not null and contact_id is null group by 1`);
    const total = outcomes.reduce((s, o) => s + o.n, 0);
    expect(total).toBeGreaterThan(35);
    expect(total).toBeLessThan(90);
    expect(outcomes.find((o) => o.outcome === 'substantiated')!.n).toBeGreaterThan(5);
    const all = await rows<{ outcome: string; employer_actions: string[]; received_on: string; outcome_on: string }>(
      db,
      sql`select outcome, employer_actions, (received_at at time zone 'Europe/London')::date::text as received_on, outcome_on::text as outcome_on from lado_allegation where tenant_id = ${tenantId} and outcome is not null`,
    );
    const today = calendar.dateOf(new Date());
    for (const a of all) expect([a.outcome, a.employer_actions, employerActionProblems(a.outcome, a.employer_actions.map(decodeEmployerAction), { receivedOn: a.received_on, today })]).toEqual([a.outcome, a.employer_actions, null]);
    expect(all.filter((a) => a.employer_actions.some((x) => x.startsWith('dbs_referral@'))).length).toBeGreaterThanOrEqual(3);
  });

  it('gives the DSL users’ two schools allegations of their own', async () => {
    for (const email of ['dsl', 'dsl2']) {
      const agency = (await one<{ agency_id: string }>(db, sql`select agency_id from app_user where email = ${`${email}@demo.threshold.test`}`))!.agency_id;
      expect(await n(sql`select count(*)::int as n from lado_allegation where tenant_id = ${tenantId} and decision = 'lado_process' and (employer_agency_id = ${agency} or referring_agency_id = ${agency})`)).toBeGreaterThanOrEqual(2);
    }
  });
});

describe('the seed in an area of its own', () => {
  it('makes a small year that keeps every rule', async () => {
    const other = (await one<{ id: string }>(db, sql`insert into tenant (code, name, synthetic) values ('lado-seed-fixture', 'LADO seed fixture', true) returning id`))!.id;
    const agencies = new Map<string, string>();
    for (const [key, type] of [['education', 'education'], ['csc', 'children_social_care'], ['police', 'police'], ['health', 'health']] as const) {
      agencies.set(key, (await one<{ id: string }>(db, sql`insert into agency (tenant_id, name, type) values (${other}, ${`Seed ${key}`}, ${type}) returning id`))!.id);
    }
    const user = (await one<{ id: string }>(db, sql`select id from app_user where email = 'lado@demo.threshold.test'`))!.id;
    const summary = await seedLadoDemo(db, { tenantId: other, agencyIds: agencies, userIds: new Map([['lado', user]]), now: new Date(), calendar, scale: 0.2, log: () => {} });
    expect(summary.progressed).toBe(19);
    expect(summary.advice).toBe(148);
    const counts = await broken(other);
    expect(counts).toEqual(none(counts));
  });
});
