/**
 * Where each measure's facts come from: one SQL query per source over the records themselves (contacts, screening
 * decisions, clocks, people, and the domestic abuse records: DA cases, MARAC referrals, service cases, Encompass
 * notices). Every query returns the same columns — record_id, contact_id, period_date,
 * numerator, denominator, value, agency_id, locality, age_band, gender, ethnicity, risk_level — and can be limited
 * to a set of contacts (an incremental refresh) or run over the whole area (a full one).
 *
 * Dates are London dates: a contact received at 23:30 BST on 31 March counts in March.
 */
import { REFERRAL_OUTCOMES } from '../../domain/screening.js';
import { ADULT_SOURCES } from './adult-sources.js';
import { CHILD_SOURCES } from './children-sources.js';
import { CME_SOURCES } from './cme-sources.js';
import { LADO_SOURCES } from './lado-sources.js';
import { PARTNERSHIP_SOURCES } from './partnership-sources.js';
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
  /**
   * The facts, for the contacts in `scope` (an SQL list of contact ids), or every contact when scope is null. A
   * source whose records need not belong to a contact (a MARAC referral an agency made directly) also gives, in an
   * incremental refresh, those records created since `since`.
   */
  facts(tenantId: string, scope: SQL | null, since?: Date | null): SQL;
  /** Whether a change to one contact can change facts of other contacts about the same person (re-referrals). */
  widensToPeople: boolean;
  /**
   * Contacts whose facts changed since a time without the contact itself changing (the domestic abuse records carry
   * no change time on the contact: a MARAC referral, a service case, a notice sent to a school). Added to the scope.
   */
  changedSince?(tenantId: string, since: Date): SQL;
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

/** The police risk grading a notification carried (on the contact, else on its DA case), for breakdowns. */
const policeRiskOf = (column: SQL) =>
  sql`case ${column} when 'high' then 'High (police)' when 'medium' then 'Medium (police)' when 'standard' then 'Standard (police)' else 'Not graded' end`;
const policeRisk = policeRiskOf(sql`coalesce(c.risk_level, dc.police_risk)`);

/** A risk level in words (the level a service case had at referral). */
const riskWords = (column: SQL) => sql`case ${column} when 'high' then 'High' when 'medium' then 'Medium' when 'standard' then 'Standard' else 'Not graded' end`;

/** The victim of a DA case (alias dc): the person the breakdowns by age, gender, ethnicity and locality describe. */
const victim = sql`left join lateral (
    select p.id, p.date_of_birth, p.dob_precision, p.gender, p.ethnicity from da_person dp join person p on p.id = dp.person_id
     where dp.da_case_id = dc.id and dp.role = 'victim' order by dp.position, dp.id limit 1) p on true`;

const instant = (d: Date) => sql`cast(${d.toISOString()} as timestamptz)`;

/**
 * Records that belong to a contact through their DA case when they have one (`caseColumn`); those without a case
 * (made directly, not from a notification) are in an incremental refresh when created since the last one.
 */
function caseScope(scope: SQL | null, since: Date | null | undefined, caseColumn: SQL, createdColumn: SQL): SQL {
  if (!scope) return sql``;
  return since ? sql`and (dc.contact_id in (${scope}) or (${caseColumn} is null and ${createdColumn} >= ${instant(since)}))` : sql`and dc.contact_id in (${scope})`;
}

/** MARAC referrals: every one counted; the numerator is every referral, or the repeats. */
function maracFacts(tenantId: string, scope: SQL | null, since: Date | null | undefined, numerator: 'all' | 'repeat'): SQL {
  const repeat = sql`(r.previous_referral_id is not null or 'repeat' = any(r.criteria))`;
  return sql`
      select r.id as record_id, dc.contact_id, ${london(sql`r.referred_at`)} as period_date,
             ${numerator === 'repeat' ? repeat : sql`true`} as numerator, ${numerator === 'repeat' ? sql`true` : sql`false`} as denominator, null::real as value,
             ${dims(london(sql`r.referred_at`), sql`null::text`, sql`r.referring_agency_id`)}
        from marac_referral r
        left join da_case dc on dc.id = r.da_case_id
        left join person p on p.id = r.victim_person_id
       where r.tenant_id = ${tenantId} ${caseScope(scope, since, sql`r.da_case_id`, sql`r.created_at`)}`;
}

const maracChanged = (tenantId: string, since: Date) =>
  sql`select dc.contact_id from marac_referral r join da_case dc on dc.id = r.da_case_id where r.tenant_id = ${tenantId} and r.created_at >= ${instant(since)}`;

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
    // The incident time and the police grading from the contact, else from the DA case the notification made.
    facts: (tenantId, scope) => sql`
      select c.id as record_id, c.id as contact_id, ${london(sql`c.received_at`)} as period_date,
             true as numerator, false as denominator,
             (extract(epoch from (c.received_at - coalesce(c.incident_at, dc.occurred_at))) / 86400.0)::real as value,
             ${dims(london(sql`c.received_at`), policeRisk)}
        from contact c left join da_case dc on dc.contact_id = c.id ${mainPerson}
       where c.tenant_id = ${tenantId} and c.status <> 'draft' and coalesce(c.incident_at, dc.occurred_at) <= c.received_at
             ${inScope(scope, sql`c.id`)}`,
  },

  // ——— domestic abuse ———
  da_notifications: {
    widensToPeople: false,
    facts: (tenantId, scope) => sql`
      select dc.id as record_id, c.id as contact_id, ${london(sql`dc.received_at`)} as period_date,
             true as numerator, false as denominator, null::real as value,
             ${dims(london(sql`dc.received_at`), policeRiskOf(sql`dc.police_risk`))}
        from da_case dc join contact c on c.id = dc.contact_id ${victim}
       where dc.tenant_id = ${tenantId} and c.status <> 'draft' ${inScope(scope, sql`c.id`)}`,
    changedSince: (tenantId, since) => sql`select contact_id from da_case where tenant_id = ${tenantId} and created_at >= ${instant(since)}`,
  },
  marac_referrals: { widensToPeople: false, facts: (tenantId, scope, since) => maracFacts(tenantId, scope, since, 'all'), changedSince: maracChanged },
  marac_repeat_referrals: { widensToPeople: false, facts: (tenantId, scope, since) => maracFacts(tenantId, scope, since, 'repeat'), changedSince: maracChanged },
  idva_referrals: {
    widensToPeople: false,
    facts: (tenantId, scope, since) => sql`
      select s.id as record_id, dc.contact_id, ${london(sql`s.referred_at`)} as period_date,
             true as numerator, false as denominator, null::real as value,
             ${dims(london(sql`s.referred_at`), riskWords(sql`s.risk_at_intake`), sql`s.referred_by_agency_id`)}
        from da_service_case s
        left join da_case dc on dc.id = s.da_case_id
        left join person p on p.id = s.person_id
       where s.tenant_id = ${tenantId} and s.service = 'idva' ${caseScope(scope, since, sql`s.da_case_id`, sql`s.created_at`)}`,
    changedSince: (tenantId, since) =>
      sql`select dc.contact_id from da_service_case s join da_case dc on dc.id = s.da_case_id where s.tenant_id = ${tenantId} and s.created_at >= ${instant(since)}`,
  },
  encompass_notices: {
    widensToPeople: false,
    // A notice settles when it is sent, or when its due time passes unsent (missed until it is sent, then late). The
    // value is the hours it was sent after the due time (negative when before); none while it is not sent.
    facts: (tenantId, scope) => sql`
      select n.id as record_id, dc.contact_id, ${london(sql`n.due_at`)} as period_date,
             (n.sent_at is not null and n.sent_at <= n.due_at) as numerator, true as denominator,
             (extract(epoch from (n.sent_at - n.due_at)) / 3600.0)::real as value,
             ${dims(london(sql`n.due_at`), policeRiskOf(sql`dc.police_risk`), sql`n.agency_id`)}
        from encompass_notice n
        join da_case dc on dc.id = n.da_case_id
        left join da_person child on child.id = n.da_person_id
        left join person p on p.id = child.person_id
       where n.tenant_id = ${tenantId} and (n.sent_at is not null or n.due_at <= now()) ${inScope(scope, sql`dc.contact_id`)}`,
    // Sent, made, or come due (unsent) since the last refresh.
    changedSince: (tenantId, since) =>
      sql`select dc.contact_id from encompass_notice n join da_case dc on dc.id = n.da_case_id
           where n.tenant_id = ${tenantId} and (n.created_at >= ${instant(since)} or n.sent_at >= ${instant(since)} or (n.due_at >= ${instant(since)} and n.due_at <= now()))`,
  },
  // ——— adult safeguarding and DoLS (`adult-sources.ts`) ———
  ...ADULT_SOURCES,
  // ——— children's social care, child protection and early help (`children-sources.ts`) ———
  ...CHILD_SOURCES,
  // ——— children missing education and the LADO (`cme-sources.ts`, `lado-sources.ts`) ———
  ...CME_SOURCES,
  ...LADO_SOURCES,
  // ——— the partnership's own work (`partnership-sources.ts`) ———
  ...PARTNERSHIP_SOURCES,
};
