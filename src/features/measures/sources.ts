/**
 * Where each measure's facts come from: one SQL query per source over the records themselves (contacts, screening
 * decisions, clocks, people). Every query returns the same columns — record_id, contact_id, period_date,
 * numerator, denominator, value, agency_id, locality, age_band, gender, ethnicity, risk_level — and can be limited
 * to a set of contacts (an incremental refresh) or run over the whole area (a full one).
 *
 * Dates are London dates: a contact received at 23:30 BST on 31 March counts in March.
 */
import { REFERRAL_OUTCOMES } from '../../domain/screening.js';
import { type SQL, sql } from 'drizzle-orm';


const london = (column: SQL) => sql`((${column}) at time zone 'Europe/London')::date`;
const outcomes = sql.join(REFERRAL_OUTCOMES.map((o) => sql`${o}`), sql`, `);

/** The person a contact is mainly about: its first subject (a child or adult it is about), else its first person. */
const mainPerson = sql`left join lateral (
    select p.id, p.date_of_birth, p.dob_precision, p.gender, p.ethnicity from contact_subject cs join person p on p.id = cs.person_id
     where cs.contact_id = c.id order by (cs.role in ('subject_child', 'subject_adult')) desc, cs.created_at, cs.id limit 1) p on true`;

/** The latest authorised screening decision of the contact. */
const authorisedDecision = sql`join lateral (
    select d.outcome, d.decided_at, d.threshold_level from screening_decision d
     where d.contact_id = c.id and d.authorisation = 'authorised' order by d.decided_at desc, d.id desc limit 1) d on true`;

/** The latest decision of any state (for the risk level a contact was given). */
const latestDecision = sql`left join lateral (
    select d.threshold_level from screening_decision d where d.contact_id = c.id order by d.decided_at desc, d.id desc limit 1) ld on true`;

function dims(periodDate: SQL, risk: SQL, agency: SQL = sql`c.source_agency_id`): SQL {
  return sql`${agency} as agency_id,
    (select upper(split_part(trim(a.postcode), ' ', 1)) from person_address a
      where a.person_id = p.id and a.to_date is null and a.postcode is not null order by a.from_date desc nulls last limit 1) as locality,
    case when p.id is null then null
         when p.dob_precision = 'unborn' then 'Unborn'
         when p.date_of_birth is null then 'Not known'
         else (select case when x.age < 5 then '0 to 4' when x.age < 10 then '5 to 9' when x.age < 16 then '10 to 15'
                           when x.age < 18 then '16 to 17' when x.age < 65 then '18 to 64' else '65 and over' end
                 from (select extract(year from age(${periodDate}, p.date_of_birth))::int as age) x) end as age_band,
    p.gender as gender, p.ethnicity as ethnicity, ${risk} as risk_level`;
}

const level = (column: SQL) => sql`case when ${column} is null then null else 'Level ' || ${column} end`;

export interface SourceQuery {
  /** The facts, for the contacts in `scope` (an SQL list of contact ids), or every contact when scope is null. */
  facts(tenantId: string, scope: SQL | null): SQL;
  /** Whether a change to one contact can change facts of other contacts about the same person (re-referrals). */
  widensToPeople: boolean;
}

const inScope = (scope: SQL | null, column: SQL) => (scope ? sql`and ${column} in (${scope})` : sql``);

/** Referrals: a child the contact is about, when its authorised outcome was a referral; one per child and contact. */
function referrals(tenantId: string, scope: SQL | null): SQL {
  return sql`select cs.id as record_id, c.id as contact_id, cs.person_id, d.decided_at, d.threshold_level,
                    ${london(sql`d.decided_at`)} as period_date, c.source_agency_id
               from contact c ${authorisedDecision}
               join contact_subject cs on cs.contact_id = c.id and cs.role = 'subject_child'
              where c.tenant_id = ${tenantId} and d.outcome in (${outcomes}) ${inScope(scope, sql`c.id`)}`;
}

function referralFacts(tenantId: string, scope: SQL | null, numerator: 'repeat' | 'all'): SQL {
  // A re-referral: the same child had another referral in the 12 months before this one (DfE definition). Earlier
  // referrals are looked for over the whole area, not only the scope.
  const repeat = sql`exists (select 1 from (${referrals(tenantId, null)}) r2
                      where r2.person_id = r.person_id and r2.contact_id <> r.contact_id
                        and r2.decided_at < r.decided_at and r2.decided_at >= r.decided_at - interval '12 months')`;
  return sql`select r.record_id, r.contact_id, r.period_date,
                    ${numerator === 'repeat' ? repeat : sql`true`} as numerator, true as denominator, null::real as value,
                    ${dims(sql`r.period_date`, level(sql`r.threshold_level`))}
               from (${referrals(tenantId, scope)}) r
               join contact c on c.id = r.contact_id
               left join person p on p.id = r.person_id`;
}

/** Facts of completed clocks of a kind: in time if completed by the deadline. */
function clockFacts(tenantId: string, scope: SQL | null, kind: string): SQL {
  return sql`select k.id as record_id, c.id as contact_id, ${london(sql`k.completed_at`)} as period_date,
                    (k.completed_at <= k.due_at) as numerator, true as denominator,
                    (extract(epoch from (k.completed_at - k.started_at)) / 86400.0)::real as value,
                    ${dims(london(sql`k.completed_at`), level(sql`ld.threshold_level`))}
               from clock k join contact c on c.id = k.contact_id
               left join person p on p.id = k.person_id
               ${latestDecision}
              where k.tenant_id = ${tenantId} and k.kind = ${kind} and k.completed_at is not null ${inScope(scope, sql`c.id`)}`;
}

/** The police risk grading a notification carried, for the lag from incident to receipt. */
const policeRisk = sql`case c.risk_level when 'high' then 'High (police)' when 'medium' then 'Medium (police)' when 'standard' then 'Standard (police)' else 'Not graded' end`;

export const SOURCES: Record<string, SourceQuery> = {
  info_requests: {
    widensToPeople: false,
    // Requests settle when answered, or when their deadline passes unanswered; the answering agency is the breakdown.
    facts: (tenantId, scope) => sql`
      select r.id as record_id, c.id as contact_id, ${london(sql`r.due_at`)} as period_date,
             (r.answered_at is not null and r.answered_at <= r.due_at) as numerator, true as denominator,
             (extract(epoch from (coalesce(r.answered_at, r.due_at) - r.requested_at)) / 3600.0)::real as value,
             ${dims(london(sql`r.due_at`), sql`initcap(r.rag)`, sql`r.agency_id`)}
        from info_request r join contact c on c.id = r.contact_id ${mainPerson}
       where r.tenant_id = ${tenantId} and r.status <> 'withdrawn' and (r.answered_at is not null or r.due_at <= now())
             ${inScope(scope, sql`c.id`)}`,
  },
  contacts_received: {
    widensToPeople: false,
    facts: (tenantId, scope) => sql`
      select c.id as record_id, c.id as contact_id, ${london(sql`c.received_at`)} as period_date,
             true as numerator, false as denominator, null::real as value,
             ${dims(london(sql`c.received_at`), level(sql`ld.threshold_level`))}
        from contact c ${mainPerson} ${latestDecision}
       where c.tenant_id = ${tenantId} and c.status <> 'draft' ${inScope(scope, sql`c.id`)}`,
  },
  contact_decisions: {
    widensToPeople: false,
    facts: (tenantId, scope) => sql`
      select c.id as record_id, c.id as contact_id, ${london(sql`d.decided_at`)} as period_date,
             (d.outcome in (${outcomes})) as numerator, true as denominator, null::real as value,
             ${dims(london(sql`d.decided_at`), level(sql`d.threshold_level`))}
        from contact c ${authorisedDecision} ${mainPerson}
       where c.tenant_id = ${tenantId} ${inScope(scope, sql`c.id`)}`,
  },
  referrals: { widensToPeople: true, facts: (tenantId, scope) => referralFacts(tenantId, scope, 'repeat') },
  referrals_all: { widensToPeople: false, facts: (tenantId, scope) => referralFacts(tenantId, scope, 'all') },
  first_decisions: {
    widensToPeople: false,
    facts: (tenantId, scope) => sql`
      select c.id as record_id, c.id as contact_id, ${london(sql`f.decided_at`)} as period_date,
             (c.decision_due_at is not null and f.decided_at <= c.decision_due_at) as numerator, true as denominator,
             (extract(epoch from (f.decided_at - c.received_at)) / 86400.0)::real as value,
             ${dims(london(sql`f.decided_at`), level(sql`f.threshold_level`))}
        from contact c
        join lateral (select d.decided_at, d.threshold_level from screening_decision d where d.contact_id = c.id order by d.decided_at, d.id limit 1) f on true
        ${mainPerson}
       where c.tenant_id = ${tenantId} ${inScope(scope, sql`c.id`)}`,
  },
  early_help_triages: { widensToPeople: false, facts: (tenantId, scope) => clockFacts(tenantId, scope, 'early_help_triage') },
  assessments: { widensToPeople: false, facts: (tenantId, scope) => clockFacts(tenantId, scope, 'assessment') },
  incident_lag: {
    widensToPeople: false,
    facts: (tenantId, scope) => sql`
      select c.id as record_id, c.id as contact_id, ${london(sql`c.received_at`)} as period_date,
             true as numerator, false as denominator,
             (extract(epoch from (c.received_at - c.incident_at)) / 86400.0)::real as value,
             ${dims(london(sql`c.received_at`), policeRisk)}
        from contact c ${mainPerson}
       where c.tenant_id = ${tenantId} and c.status <> 'draft' and c.incident_at is not null and c.incident_at <= c.received_at
             ${inScope(scope, sql`c.id`)}`,
  },
};
