/**
 * The children missing education and LADO measures against a real database: hand-built CME referrals and
 * allegations in an area of their own, for the edges of each definition (a child with a previous closed episode, on
 * a merged record; an episode closed the same day but after; a family of two children counted once; ethnicity
 * "refused" kept apart from "not recorded"; London dates at a quarter's end; an allegation open exactly past 3
 * months; the median days to outcome with an even count), each figure checked exactly as numerator and denominator;
 * the SQL against the pure rules it follows; the incremental refresh; and the boards and the records behind them in
 * the demo area, under the CME and LADO record rules.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, one, rows } from '../../db/client.js';
import { hasPreviousClosedEpisode } from '../../domain/cme.js';
import { isOverdue, medianDaysToOutcome } from '../../domain/lado.js';
import { CME_LADO_MEASURES, NO_LOCALITY } from '../../domain/measures/cme-lado.js';
import { measureById } from '../../domain/measures/definitions.js';
import { type Period, periodContaining } from '../../domain/measures/periods.js';
import { addDays } from '../../domain/time.js';
import { type TestApp, createTestApp } from '../../../test/support/app.js';
import { limit } from '../../../test/support/time-limits.js';
import { CME_BOARD_SCORECARD } from './cme-board.js';
import { LADO_BOARD_SCORECARD } from './lado-board.js';
import { SOURCES } from './sources.js';

let t: TestApp;
let db: Database;

beforeAll(async () => {
  t = await createTestApp();
  db = t.db.db;
}, limit(120_000));
afterAll(async () => t.close());

const id = async (query: ReturnType<typeof sql>) => (await one<{ id: string }>(db, query))!.id;

/** An area of its own with two localities, a school, the education service, and helpers that write CME and LADO records. */
async function area(code: string) {
  const tenant = await id(sql`insert into tenant (code, name, synthetic) values (${code}, ${`Fixture ${code}`}, true) returning id`);
  const agency = (name: string, type: string) => id(sql`insert into agency (tenant_id, name, type) values (${tenant}, ${name}, ${type}) returning id`);
  const education = await agency(`Education ${code}`, 'education');
  const school = await agency(`School ${code}`, 'school');
  const central = await id(sql`insert into locality (tenant_id, code, name, postcode_prefixes) values (${tenant}, 'C', 'Central', array['FM1']) returning id`);
  const north = await id(sql`insert into locality (tenant_id, code, name, postcode_prefixes) values (${tenant}, 'N', 'North', array['FM2']) returning id`);
  let n = 0;
  const person = (opts: { mergedInto?: string } = {}) =>
    id(sql`insert into person (tenant_id, date_of_birth, dob_precision, gender, ethnicity, merged_into_person_id, synthetic)
           values (${tenant}, '2014-01-01', 'exact', 'female', 'WBRI', ${opts.mergedInto ?? null}, true) returning id`);
  const referral = async (r: {
    personId: string; referredAt: string; family?: string; closedAt?: string | null; outcome?: string | null; yearGroup?: string | null; phase?: string | null;
    fsm?: boolean | null; ethnicity?: string; localityId?: string | null; createdAt?: string; restricted?: boolean;
  }) => {
    n += 1;
    const ref = `CME-${code}-${n}`;
    return id(sql`insert into cme_referral (tenant_id, reference, person_id, child_name, family_key, referred_at, source, reason, referring_agency_id, year_group, phase,
                                            fsm_eligible, ethnicity, locality_id, joint_enquiry_due_on, narrative, status, closed_at, outcome_code, restricted, created_at)
                  values (${tenant}, ${ref}, ${r.personId}, ${`Child ${n}`}, ${r.family ?? ref}, ${r.referredAt}, 'school', 'deleted_from_roll', ${school},
                          ${r.yearGroup ?? null}, ${r.phase ?? null}, ${r.fsm ?? null}, ${r.ethnicity ?? 'WBRI'}, ${r.localityId ?? null}, ${r.referredAt.slice(0, 10)}, 'Fixture',
                          ${r.closedAt ? 'closed' : 'open'}, ${r.closedAt ?? null}, ${r.closedAt ? (r.outcome ?? 'found_local_school') : null}, ${r.restricted ?? false},
                          ${r.createdAt ?? r.referredAt}) returning id`);
  };
  const allegation = async (a: {
    receivedAt: string; decision?: string | null; decidedAt?: string | null; category?: string; sector?: string; outcome?: string | null; outcomeOn?: string | null;
    closedAt?: string | null; createdAt?: string;
  }) => {
    n += 1;
    const status = a.closedAt ? 'closed' : a.decision === 'lado_process' ? 'in_process' : a.decision ? 'closed' : 'open';
    return id(sql`insert into lado_allegation (tenant_id, reference, owning_agency_id, adult_name, sector, category, referring_agency_id, received_at, what_happened, decision_due_at,
                                               decision, decided_at, status, outcome, outcome_on, closed_at, created_at)
                  values (${tenant}, ${`LADO-${code}-${n}`}, ${education}, ${`Adult ${n}`}, ${a.sector ?? 'education_secondary'}, ${a.category ?? 'physical'}, ${school}, ${a.receivedAt},
                          'Fixture', ${a.receivedAt}, ${a.decision ?? null}, ${a.decidedAt ?? null}, ${status}, ${a.outcome ?? null}, ${a.outcomeOn ?? null},
                          ${a.closedAt ?? (a.decision && a.decision !== 'lado_process' ? a.decidedAt : null) ?? null}, ${a.createdAt ?? a.receivedAt}) returning id`);
  };
  return { tenant, education, school, central, north, person, referral, allegation };
}

type Area = Awaited<ReturnType<typeof area>>;

/** CME referrals around 2025-26's second quarter (July to September 2025). */
async function cmeRecords(a: Area) {
  const amy = await a.person();
  const ben = await a.person();
  const bea = await a.person();
  const bob = await a.person();
  const cal = await a.person();
  const dee = await a.person();
  const eve = await a.person();
  const eveOld = await a.person({ mergedInto: eve });
  // Amy's first episode, closed in March: her July referral has a previous closed episode.
  await a.referral({ personId: amy, referredAt: '2025-01-10T10:00:00Z', closedAt: '2025-03-01T10:00:00Z', localityId: a.central });
  const amy1 = await a.referral({ personId: amy, referredAt: '2025-07-05T10:00:00Z', yearGroup: '7', phase: 'secondary', fsm: true, ethnicity: 'WROM', localityId: a.central });
  // Ben and Bea, one family referred together: two children, one family. Ben's ethnicity refused; Bea's not recorded.
  const ben1 = await a.referral({ personId: ben, referredAt: '2025-08-01T09:00:00Z', family: 'F-1', yearGroup: '3', phase: 'primary', fsm: false, ethnicity: 'REFU', localityId: a.central,
    closedAt: '2025-09-15T12:00:00Z', outcome: 'found_school_other_la' });
  await a.referral({ personId: bea, referredAt: '2025-08-01T09:05:00Z', family: 'F-1', yearGroup: 'R', phase: 'primary', ethnicity: 'NOBT', localityId: a.central,
    closedAt: '2025-10-02T12:00:00Z', outcome: 'enquiries_exhausted' });
  // Bob, of the same family, referred in the next quarter: the family counts again there.
  await a.referral({ personId: bob, referredAt: '2025-11-01T09:00:00Z', family: 'F-1', yearGroup: '9', phase: 'secondary', localityId: a.central });
  // Cal at 23:30 UTC on 30 September: 00:30 BST on 1 October, the third quarter.
  await a.referral({ personId: cal, referredAt: '2025-09-30T23:30:00Z', yearGroup: '5', phase: 'primary', localityId: a.north });
  // Dee: an episode from May closed at 23:30 BST on 30 September, after her new referral at 23:00 the same day — not a previous closed one.
  await a.referral({ personId: dee, referredAt: '2025-05-01T09:00:00Z', closedAt: '2025-09-30T22:30:00Z', outcome: 'enquiries_exhausted' });
  await a.referral({ personId: dee, referredAt: '2025-09-30T22:00:00Z', yearGroup: '10', phase: 'secondary', ethnicity: 'NOBT' });
  // Eve: an episode on her duplicate record, closed in June (left the UK), then referred in July: recurrent after the merge.
  await a.referral({ personId: eveOld, referredAt: '2025-04-01T09:00:00Z', closedAt: '2025-06-30T12:00:00Z', outcome: 'left_uk', localityId: a.north });
  await a.referral({ personId: eve, referredAt: '2025-07-20T09:00:00Z', localityId: a.north });
  return { amy1, ben1 };
}

/** Allegations in 2025-26. */
async function ladoRecords(a: Area) {
  // Received 10 April, substantiated 20 May: 40 days.
  await a.allegation({ receivedAt: '2025-04-10T09:00:00Z', decision: 'lado_process', decidedAt: '2025-04-11T09:00:00Z', category: 'physical', sector: 'teaching_assistant',
    outcome: 'substantiated', outcomeOn: '2025-05-20', closedAt: '2025-05-25T09:00:00Z' });
  // Received 1 May and still open, awaiting the police: over 3 months from the end of August, not at the end of July.
  const al2 = await a.allegation({ receivedAt: '2025-05-01T09:00:00Z', decision: 'lado_process', decidedAt: '2025-05-02T09:00:00Z', category: 'physical_restraint', sector: 'foster_carer_la' });
  // Received 30 April: 3 months on is 30 July, so over 3 months at the end of July; unfounded on 10 October (163 days).
  await a.allegation({ receivedAt: '2025-04-30T09:00:00Z', decision: 'lado_process', decidedAt: '2025-05-01T09:00:00Z', category: 'sexual', sector: 'education_primary',
    outcome: 'unfounded', outcomeOn: '2025-10-10', closedAt: '2025-10-15T09:00:00Z' });
  // Advice only, and passed to another area: queries, not allegations in the process.
  await a.allegation({ receivedAt: '2025-06-01T09:00:00Z', decision: 'advice', decidedAt: '2025-06-02T09:00:00Z', category: 'conduct', sector: 'youth_work' });
  await a.allegation({ receivedAt: '2025-06-03T09:00:00Z', decision: 'another_area', decidedAt: '2025-06-03T15:00:00Z', category: 'conduct', sector: 'transport' });
  // Malicious after 30 days.
  await a.allegation({ receivedAt: '2025-07-01T09:00:00Z', decision: 'lado_process', decidedAt: '2025-07-02T09:00:00Z', category: 'emotional', sector: 'education_secondary',
    outcome: 'malicious', outcomeOn: '2025-07-31', closedAt: '2025-08-01T09:00:00Z' });
  // Unsubstantiated after 45 days.
  await a.allegation({ receivedAt: '2025-09-01T09:00:00Z', decision: 'lado_process', decidedAt: '2025-09-02T09:00:00Z', category: 'conduct', sector: 'health',
    outcome: 'unsubstantiated', outcomeOn: '2025-10-16', closedAt: '2025-10-20T09:00:00Z' });
  // Decided at 00:30 BST on 1 April 2026: 2026-27's. And one not yet decided: counted nowhere.
  await a.allegation({ receivedAt: '2026-03-31T22:00:00Z', decision: 'lado_process', decidedAt: '2026-03-31T23:30:00Z', category: 'neglect', sector: 'early_years' });
  await a.allegation({ receivedAt: '2026-02-01T09:00:00Z' });
  return { al2 };
}

const q2 = periodContaining('quarter', '2025-08-15');
const q3 = periodContaining('quarter', '2025-11-15');
const year = periodContaining('financial_year', '2025-10-01');
const month = (m: string) => periodContaining('month', `${m}-15`);

async function counts(tenantId: string, measureId: string, period: Period) {
  const [f] = await t.app.services.measures.figures(tenantId, measureById(measureId)!, [period]);
  return f!.counts;
}
const both = async (tenantId: string, measureId: string, period: Period) => {
  const c = await counts(tenantId, measureId, period);
  return [c.numerator, c.denominator];
};
const split = async (tenantId: string, measureId: string, slot: 'locality' | 'risk_level' | 'age_band' | 'ethnicity', period: Period) =>
  (await t.app.services.measures.breakdown(tenantId, measureById(measureId)!, slot, period)).map((r) => [r.label, r.counts.numerator]);

describe('the children missing education measures', () => {
  it('counts a quarter of referrals by each definition, exactly', async () => {
    const a = await area('cmeq');
    await cmeRecords(a);
    await t.app.services.measures.refresh(a.tenant, { full: true });
    const f = (m: string, p: Period = q2) => both(a.tenant, m, p);

    // Q2: Amy, Ben, Bea, Dee (23:00 BST on 30 September), Eve. Cal's 00:30 BST on 1 October is Q3's.
    expect(await f('cme_referrals')).toEqual([5, null]);
    expect(await f('cme_referrals', q3)).toEqual([2, null]);
    // Families: Amy's, Ben and Bea's once, Dee's, Eve's. In Q3 Ben and Bea's family again (Bob) and Cal's.
    expect(await f('cme_families')).toEqual([4, null]);
    expect(await f('cme_families', q3)).toEqual([2, null]);
    // A previous closed episode: Amy (closed in March) and Eve (on her merged record); not Dee (closed after her new referral).
    expect(await f('cme_recurrent')).toEqual([2, 5]);
    expect(await f('cme_fsm')).toEqual([1, 5]);
    // Not recorded: Bea and Dee; Ben's refusal is not counted as not recorded.
    expect(await f('cme_ethnicity_not_recorded')).toEqual([2, 5]);
    // Open at the end of September: Amy, Bea (closed 2 October), Dee's new one, Eve. Dee's old one closed at 23:30 BST that day.
    expect(await f('cme_open', month('2025-09'))).toEqual([4, null]);
    expect(await f('cme_open', month('2025-06'))).toEqual([1, null]); // Dee's old one: Eve's old one closed on 30 June, by the end of that day
    // Resolved in Q2: Ben (15 September), Dee's old one (30 September, London). Eve's old one was Q1's; Bea's Q3's.
    expect(await f('cme_resolved')).toEqual([2, null]);
    expect(await f('cme_resolved', periodContaining('quarter', '2025-05-15'))).toEqual([1, null]);

    // The scorecard's tables.
    expect(await split(a.tenant, 'cme_referrals', 'locality', q2)).toEqual([['Central', 3], [NO_LOCALITY, 1], ['North', 1]]);
    expect(await split(a.tenant, 'cme_referrals', 'risk_level', q2)).toEqual([['Not recorded', 1], ['Primary', 2], ['Secondary', 2]]);
    expect(await split(a.tenant, 'cme_referrals', 'age_band', q2)).toEqual([['Not recorded', 1], ['Reception', 1], ['Year 10', 1], ['Year 3', 1], ['Year 7', 1]]);
    expect(await split(a.tenant, 'cme_referrals', 'ethnicity', q2)).toEqual([
      ['Gypsy or Roma', 1],
      ['Not recorded (information not yet obtained)', 2],
      ['Refused (the parent’s choice)', 1],
      ['White – British', 1],
    ]);
    expect(await split(a.tenant, 'cme_resolved', 'risk_level', q2)).toEqual([['All enquiries exhausted', 1], ['Found in a school in another local authority', 1]]);
  });

  it('agrees with hasPreviousClosedEpisode, and keeps fresh between full rebuilds', async () => {
    const a = await area('cmer');
    const { amy1 } = await cmeRecords(a);
    await t.app.services.measures.refresh(a.tenant, { full: true });
    const facts = await rows<{ record_id: string; numerator: boolean }>(db, sql`select record_id::text, numerator from measure_fact where tenant_id = ${a.tenant} and measure_id = 'cme_recurrent'`);
    const referrals = await rows<{ id: string; child: string; referred_at: string; closed_at: string | null }>(
      db,
      sql`select r.id::text, coalesce(p.merged_into_person_id, p.id)::text as child, r.referred_at::text, r.closed_at::text
            from cme_referral r join person p on p.id = r.person_id where r.tenant_id = ${a.tenant}`,
    );
    expect(facts.length).toBe(referrals.length);
    for (const f of facts) {
      const r = referrals.find((x) => x.id === f.record_id)!;
      const episodes = referrals.filter((x) => x.child === r.child).map((x) => ({ id: x.id, closedAt: x.closed_at ? new Date(x.closed_at) : null }));
      expect(f.numerator, r.referred_at).toBe(hasPreviousClosedEpisode(new Date(r.referred_at), episodes, r.id));
    }

    // Closed on 20 August 2025, recorded now; and a new referral entered late for September.
    await db.execute(sql`update cme_referral set status = 'closed', closed_at = '2025-08-20T10:00:00Z', outcome_code = 'left_uk' where id = ${amy1}`);
    const fay = await a.person();
    await a.referral({ personId: fay, referredAt: '2025-09-10T09:00:00Z', createdAt: new Date().toISOString(), localityId: a.north });
    await t.app.services.measures.refresh(a.tenant);
    expect(await both(a.tenant, 'cme_referrals', q2)).toEqual([6, null]);
    expect(await both(a.tenant, 'cme_families', q2)).toEqual([5, null]);
    expect(await both(a.tenant, 'cme_resolved', q2)).toEqual([3, null]);
    expect(await both(a.tenant, 'cme_open', month('2025-09'))).toEqual([4, null]); // Amy closed, Fay open
    expect(await both(a.tenant, 'cme_open', month('2025-07'))).toEqual([3, null]); // Amy still open then: Amy, Dee's old one, Eve
    await t.app.services.measures.refresh(a.tenant, { full: true });
    expect(await both(a.tenant, 'cme_open', month('2025-09'))).toEqual([4, null]);
    expect(await both(a.tenant, 'cme_resolved', q2)).toEqual([3, null]);
  });
});

describe('the LADO measures', () => {
  it('counts a year of allegations by each definition, exactly', async () => {
    const a = await area('ladoy');
    await ladoRecords(a);
    await t.app.services.measures.refresh(a.tenant, { full: true });
    const f = (m: string, p: Period = year) => both(a.tenant, m, p);

    expect(await f('lado_allegations')).toEqual([5, null]);
    expect(await f('lado_allegations', periodContaining('financial_year', '2026-06-01'))).toEqual([1, null]);
    expect(await f('lado_advice')).toEqual([2, null]);
    expect(await f('lado_outcomes')).toEqual([4, null]);
    // Days to outcome 30, 40, 45, 163: the median 42.5, shown as 43 (half days rounded up, as medianDaysToOutcome).
    const median = await counts(a.tenant, 'lado_days_to_outcome', year);
    expect(median.median).toBe(42.5);
    const [fig] = await t.app.services.measures.figures(a.tenant, measureById('lado_days_to_outcome')!, [year]);
    expect(fig!.figure).toMatchObject({ state: 'value', value: 43 });
    const outcomes = await rows<{ received_on: string; outcome_on: string | null }>(
      db,
      sql`select ((received_at at time zone 'Europe/London')::date)::text as received_on, outcome_on::text from lado_allegation where tenant_id = ${a.tenant} and outcome_on is not null`,
    );
    expect(medianDaysToOutcome(outcomes.map((o) => ({ receivedOn: o.received_on, outcomeOn: o.outcome_on })))).toBe(43);

    // Open at the end of July: the one from 1 May, the one from 30 April, the malicious one (closed 1 August). Over 3 months: 30 April's only.
    expect(await f('lado_open', month('2025-07'))).toEqual([3, null]);
    expect(await f('lado_open_over_3_months', month('2025-07'))).toEqual([1, null]);
    expect(isOverdue('2025-04-30', '2025-07-31', 3)).toBe(true);
    expect(isOverdue('2025-05-01', '2025-07-31', 3)).toBe(false);
    expect(await f('lado_open_over_3_months', month('2025-08'))).toEqual([2, null]);
    // At the year end: the one awaiting the police since May, open over 3 months.
    expect(await f('lado_open', month('2026-03'))).toEqual([1, null]);
    expect(await f('lado_open_over_3_months', month('2026-03'))).toEqual([1, null]);

    expect(await split(a.tenant, 'lado_allegations', 'risk_level', year)).toEqual([
      ['Conduct issues', 1],
      ['Emotional harm', 1],
      ['Physical abuse', 1],
      ['Physical restraint', 1],
      ['Sexual abuse', 1],
    ]);
    expect(await split(a.tenant, 'lado_allegations', 'age_band', year)).toEqual([
      ['Education: primary', 1],
      ['Education: secondary', 1],
      ['Education: teaching assistant', 1],
      ['Foster carer (local authority)', 1],
      ['Health', 1],
    ]);
    expect((await split(a.tenant, 'lado_outcomes', 'risk_level', year)).map(([l, n]) => [String(l).split(':')[0], n])).toEqual([
      ['Malicious', 1],
      ['Substantiated', 1],
      ['Unfounded', 1],
      ['Unsubstantiated', 1],
    ]);
  });

  it('takes the area’s own resolution timescale, and keeps fresh', async () => {
    const a = await area('ladot');
    const { al2 } = await ladoRecords(a);
    await db.execute(sql`insert into timescale_setting (tenant_id, code, amount, unit, source) values (${a.tenant}, 'lado.resolution', 4, 'months', 'Fixture')`);
    await t.app.services.measures.refresh(a.tenant, { full: true });
    // 4 months: 1 May's is over from the end of September, 30 April's from the end of August.
    expect(await both(a.tenant, 'lado_open_over_3_months', month('2025-08'))).toEqual([1, null]);
    // The police finish; the outcome recorded and the case closed in November.
    await db.execute(sql`update lado_allegation set outcome = 'unsubstantiated', outcome_on = '2025-11-03', status = 'closed', closed_at = '2025-11-05T10:00:00Z' where id = ${al2}`);
    await t.app.services.measures.refresh(a.tenant);
    expect(await both(a.tenant, 'lado_outcomes', year)).toEqual([5, null]);
    expect(await both(a.tenant, 'lado_open', month('2025-10'))).toEqual([1, null]);
    expect(await both(a.tenant, 'lado_open', month('2025-11'))).toEqual([0, null]);
    // Closed more than 3 months before it was recorded: the later month ends follow at the daily full rebuild.
    await t.app.services.measures.refresh(a.tenant, { full: true });
    expect(await both(a.tenant, 'lado_open', month('2026-03'))).toEqual([0, null]);
  });
});

describe('the CME and LADO boards', () => {
  let quarter: Period;
  let fy: Period;
  let cmeId: string;
  let otherId: string;
  let allegationId: string;

  beforeAll(async () => {
    const demo = (await one<{ id: string }>(db, sql`select id from tenant where code = 'fernmoor'`))!.id;
    const agencyOf = async (user: string) => (await one<{ agency_id: string }>(db, sql`select agency_id::text from app_user where id = ${await t.userId(user)}`))!.agency_id;
    const measures = t.app.services.measures;
    quarter = measures.lastComplete('quarter', measures.today());
    fy = periodContaining('financial_year', quarter.start);
    const person = await id(sql`insert into person (tenant_id, date_of_birth, dob_precision, gender, ethnicity, synthetic) values (${demo}, '2014-01-01', 'exact', 'male', 'NOBT', true) returning id`);
    const insert = (ref: string, agencyId: string) =>
      id(sql`insert into cme_referral (tenant_id, reference, person_id, child_name, family_key, referred_at, source, reason, referring_agency_id, ethnicity, joint_enquiry_due_on, narrative)
             values (${demo}, ${ref}, ${person}, ${`Boardtest ${ref}`}, ${ref}, ${`${quarter.start}T10:00:00Z`}, 'school', 'deleted_from_roll', ${agencyId}, 'NOBT', ${quarter.start}, 'Fixture') returning id`);
    cmeId = await insert('CME-BOARD-1', await agencyOf('dsl'));
    otherId = await insert('CME-BOARD-2', await agencyOf('dsl2'));
    allegationId = await id(sql`insert into lado_allegation (tenant_id, reference, owning_agency_id, adult_name, sector, category, received_at, what_happened, decision_due_at, decision, decided_at, status)
      values (${demo}, 'LADO-BOARD-1', ${await agencyOf('lado')}, 'Boardtest Adult', 'teaching_assistant', 'physical', ${`${quarter.start}T09:00:00Z`}, 'Fixture', ${`${quarter.start}T09:00:00Z`},
              'lado_process', ${`${quarter.start}T12:00:00Z`}, 'in_process') returning id`);
    await measures.refresh(demo, { full: true });
  }, limit(240_000));

  it('shows the CME scorecard by quarter and its tables, linked from the measures page', async () => {
    const analyst = await t.as('analyst');
    const page = await analyst.get('/measures/cme');
    expect(page.statusCode).toBe(200);
    for (const text of ['Children missing education: quarterly scorecard', quarter.label, 'Children referred by resident locality', 'Children referred by phase', 'Children referred by year group',
      'Children referred by ethnicity', 'Cases resolved by outcome code', 'Refused (the parent’s choice)', 'Not recorded (information not yet obtained)']) {
      expect(page.body).toContain(text);
    }
    for (const measureId of CME_BOARD_SCORECARD) expect(page.body).toContain(`href="/measures/${measureId}`);
    expect((await analyst.get('/measures')).body).toContain('href="/measures/cme"');
    expect((await analyst.get(`/measures/cme?period=${quarter.key}`)).statusCode).toBe(200);
    expect((await analyst.get('/measures/cme?period=FY2025-26')).statusCode).toBe(400);
    expect((await analyst.get('/measures/cme?period=nonsense')).statusCode).toBe(400);
    for (const m of CME_LADO_MEASURES) expect((await analyst.get(`/measures/${m.id}`)).statusCode, m.id).toBe(200);
  });

  it('opens the children behind a figure under the CME record rule, and audits it', async () => {
    const address = `/measures/cme/records?measure=cme_referrals&period=${quarter.key}`;
    const officer = await (await t.as('cme')).get(address);
    expect(officer.statusCode).toBe(200);
    expect(officer.body).toContain(`href="/cme/referrals/${cmeId}"`);
    expect(officer.body).toContain(`href="/cme/referrals/${otherId}"`);
    // A school sees its own referral and not another school's.
    const own = await (await t.as('dsl')).get(address);
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain(`href="/cme/referrals/${cmeId}"`);
    expect(own.body).not.toContain(otherId);
    expect(own.body).not.toContain('Boardtest CME-BOARD-2');
    // The same from a table row, and from the families' and open cases' figures (derived record ids).
    const row = await (await t.as('cme')).get(`/measures/cme/records?measure=cme_referrals&period=${quarter.key}&table=ethnicity&label=${encodeURIComponent('Not recorded (information not yet obtained)')}`);
    expect(row.body).toContain(cmeId);
    const families = await (await t.as('cme')).get(`/measures/cme/records?measure=cme_families&period=${quarter.key}`);
    expect(families.body).toContain(cmeId);
    const endMonth = periodContaining('month', addDays(quarter.end, -1));
    const open = await (await t.as('cme')).get(`/measures/cme/records?measure=cme_open&period=${endMonth.key}`);
    expect(open.body).toContain(cmeId);
    // The engine's records page sends CME measures here, with the breakdown row.
    const generic = await (await t.as('cme')).get(`/measures/cme_referrals/records?period=${quarter.key}`);
    expect(generic.statusCode).toBe(303);
    expect(generic.headers.location).toBe(`/measures/cme/records?measure=cme_referrals&period=${quarter.key}`);
    const school = (await one<{ name: string }>(db, sql`select a.name from agency a join app_user u on u.agency_id = a.id where u.id = ${await t.userId('dsl')}`))!.name;
    const byAgency = await (await t.as('cme')).get(`/measures/cme/records?measure=cme_referrals&period=${quarter.key}&dimension=agency&label=${encodeURIComponent(school)}`);
    expect(byAgency.statusCode).toBe(200);
    expect(byAgency.body).toContain(cmeId);
    expect(byAgency.body).not.toContain(otherId);
    const audit = await one<{ n: number }>(db, sql`select count(*)::int as n from audit_event where action = 'measure.records_viewed' and details::text like ${`%${cmeId}%`}`);
    expect(audit!.n).toBeGreaterThan(0);
    // Bad addresses are a clear 400.
    const analyst = await t.as('analyst');
    for (const bad of ['?measure=nope&period=FY2025-26-Q1', '?measure=cme_referrals&period=x', '?measure=cme_open&period=FY2025-26-Q1', `?measure=cme_referrals&period=${quarter.key}&table=outcome&label=x`,
      `?measure=cme_referrals&period=${quarter.key}&table=phase`, `?measure=cme_referrals&period=${quarter.key}&dimension=risk_level&label=x`]) {
      expect((await analyst.get(`/measures/cme/records${bad}`)).statusCode, bad).toBe(400);
    }
  });

  it('shows the LADO annual figures, and the allegations behind them only to the designated officer’s service', async () => {
    const analyst = await t.as('analyst');
    const page = await analyst.get(`/measures/lado?period=${fy.key}`);
    expect(page.statusCode).toBe(200);
    for (const text of ['Allegations against people who work with children (LADO): annual figures', 'by category', 'by employing sector', 'Outcomes of allegations', 'Queries that did not progress']) {
      expect(page.body).toContain(text);
    }
    for (const measureId of LADO_BOARD_SCORECARD) expect(page.body).toContain(`href="/measures/${measureId}`);
    expect((await analyst.get('/measures')).body).toContain('href="/measures/lado"');
    const rolling = periodContaining('rolling_12_months', addDays(quarter.end, -1));
    expect((await analyst.get(`/measures/lado?period=${rolling.key}`)).statusCode).toBe(200);
    expect((await analyst.get(`/measures/lado?period=${quarter.key}`)).statusCode).toBe(400);
    const address = `/measures/lado/records?measure=lado_allegations&period=${fy.key}`;
    const lado = await (await t.as('lado')).get(address);
    expect(lado.statusCode).toBe(200);
    expect(lado.body).toContain(`href="/lado/allegations/${allegationId}"`);
    const other = await analyst.get(address);
    expect(other.statusCode).toBe(200);
    expect(other.body).not.toContain(allegationId);
    expect(other.body).not.toContain('Boardtest Adult');
    expect((await (await t.as('bia')).get('/measures/lado')).statusCode).toBe(403);
  });

  it('has a source for every CME and LADO measure', () => {
    for (const m of CME_LADO_MEASURES) expect(SOURCES[m.source], m.id).toBeDefined();
  });
});
