/** SQL for measures: refreshing facts from the records, summing them by month, breakdowns, records, reference data. */
import { type SQL, sql } from 'drizzle-orm';
import { type Database, one, rows } from '../../db/client.js';
import { type Viewer } from '../../domain/access.js';
import { type Dimension } from '../../domain/measures/definitions.js';
import { visibleContacts } from '../front-door/published.js';
import { SOURCES } from './sources.js';

const FACT_COLUMNS = sql`record_id, contact_id, period_date, period_month, numerator, denominator, value, agency_id, locality, age_band, gender, ethnicity, risk_level`;

/** The latest change to anything a measure is built from (the next incremental refresh starts here). */
export async function latestChange(db: Database, tenantId: string): Promise<Date | null> {
  const r = await one<{ at: string | null }>(
    db,
    sql`select greatest((select max(updated_at) from contact where tenant_id = ${tenantId}),
                        (select max(updated_at) from clock where tenant_id = ${tenantId}))::text as at`,
  );
  return r?.at ? new Date(r.at) : null;
}

export async function refreshState(db: Database, tenantId: string) {
  return rows<{ measure_id: string; watermark: string; refreshed_at: string; full_at: string }>(
    db,
    sql`select measure_id, watermark::text, refreshed_at::text, full_at::text from measure_refresh where tenant_id = ${tenantId}`,
  );
}

/** Contacts changed since a time (directly, or through their clocks), widened to every contact about the same people. */
function changedContacts(tenantId: string, since: Date, widen: boolean): SQL {
  const direct = sql`select id from contact where tenant_id = ${tenantId} and updated_at >= ${since.toISOString()}
                     union select contact_id from clock where tenant_id = ${tenantId} and updated_at >= ${since.toISOString()}`;
  if (!widen) return direct;
  return sql`select cs.contact_id from contact_subject cs where cs.person_id in (select s.person_id from contact_subject s where s.contact_id in (${direct}))
             union ${direct}`;
}

/**
 * Rebuilds a measure's facts — all of them, or those of contacts changed since `since` — and then its monthly
 * sums for the months that changed. Returns the facts written.
 */
export async function refreshFacts(db: Database, tenantId: string, measureId: string, sourceId: string, since: Date | null, withMedian: boolean): Promise<number> {
  const source = SOURCES[sourceId];
  if (!source) throw new Error(`No source ${sourceId} for measure ${measureId}`);
  const extra = since && source.changedSince ? source.changedSince(tenantId, since) : null;
  const scope = since ? (extra ? sql`${changedContacts(tenantId, since, source.widensToPeople)} union ${extra}` : changedContacts(tenantId, since, source.widensToPeople)) : null;
  const removed = await rows<{ month: string }>(
    db,
    sql`with d as (delete from measure_fact where tenant_id = ${tenantId} and measure_id = ${measureId} ${scope ? sql`and contact_id in (${scope})` : sql``}
                   returning period_month)
        select distinct period_month::text as month from d`,
  );
  const inserted = await rows<{ month: string; n: number }>(
    db,
    sql`with f as (
          insert into measure_fact (tenant_id, measure_id, ${FACT_COLUMNS})
          select ${tenantId}, ${measureId}, s.record_id, s.contact_id, s.period_date, date_trunc('month', s.period_date)::date,
                 s.numerator, s.denominator, s.value, s.agency_id, s.locality, s.age_band, s.gender, s.ethnicity, s.risk_level
            from (${source.facts(tenantId, scope, since)}) s
          on conflict (tenant_id, measure_id, record_id) do update set
            contact_id = excluded.contact_id, period_date = excluded.period_date, period_month = excluded.period_month,
            numerator = excluded.numerator, denominator = excluded.denominator, value = excluded.value,
            agency_id = excluded.agency_id, locality = excluded.locality, age_band = excluded.age_band,
            gender = excluded.gender, ethnicity = excluded.ethnicity, risk_level = excluded.risk_level
          returning period_month)
        select period_month::text as month, count(*)::int as n from f group by period_month`,
  );
  const months = [...new Set([...removed.map((r) => r.month), ...inserted.map((r) => r.month)])];
  await rebuildMonths(db, tenantId, measureId, since ? months : null, withMedian);
  return inserted.reduce((n, r) => n + r.n, 0);
}

const list = (xs: readonly string[]) => (xs.length ? sql.join(xs.map((x) => sql`${x}`), sql`, `) : sql`null`);

/**
 * Numerator and denominator per area, measure and month: one parallel pass over the facts. Medians, which
 * cannot be added up, come from `monthlyMediansSql` over the rows of median measures only. These two statements
 * are the whole of the aggregation (the benchmark runs the same two against DuckDB).
 */
/**
 * The whole aggregation, as one statement: numerator and denominator per area, measure and month in one
 * parallel pass over the facts, joined to the medians of the median measures (computed over their rows only,
 * since medians cannot be added up). The benchmark runs this same statement against DuckDB.
 */
export function monthlySql(tenantIds: readonly string[], measureIds: readonly string[], medianIds: readonly string[], from: string, to: string, months?: readonly string[]): SQL {
  const onlyMonths = months ? sql`and period_month in (${sql.join(months.map((m) => sql`cast(${m} as date)`), sql`, `)})` : sql``;
  const where = (ids: readonly string[]) =>
    sql`tenant_id in (${list(tenantIds)}) and measure_id in (${list(ids)}) and period_month >= cast(${from} as date) and period_month < cast(${to} as date) ${onlyMonths}`;
  return sql`select c.tenant_id, c.measure_id, c.period_month, c.numerator, c.denominator, m.median
               from (select tenant_id, measure_id, period_month,
                            cast(count(*) filter (where numerator) as integer) as numerator,
                            cast(count(*) filter (where denominator) as integer) as denominator
                       from measure_fact where ${where(measureIds)}
                      group by tenant_id, measure_id, period_month) c
               left join (select tenant_id, measure_id, period_month, percentile_cont(0.5) within group (order by value) as median
                            from measure_fact where ${where(medianIds)} and numerator
                           group by tenant_id, measure_id, period_month) m
                 on m.tenant_id = c.tenant_id and m.measure_id = c.measure_id and m.period_month = c.period_month`;
}

/** Rebuilds a measure's monthly sums: for some months, or all (`null`). */
export async function rebuildMonths(db: Database, tenantId: string, measureId: string, months: readonly string[] | null, withMedian = true): Promise<void> {
  if (months && months.length === 0) return;
  await db.execute(sql`delete from measure_month where tenant_id = ${tenantId} and measure_id = ${measureId}
                       ${months ? sql`and month in (${sql.join(months.map((m) => sql`${m}::date`), sql`, `)})` : sql``}`);
  await db.execute(sql`insert into measure_month (tenant_id, measure_id, month, numerator, denominator, median)
    select tenant_id, measure_id, period_month, numerator, denominator, median
      from (${monthlySql([tenantId], [measureId], withMedian ? [measureId] : [], '1900-01-01', '2200-01-01', months ?? undefined)}) x`);
}

export async function saveRefresh(db: Database, tenantId: string, measureId: string, watermark: Date, at: Date, full: boolean): Promise<void> {
  await db.execute(sql`insert into measure_refresh (tenant_id, measure_id, watermark, refreshed_at, full_at)
    values (${tenantId}, ${measureId}, ${watermark.toISOString()}, ${at.toISOString()}, ${at.toISOString()})
    on conflict (tenant_id, measure_id) do update set watermark = excluded.watermark, refreshed_at = excluded.refreshed_at
    ${full ? sql`, full_at = excluded.full_at` : sql``}`);
}

export interface MonthRow {
  measure_id: string;
  month: string;
  numerator: number;
  denominator: number;
  median: number | null;
}

/** A measure's monthly sums between two months, from the rollup the refresh keeps. */
export function monthly(db: Database, tenantId: string, measureIds: readonly string[], from: string, to: string): Promise<MonthRow[]> {
  if (measureIds.length === 0) return Promise.resolve([]);
  return rows<MonthRow>(
    db,
    sql`select measure_id, month::text as month, numerator, denominator, median from measure_month
         where tenant_id = ${tenantId} and measure_id in (${list(measureIds)}) and month >= ${from} and month < ${to}`,
  );
}

/** The median of values over date windows (medians cannot be added up from months). */
export async function windowMedians(db: Database, tenantId: string, measureId: string, windows: readonly { key: string; start: string; end: string }[]) {
  if (windows.length === 0) return new Map<string, number | null>();
  const values = sql.join(windows.map((w) => sql`(${w.key}, ${w.start}::date, ${w.end}::date)`), sql`, `);
  const r = await rows<{ key: string; median: number | null }>(
    db,
    sql`select w.key, percentile_cont(0.5) within group (order by f.value) as median
          from (values ${values}) as w(key, s, e)
          join measure_fact f on f.tenant_id = ${tenantId} and f.measure_id = ${measureId} and f.numerator
                              and f.period_date >= w.s and f.period_date < w.e
         group by w.key`,
  );
  return new Map(r.map((x) => [x.key, x.median]));
}

const DIMENSION_COLUMNS: Record<Dimension, SQL> = {
  agency: sql`coalesce((select a.name from agency a where a.id = f.agency_id), 'Not recorded')`,
  locality: sql`coalesce(f.locality, 'Not recorded')`,
  age_band: sql`coalesce(f.age_band, 'Not recorded')`,
  gender: sql`coalesce(f.gender, 'Not recorded')`,
  ethnicity: sql`coalesce(f.ethnicity, 'Not recorded')`,
  risk_level: sql`coalesce(f.risk_level, 'Not recorded')`,
};

/** A measure for one period, split by a dimension. */
export async function breakdown(db: Database, tenantId: string, measureId: string, dimension: Dimension, start: string, end: string) {
  return rows<{ label: string; numerator: number; denominator: number; median: number | null }>(
    db,
    sql`select ${DIMENSION_COLUMNS[dimension]} as label,
               count(*) filter (where f.numerator)::int as numerator, count(*) filter (where f.denominator)::int as denominator,
               percentile_cont(0.5) within group (order by f.value) filter (where f.numerator) as median
          from measure_fact f
         where f.tenant_id = ${tenantId} and f.measure_id = ${measureId} and f.period_date >= ${start} and f.period_date < ${end}
         group by 1 order by 1`,
  );
}

export interface FactRecord {
  record_id: string;
  contact_id: string;
  reference: string | null;
  period_date: string;
  numerator: boolean;
  denominator: boolean;
  value: number | null;
  label: string;
  restricted: boolean;
}

/**
 * The records behind a figure that the viewer may open (the contact rules of the front door apply), optionally
 * for one value of a dimension. Returns them and how many others the viewer may not see.
 */
export async function records(
  db: Database,
  viewer: Viewer,
  measureId: string,
  start: string,
  end: string,
  filter: { dimension: Dimension; label: string } | null,
  limit: number,
): Promise<{ visible: FactRecord[]; hidden: number; unlinked: number }> {
  const where = sql`f.tenant_id = ${viewer.tenantId} and f.measure_id = ${measureId} and f.period_date >= ${start} and f.period_date < ${end}
                    ${filter ? sql`and ${DIMENSION_COLUMNS[filter.dimension]} = ${filter.label}` : sql``}`;
  const visible = await rows<FactRecord>(
    db,
    sql`select f.record_id, f.contact_id, c.reference, f.period_date::text as period_date, f.numerator, f.denominator, f.value,
               coalesce((select n.given_names || ' ' || n.family_name from contact_subject cs
                          join person p on p.id = cs.person_id join person_name n on n.person_id = p.id and n.is_primary
                         where cs.contact_id = c.id and not p.restricted order by (cs.role like 'subject%') desc, cs.created_at limit 1), '') as label,
               (c.restricted or exists (select 1 from contact_subject cs join person p on p.id = cs.person_id where cs.contact_id = c.id and p.restricted)) as restricted
          from measure_fact f join contact c on c.id = f.contact_id
         where ${where} and ${visibleContacts(viewer)}
         order by f.period_date, c.reference limit ${limit}`,
  );
  const total = await one<{ n: number; unlinked: number }>(db, sql`select count(*)::int as n, count(*) filter (where f.contact_id is null)::int as unlinked from measure_fact f where ${where}`);
  const seen = await one<{ n: number }>(db, sql`select count(*)::int as n from measure_fact f join contact c on c.id = f.contact_id where ${where} and ${visibleContacts(viewer)}`);
  // Records not made from a contact (a MARAC referral or service case an agency made directly) have no contact to open.
  const unlinked = total?.unlinked ?? 0;
  return { visible, hidden: (total?.n ?? 0) - unlinked - (seen?.n ?? 0), unlinked };
}

/** Record ids in the numerator and denominator of a period (for a published snapshot). */
export async function recordIds(db: Database, tenantId: string, measureId: string, start: string, end: string) {
  const r = await rows<{ record_id: string; numerator: boolean; denominator: boolean }>(
    db,
    sql`select record_id, numerator, denominator from measure_fact
         where tenant_id = ${tenantId} and measure_id = ${measureId} and period_date >= ${start} and period_date < ${end} order by record_id`,
  );
  return { numerator: r.filter((x) => x.numerator).map((x) => x.record_id), denominator: r.filter((x) => x.denominator).map((x) => x.record_id) };
}

/** Why records entered or left a figure since it was published: what each record is now, and when it changed. */
export async function explainRecords(db: Database, tenantId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  const list = sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `);
  return rows<{ record_id: string; reference: string | null; contact_id: string | null; status: string | null; updated_at: string | null; exists_now: boolean }>(
    db,
    sql`select x.id::text as record_id, coalesce(c.reference, cr.reference, la.reference) as reference, c.id as contact_id, coalesce(c.status, cr.status, la.status) as status,
                   greatest(c.updated_at, k.updated_at)::text as updated_at,
                   (c.id is not null or dc.id is not null or mr.id is not null or sc.id is not null or en.id is not null or cr.id is not null or la.id is not null) as exists_now
          from unnest(array[${list}]) as x(id)
          left join contact_subject cs on cs.id = x.id
          left join clock k on k.id = x.id
          left join info_request ir on ir.id = x.id
          left join da_case dc on dc.id = x.id
          left join marac_referral mr on mr.id = x.id
          left join da_service_case sc on sc.id = x.id
          left join encompass_notice en on en.id = x.id
          left join cme_referral cr on cr.id = x.id
          left join lado_allegation la on la.id = x.id
          left join da_case via on via.id = coalesce(mr.da_case_id, sc.da_case_id, en.da_case_id)
          left join contact c on c.id = coalesce(cs.contact_id, k.contact_id, ir.contact_id, dc.contact_id, via.contact_id, x.id)`,
  );
}
