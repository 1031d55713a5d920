/**
 * The demo's year of adult safeguarding, as the normal demo seed leaves it in the test database: the seed board
 * report's volumes (2,113 concerns, 724 section 42 enquiries, 53 decision making and 10 outcome meetings), dates that
 * read true (nobody under 18, each step after the one before, nothing after now), decisions consistent with their
 * three-point tests, outcomes only on enquiries that have ended, and the partners' worklists the browser journeys
 * rely on. Then the seed again in an area of its own with no care providers, at a small scale, under the same rules.
 */
import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, one, rows } from '../client.js';
import { type TestApp, createTestApp } from '../../../test/support/app.js';
import { limit } from '../../../test/support/time-limits.js';
import { WorkingCalendar } from '../../domain/calendar.js';
import holidaysFile from '../../domain/data/bank-holidays-england-and-wales.json' with { type: 'json' };
import { seedAdultsDemo } from './demo-adults.js';

let t: TestApp;
let db: Database;
let tenantId: string;

const n = async (query: SQL) => (await one<{ n: number }>(db, query))!.n;

beforeAll(async () => {
  t = await createTestApp();
  db = t.db.db;
  tenantId = (await one<{ id: string }>(db, sql`select id from tenant where code = 'fernmoor'`))!.id;
}, limit(120_000));
afterAll(async () => t?.close());

/** Every rule the demo's adult safeguarding records must keep, as a count of the records that break it. */
async function broken(tenant: string): Promise<Record<string, number>> {
  const checks: Record<string, SQL> = {
    'adult under 18 when the concern arrived': sql`select count(*)::int as n from adult_concern c join person p on p.id = c.person_id
        where c.tenant_id = ${tenant} and p.date_of_birth + interval '18 years' > (c.received_at at time zone 'Europe/London')::date`,
    'received after now': sql`select count(*)::int as n from adult_concern where tenant_id = ${tenant} and received_at > now()`,
    'test not between receipt and decision': sql`select count(*)::int as n from adult_concern where tenant_id = ${tenant} and test_recorded_at is not null
        and (test_recorded_at <= received_at or test_recorded_at > coalesce(decided_at, now()))`,
    'decided before received': sql`select count(*)::int as n from adult_concern where tenant_id = ${tenant} and decided_at <= received_at`,
    'authorised before decided': sql`select count(*)::int as n from adult_concern where tenant_id = ${tenant} and authorised_at <= decided_at`,
    'state and times disagree': sql`select count(*)::int as n from adult_concern where tenant_id = ${tenant} and not (
        (status = 'open' and decision is null and decided_at is null and authorised_at is null)
        or (status = 'awaiting_authorisation' and decision is not null and decided_at is not null and authorised_at is null)
        or (status = 'decided' and decision is not null and decided_at is not null and authorised_at is not null and authorised_at <= now()))`,
    'decided without a test': sql`select count(*)::int as n from adult_concern where tenant_id = ${tenant} and decision is not null
        and (test_needs is null or test_abuse is null or test_protect is null or decision_reason is null)`,
    's42 without the test met': sql`select count(*)::int as n from adult_concern where tenant_id = ${tenant} and decision = 's42_enquiry'
        and not (test_needs = 'yes' and test_abuse = 'yes' and test_protect = 'yes')`,
    'signposting only with advice': sql`select count(*)::int as n from adult_concern where tenant_id = ${tenant}
        and (decision = 'information_advice') <> (signpost_to is not null)`,
    'decision due not 2 working days on': sql`select count(*)::int as n from adult_concern where tenant_id = ${tenant}
        and (decision_due_at <= received_at or decision_due_at > received_at + interval '8 days')`,
    'placeholder narrative': sql`select count(*)::int as n from adult_concern where tenant_id = ${tenant}
        and (what_happened ~* 'synthetic demo narrative|undefined|\\$\\{' or coalesce(persons_view, '') ~ 'undefined' or decision_reason ~ 'undefined')`,
    'enquiry for a decision that opens none, or none for one that does': sql`select count(*)::int as n from adult_concern c left join adult_enquiry e on e.concern_id = c.id
        where c.tenant_id = ${tenant} and (e.id is not null) <> (c.status = 'decided' and c.decision in ('s42_enquiry', 'other_enquiry'))`,
    'enquiry kind or start disagrees with its decision': sql`select count(*)::int as n from adult_enquiry e join adult_concern c on c.id = e.concern_id
        where e.tenant_id = ${tenant} and (e.started_at <> c.authorised_at or e.kind <> case c.decision when 's42_enquiry' then 's42' else 'other' end)`,
    'enquiry ended wrongly': sql`select count(*)::int as n from adult_enquiry where tenant_id = ${tenant} and not (
        (status = 'open' and ended_at is null and outcomes_achieved is null and conclusion is null and exit_reason is null)
        or (status = 'concluded' and ended_at > started_at and ended_at <= now() and conclusion is not null and exit_reason is null)
        or (status = 'exited' and ended_at > started_at and ended_at <= now() and exit_reason is not null and exit_note is not null and outcomes_achieved is null))`,
    'outcomes without outcomes expressed': sql`select count(*)::int as n from adult_enquiry where tenant_id = ${tenant}
        and (outcomes_achieved is not null) <> (status = 'concluded' and msp_asked = 'asked_expressed')`,
    'desired outcomes without being expressed': sql`select count(*)::int as n from adult_enquiry where tenant_id = ${tenant} and (desired_outcomes is not null) <> (msp_asked = 'asked_expressed')`,
    'lacking capacity without support': sql`select count(*)::int as n from adult_enquiry where tenant_id = ${tenant} and capacity = 'lacks_capacity'
        and (advocacy is null or consent <> 'lacks_capacity')`,
    'advocate without a name': sql`select count(*)::int as n from adult_enquiry where tenant_id = ${tenant} and advocacy in ('s68_independent', 'imca') and advocate_name is null`,
    'caused to another agency without it': sql`select count(*)::int as n from adult_enquiry where tenant_id = ${tenant} and (lead_kind <> 'adult_team') <> (lead_agency_id is not null)`,
    'risk results on open or exited enquiries': sql`select count(*)::int as n from adult_risk r join adult_enquiry e on e.id = r.enquiry_id
        where e.tenant_id = ${tenant} and e.status <> 'concluded' and (r.result is not null or r.action_taken is not null)`,
    'concluded risk without result': sql`select count(*)::int as n from adult_risk r join adult_enquiry e on e.id = r.enquiry_id
        where e.tenant_id = ${tenant} and e.status = 'concluded' and (r.result is null or r.action_taken is null)`,
    'enquiry without a risk': sql`select count(*)::int as n from adult_enquiry e where e.tenant_id = ${tenant} and not exists (select 1 from adult_risk r where r.enquiry_id = e.id)`,
    'risk outside its enquiry': sql`select count(*)::int as n from adult_risk r join adult_enquiry e on e.id = r.enquiry_id
        where e.tenant_id = ${tenant} and (r.created_at < e.started_at or r.created_at > coalesce(e.ended_at, now()))`,
    'meeting outside its enquiry': sql`select count(*)::int as n from adult_meeting m join adult_enquiry e on e.id = m.enquiry_id
        where m.tenant_id = ${tenant} and (m.held_at <= e.started_at or m.held_at > coalesce(e.ended_at, now()))`,
    'outcome meeting without a decision making meeting before it': sql`select count(*)::int as n from adult_meeting o where o.tenant_id = ${tenant} and o.kind = 'outcome'
        and not exists (select 1 from adult_meeting d where d.enquiry_id = o.enquiry_id and d.kind = 'decision_making' and d.held_at < o.held_at)`,
    'meeting without the adult or professionals': sql`select count(*)::int as n from adult_meeting m where m.tenant_id = ${tenant}
        and (not exists (select 1 from adult_meeting_attendee a where a.meeting_id = m.id and a.role = 'person')
          or not exists (select 1 from adult_meeting_attendee a where a.meeting_id = m.id and a.role = 'professional' and a.attendance = 'attended'))`,
    'action done before its meeting or after now': sql`select count(*)::int as n from adult_action x join adult_meeting m on m.id = x.meeting_id
        where x.tenant_id = ${tenant} and (x.done_at <= m.held_at or x.done_at > now() or x.due_on < (m.held_at at time zone 'Europe/London')::date)`,
    'contribution outside its enquiry': sql`select count(*)::int as n from adult_contribution k join adult_enquiry e on e.id = k.enquiry_id
        where k.tenant_id = ${tenant} and (k.asked_at <= e.started_at or k.asked_at > coalesce(e.ended_at, now()) or k.due_on < (k.asked_at at time zone 'Europe/London')::date
          or k.answered_at <= k.asked_at or k.answered_at > coalesce(e.ended_at, now()) or (k.answered_at is null) <> (k.answer is null))`,
    'open request on an ended enquiry': sql`select count(*)::int as n from adult_contribution k join adult_enquiry e on e.id = k.enquiry_id
        where k.tenant_id = ${tenant} and e.status <> 'open' and k.answered_at is null`,
    'died with work open or concerns after': sql`select count(*)::int as n from person p where p.tenant_id = ${tenant} and p.deceased_on is not null and exists (
        select 1 from adult_concern c left join adult_enquiry e on e.concern_id = c.id where c.person_id = p.id
           and ((c.received_at at time zone 'Europe/London')::date > p.deceased_on or e.status = 'open' or c.status <> 'decided'))`,
  };
  const out: Record<string, number> = {};
  for (const [rule, query] of Object.entries(checks)) out[rule] = await n(query);
  return out;
}

const none = (counts: Record<string, number>) => Object.fromEntries(Object.keys(counts).map((k) => [k, 0]));

describe('the demo’s year of adult safeguarding', () => {
  it('has the seed report’s volumes for the 365 days up to now', async () => {
    const year = sql`tenant_id = ${tenantId} and received_at > now() - interval '366 days'`;
    expect(await n(sql`select count(*)::int as n from adult_concern where ${year}`)).toBe(2113);
    expect(await n(sql`select count(*)::int as n from adult_concern where ${year} and status = 'decided' and decision = 's42_enquiry'`)).toBe(724);
    expect(await n(sql`select count(*)::int as n from adult_enquiry where tenant_id = ${tenantId} and kind = 's42'`)).toBe(724);
    const other = await n(sql`select count(*)::int as n from adult_enquiry where tenant_id = ${tenantId} and kind = 'other'`);
    expect(other).toBeGreaterThan(60);
    expect(other).toBeLessThan(110);
    const decisions = Object.fromEntries(
      (await rows<{ decision: string; n: number }>(db, sql`select decision, count(*)::int as n from adult_concern where ${year} and status = 'decided' group by 1`)).map((r) => [r.decision, r.n]),
    );
    const decided = Object.values(decisions).reduce((s, x) => s + x, 0);
    expect(decisions.information_advice! / decided).toBeGreaterThan(0.37);
    expect(decisions.information_advice! / decided).toBeLessThan(0.43);
    expect(decisions.no_further_action! / decided).toBeGreaterThan(0.15);
    // The DMMs are on different enquiries; the outcome meetings only on enquiries that had one.
    const meetings = await rows<{ kind: string; n: number; enquiries: number }>(db, sql`select kind, count(*)::int as n, count(distinct enquiry_id)::int as enquiries from adult_meeting where tenant_id = ${tenantId} group by 1 order by 1`);
    expect(meetings).toEqual([{ kind: 'decision_making', n: 53, enquiries: 53 }, { kind: 'outcome', n: 10, enquiries: 10 }]);
    // About 1,850 adults, some with two or three concerns, none with more.
    const adults = await rows<{ concerns: number; people: number }>(db, sql`select concerns, count(*)::int as people from (select person_id, count(*)::int as concerns from adult_concern where tenant_id = ${tenantId} group by 1) x group by 1 order by 1`);
    expect(adults.map((a) => a.concerns)).toEqual([1, 2, 3]);
    expect(adults.reduce((s, a) => s + a.people, 0)).toBe(1850);
    expect(await n(sql`select count(*)::int as n from adult_concern where tenant_id = ${tenantId} and person_id is null`)).toBe(0);
  });

  it('keeps every rule of dates, states and outcomes', async () => {
    const counts = await broken(tenantId);
    expect(counts).toEqual(none(counts));
  });

  it('has the work of a team at now: a few concerns to decide (some overdue), decisions to authorise, a realistic stock of open enquiries', async () => {
    const open = (await one<{ n: number; overdue: number; allocated: number }>(
      db,
      sql`select count(*)::int as n, count(*) filter (where decision_due_at < now())::int as overdue, count(allocated_user_id)::int as allocated
            from adult_concern where tenant_id = ${tenantId} and status = 'open'`,
    ))!;
    expect(open.n).toBe(18);
    expect(open.overdue).toBeGreaterThanOrEqual(2);
    expect(open.allocated).toBeGreaterThan(0);
    expect(await n(sql`select count(*)::int as n from adult_concern where tenant_id = ${tenantId} and status = 'awaiting_authorisation'`)).toBe(6);
    const enquiries = Object.fromEntries((await rows<{ status: string; n: number }>(db, sql`select status, count(*)::int as n from adult_enquiry where tenant_id = ${tenantId} group by 1`)).map((r) => [r.status, r.n]));
    expect(enquiries.open).toBeGreaterThanOrEqual(120);
    expect(enquiries.open).toBeLessThanOrEqual(260);
    const total = enquiries.open! + enquiries.concluded! + enquiries.exited!;
    expect(enquiries.exited! / total).toBeGreaterThan(0.04);
    expect(enquiries.exited! / total).toBeLessThan(0.12);
    // Most decisions within the 2 working days.
    const inTime = (await one<{ in_time: number; n: number }>(db, sql`select count(*) filter (where decided_at <= decision_due_at)::int as in_time, count(*)::int as n from adult_concern where tenant_id = ${tenantId} and decided_at is not null`))!;
    expect(inTime.in_time / inTime.n).toBeGreaterThan(0.8);
    expect(inTime.in_time / inTime.n).toBeLessThan(0.92);
  });

  it('reads like the seed’s population and SAC return: ages, sources, risks and Making Safeguarding Personal', async () => {
    const bands = Object.fromEntries(
      (await rows<{ band: string; n: number }>(
        db,
        sql`select case when a < 65 then '18-64' when a < 75 then '65-74' when a < 85 then '75-84' when a < 95 then '85-94' else '95+' end as band, count(*)::int as n
              from (select extract(year from age(p.date_of_birth))::int as a from adult_concern c join person p on p.id = c.person_id where c.tenant_id = ${tenantId}) x group by 1`,
      )).map((r) => [r.band, r.n / 2113]),
    );
    expect(bands['18-64']).toBeGreaterThan(0.33);
    expect(bands['18-64']).toBeLessThan(0.47);
    expect(bands['95+']).toBeGreaterThan(0.02);
    const channels = Object.fromEntries((await rows<{ channel: string; n: number }>(db, sql`select channel, count(*)::int as n from adult_concern where tenant_id = ${tenantId} group by 1`)).map((r) => [r.channel, r.n / 2113]));
    expect(channels.mash_hand_off).toBeGreaterThan(0.02);
    expect(channels.mash_hand_off).toBeLessThan(0.09);
    const sources = await n(sql`select count(distinct source_code)::int as n from adult_concern where tenant_id = ${tenantId}`);
    expect(sources).toBeGreaterThanOrEqual(12);
    const risks = Object.fromEntries((await rows<{ type: string; n: number }>(db, sql`select type, count(*)::int as n from adult_risk where tenant_id = ${tenantId} group by 1`)).map((r) => [r.type, r.n]));
    const riskTotal = Object.values(risks).reduce((s, x) => s + x, 0);
    expect(risks.neglect! / riskTotal).toBeGreaterThan(0.25);
    expect(Math.max(...Object.values(risks))).toBe(risks.neglect);
    expect(riskTotal / (await n(sql`select count(*)::int as n from adult_enquiry where tenant_id = ${tenantId}`))).toBeGreaterThan(1.2);
    const msp = Object.fromEntries((await rows<{ msp: string; n: number }>(db, sql`select msp_asked as msp, count(*)::int as n from adult_enquiry where tenant_id = ${tenantId} and status = 'concluded' group by 1`)).map((r) => [r.msp, r.n]));
    const concluded = Object.values(msp).reduce((s, x) => s + x, 0);
    expect(msp.asked_expressed! / concluded).toBeGreaterThan(0.6);
    const achieved = Object.fromEntries((await rows<{ a: string; n: number }>(db, sql`select outcomes_achieved as a, count(*)::int as n from adult_enquiry where tenant_id = ${tenantId} and outcomes_achieved is not null group by 1`)).map((r) => [r.a, r.n / msp.asked_expressed!]));
    expect(achieved.fully).toBeGreaterThan(0.5);
    expect(achieved.not).toBeLessThan(0.15);
    const lacking = await n(sql`select count(*)::int as n from adult_enquiry where tenant_id = ${tenantId} and capacity = 'lacks_capacity'`);
    expect(lacking / (await n(sql`select count(*)::int as n from adult_enquiry where tenant_id = ${tenantId} and capacity is not null`))).toBeGreaterThan(0.2);
  });

  it('gives each concern a reference from the sequence, in order of receipt, and leaves the sequence past them', async () => {
    const refs = await rows<{ reference: string; year: string }>(db, sql`select reference, to_char(received_at at time zone 'Europe/London', 'YYYY') as year from adult_concern where tenant_id = ${tenantId} order by received_at, reference`);
    expect(refs.every((r) => new RegExp(`^AC-${r.year}-\\d{6}$`).test(r.reference))).toBe(true);
    const numbers = refs.map((r) => Number(r.reference.slice(-6)));
    expect(numbers.every((x, i) => i === 0 || x > numbers[i - 1]!)).toBe(true);
    const last = await one<{ last_value: string }>(db, sql`select last_value::text from adult_concern_reference_seq`);
    expect(Number(last!.last_value)).toBeGreaterThanOrEqual(Math.max(...numbers));
  });

  it('concerns its adults as people on the register, marked synthetic, with addresses (care home residents at their home’s postcode)', async () => {
    const people = (await one<{ n: number; synthetic: number; named: number; addressed: number; nhs: number }>(
      db,
      sql`select count(*)::int as n, count(*) filter (where p.synthetic)::int as synthetic,
                 count(*) filter (where exists (select 1 from person_name pn where pn.person_id = p.id and pn.is_primary))::int as named,
                 count(*) filter (where exists (select 1 from person_address a where a.person_id = p.id))::int as addressed,
                 count(*) filter (where exists (select 1 from person_identifier i where i.person_id = p.id and i.type = 'nhs_number' and i.value like '999%'))::int as nhs
            from person p where p.id in (select person_id from adult_concern where tenant_id = ${tenantId})`,
    ))!;
    expect(people).toMatchObject({ n: 1850, synthetic: 1850, named: 1850, addressed: 1850 });
    expect(people.nhs / people.n).toBeGreaterThan(0.75);
    // A concern about a care home's care is about a resident at its postcode (or someone its staff visit or the ward treated).
    const homes = (await one<{ n: number; at_home: number }>(
      db,
      sql`select count(*)::int as n, count(*) filter (where a.postcode = cp.postcode)::int as at_home
            from adult_concern c join care_provider cp on cp.id = c.provider_id and cp.service_type like 'care_home%'
            join person_address a on a.person_id = c.person_id where c.tenant_id = ${tenantId}`,
    ))!;
    expect(homes.n).toBeGreaterThan(100);
    expect(homes.at_home).toBe(homes.n);
  });

  it('leaves the partners’ worklists as the journeys expect: the police with a request waiting, Heathervale none, and its enquiry with concerns linked', async () => {
    const waiting = async (type: string) =>
      n(sql`select count(*)::int as n from adult_contribution k join agency a on a.id = k.agency_id where k.tenant_id = ${tenantId} and a.type = ${type} and k.answered_at is null`);
    expect(await waiting('police')).toBeGreaterThan(0);
    expect(await waiting('care_provider')).toBe(0);
    const answered = await rows<{ agency: string; user: string }>(
      db,
      sql`select distinct a.type as agency, u.email as user from adult_contribution k join agency a on a.id = k.agency_id join app_user u on u.id = k.answered_by_user_id where k.tenant_id = ${tenantId} order by 1`,
    );
    expect(answered.map((r) => `${r.agency}:${r.user.split('@')[0]}`)).toEqual(['care_provider:provider', 'health:health', 'police:police']);
    const share = (await one<{ n: number; with: number }>(
      db,
      sql`select count(*)::int as n, count(*) filter (where exists (select 1 from adult_contribution k where k.enquiry_id = e.id))::int as with from adult_enquiry e where e.tenant_id = ${tenantId}`,
    ))!;
    expect(share.with / share.n).toBeGreaterThan(0.2);
    expect(share.with / share.n).toBeLessThan(0.4);
    const heathervale = await n(sql`select count(*)::int as n from provider_enquiry_concern l join provider_enquiry pe on pe.id = l.provider_enquiry_id join care_provider cp on cp.id = pe.provider_id
        where cp.tenant_id = ${tenantId} and cp.name = 'Heathervale Care Home' and pe.status = 'open'`);
    expect(heathervale).toBeGreaterThanOrEqual(3);
  });
});

describe('the seed in an area with no care providers, at a small scale', () => {
  it('still keeps every rule, with no concern about a provider', async () => {
    const code = 'adults-seed-fixture';
    const tenant = (await one<{ id: string }>(db, sql`insert into tenant (code, name, synthetic) values (${code}, 'Adults seed fixture', true) returning id`))!.id;
    const agency = async (name: string, type: string) => (await one<{ id: string }>(db, sql`insert into agency (tenant_id, name, type) values (${tenant}, ${name}, ${type}) returning id`))!.id;
    const asc = await agency('Fixture Adult Social Care', 'adult_social_care');
    const police = await agency('Fixture Police', 'police');
    const user = async (email: string, agencyId: string) => (await one<{ id: string }>(db, sql`insert into app_user (tenant_id, agency_id, email, display_name) values (${tenant}, ${agencyId}, ${`${email}@fixture.test`}, ${email}) returning id`))!.id;
    const userIds = new Map([['adults', await user('adults', asc)], ['adults-manager', await user('adults-manager', asc)], ['police', await user('police', police)]]);
    const calendar = new WorkingCalendar(holidaysFile.events.map((e) => e.date));
    const summary = await seedAdultsDemo(db, { tenantId: tenant, agencyIds: new Map([['asc', asc], ['police', police]]), userIds, now: new Date(), calendar, scale: 0.1, log: () => {} });
    expect(summary.concerns).toBe(211);
    expect(summary.adults).toBe(185);
    expect(await n(sql`select count(*)::int as n from adult_concern where tenant_id = ${tenant} and provider_id is not null`)).toBe(0);
    expect(await n(sql`select count(*)::int as n from adult_enquiry where tenant_id = ${tenant} and kind = 's42'`)).toBe(72);
    const counts = await broken(tenant);
    expect(counts).toEqual(none(counts));
  });
});
