/**
 * Where the adult safeguarding and DoLS measures' facts come from: one SQL query per source over the adults' records
 * (concerns, enquiries, their risks and meetings, DoLS applications), in the same columns as every other source
 * (`sources.ts`). The rules they count by are the SAC's and the DoLS clocks (`domain/sac.ts`, `domain/dols.ts`).
 *
 * The adults' records are not contacts: their facts carry no contact (the records page counts them as not from a
 * contact), so an incremental refresh cannot find them through changed contacts. Each source instead takes, in an
 * incremental refresh, the records whose own times show a change since the last one (created, decided, authorised,
 * ended, allocated, a risk or meeting added) and upserts their facts; a record's fact is never dropped, only its flags
 * change, so nothing is left stale. Changes that set no time (a corrected answer) wait for the daily full rebuild.
 *
 * Dates are London dates. Breakdowns describe the adult (after any merge of their record): the SAC's age bands, as
 * on the day the record counts.
 */
import { type SQL, sql } from 'drizzle-orm';
import { RISK_LOCATIONS, RISK_SOURCES, RISK_TYPES } from '../../domain/adult-safeguarding.js';
import { type Code } from '../../domain/codes.js';
import { DOLS_CLOCKS, DOLS_PRIORITIES } from '../../domain/dols.js';
import { SAC_AGE_BANDS } from '../../domain/sac.js';
import { type SourceQuery } from './sources.js';

const london = (column: SQL) => sql`((${column}) at time zone 'Europe/London')::date`;
const instant = (d: Date) => sql`cast(${d.toISOString()} as timestamptz)`;

/** A code's label from its list, in SQL (the breakdown shows words, as the other sources do). */
function labelled(column: SQL, codes: readonly Code[]): SQL {
  return sql`case ${column} ${sql.join(
    codes.map((c) => sql`when ${c.code} then ${c.label}`),
    sql` `,
  )} else ${column} end`;
}

/** The SAC age band on a date, as `sacAgeBand` gives it, except that an age under 18 shows as such (a record to check). */
function ageBand(on: SQL, dateOfBirth: SQL, precision: SQL): SQL {
  const bands = [...SAC_AGE_BANDS].filter((b) => b.from !== null).reverse();
  return sql`case when ${dateOfBirth} is null or ${precision} = 'unborn' then 'Age unknown'
                  else (select case when x.age < 18 then 'Under 18'
                                    ${sql.join(
                                      bands.map((b) => sql`when x.age >= ${b.from} then ${b.label}`),
                                      sql` `,
                                    )} end
                          from (select extract(year from age(${on}, ${dateOfBirth}))::int as age) x) end`;
}

/** The adult: the person on the record, or the record their record was merged into. Needs `personColumn`. */
const adult = (personColumn: SQL) =>
  sql`left join person p0 on p0.id = ${personColumn} left join person p on p.id = coalesce(p0.merged_into_person_id, p0.id)`;

function dims(on: SQL, agency: SQL, category: SQL = sql`null::text`, dateOfBirth: SQL = sql`p.date_of_birth`): SQL {
  return sql`${agency} as agency_id,
    (select upper(split_part(trim(a.postcode), ' ', 1)) from person_address a
      where a.person_id = p.id and a.to_date is null and a.postcode is not null order by a.from_date desc nulls last limit 1) as locality,
    ${ageBand(on, dateOfBirth, sql`coalesce(p.dob_precision, 'exact')`)} as age_band,
    p.gender as gender, p.ethnicity as ethnicity, ${category} as risk_level`;
}

/** In an incremental refresh, only records whose times show a change since the last one. */
const changed = (since: Date | null | undefined, times: SQL[]) => (since ? sql`and greatest(${sql.join(times, sql`, `)}) >= ${instant(since)}` : sql``);

const CONCERN_TIMES = [sql`ac.created_at`, sql`ac.test_recorded_at`, sql`ac.decided_at`, sql`ac.authorised_at`];
/** An enquiry changes when it starts or ends, or a risk or meeting is added to it. */
function enquiryChanged(since: Date | null | undefined): SQL {
  if (!since) return sql``;
  return sql`and (greatest(e.created_at, e.ended_at, ac.authorised_at) >= ${instant(since)}
                  or exists (select 1 from adult_risk r1 where r1.enquiry_id = e.id and r1.created_at >= ${instant(since)}))`;
}

/** Concerns, one fact each by the date received; the numerator says whether it led to a section 42 enquiry. */
function concernFacts(tenantId: string, since: Date | null | undefined, numerator: SQL, denominator: boolean): SQL {
  return sql`
    select ac.id as record_id, null::uuid as contact_id, ${london(sql`ac.received_at`)} as period_date,
           ${numerator} as numerator, ${denominator ? sql`true` : sql`false`} as denominator, null::real as value,
           ${dims(london(sql`ac.received_at`), sql`ac.source_agency_id`)}
      from adult_concern ac ${adult(sql`ac.person_id`)}
     where ac.tenant_id = ${tenantId} ${changed(since, CONCERN_TIMES)}`;
}

/** Enquiries of a kind, one fact each, by the date they started or (for concluded ones) ended. */
function enquiryFacts(tenantId: string, since: Date | null | undefined, kind: 's42' | 'other', on: 'started' | 'ended', numerator: SQL = sql`true`, denominator: SQL = sql`false`): SQL {
  const date = on === 'started' ? sql`e.started_at` : sql`e.ended_at`;
  const ended = on === 'ended' ? sql`and e.status in ('concluded', 'exited') and e.ended_at is not null` : sql``;
  return sql`
    select e.id as record_id, null::uuid as contact_id, ${london(date)} as period_date,
           ${numerator} as numerator, ${denominator} as denominator, null::real as value,
           ${dims(london(date), sql`coalesce(e.lead_agency_id, ac.owning_agency_id)`)}
      from adult_enquiry e join adult_concern ac on ac.id = e.concern_id ${adult(sql`ac.person_id`)}
     where e.tenant_id = ${tenantId} and e.kind = ${kind} ${ended} ${enquiryChanged(since)}`;
}

/**
 * Concluded section 42 enquiries once under each different category of their risks (SAC SG2): one fact for each
 * enquiry and category, whose record is the first risk of that category (so the fact is stable as risks are added).
 * The category's words are in the breakdown column the engine calls risk level.
 */
function riskFacts(tenantId: string, since: Date | null | undefined, column: 'type' | 'location' | 'source', codes: readonly Code[]): SQL {
  const category = sql.raw(`r.${column}`);
  return sql`
    select distinct on (e.id, ${category}) r.id as record_id, null::uuid as contact_id, ${london(sql`e.ended_at`)} as period_date,
           true as numerator, false as denominator, null::real as value,
           ${dims(london(sql`e.ended_at`), sql`coalesce(e.lead_agency_id, ac.owning_agency_id)`, labelled(category, codes))}
      from adult_enquiry e join adult_concern ac on ac.id = e.concern_id join adult_risk r on r.enquiry_id = e.id ${adult(sql`ac.person_id`)}
     where e.tenant_id = ${tenantId} and e.kind = 's42' and e.status in ('concluded', 'exited') and e.ended_at is not null ${enquiryChanged(since)}
     order by e.id, ${category}, r.created_at, r.id`;
}

function meetingFacts(tenantId: string, since: Date | null | undefined, kind: 'decision_making' | 'outcome'): SQL {
  return sql`
    select m.id as record_id, null::uuid as contact_id, ${london(sql`m.held_at`)} as period_date,
           true as numerator, false as denominator, null::real as value,
           ${dims(london(sql`m.held_at`), sql`coalesce(e.lead_agency_id, ac.owning_agency_id)`)}
      from adult_meeting m join adult_enquiry e on e.id = m.enquiry_id join adult_concern ac on ac.id = e.concern_id ${adult(sql`ac.person_id`)}
     where m.tenant_id = ${tenantId} and m.kind = ${kind} ${since ? sql`and m.created_at >= ${instant(since)}` : sql``}`;
}

// ——— DoLS ———

const DOLS_TIMES = [sql`d.created_at`, sql`d.allocated_at`, sql`d.decided_at`, sql`d.urgent_extended_at`];
const priority = labelled(sql`d.priority`, DOLS_PRIORITIES.map((c) => ({ code: c.code, label: `${c.label} priority` })));

/** The last London date a decision is in time on: `decisionDueOn` of `domain/dols.ts`, in SQL. */
const dueDay = sql`case when d.kind = 'urgent' and d.urgent_from is not null
      then least(d.urgent_from + (${DOLS_CLOCKS.urgent.amount} + case when d.urgent_extended_at is not null then ${DOLS_CLOCKS.urgentExtension.amount} else 0 end)::int,
                 ${london(sql`d.received_at`)} + ${DOLS_CLOCKS.standard.amount}::int)
      else ${london(sql`d.received_at`)} + ${DOLS_CLOCKS.standard.amount}::int end`;

function dolsFacts(tenantId: string, since: Date | null | undefined, on: 'received' | 'decided', numerator: SQL, denominator: SQL = sql`false`, where: SQL = sql``): SQL {
  const date = on === 'received' ? sql`d.received_at` : sql`d.decided_at`;
  return sql`
    select d.id as record_id, null::uuid as contact_id, ${london(date)} as period_date,
           ${numerator} as numerator, ${denominator} as denominator,
           (${london(sql`d.decided_at`)} - ${london(sql`d.received_at`)})::real as value,
           ${dims(london(date), sql`null::uuid`, priority, sql`coalesce(p.date_of_birth, d.date_of_birth)`)}
      from dols_application d ${adult(sql`d.person_id`)}
     where d.tenant_id = ${tenantId} ${on === 'decided' ? sql`and d.decided_at is not null` : sql``} ${where} ${changed(since, DOLS_TIMES)}`;
}

const decided = sql`d.status in ('granted', 'not_granted')`;

export const ADULT_SOURCES: Record<string, SourceQuery> = {
  adult_concerns: { widensToPeople: false, facts: (tenantId, _scope, since) => concernFacts(tenantId, since, sql`true`, false) },
  adult_concern_decisions: {
    widensToPeople: false,
    facts: (tenantId, _scope, since) => concernFacts(tenantId, since, sql`(ac.status = 'decided' and ac.decision = 's42_enquiry')`, true),
  },
  adult_s42_started: { widensToPeople: false, facts: (tenantId, _scope, since) => enquiryFacts(tenantId, since, 's42', 'started') },
  adult_other_started: { widensToPeople: false, facts: (tenantId, _scope, since) => enquiryFacts(tenantId, since, 'other', 'started') },
  adult_s42_concluded: { widensToPeople: false, facts: (tenantId, _scope, since) => enquiryFacts(tenantId, since, 's42', 'ended') },
  adult_risk_types: { widensToPeople: false, facts: (tenantId, _scope, since) => riskFacts(tenantId, since, 'type', RISK_TYPES) },
  adult_risk_locations: { widensToPeople: false, facts: (tenantId, _scope, since) => riskFacts(tenantId, since, 'location', RISK_LOCATIONS) },
  adult_risk_sources: { widensToPeople: false, facts: (tenantId, _scope, since) => riskFacts(tenantId, since, 'source', RISK_SOURCES) },
  adult_decision_meetings: { widensToPeople: false, facts: (tenantId, _scope, since) => meetingFacts(tenantId, since, 'decision_making') },
  adult_outcome_meetings: { widensToPeople: false, facts: (tenantId, _scope, since) => meetingFacts(tenantId, since, 'outcome') },
  // Making Safeguarding Personal, over concluded section 42 enquiries (SAC SG4).
  adult_msp_asked: {
    widensToPeople: false,
    facts: (tenantId, _scope, since) => enquiryFacts(tenantId, since, 's42', 'ended', sql`coalesce(e.msp_asked in ('asked_expressed', 'asked_not_expressed'), false)`, sql`true`),
  },
  adult_msp_expressed: {
    widensToPeople: false,
    facts: (tenantId, _scope, since) => enquiryFacts(tenantId, since, 's42', 'ended', sql`coalesce(e.msp_asked = 'asked_expressed', false)`, sql`true`),
  },
  adult_msp_achieved: {
    widensToPeople: false,
    // Every concluded enquiry has a fact (so one whose answers change is updated, not left behind); only those with
    // outcomes expressed and how far they were achieved recorded are counted.
    facts: (tenantId, _scope, since) =>
      enquiryFacts(
        tenantId,
        since,
        's42',
        'ended',
        sql`coalesce(e.msp_asked = 'asked_expressed' and e.outcomes_achieved in ('fully', 'partially'), false)`,
        sql`coalesce(e.msp_asked = 'asked_expressed' and e.outcomes_achieved in ('fully', 'partially', 'not'), false)`,
      ),
  },
  dols_received: { widensToPeople: false, facts: (tenantId, _scope, since) => dolsFacts(tenantId, since, 'received', sql`true`) },
  dols_granted: { widensToPeople: false, facts: (tenantId, _scope, since) => dolsFacts(tenantId, since, 'decided', sql`true`, sql`false`, sql`and d.status = 'granted'`) },
  dols_not_granted: { widensToPeople: false, facts: (tenantId, _scope, since) => dolsFacts(tenantId, since, 'decided', sql`true`, sql`false`, sql`and d.status = 'not_granted'`) },
  // Every application has a fact, counted while it waits: allocating it turns the count off rather than leaving it.
  dols_unallocated: { widensToPeople: false, facts: (tenantId, _scope, since) => dolsFacts(tenantId, since, 'received', sql`d.status = 'received'`) },
  dols_decisions: {
    widensToPeople: false,
    facts: (tenantId, _scope, since) => dolsFacts(tenantId, since, 'decided', sql`(${decided} and ${london(sql`d.decided_at`)} <= ${dueDay})`, decided),
  },
};
