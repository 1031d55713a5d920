/**
 * Where the children missing education measures' facts come from (definitions: `domain/measures/cme-lado.ts`): SQL
 * over the CME referrals (`db/schema/cme.ts`, table `cme_referral` with the area's `locality`), in the same columns
 * as every other source (`sources.ts`). The code lists are the CME service's (`domain/cme.ts`); recurrence follows
 * `hasPreviousClosedEpisode` (another referral of the same child closed before this one was made).
 *
 * A CME referral is not a front-door contact (even one that came from the front door is the CME service's record,
 * open to the CME service and the school that referred): its facts carry no contact, and the records behind a
 * figure are opened from the CME board (`cme-board.ts`) under the CME record rule. Record ids: a referral's own id,
 * or — for a family in a quarter and a referral at a month end — an id derived from them (`cmeRecordIdSql`), so the
 * board can find the referrals behind them again.
 *
 * Incremental refresh: a source takes the referrals made since the last refresh, those still open, and those closed
 * since 3 months before it (a closure may be dated back), and upserts their facts; a fact is never dropped, only
 * its flags change. A referral's month-end facts run to 3 months after its closure (not open then) for that reason.
 * Dates are London dates.
 */
import { type SQL, sql } from 'drizzle-orm';
import { NOT_RECORDED, OUTCOME_CODES, PHASES, YEAR_GROUPS } from '../../domain/cme.js';
import { type Code } from '../../domain/codes.js';
import { CME_ETHNICITY_LABELS, NONE_RECORDED, NO_LOCALITY } from '../../domain/measures/cme-lado.js';
import { type SourceQuery } from './sources.js';

const london = (column: SQL) => sql`((${column}) at time zone 'Europe/London')::date`;
const instant = (d: Date) => sql`cast(${d.toISOString()} as timestamptz)`;
const today = sql`(now() at time zone 'Europe/London')::date`;

/** A code's label from its list, in SQL; anything else (nothing recorded, an unknown code) as `none`. */
export function labelledSql(column: SQL, codes: readonly Code[], none: string = NONE_RECORDED): SQL {
  return sql`case ${column} ${sql.join(
    codes.map((c) => sql`when ${c.code} then ${c.label}`),
    sql` `,
  )} else ${none} end`;
}

/** The child: the person on the referral, or the record theirs was merged into (alias p). */
const child = sql`left join person p0 on p0.id = r.person_id left join person p on p.id = coalesce(p0.merged_into_person_id, p0.id)`;
/** The referral's resident locality (alias l). */
const place = sql`left join locality l on l.id = r.locality_id`;

/**
 * The breakdown slots of a CME fact: the referring agency; the resident locality; the year group (in the age band
 * slot); the child's gender; the ethnicity with "not recorded" and "refused" apart; and the phase, or for a closure
 * its outcome code (in the category slot, `risk_level`). `CME_TABLES` names them for the board.
 */
function dims(category: SQL = labelledSql(sql`r.phase`, PHASES)): SQL {
  return sql`r.referring_agency_id as agency_id, coalesce(l.name, ${NO_LOCALITY}) as locality,
    ${labelledSql(sql`r.year_group`, YEAR_GROUPS)} as age_band, p.gender as gender,
    ${labelledSql(sql`r.ethnicity`, CME_ETHNICITY_LABELS)} as ethnicity, ${category} as risk_level`;
}

/** In an incremental refresh: referrals made since, still open, or closed since 3 months before the last refresh. */
function fresh(since: Date | null | undefined, also: SQL[] = []): SQL {
  if (!since) return sql``;
  const signs = [sql`r.created_at >= ${instant(since)}`, sql`r.closed_at is null`, sql`r.closed_at >= ${instant(since)} - interval '3 months'`, ...also];
  return sql`and (${sql.join(signs, sql` or `)})`;
}

/** The child behind a referral after any merge of their record. */
const childOf = (alias: string) => sql.raw(`coalesce((select q.merged_into_person_id from person q where q.id = ${alias}.person_id), ${alias}.person_id)`);

/** Another referral of the same child closed before this one was made (`hasPreviousClosedEpisode`). */
const previousClosed = sql`exists (select 1 from cme_referral e where e.tenant_id = r.tenant_id and e.id <> r.id and e.closed_at is not null
                                   and e.closed_at < r.referred_at and ${childOf('e')} = ${childOf('r')})`;
/** A referral of the same child made or closed since: it can make this one recurrent. */
const siblingChangedSince = (since: Date | null | undefined) =>
  since
    ? [sql`exists (select 1 from cme_referral e where e.tenant_id = r.tenant_id and e.person_id = r.person_id and (e.created_at >= ${instant(since)} or e.closed_at >= ${instant(since)} - interval '3 months'))`]
    : [];

/** One fact per referral, on the London date it was made. */
function referralFacts(tenantId: string, since: Date | null | undefined, numerator: SQL, denominator: boolean, also: SQL[] = []): SQL {
  return sql`
    select r.id as record_id, null::uuid as contact_id, ${london(sql`r.referred_at`)} as period_date,
           ${numerator} as numerator, ${denominator ? sql`true` : sql`false`} as denominator, null::real as value, ${dims()}
      from cme_referral r ${child} ${place}
     where r.tenant_id = ${tenantId} ${fresh(since, also)}`;
}

/** One fact per closed referral, on the London date it was closed, with its outcome code. */
function resolvedFacts(tenantId: string, since: Date | null | undefined): SQL {
  return sql`
    select r.id as record_id, null::uuid as contact_id, ${london(sql`r.closed_at`)} as period_date,
           true as numerator, false as denominator, (${london(sql`r.closed_at`)} - ${london(sql`r.referred_at`)})::real as value,
           ${dims(labelledSql(sql`r.outcome_code`, OUTCOME_CODES))}
      from cme_referral r ${child} ${place}
     where r.tenant_id = ${tenantId} and r.closed_at is not null ${fresh(since)}`;
}

/** The record id of a family's fact for a quarter (its first day). */
export const familyRecordId = (familyKey: SQL, quarterStart: SQL) => sql`md5('cme-family:' || ${familyKey} || ':' || ${quarterStart}::text)::uuid`;
/** The record id of a referral's fact at a month end. */
export const monthEndRecordId = (prefix: string, recordId: SQL, monthEnd: SQL) => sql`md5(${`${prefix}:`} || ${recordId}::text || ':' || ${monthEnd}::text)::uuid`;

/**
 * One fact per family and quarter with a referral: on the day of the family's first referral in the quarter, in the
 * locality of that referral. Financial quarters begin in January, April, July and October, as calendar quarters do.
 */
function familyFacts(tenantId: string, since: Date | null | undefined): SQL {
  return sql`
    select ${familyRecordId(sql`f.family_key`, sql`f.quarter`)} as record_id, null::uuid as contact_id, f.first_day as period_date,
           true as numerator, false as denominator, null::real as value,
           null::uuid as agency_id, f.locality, null::text as age_band, null::text as gender, null::text as ethnicity, null::text as risk_level
      from (select r.family_key, date_trunc('quarter', ${london(sql`r.referred_at`)})::date as quarter, min(${london(sql`r.referred_at`)}) as first_day,
                   (array_agg(coalesce(l.name, ${NO_LOCALITY}) order by r.referred_at, r.id))[1] as locality, max(r.created_at) as changed_at
              from cme_referral r ${place}
             where r.tenant_id = ${tenantId}
             group by r.family_key, date_trunc('quarter', ${london(sql`r.referred_at`)})::date) f
     where ${since ? sql`f.changed_at >= ${instant(since)}` : sql`true`}`;
}

/**
 * One fact per referral and complete month end from the month it was made to 3 months after its closure (or now):
 * counted (numerator) when it was open at the end of that day — made on or before it, not closed by then.
 */
function openFacts(tenantId: string, since: Date | null | undefined): SQL {
  const made = london(sql`r.referred_at`);
  const closed = london(sql`r.closed_at`);
  return sql`
    select ${monthEndRecordId('cme-open', sql`r.id`, sql`m.month_end`)} as record_id, null::uuid as contact_id, m.month_end as period_date,
           (r.closed_at is null or ${closed} > m.month_end) as numerator, false as denominator, null::real as value, ${dims()}
      from cme_referral r ${child} ${place}
      cross join lateral (
        select (g + interval '1 month' - interval '1 day')::date as month_end
          from generate_series(date_trunc('month', ${made}::timestamp),
                               date_trunc('month', least(coalesce((${closed} + interval '3 months')::date, ${today}), ${today})::timestamp), interval '1 month') g
      ) m
     where r.tenant_id = ${tenantId} and m.month_end < ${today} and ${made} <= m.month_end ${fresh(since)}`;
}

export const CME_SOURCES: Record<string, SourceQuery> = {
  cme_referrals: { widensToPeople: false, facts: (tenantId, _scope, since) => referralFacts(tenantId, since, sql`true`, false) },
  cme_recurrent: { widensToPeople: false, facts: (tenantId, _scope, since) => referralFacts(tenantId, since, previousClosed, true, siblingChangedSince(since)) },
  cme_fsm: { widensToPeople: false, facts: (tenantId, _scope, since) => referralFacts(tenantId, since, sql`coalesce(r.fsm_eligible, false)`, true) },
  cme_ethnicity_not_recorded: { widensToPeople: false, facts: (tenantId, _scope, since) => referralFacts(tenantId, since, sql`(r.ethnicity = ${NOT_RECORDED})`, true) },
  cme_families: { widensToPeople: false, facts: (tenantId, _scope, since) => familyFacts(tenantId, since) },
  cme_open: { widensToPeople: false, facts: (tenantId, _scope, since) => openFacts(tenantId, since) },
  cme_resolved: { widensToPeople: false, facts: (tenantId, _scope, since) => resolvedFacts(tenantId, since) },
};
