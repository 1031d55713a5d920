/**
 * The children's measures against a real database: hand-built referrals, assessments, section 47 enquiries,
 * conferences, plans, visits and early help episodes in an area of their own, for the edges of each definition
 * (exactly 365 days, the same day, a merged child, London dates, exactly on time, ages 8 and 18 at conference,
 * exactly two years, a month end), each figure checked exactly as numerator and denominator; the SQL against the
 * pure rules it follows; the incremental refresh; and the children's board page and its spreadsheet.
 */
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, one, rows } from '../../db/client.js';
import { inVoiceCohort, isReReferral } from '../../domain/children.js';
import { measureById } from '../../domain/measures/definitions.js';
import { type Period, periodContaining } from '../../domain/measures/periods.js';
import { type TestApp, createTestApp } from '../../../test/support/app.js';
import { limit } from '../../../test/support/time-limits.js';
import { CHILDREN_BOARD_SCORECARD } from './children-board.js';

let t: TestApp;
let db: Database;

beforeAll(async () => {
  t = await createTestApp();
  db = t.db.db;
}, limit(120_000));
afterAll(async () => t.close());

const id = async (query: ReturnType<typeof sql>) => (await one<{ id: string }>(db, query))!.id;

/** An area of its own with children's services, the police and a school, and helpers that write children's records. */
async function area(code: string) {
  const tenant = await id(sql`insert into tenant (code, name, synthetic) values (${code}, ${`Fixture ${code}`}, true) returning id`);
  const agency = (name: string, type: string) => id(sql`insert into agency (tenant_id, name, type) values (${tenant}, ${name}, ${type}) returning id`);
  const csc = await agency(`CSC ${code}`, 'children_social_care');
  const police = await agency(`Police ${code}`, 'police');
  const school = await agency(`School ${code}`, 'school');
  const user = await id(sql`insert into app_user (tenant_id, agency_id, email, display_name) values (${tenant}, ${csc}, ${`${code}@fixture.test`}, 'Fixture Worker') returning id`);
  await db.execute(sql`insert into population (tenant_id, group_code, year, value, source) values (${tenant}, 'children_0_17', 2025, 10000, 'Fixture')`);
  let n = 0;
  const person = (dob: string | null, gender: string, opts: { mergedInto?: string; unborn?: boolean } = {}) =>
    id(sql`insert into person (tenant_id, date_of_birth, dob_precision, gender, ethnicity, merged_into_person_id, synthetic)
           values (${tenant}, ${dob}, ${opts.unborn ? 'unborn' : 'exact'}, ${gender}, 'WBRI', ${opts.mergedInto ?? null}, true) returning id`);
  const contact = async (at: string) => {
    n += 1;
    return id(sql`insert into contact (tenant_id, reference, status, contact_type, owning_agency_id, source_agency_id, source_code, received_at, narrative, consent, created_by_user_id, synthetic, updated_at)
                  values (${tenant}, ${`C-${code}-${n}`}, 'closed', 'child', ${csc}, ${police}, '5A', ${at}, 'Fixture', 'given', ${user}, true, ${at}) returning id`);
  };
  const referral = async (r: { personId: string; referredAt: string; closedAt?: string | null; contactId?: string | null; createdAt?: string }) => {
    n += 1;
    return id(sql`insert into csc_referral (tenant_id, reference, contact_id, route, owning_agency_id, person_id, child_name, referred_at, source_code, status, closed_at, created_at)
                  values (${tenant}, ${`R-${code}-${n}`}, ${r.contactId ?? null}, 'referral_csc', ${csc}, ${r.personId}, 'Fixture Child', ${r.referredAt}, '5A',
                          ${r.closedAt ? 'closed' : 'open'}, ${r.closedAt ?? null}, ${r.createdAt ?? r.referredAt}) returning id`);
  };
  const assessment = (a: { referralId: string; personId: string; dueAt: string; startedAt?: string | null; authorisedAt?: string | null; createdAt: string }) =>
    id(sql`insert into child_assessment (tenant_id, referral_id, person_id, started_at, due_at, status, authorised_at, created_at)
           values (${tenant}, ${a.referralId}, ${a.personId}, ${a.startedAt ?? null}, ${a.dueAt},
                   ${a.authorisedAt ? 'authorised' : a.startedAt ? 'in_progress' : 'not_started'}, ${a.authorisedAt ?? null}, ${a.createdAt}) returning id`);
  const s47 = async (s: { referralId: string; personId: string; startedAt: string; dueAt: string; outcome?: string | null; completedAt?: string | null }) => {
    const discussion = await id(sql`insert into strategy_discussion (tenant_id, referral_id, held_at, record_due_at, recorded_at, recorded_by_user_id, participants, information_shared, decision, reason)
      values (${tenant}, ${s.referralId}, ${s.startedAt}, ${s.startedAt}, ${s.startedAt}, ${user}, '[]'::jsonb, 'Fixture', 's47', 'Fixture') returning id`);
    return id(sql`insert into s47_enquiry (tenant_id, referral_id, strategy_discussion_id, person_id, started_at, conference_due_at, outcome, completed_at)
                  values (${tenant}, ${s.referralId}, ${discussion}, ${s.personId}, ${s.startedAt}, ${s.dueAt}, ${s.outcome ?? null}, ${s.completedAt ?? null}) returning id`);
  };
  const conference = (k: {
    referralId: string; personId: string; kind: string; dueAt: string; heldAt: string | null; s47Id?: string | null; status?: string;
    attended?: boolean | null; advocate?: boolean | null; views?: boolean | null;
  }) =>
    id(sql`insert into cp_conference (tenant_id, referral_id, person_id, s47_id, kind, due_at, scheduled_at, status, held_at, child_attended, child_advocate, child_views_presented, created_at)
           values (${tenant}, ${k.referralId}, ${k.personId}, ${k.s47Id ?? null}, ${k.kind}, ${k.dueAt}, ${k.heldAt ?? k.dueAt}, ${k.status ?? 'held'}, ${k.heldAt},
                   ${k.attended ?? null}, ${k.advocate ?? null}, ${k.views ?? null}, ${k.heldAt ?? k.dueAt}) returning id`);
  const plan = (p: { referralId: string; personId: string; startedOn: string; endedOn?: string | null; kind?: string; category?: string; createdAt?: string }) =>
    id(sql`insert into child_plan (tenant_id, referral_id, person_id, kind, started_on, ended_on, initial_category, latest_category, created_at)
           values (${tenant}, ${p.referralId}, ${p.personId}, ${p.kind ?? 'cp'}, ${p.startedOn}, ${p.endedOn ?? null}, ${p.category ?? 'NEG'}, ${p.category ?? 'NEG'},
                   ${p.createdAt ?? `${p.startedOn}T12:00:00Z`}) returning id`);
  const visit = (planId: string, visitedOn: string, dueOn: string, recordedAt?: string) =>
    id(sql`insert into plan_visit (tenant_id, plan_id, visited_on, due_on, seen, seen_alone, notes, recorded_by_user_id, recorded_at)
           values (${tenant}, ${planId}, ${visitedOn}, ${dueOn}, true, false, 'Fixture', ${user}, ${recordedAt ?? `${visitedOn}T12:00:00Z`}) returning id`);
  const episode = async (e: {
    children: string[]; startedAt: string; contactDueAt: string; contactedAt?: string | null; engaged?: boolean | null; leadAgencyId?: string;
    ehaDueAt?: string | null; ehaCompletedAt?: string | null; ehaAgencyId?: string | null; closedAt?: string | null;
  }) => {
    n += 1;
    const children = sql`array[${sql.join(e.children.map((c) => sql`${c}::uuid`), sql`, `)}]`;
    return id(sql`insert into early_help_episode (tenant_id, reference, children, family_name, started_at, contact_due_at, contacted_at, engaged, triage_due_at, lead_agency_id,
                                                  eha_due_at, eha_completed_at, eha_agency_id, status, closed_at, created_at)
                  values (${tenant}, ${`EH-${code}-${n}`}, ${children}, 'Fixture', ${e.startedAt}, ${e.contactDueAt}, ${e.contactedAt ?? null}, ${e.engaged ?? null}, ${e.contactDueAt},
                          ${e.leadAgencyId ?? csc}, ${e.ehaDueAt ?? null}, ${e.ehaCompletedAt ?? null}, ${e.ehaAgencyId ?? null}, ${e.closedAt ? 'closed' : 'open'}, ${e.closedAt ?? null}, ${e.startedAt})
                  returning id`);
  };
  return { tenant, csc, police, school, person, contact, referral, assessment, s47, conference, plan, visit, episode };
}

/** A year of children's records in 2025-26 (1 April 2025 to 31 March 2026), with the edges each rule turns on. */
async function yearOfRecords(a: Awaited<ReturnType<typeof area>>) {
  const amy = await a.person('2010-06-01', 'female');
  const amyAgain = await a.person('2010-06-01', 'female', { mergedInto: amy }); // a duplicate record, merged into Amy
  const ben = await a.person('2020-03-01', 'male');
  const cal = await a.person(null, 'male');
  const dee = await a.person('2026-05-01', 'female', { unborn: true });
  const eve = await a.person('2017-07-01', 'female'); // 8 on 1 July 2025
  const fay = await a.person('2007-07-01', 'female'); // 18 on 1 July 2025

  // ——— referrals ———
  const c1 = await a.contact('2025-04-10T08:00:00Z');
  await a.referral({ personId: amy, referredAt: '2024-04-10T09:00:00Z', closedAt: '2024-06-01T09:00:00Z' });
  const r1 = await a.referral({ personId: amy, referredAt: '2025-04-10T09:00:00Z', contactId: c1 }); // exactly 365 days after: a re-referral
  const r2 = await a.referral({ personId: ben, referredAt: '2025-05-01T09:00:00Z', closedAt: '2025-06-01T09:00:00Z' });
  const r3 = await a.referral({ personId: ben, referredAt: '2025-05-01T15:00:00Z', closedAt: '2025-05-01T16:00:00Z' }); // the same day: not a re-referral
  await a.referral({ personId: cal, referredAt: '2024-05-31T09:00:00Z', closedAt: '2024-07-01T09:00:00Z' });
  const r5 = await a.referral({ personId: amyAgain, referredAt: '2025-12-01T10:00:00Z' }); // Amy again, on her duplicate record: a re-referral
  const r6 = await a.referral({ personId: cal, referredAt: '2025-06-01T09:00:00Z' }); // 366 days after Cal's last: not a re-referral
  // 23:30 UTC on 31 March is 00:30 BST on 1 April: 2026-27.
  await a.referral({ personId: dee, referredAt: '2026-03-31T23:30:00Z' });
  const r8 = await a.referral({ personId: fay, referredAt: '2025-06-15T09:00:00Z', closedAt: '2026-03-31T12:00:00Z' }); // closed on the last day of March
  const r9 = await a.referral({ personId: eve, referredAt: '2025-06-15T09:00:00Z' });

  // ——— assessments: started for r1, r2, r5; authorised in time (r1, r2 exactly at the deadline) and late (r5) ———
  await a.assessment({ referralId: r1, personId: amy, dueAt: '2025-06-12T22:59:59Z', startedAt: '2025-04-11T09:00:00Z', authorisedAt: '2025-05-20T09:00:00Z', createdAt: '2025-04-10T09:00:00Z' });
  await a.assessment({ referralId: r2, personId: ben, dueAt: '2025-07-03T16:00:00Z', startedAt: '2025-05-02T09:00:00Z', authorisedAt: '2025-07-03T16:00:00Z', createdAt: '2025-05-01T09:00:00Z' });
  const a3 = await a.assessment({ referralId: r3, personId: ben, dueAt: '2025-07-03T16:00:00Z', createdAt: '2025-05-01T15:00:00Z' });
  await a.assessment({ referralId: r5, personId: amyAgain, dueAt: '2026-02-05T23:59:00Z', startedAt: '2025-12-02T09:00:00Z', authorisedAt: '2026-02-05T23:59:01Z', createdAt: '2025-12-01T10:00:00Z' });

  // ——— section 47 enquiries ———
  const s1 = await a.s47({ referralId: r1, personId: amy, startedAt: '2025-06-01T09:00:00Z', dueAt: '2025-06-20T22:59:00Z', outcome: 'substantiated_icpc', completedAt: '2025-06-18T09:00:00Z' });
  await a.s47({ referralId: r2, personId: ben, startedAt: '2025-05-02T09:00:00Z', dueAt: '2025-05-23T22:59:00Z', outcome: 'not_substantiated', completedAt: '2025-05-20T09:00:00Z' });
  await a.s47({ referralId: r6, personId: cal, startedAt: '2026-03-31T23:30:00Z', dueAt: '2026-04-22T22:59:00Z' }); // 2026-27

  // ——— conferences ———
  // Initial: Amy's in time by her enquiry's deadline; Ben's a day late; Eve's in time, on her 8th birthday.
  await a.conference({ referralId: r1, personId: amy, kind: 'initial', s47Id: s1, dueAt: '2025-06-10T16:00:00Z', heldAt: '2025-06-20T10:00:00Z', advocate: true, attended: false });
  await a.conference({ referralId: r2, personId: ben, kind: 'initial', dueAt: '2025-06-01T16:00:00Z', heldAt: '2025-06-02T10:00:00Z', attended: true });
  await a.conference({ referralId: r9, personId: eve, kind: 'initial', dueAt: '2025-07-02T16:00:00Z', heldAt: '2025-07-01T09:00:00Z', attended: true });
  // Reviews: in time, exactly on time, late; Fay's (18 on the day) in time; one cancelled.
  await a.conference({ referralId: r1, personId: amy, kind: 'review', dueAt: '2025-09-20T16:00:00Z', heldAt: '2025-09-19T10:00:00Z', attended: false, advocate: false, views: false });
  await a.conference({ referralId: r1, personId: amy, kind: 'review', dueAt: '2025-12-20T17:00:00Z', heldAt: '2025-12-20T17:00:00Z', views: true });
  await a.conference({ referralId: r1, personId: amy, kind: 'review', dueAt: '2026-03-01T17:00:00Z', heldAt: '2026-03-10T10:00:00Z' });
  await a.conference({ referralId: r8, personId: fay, kind: 'review', dueAt: '2025-07-05T16:00:00Z', heldAt: '2025-07-01T10:00:00Z', attended: true });
  await a.conference({ referralId: r1, personId: amy, kind: 'review', dueAt: '2026-01-20T17:00:00Z', heldAt: null, status: 'cancelled' });
  // Cal's transfer-in: not an initial conference; his date of birth is not known, so he is not in the voice cohort.
  await a.conference({ referralId: r6, personId: cal, kind: 'transfer_in', dueAt: '2025-07-01T16:00:00Z', heldAt: '2025-07-01T10:00:00Z', attended: true });

  // ——— plans ———
  await a.plan({ referralId: r1, personId: amyAgain, startedOn: '2022-01-10', endedOn: '2024-01-10' }); // Amy's first, on her duplicate record
  const pl1 = await a.plan({ referralId: r1, personId: amy, startedOn: '2025-06-20', category: 'NEG' }); // her second
  await a.plan({ referralId: r9, personId: eve, startedOn: '2025-07-01', endedOn: '2026-03-31', category: 'EMO' }); // ends on the last day of March
  await a.plan({ referralId: r6, personId: cal, startedOn: '2023-07-01', endedOn: '2025-07-01', category: 'PHY' }); // exactly two years
  const cin = await a.plan({ referralId: r8, personId: fay, startedOn: '2025-07-01', kind: 'cin' });

  // ——— visits: in time, exactly on the day due, late; a child in need plan's visit is not counted ———
  await a.visit(pl1, '2025-07-01', '2025-07-04');
  await a.visit(pl1, '2025-07-18', '2025-07-18');
  await a.visit(pl1, '2025-08-05', '2025-08-01');
  await a.visit(cin, '2025-07-10', '2025-07-01');

  // ——— early help ———
  await a.episode({ children: [ben], startedAt: '2025-05-01T09:00:00Z', contactDueAt: '2025-05-06T16:00:00Z', contactedAt: '2025-05-02T09:00:00Z', engaged: true,
    ehaDueAt: '2025-06-12T16:00:00Z', ehaCompletedAt: '2025-06-10T09:00:00Z', ehaAgencyId: a.school });
  await a.episode({ children: [eve, ben], startedAt: '2025-05-01T09:00:00Z', contactDueAt: '2025-05-06T16:00:00Z', contactedAt: '2025-05-07T09:00:00Z', engaged: true,
    ehaDueAt: '2025-06-12T16:00:00Z', ehaCompletedAt: '2025-06-20T09:00:00Z', ehaAgencyId: a.csc });
  await a.episode({ children: [cal], startedAt: '2025-06-01T09:00:00Z', contactDueAt: '2025-06-04T16:00:00Z', contactedAt: '2025-06-02T09:00:00Z', engaged: false,
    ehaDueAt: '2025-07-14T16:00:00Z', closedAt: '2025-06-10T09:00:00Z' });
  await a.episode({ children: [fay], startedAt: '2025-06-01T09:00:00Z', contactDueAt: '2025-06-04T16:00:00Z', ehaDueAt: '2025-07-14T16:00:00Z' });
  await a.episode({ children: [amy], startedAt: '2025-07-01T09:00:00Z', contactDueAt: '2025-07-04T16:00:00Z', contactedAt: '2025-07-04T16:00:00Z', engaged: true,
    ehaDueAt: '2025-08-12T16:00:00Z', ehaCompletedAt: '2025-08-12T16:00:00Z', leadAgencyId: a.police });

  return { amy, ben, cal, eve, fay, c1, r1, r3, a3 };
}

const year = periodContaining('financial_year', '2025-10-01');
const month = (m: string) => periodContaining('month', `${m}-15`);

async function counts(tenantId: string, measureId: string, period: Period = year) {
  const [f] = await t.app.services.measures.figures(tenantId, measureById(measureId)!, [period]);
  return f!.counts;
}
const both = async (tenantId: string, measureId: string, period: Period = year) => {
  const c = await counts(tenantId, measureId, period);
  return [c.numerator, c.denominator];
};

describe('the children’s measures', () => {
  it('counts a year of records by each definition, exactly', async () => {
    const a = await area('chm');
    await yearOfRecords(a);
    await t.app.services.measures.refresh(a.tenant, { full: true });
    const f = (m: string, p?: Period) => both(a.tenant, m, p);

    // Referrals in 2025-26: r1, r2, r3, r5, r6, r8, r9 (the unborn child's at 00:30 BST on 1 April is 2026-27's).
    expect(await f('csc_referrals')).toEqual([7, null]);
    expect(await f('csc_referrals', periodContaining('financial_year', '2026-06-01'))).toEqual([1, null]);
    // Re-referrals: Amy's exactly 365 days after her last, and Amy's again on her merged record.
    expect(await f('csc_re_referrals')).toEqual([2, 7]);
    expect(await f('csc_referrals_to_assessment')).toEqual([3, 7]);
    // Authorised: r1 in time, r2 exactly at its deadline, r5 a second late.
    expect(await f('csc_assessments_in_time')).toEqual([2, 3]);

    // Children in need at the end of each month: Amy once however many referrals; Ben's two closed; Fay's closed on 31 March.
    expect(await f('csc_cin_cp_rate', month('2025-04'))).toEqual([1, null]);
    expect(await f('csc_cin_cp_rate', month('2025-05'))).toEqual([2, null]); // Amy, Ben (r2 open to 1 June)
    expect(await f('csc_cin_cp_rate', month('2026-03'))).toEqual([3, null]); // Amy, Cal, Eve
    expect((await counts(a.tenant, 'csc_cin_cp_rate', month('2026-03'))).population).toBe(10_000);
    const rate = await t.app.services.measures.figures(a.tenant, measureById('csc_cin_cp_rate')!, [month('2026-03')]);
    expect(rate[0]!.figure).toMatchObject({ state: 'value', value: 3 });

    expect(await f('cp_s47_started')).toEqual([2, null]);
    expect(await f('cp_s47_to_icpc')).toEqual([1, 2]);
    expect(await f('cp_icpc_in_time')).toEqual([2, 3]);
    expect(await f('cp_reviews_in_time')).toEqual([3, 4]);
    // Voice: Amy's four conferences (heard at two, by an advocate and by her views) and Eve's on her 8th birthday (attended).
    expect(await f('cp_voice_heard')).toEqual([3, 5]);

    // Plans at the end of the month: Amy and Eve at December's; Eve's ended on 31 March, so Amy alone then.
    expect(await f('cp_plans_open', month('2025-12'))).toEqual([2, null]);
    expect(await f('cp_plans_open', month('2026-03'))).toEqual([1, null]);
    expect(await f('cp_plan_rate', month('2025-12'))).toEqual([2, null]);
    expect(await f('cp_plans_open', month('2025-06'))).toEqual([2, null]); // Amy from 20 June; Cal's until 1 July
    expect(await f('cp_plans_2_years')).toEqual([1, 2]); // Cal's, exactly two years; Eve's not
    expect(await f('cp_second_plans')).toEqual([1, 2]); // Amy's (her first was on her merged record); Eve's first
    expect(await f('cp_visits_in_time')).toEqual([2, 3]);

    expect(await f('eh_engaged_in_time')).toEqual([2, 5]);
    expect(await f('eh_assessments_in_time')).toEqual([2, 4]); // the closed episode with no assessment is not counted
    expect(await f('eh_assessments_by_partners')).toEqual([2, 3]); // a school's, and one led by the police

    // Breakdowns: the census's age groups on the day the record counts; the referrer from the front-door contact.
    const measures = t.app.services.measures;
    const ages = await measures.breakdown(a.tenant, measureById('csc_referrals')!, 'age_band', year);
    expect(ages.map((r) => [r.label, r.counts.numerator])).toEqual([
      ['10 to 15', 2],
      ['16 and over', 1],
      ['5 to 9', 3],
      ['Not known', 1],
    ]);
    const unborn = await measures.breakdown(a.tenant, measureById('csc_referrals')!, 'age_band', periodContaining('financial_year', '2026-06-01'));
    expect(unborn.map((r) => r.label)).toEqual(['Unborn']);
    const agencies = await measures.breakdown(a.tenant, measureById('csc_referrals')!, 'agency', year);
    expect(agencies.map((r) => [r.label, r.counts.numerator])).toEqual([
      ['Not recorded', 6],
      ['Police chm', 1],
    ]);
    const partners = await measures.breakdown(a.tenant, measureById('eh_assessments_by_partners')!, 'agency', year);
    expect(partners.map((r) => [r.label, r.counts.numerator, r.counts.denominator])).toEqual([
      ['CSC chm', 0, 1],
      ['Police chm', 1, 1],
      ['School chm', 1, 1],
    ]);
    const categories = await measures.breakdown(a.tenant, measureById('cp_plans_open')!, 'risk_level', month('2025-12'));
    expect(categories.map((r) => [r.label, r.counts.numerator])).toEqual([
      ['Emotional abuse', 1],
      ['Neglect', 1],
    ]);
  });

  it('agrees with the pure rules it follows: re-referral and the voice cohort', async () => {
    const a = await area('chr');
    const { r1, c1 } = await yearOfRecords(a);
    await t.app.services.measures.refresh(a.tenant, { full: true });
    const facts = await rows<{ record_id: string; numerator: boolean }>(db, sql`select record_id::text, numerator from measure_fact where tenant_id = ${a.tenant} and measure_id = 'csc_re_referrals'`);
    const referrals = await rows<{ id: string; child: string; day: string }>(
      db,
      sql`select r.id::text, coalesce(p.merged_into_person_id, p.id)::text as child, ((r.referred_at at time zone 'Europe/London')::date)::text as day
            from csc_referral r join person p on p.id = r.person_id where r.tenant_id = ${a.tenant}`,
    );
    expect(facts.length).toBe(referrals.length);
    for (const f of facts) {
      const r = referrals.find((x) => x.id === f.record_id)!;
      const earlier = referrals.filter((x) => x.child === r.child && x.id !== r.id).map((x) => x.day);
      expect(f.numerator, r.day).toBe(isReReferral(r.day, earlier));
    }
    const conferences = await rows<{ id: string; age: number | null }>(
      db,
      sql`select k.id::text, extract(year from age((k.held_at at time zone 'Europe/London')::date, p.date_of_birth))::int as age
            from cp_conference k join person p on p.id = k.person_id where k.tenant_id = ${a.tenant} and k.status = 'held'`,
    );
    const voice = new Set((await rows<{ record_id: string }>(db, sql`select record_id::text from measure_fact where tenant_id = ${a.tenant} and measure_id = 'cp_voice_heard'`)).map((x) => x.record_id));
    for (const k of conferences) expect(voice.has(k.id), String(k.age)).toBe(inVoiceCohort(k.age));
    // A fact keeps its referral's front-door contact, so the records page can open it.
    expect((await one<{ contact_id: string }>(db, sql`select contact_id::text from measure_fact where tenant_id = ${a.tenant} and measure_id = 'csc_referrals' and record_id = ${r1}`))!.contact_id).toBe(c1);
  });

  it('keeps the facts fresh between full rebuilds, by the records’ own times', async () => {
    const a = await area('chinc');
    const { ben, r3, a3 } = await yearOfRecords(a);
    // A contact changed on 1 February 2026: the engine's watermark, so the next refresh takes changes since then.
    await a.contact('2026-02-01T09:00:00Z');
    await t.app.services.measures.refresh(a.tenant, { full: true });
    expect(await both(a.tenant, 'cp_plans_open', month('2026-03'))).toEqual([1, null]);

    // Entered late: a referral of Ben in September (a re-referral), his assessment of r3 started, a plan for him from January.
    await a.referral({ personId: ben, referredAt: '2025-09-01T09:00:00Z', createdAt: new Date().toISOString() });
    await db.execute(sql`update child_assessment set started_at = now(), status = 'in_progress' where id = ${a3}`);
    await a.plan({ referralId: r3, personId: ben, startedOn: '2026-01-05', createdAt: new Date().toISOString() });
    await t.app.services.measures.refresh(a.tenant);
    expect(await both(a.tenant, 'csc_referrals')).toEqual([8, null]);
    expect(await both(a.tenant, 'csc_re_referrals')).toEqual([3, 8]);
    expect(await both(a.tenant, 'csc_referrals_to_assessment')).toEqual([4, 8]);
    expect(await both(a.tenant, 'cp_plans_open', month('2026-03'))).toEqual([2, null]);
    expect(await both(a.tenant, 'cp_plans_open', month('2026-01'))).toEqual([3, null]);
    expect(await both(a.tenant, 'cp_second_plans')).toEqual([1, 3]);
    expect(await both(a.tenant, 'csc_cin_cp_rate', month('2025-09'))).toEqual([5, null]); // Amy, Cal, Eve, Fay, and Ben again
    // The full rebuild agrees.
    await t.app.services.measures.refresh(a.tenant, { full: true });
    expect(await both(a.tenant, 'csc_re_referrals')).toEqual([3, 8]);
    expect(await both(a.tenant, 'cp_plans_open', month('2026-01'))).toEqual([3, null]);
    expect(await both(a.tenant, 'csc_cin_cp_rate', month('2025-09'))).toEqual([5, null]);
  });
});

describe('the children’s board scorecard', () => {
  // The demo area's first figures are a full rebuild of every measure over a year of records: done here, not in the test.
  beforeAll(async () => {
    const demo = (await one<{ id: string }>(db, sql`select id from tenant where code = 'fernmoor'`))!.id;
    await t.app.services.measures.refresh(demo, { full: true });
  }, limit(180_000));

  it('shows every measure of the board by section, the plans by category, and its spreadsheet', async () => {
    const analyst = await t.as('analyst');
    const page = await analyst.get('/measures/children');
    expect(page.statusCode).toBe(200);
    for (const text of ['Children’s safeguarding board scorecard', 'Referral and assessment', 'Child protection', 'Early help', 'Children on a child protection plan by category', 'Neglect']) {
      expect(page.body).toContain(text);
    }
    for (const measureId of CHILDREN_BOARD_SCORECARD) expect(page.body).toContain(`href="/measures/${measureId}"`);
    const home = await analyst.get('/measures');
    expect(home.body).toContain('href="/measures/children"');
    const one = await analyst.get('/measures/cp_plan_rate');
    expect(one.statusCode).toBe(200);
    const xlsx = await analyst.get('/measures/children/scorecard.xlsx');
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const titles: unknown[] = [];
    book.getWorksheet('Scorecard')!.eachRow((row) => titles.push(row.getCell(1).value));
    expect(titles).toContain('Section 47 enquiries started');
    expect((await (await t.as('bia')).get('/measures/children')).statusCode).toBe(403);
  });
});
