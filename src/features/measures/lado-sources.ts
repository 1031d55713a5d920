/**
 * Where the designated officer's (LADO's) measures' facts come from (definitions: `domain/measures/cme-lado.ts`): SQL
 * over the allegations (`db/schema/lado.ts`, table `lado_allegation`), in the same columns as every other source
 * (`sources.ts`). The code lists are the LADO's own (`domain/lado.ts`); the time to an outcome follows `daysBetween`
 * and `medianDaysToOutcome`, the open-over-3-months count `isOverdue` with the area's resolution timescale
 * (`lado.resolution`, 3 months unless the area has set another).
 *
 * Every allegation arrived as a front-door contact, but the LADO's record is restricted to the designated officer's
 * service: its facts carry no contact, so the records page of the front door never lists it, and the records behind
 * a figure are opened from the LADO board (`cme-lado` boards) under the LADO record rule. Record ids: the
 * allegation's own, or for a month end one derived from it (`monthEndRecordId`).
 *
 * Incremental refresh: the allegations received since the last refresh, those not closed, and those closed since 3
 * months before it; a fact is never dropped, only its flags change. Dates are London dates.
 */
import { type SQL, sql } from 'drizzle-orm';
import { LADO_CATEGORIES, LADO_DECISIONS, LADO_OUTCOMES, LADO_SECTORS } from '../../domain/lado.js';
import { LADO_ADVICE_DECISIONS, LADO_RESOLUTION_TIMESCALE } from '../../domain/measures/cme-lado.js';
import { DEFAULT_TIMESCALES } from '../../domain/timescales.js';
import { labelledSql, monthEndRecordId } from './cme-sources.js';
import { type SourceQuery } from './sources.js';

const london = (column: SQL) => sql`((${column}) at time zone 'Europe/London')::date`;
const instant = (d: Date) => sql`cast(${d.toISOString()} as timestamptz)`;
const today = sql`(now() at time zone 'Europe/London')::date`;

const DEFAULT_MONTHS = DEFAULT_TIMESCALES.find((t) => t.code === LADO_RESOLUTION_TIMESCALE)?.amount ?? 3;

/** The area's resolution timescale in months (its own setting when in months, else the default). */
const resolutionMonths = (tenantId: string) =>
  sql`coalesce((select s.amount from timescale_setting s where s.tenant_id = ${tenantId} and s.code = ${LADO_RESOLUTION_TIMESCALE} and s.unit = 'months'), ${DEFAULT_MONTHS})`;

const advice = sql.join(LADO_ADVICE_DECISIONS.map((d) => sql`${d}`), sql`, `);

/**
 * The breakdown slots of a LADO fact: the referring agency; the employing sector (in the age band slot); and the
 * category of allegation, or the decision or outcome (in the category slot, `risk_level`). `LADO_TABLES` names them.
 */
function dims(category: SQL = labelledSql(sql`a.category`, LADO_CATEGORIES)): SQL {
  return sql`a.referring_agency_id as agency_id, null::text as locality, ${labelledSql(sql`a.sector`, LADO_SECTORS)} as age_band,
    null::text as gender, null::text as ethnicity, ${category} as risk_level`;
}

function fresh(since: Date | null | undefined): SQL {
  if (!since) return sql``;
  return sql`and (a.created_at >= ${instant(since)} or a.closed_at is null or a.closed_at >= ${instant(since)} - interval '3 months')`;
}

/** One fact per allegation with a threshold decision of the kind, on the London date of the decision. */
function decisionFacts(tenantId: string, since: Date | null | undefined, decisions: SQL, category: SQL): SQL {
  return sql`
    select a.id as record_id, null::uuid as contact_id, ${london(sql`a.decided_at`)} as period_date,
           true as numerator, false as denominator, null::real as value, ${dims(category)}
      from lado_allegation a
     where a.tenant_id = ${tenantId} and a.decided_at is not null and a.decision in (${decisions}) ${fresh(since)}`;
}

/** One fact per allegation with an outcome, on its date, valued at the days from receipt (a London date) to it. */
function outcomeFacts(tenantId: string, since: Date | null | undefined): SQL {
  return sql`
    select a.id as record_id, null::uuid as contact_id, a.outcome_on as period_date,
           true as numerator, false as denominator, (a.outcome_on - ${london(sql`a.received_at`)})::real as value,
           ${dims(labelledSql(sql`a.outcome`, LADO_OUTCOMES))}
      from lado_allegation a
     where a.tenant_id = ${tenantId} and a.outcome is not null and a.outcome_on is not null ${fresh(since)}`;
}

/**
 * One fact per allegation progressed to the LADO process and complete month end, from the month of the decision
 * to 3 months after its closure (or now): counted when it was open at the end of that day (decided on or before
 * it, not closed by then) and, for `over`, received more than the resolution timescale before it.
 */
function monthEndFacts(tenantId: string, since: Date | null | undefined, over: boolean): SQL {
  const decided = london(sql`a.decided_at`);
  const closed = london(sql`a.closed_at`);
  const open = sql`(${decided} <= m.month_end and (a.closed_at is null or ${closed} > m.month_end))`;
  const numerator = over ? sql`(${open} and (${london(sql`a.received_at`)} + make_interval(months => ${resolutionMonths(tenantId)}))::date < m.month_end)` : open;
  return sql`
    select ${monthEndRecordId('lado-open', sql`a.id`, sql`m.month_end`)} as record_id, null::uuid as contact_id, m.month_end as period_date,
           ${numerator} as numerator, false as denominator, null::real as value, ${dims()}
      from lado_allegation a
      cross join lateral (
        select (g + interval '1 month' - interval '1 day')::date as month_end
          from generate_series(date_trunc('month', ${decided}::timestamp),
                               date_trunc('month', least(coalesce((${closed} + interval '3 months')::date, ${today}), ${today})::timestamp), interval '1 month') g
      ) m
     where a.tenant_id = ${tenantId} and a.decision = 'lado_process' and a.decided_at is not null and m.month_end < ${today} ${fresh(since)}`;
}

export const LADO_SOURCES: Record<string, SourceQuery> = {
  lado_allegations: { widensToPeople: false, facts: (tenantId, _scope, since) => decisionFacts(tenantId, since, sql`'lado_process'`, labelledSql(sql`a.category`, LADO_CATEGORIES)) },
  lado_advice: { widensToPeople: false, facts: (tenantId, _scope, since) => decisionFacts(tenantId, since, advice, labelledSql(sql`a.decision`, LADO_DECISIONS)) },
  lado_outcomes: { widensToPeople: false, facts: (tenantId, _scope, since) => outcomeFacts(tenantId, since) },
  lado_open: { widensToPeople: false, facts: (tenantId, _scope, since) => monthEndFacts(tenantId, since, false) },
  lado_open_over_3_months: { widensToPeople: false, facts: (tenantId, _scope, since) => monthEndFacts(tenantId, since, true) },
};
