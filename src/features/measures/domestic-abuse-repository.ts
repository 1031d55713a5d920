/**
 * SQL for the domestic abuse measures page: the parts that are views of the measures engine's facts (the lag
 * distribution, Encompass outcomes) and the partnership's operational counts that are not measures over a period
 * (decisions of the daily triage, IDVA caseloads and handovers, the waiting list now). Counts only: no names.
 */
import { type SQL, sql } from 'drizzle-orm';
import { type Database, one, rows } from '../../db/client.js';
import { LAG_BANDS } from '../../domain/measures/definitions.js';
import { londonDate } from '../../domain/time.js';

const london = (column: SQL) => sql`((${column}) at time zone 'Europe/London')::date`;
const inPeriod = (column: SQL, start: string, end: string) => sql`${london(column)} >= cast(${start} as date) and ${london(column)} < cast(${end} as date)`;

/** The band (index into LAG_BANDS) of a lag in days. */
function bandOf(value: SQL): SQL {
  const cases = LAG_BANDS.map((b, i) => (b.upToDays === null ? null : sql`when ${value} <= cast(${b.upToDays} as real) then ${sql.raw(String(i))}`)).filter((x): x is SQL => x !== null);
  return sql`case ${sql.join(cases, sql` `)} else ${sql.raw(String(LAG_BANDS.length - 1))} end`;
}

/** How many facts of the incident-to-receipt measure fall in each lag band, by risk level, in a period. */
export function lagDistribution(db: Database, tenantId: string, measureId: string, start: string, end: string) {
  return rows<{ risk_level: string; band: number; n: number }>(
    db,
    sql`select coalesce(f.risk_level, 'Not recorded') as risk_level, ${bandOf(sql`f.value`)} as band, count(*)::int as n
          from measure_fact f
         where f.tenant_id = ${tenantId} and f.measure_id = ${measureId} and f.numerator and f.value is not null
           and f.period_date >= ${start} and f.period_date < ${end}
         group by 1, 2`,
  );
}

/**
 * Operation Encompass notices due in a period, from the facts of the in-time measure: sent in time, sent late
 * (a value, the hours after the due time) and not sent (no value).
 */
export async function encompassOutcomes(db: Database, tenantId: string, measureId: string, start: string, end: string) {
  return (await one<{ in_time: number; late: number; not_sent: number }>(
    db,
    sql`select count(*) filter (where f.numerator)::int as in_time,
               count(*) filter (where not f.numerator and f.value is not null)::int as late,
               count(*) filter (where not f.numerator and f.value is null)::int as not_sent
          from measure_fact f
         where f.tenant_id = ${tenantId} and f.measure_id = ${measureId} and f.denominator and f.period_date >= ${start} and f.period_date < ${end}`,
  ))!;
}

/** Notices waiting in the needs-a-setting queue now (no school or setting found yet). */
export async function encompassNeedingSetting(db: Database, tenantId: string): Promise<number> {
  return (await one<{ n: number }>(db, sql`select count(*)::int as n from encompass_notice where tenant_id = ${tenantId} and agency_id is null and sent_at is null and needs_setting is not null`))!.n;
}

/** The daily triage's decisions for households decided in a period: each decision, and the households decided. */
export async function madaDecisions(db: Database, tenantId: string, start: string, end: string) {
  const byDecision = await rows<{ decision: string; n: number }>(
    db,
    sql`select d.decision, count(*)::int as n
          from mada_decision m cross join lateral unnest(m.decisions) as d(decision)
         where m.tenant_id = ${tenantId} and ${inPeriod(sql`m.decided_at`, start, end)}
         group by 1`,
  );
  const households = (await one<{ n: number }>(db, sql`select count(*)::int as n from mada_decision m where m.tenant_id = ${tenantId} and ${inPeriod(sql`m.decided_at`, start, end)}`))!.n;
  return { byDecision, households };
}

/** DA cases waiting for the daily triage's decision now. */
export async function awaitingTriage(db: Database, tenantId: string): Promise<number> {
  return (await one<{ n: number }>(
    db,
    sql`select count(*)::int as n from da_case dc join contact c on c.id = dc.contact_id
         where dc.tenant_id = ${tenantId} and c.status <> 'draft' and not exists (select 1 from mada_decision m where m.da_case_id = dc.id)`,
  ))!.n;
}

/**
 * The IDVA service's caseload per keyworker now (open cases, how many high risk now, how many have changed worker
 * at least once), with the handovers each worker took on and handed on in a period.
 */
export function idvaCaseload(db: Database, tenantId: string, start: string, end: string) {
  return rows<{ worker: string; open: number; high: number; handed_over_before: number; handovers_in: number; handovers_out: number }>(
    db,
    sql`with cases as (select * from da_service_case where tenant_id = ${tenantId} and service = 'idva'),
         open as (select c.keyworker_user_id as worker, count(*)::int as open, count(*) filter (where c.current_risk = 'high')::int as high,
                         count(*) filter (where exists (select 1 from da_service_allocation a where a.case_id = c.id and a.kind = 'handover'))::int as handed_over_before
                    from cases c where c.status = 'allocated' and c.keyworker_user_id is not null group by 1),
         moves as (select a.from_user_id, a.to_user_id from da_service_allocation a join cases c on c.id = a.case_id
                    where a.kind = 'handover' and ${inPeriod(sql`a.at`, start, end)}),
         ins as (select to_user_id as worker, count(*)::int as n from moves group by 1),
         outs as (select from_user_id as worker, count(*)::int as n from moves where from_user_id is not null group by 1),
         workers as (select worker from open union select worker from ins union select worker from outs)
    select u.display_name as worker, coalesce(o.open, 0) as open, coalesce(o.high, 0) as high, coalesce(o.handed_over_before, 0) as handed_over_before,
           coalesce(i.n, 0) as handovers_in, coalesce(x.n, 0) as handovers_out
      from workers w join app_user u on u.id = w.worker
      left join open o on o.worker = w.worker left join ins i on i.worker = w.worker left join outs x on x.worker = w.worker
     order by u.display_name collate "und-x-icu", u.id`,
  );
}

/** Handovers and changes of risk level on service cases in a period, by service. */
export function serviceChanges(db: Database, tenantId: string, start: string, end: string) {
  return rows<{ service: string; handovers: number; risk_changes: number; open: number }>(
    db,
    sql`select s.service,
               (select count(*)::int from da_service_allocation a join da_service_case c on c.id = a.case_id
                 where c.tenant_id = ${tenantId} and c.service = s.service and a.kind = 'handover' and ${inPeriod(sql`a.at`, start, end)}) as handovers,
               (select count(*)::int from da_service_risk_change r join da_service_case c on c.id = r.case_id
                 where c.tenant_id = ${tenantId} and c.service = s.service and ${inPeriod(sql`r.at`, start, end)}) as risk_changes,
               (select count(*)::int from da_service_case c where c.tenant_id = ${tenantId} and c.service = s.service and c.status = 'allocated') as open
          from (values ('idva'), ('commissioned')) as s(service)`,
  );
}

/**
 * The waiting list for standard and medium risk now: cases waiting for a keyworker at either level, how many, and
 * the longest wait in London calendar days (referred today is 0).
 */
export function waitingList(db: Database, tenantId: string, now: Date) {
  const today = sql`${londonDate(now)}::date`;
  return rows<{ risk: string; n: number; longest: number | null }>(
    db,
    sql`select r.risk, count(s.id)::int as n, max(${today} - ${london(sql`s.referred_at`)})::int as longest
          from (values ('medium'), ('standard')) as r(risk)
          left join da_service_case s on s.tenant_id = ${tenantId} and s.status = 'waiting' and s.current_risk = r.risk
         group by r.risk order by r.risk`,
  );
}
