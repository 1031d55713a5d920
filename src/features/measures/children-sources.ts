/**
 * Where the children's measures' facts come from (definitions: `domain/measures/children.ts`): one SQL query per
 * family of facts over the children's records (`db/schema/children.ts`) — referrals, assessments, section 47
 * enquiries, conferences, plans and their visits, early help episodes — in the same columns as every other source
 * (`sources.ts`). The rules are the census's and Working Together's, as `domain/children.ts` states them
 * (`isReReferral`, `inVoiceCohort`, `heldInTime`, `visitInTime`); the tests check the SQL against them.
 *
 * A fact carries the front-door contact its referral (or early help episode) came from, so the records page opens
 * the contact; one made directly (a transfer in) has none and is counted as not from a contact. Incremental
 * refresh: a source takes the records of the contacts that changed, and the records whose own times show a change
 * since the last refresh (created, started, authorised, held, ended, recorded …), and upserts their facts; a fact
 * is never dropped, only its flags change. Changes that set no time wait for the daily full rebuild.
 *
 * Numbers at the end of a month (children in need, children on a plan) are one fact per child and month end, for
 * complete months; their record id is derived from the child and the month. An incremental refresh adds the months
 * that ended since the last one for every open record. Dates are London dates.
 */
import { type SQL, sql } from 'drizzle-orm';
import { CP_CATEGORIES } from '../../domain/children.js';
import { type SourceQuery } from './sources.js';

const london = (column: SQL) => sql`((${column}) at time zone 'Europe/London')::date`;
const instant = (d: Date) => sql`cast(${d.toISOString()} as timestamptz)`;
const today = sql`(now() at time zone 'Europe/London')::date`;

/** The child: the person on the record, or the record theirs was merged into (alias p). */
const child = (personColumn: SQL) =>
  sql`left join person p0 on p0.id = ${personColumn} left join person p on p.id = coalesce(p0.merged_into_person_id, p0.id)`;

/** The census's age groups for children on a date (unborn, under 1, 1 to 4, 5 to 9, 10 to 15, 16 and over). */
function ageBand(on: SQL): SQL {
  return sql`case when p.id is null or (p.date_of_birth is null and p.dob_precision <> 'unborn') then 'Not known'
                  when p.dob_precision = 'unborn' or p.date_of_birth > ${on} then 'Unborn'
                  else (select case when x.age < 1 then 'Under 1' when x.age < 5 then '1 to 4' when x.age < 10 then '5 to 9'
                                    when x.age < 16 then '10 to 15' else '16 and over' end
                          from (select extract(year from age(${on}, p.date_of_birth))::int as age) x) end`;
}

const categoryWords = sql`case pl.latest_category ${sql.join(
  CP_CATEGORIES.map((c) => sql`when ${c.code} then ${c.label}`),
  sql` `,
)} else null end`;

/** The child's postcode district now (alias p, or another person column). */
const localityOf = (personId: SQL) => sql`(select upper(split_part(trim(a.postcode), ' ', 1)) from person_address a
      where a.person_id = ${personId} and a.to_date is null and a.postcode is not null order by a.from_date desc nulls last limit 1)`;

function dims(on: SQL, agency: SQL = sql`null::uuid`, category: SQL = sql`null::text`, locality: SQL = localityOf(sql`p.id`)): SQL {
  return sql`${agency} as agency_id, ${locality} as locality,
    ${ageBand(on)} as age_band, p.gender as gender, p.ethnicity as ethnicity, ${category} as risk_level`;
}

/**
 * In an incremental refresh, only the records of changed contacts and those whose times show a change since the
 * last refresh (`also`: other signs of change, such as a record added about the same child).
 */
function fresh(scope: SQL | null, since: Date | null | undefined, contact: SQL, times: SQL[], also: SQL[] = []): SQL {
  if (!since) return sql``;
  const signs = [sql`greatest(${sql.join(times, sql`, `)}) >= ${instant(since)}`, ...also];
  if (scope) signs.unshift(sql`${contact} in (${scope})`);
  return sql`and (${sql.join(signs, sql` or `)})`;
}

// ——— referrals and assessments ———

const REFERRAL_TIMES = [sql`r.created_at`, sql`r.closed_at`];
/** The referring agency: the front-door contact's source, if it came through the front door. */
const referrer = sql`(select c.source_agency_id from contact c where c.id = r.contact_id)`;

/**
 * Every referral of the area with the child it is about (after any merge) and whether it is a re-referral: the same
 * child had a referral on an earlier day within the 365 days before (`isReReferral`). The window runs over all the
 * area's referrals, so a refresh of a few still sees the earlier ones.
 */
const referralsOf = (tenantId: string) => sql`(
    select q.*, count(*) over (partition by q.child_id order by q.day range between interval '365 days' preceding and interval '1 day' preceding) > 0 as repeat
      from (select r.*, coalesce(q0.merged_into_person_id, q0.id, r.person_id) as child_id, ${london(sql`r.referred_at`)} as day
              from csc_referral r left join person q0 on q0.id = r.person_id where r.tenant_id = ${tenantId}) q)`;

/** Another referral of the same child recorded since: it can make this one a re-referral. */
const siblingReferralSince = (since: Date | null | undefined) =>
  since ? [sql`exists (select 1 from csc_referral r3 where r3.person_id = r.person_id and r3.created_at >= ${instant(since)})`] : [];

function referralFacts(tenantId: string, scope: SQL | null, since: Date | null | undefined, numerator: SQL, denominator: boolean, also: SQL[] = []): SQL {
  return sql`
    select r.id as record_id, r.contact_id, r.day as period_date,
           ${numerator} as numerator, ${denominator ? sql`true` : sql`false`} as denominator, null::real as value,
           ${dims(sql`r.day`, referrer)}
      from ${referralsOf(tenantId)} r ${child(sql`r.person_id`)}
     where true ${fresh(scope, since, sql`r.contact_id`, REFERRAL_TIMES, also)}`;
}

/** Whether the referral's assessment has started (progressed to assessment). */
const assessmentStarted = sql`exists (select 1 from child_assessment a where a.referral_id = r.id and (a.started_at is not null or a.status <> 'not_started'))`;
const assessmentChangedSince = (since: Date | null | undefined) =>
  since ? [sql`exists (select 1 from child_assessment a where a.referral_id = r.id and greatest(a.created_at, a.started_at) >= ${instant(since)})`] : [];

function assessmentFacts(tenantId: string, scope: SQL | null, since: Date | null | undefined): SQL {
  return sql`
    select a.id as record_id, r.contact_id, ${london(sql`a.authorised_at`)} as period_date,
           (a.authorised_at <= a.due_at) as numerator, true as denominator,
           (${london(sql`a.authorised_at`)} - ${london(sql`r.referred_at`)})::real as value,
           ${dims(london(sql`a.authorised_at`))}
      from child_assessment a join csc_referral r on r.id = a.referral_id ${child(sql`a.person_id`)}
     where a.tenant_id = ${tenantId} and a.status = 'authorised' and a.authorised_at is not null
           ${fresh(scope, since, sql`r.contact_id`, [sql`a.created_at`, sql`a.submitted_at`, sql`a.authorised_at`])}`;
}

// ——— numbers at the end of a month ———

/**
 * One row per child and complete month at whose end they had an open record: `records` gives rows with
 * record_key (the record), person_id, contact_id, from_day, to_day (the first day it was no longer open, or null),
 * changed (whether the record shows a change) and an optional category. In an incremental refresh, changed records
 * give all their months and the rest only the months that ended since the last refresh.
 */
function monthEnds(tenantId: string, since: Date | null | undefined, records: SQL, category: SQL = sql`null::text`): SQL {
  const recent = since ? sql`and (o.changed or m.month_end >= ${london(instant(since))})` : sql``;
  return sql`
    select distinct on (o.child_id, m.month_end)
           md5(o.child_id::text || ':' || m.month_end::text)::uuid as record_id, o.contact_id, m.month_end as period_date,
           true as numerator, false as denominator, null::real as value,
           ${dims(sql`m.month_end`, sql`null::uuid`, category, sql`o.locality`)}
      from (select y.*, ${localityOf(sql`y.child_id`)} as locality
              from (select x.*, coalesce(p0.merged_into_person_id, p0.id) as child_id from (${records}) x left join person p0 on p0.id = x.person_id) y
             where ${since ? sql`(y.changed or y.to_day is null or y.to_day > ${london(instant(since))})` : sql`true`}) o
      cross join lateral (
        select (g + interval '1 month' - interval '1 day')::date as month_end
          from generate_series(date_trunc('month', o.from_day::timestamp), date_trunc('month', least(coalesce(o.to_day, ${today}), ${today})::timestamp), interval '1 month') g
      ) m
      left join person p on p.id = o.child_id
      left join child_plan pl on pl.id = o.plan_id
     where m.month_end < ${today} and o.from_day <= m.month_end and (o.to_day is null or o.to_day > m.month_end) ${recent}
       and o.tenant_id = ${tenantId}
     order by o.child_id, m.month_end, o.from_day desc, o.record_key`;
}

function childrenInNeed(tenantId: string, scope: SQL | null, since: Date | null | undefined): SQL {
  const changed = since ? sql`(greatest(${sql.join(REFERRAL_TIMES, sql`, `)}) >= ${instant(since)} ${scope ? sql`or r.contact_id in (${scope})` : sql``})` : sql`true`;
  return monthEnds(
    tenantId,
    since,
    sql`select r.tenant_id, r.id as record_key, r.person_id, r.contact_id, null::uuid as plan_id, ${london(sql`r.referred_at`)} as from_day,
               ${london(sql`r.closed_at`)} as to_day, ${changed} as changed
          from csc_referral r where r.tenant_id = ${tenantId}`,
  );
}

const PLAN_TIMES = [sql`pl.created_at`];
/** A plan shows a change when made, when it ends (on or after the day of the last refresh), or when a conference about it is recorded. */
function planChanged(scope: SQL | null, since: Date | null | undefined): SQL {
  if (!since) return sql`true`;
  return sql`(greatest(${sql.join(PLAN_TIMES, sql`, `)}) >= ${instant(since)} or pl.ended_on >= ${london(instant(since))}
              or exists (select 1 from cp_conference k where k.plan_id = pl.id and k.created_at >= ${instant(since)})
              ${scope ? sql`or r.contact_id in (${scope})` : sql``})`;
}

function childrenOnPlans(tenantId: string, scope: SQL | null, since: Date | null | undefined): SQL {
  return monthEnds(
    tenantId,
    since,
    sql`select pl.tenant_id, pl.id as record_key, pl.person_id, r.contact_id, pl.id as plan_id, pl.started_on as from_day, pl.ended_on as to_day,
               ${planChanged(scope, since)} as changed
          from child_plan pl join csc_referral r on r.id = pl.referral_id where pl.tenant_id = ${tenantId} and pl.kind = 'cp'`,
    categoryWords,
  );
}

// ——— section 47 enquiries and conferences ———

function s47Facts(tenantId: string, scope: SQL | null, since: Date | null | undefined, on: 'started' | 'completed'): SQL {
  const date = on === 'started' ? sql`s.started_at` : sql`s.completed_at`;
  const numerator = on === 'started' ? sql`true` : sql`(s.outcome = 'substantiated_icpc')`;
  return sql`
    select s.id as record_id, r.contact_id, ${london(date)} as period_date,
           ${numerator} as numerator, ${on === 'completed' ? sql`true` : sql`false`} as denominator, null::real as value,
           ${dims(london(date))}
      from s47_enquiry s join csc_referral r on r.id = s.referral_id ${child(sql`s.person_id`)}
     where s.tenant_id = ${tenantId} ${on === 'completed' ? sql`and s.completed_at is not null and s.outcome is not null` : sql``}
           ${fresh(scope, since, sql`r.contact_id`, [sql`s.started_at`, sql`s.completed_at`])}`;
}

/** Conferences held, with the child's age on the day (for the voice measure's 8 to 17). */
function conferenceFacts(tenantId: string, scope: SQL | null, since: Date | null | undefined, numerator: SQL, where: SQL): SQL {
  return sql`
    select k.id as record_id, r.contact_id, ${london(sql`k.held_at`)} as period_date,
           ${numerator} as numerator, true as denominator, null::real as value,
           ${dims(london(sql`k.held_at`))}
      from cp_conference k join csc_referral r on r.id = k.referral_id ${child(sql`k.person_id`)}
      left join s47_enquiry s on s.id = k.s47_id
     where k.tenant_id = ${tenantId} and k.status = 'held' and k.held_at is not null ${where}
           ${fresh(scope, since, sql`r.contact_id`, [sql`k.created_at`, sql`k.held_at`])}`;
}

/** The child's age in whole years on the day of the conference (null when their date of birth is not known). */
const ageAtConference = sql`case when p.date_of_birth is null or p.dob_precision = 'unborn' then null
                                 else extract(year from age(${london(sql`k.held_at`)}, p.date_of_birth))::int end`;
const voiceHeard = sql`(coalesce(k.child_attended, false) or coalesce(k.child_advocate, false) or coalesce(k.child_views_presented, false))`;

// ——— plans and visits ———

/**
 * The area's child protection plans with the child (after any merge) and whether the child had a plan that started
 * on an earlier day, at any time (a second or later plan).
 */
const plansOf = (tenantId: string) => sql`(
    select q.*, count(*) over (partition by q.child_id order by q.started_on range between unbounded preceding and interval '1 day' preceding) > 0 as repeat
      from (select pl.*, coalesce(q0.merged_into_person_id, q0.id, pl.person_id) as child_id
              from child_plan pl left join person q0 on q0.id = pl.person_id where pl.tenant_id = ${tenantId} and pl.kind = 'cp') q)`;

function planFacts(tenantId: string, scope: SQL | null, since: Date | null | undefined, on: 'started' | 'ended'): SQL {
  const date = on === 'started' ? sql`pl.started_on` : sql`pl.ended_on`;
  const numerator = on === 'ended' ? sql`(pl.ended_on >= (pl.started_on + interval '2 years')::date)` : sql`pl.repeat`;
  // A plan recorded for a child can make a later plan of theirs a second one.
  const also = on === 'started' && since ? sql`or exists (select 1 from child_plan pl3 where pl3.person_id = pl.person_id and pl3.created_at >= ${instant(since)})` : sql``;
  const changed = since ? sql`and (${planChanged(scope, since)} ${also})` : sql``;
  return sql`
    select pl.id as record_id, r.contact_id, ${date} as period_date,
           ${numerator} as numerator, true as denominator, (${on === 'ended' ? sql`pl.ended_on - pl.started_on` : sql`null`})::real as value,
           ${dims(date, sql`null::uuid`, categoryWords)}
      from ${plansOf(tenantId)} pl join csc_referral r on r.id = pl.referral_id ${child(sql`pl.person_id`)}
     where true ${on === 'ended' ? sql`and pl.ended_on is not null` : sql``} ${changed}`;
}

function visitFacts(tenantId: string, scope: SQL | null, since: Date | null | undefined): SQL {
  return sql`
    select v.id as record_id, r.contact_id, v.visited_on as period_date,
           (v.visited_on <= v.due_on) as numerator, true as denominator, (v.visited_on - v.due_on)::real as value,
           ${dims(sql`v.visited_on`, sql`null::uuid`, categoryWords)}
      from child_plan pl join plan_visit v on v.plan_id = pl.id join csc_referral r on r.id = pl.referral_id ${child(sql`pl.person_id`)}
     where pl.tenant_id = ${tenantId} and pl.kind = 'cp' ${fresh(scope, since, sql`r.contact_id`, [sql`v.recorded_at`])}`;
}

// ——— early help ———

const EPISODE_TIMES = [sql`e.created_at`, sql`e.contacted_at`, sql`e.triaged_at`, sql`e.eha_started_at`, sql`e.eha_completed_at`, sql`e.closed_at`];
/** An early help episode is for a family: its first child is the one the breakdowns describe. */
const firstChild = sql`e.children[1]`;

function episodeFacts(tenantId: string, scope: SQL | null, since: Date | null | undefined, date: SQL, numerator: SQL, agency: SQL, where: SQL): SQL {
  return sql`
    select e.id as record_id, e.contact_id, ${london(date)} as period_date,
           ${numerator} as numerator, true as denominator, null::real as value,
           ${dims(london(date), agency)}
      from early_help_episode e ${child(firstChild)}
     where e.tenant_id = ${tenantId} ${where} ${fresh(scope, since, sql`e.contact_id`, EPISODE_TIMES)}`;
}

/** The agency that completed the early help assessment (else the lead agency). */
const ehaAgency = sql`coalesce(e.eha_agency_id, e.lead_agency_id)`;

export const CHILD_SOURCES: Record<string, SourceQuery> = {
  csc_referrals: { widensToPeople: false, facts: (tenantId, scope, since) => referralFacts(tenantId, scope, since, sql`true`, false) },
  csc_re_referrals: { widensToPeople: false, facts: (tenantId, scope, since) => referralFacts(tenantId, scope, since, sql`r.repeat`, true, siblingReferralSince(since)) },
  csc_referral_assessments: {
    widensToPeople: false,
    facts: (tenantId, scope, since) => referralFacts(tenantId, scope, since, assessmentStarted, true, assessmentChangedSince(since)),
  },
  csc_assessments: { widensToPeople: false, facts: (tenantId, scope, since) => assessmentFacts(tenantId, scope, since) },
  csc_children_in_need: { widensToPeople: false, facts: (tenantId, scope, since) => childrenInNeed(tenantId, scope, since) },
  cp_s47_started: { widensToPeople: false, facts: (tenantId, scope, since) => s47Facts(tenantId, scope, since, 'started') },
  cp_s47_outcomes: { widensToPeople: false, facts: (tenantId, scope, since) => s47Facts(tenantId, scope, since, 'completed') },
  cp_initial_conferences: {
    widensToPeople: false,
    facts: (tenantId, scope, since) => conferenceFacts(tenantId, scope, since, sql`(k.held_at <= coalesce(s.conference_due_at, k.due_at))`, sql`and k.kind = 'initial'`),
  },
  cp_review_conferences: { widensToPeople: false, facts: (tenantId, scope, since) => conferenceFacts(tenantId, scope, since, sql`(k.held_at <= k.due_at)`, sql`and k.kind = 'review'`) },
  cp_voice: { widensToPeople: false, facts: (tenantId, scope, since) => conferenceFacts(tenantId, scope, since, voiceHeard, sql`and ${ageAtConference} between 8 and 17`) },
  cp_children_on_plans: { widensToPeople: false, facts: (tenantId, scope, since) => childrenOnPlans(tenantId, scope, since) },
  cp_plans_ended: { widensToPeople: false, facts: (tenantId, scope, since) => planFacts(tenantId, scope, since, 'ended') },
  cp_plans_started: { widensToPeople: false, facts: (tenantId, scope, since) => planFacts(tenantId, scope, since, 'started') },
  cp_visits: { widensToPeople: false, facts: (tenantId, scope, since) => visitFacts(tenantId, scope, since) },
  eh_episodes: {
    widensToPeople: false,
    facts: (tenantId, scope, since) =>
      episodeFacts(tenantId, scope, since, sql`e.started_at`, sql`(e.contacted_at is not null and e.contacted_at <= e.contact_due_at and coalesce(e.engaged, false))`, sql`e.lead_agency_id`, sql``),
  },
  eh_assessments_due: {
    widensToPeople: false,
    facts: (tenantId, scope, since) =>
      episodeFacts(
        tenantId,
        scope,
        since,
        sql`e.eha_due_at`,
        sql`(e.eha_completed_at is not null and e.eha_completed_at <= e.eha_due_at)`,
        ehaAgency,
        sql`and e.eha_due_at is not null and (e.eha_completed_at is not null or e.closed_at is null or e.closed_at >= e.eha_due_at)`,
      ),
  },
  eh_assessments_completed: {
    widensToPeople: false,
    facts: (tenantId, scope, since) =>
      episodeFacts(
        tenantId,
        scope,
        since,
        sql`e.eha_completed_at`,
        sql`coalesce((select ag.type <> 'children_social_care' from agency ag where ag.id = ${ehaAgency}), false)`,
        ehaAgency,
        sql`and e.eha_completed_at is not null`,
      ),
  },
};
