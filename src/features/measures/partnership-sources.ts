/**
 * Where the partnership's measures' facts come from (definitions: `domain/measures/partnership.ts`): SQL over the
 * partnership's records — training bookings, self-assessment returns and answers, the action tracker, board
 * attendance and learning reviews (`db/schema/partnership.ts`) — in the same columns as every other source
 * (`sources.ts`). The measures feature reads these tables only here, as it reads the CME and LADO tables in their
 * sources; it writes none of them.
 *
 * The slots: agency_id is the agency (the trainee's, the returning organisation's, the action's owner, the member's);
 * locality is the fact's scope (`BOARD_SCOPES`: the course's board, the framework, the plan's or review's board, the
 * meeting's board); age_band and risk_level hold what the board's tables split by (`PARTNERSHIP_SLOTS`).
 *
 * A fact is never dropped in an incremental refresh, only its flags change, so every source gives a fact for every
 * record it could count (a cancelled booking stays, counted in nothing). Incremental refresh takes the records
 * changed since the last one where the tables keep a change time, and otherwise the recent ones (bookings on
 * sessions in the last 4 months, meetings held in the last 4 months); the daily full refresh catches the rest.
 * Dates are London dates.
 */
import { type SQL, sql } from 'drizzle-orm';
import { type Database, rows } from '../../db/client.js';
import { AGENCY_TYPES } from '../../domain/codes.js';
import { COMPLETION_BANDS, REVIEW_KINDS, REVIEW_STAGES } from '../../domain/measures/partnership.js';
import { labelledSql } from './cme-sources.js';
import { type SourceQuery } from './sources.js';

const london = (column: SQL) => sql`((${column}) at time zone 'Europe/London')::date`;
const instant = (d: Date) => sql`cast(${d.toISOString()} as timestamptz)`;
const RECENT = sql`interval '4 months'`;

/** In an incremental refresh, records with any of these signs of change since the last one. */
function fresh(since: Date | null | undefined, signs: (at: SQL) => SQL[]): SQL {
  if (!since) return sql``;
  return sql`and (${sql.join(signs(instant(since)), sql` or `)})`;
}

// ——— training ———

const trainingFrom = sql`training_booking b join training_session s on s.id = b.session_id join training_course c on c.id = s.course_id`;
const held = sql`(s.status <> 'cancelled')`;
/** The 3-month questionnaire's first answer: the learning has been used (`ImpactAnswer.used` is "yes", `domain/training.ts`). */
export const usedLearningSql = sql`coalesce(b.impact->>'used', '') = 'yes'`;

function trainingFacts(tenantId: string, since: Date | null | undefined, on: SQL, numerator: SQL, denominator: SQL, where: SQL = sql`true`): SQL {
  return sql`
    select b.id as record_id, null::uuid as contact_id, ${london(on)} as period_date,
           (${numerator}) as numerator, (${denominator}) as denominator, null::real as value,
           b.agency_id, c.board_kind as locality, ${labelledSql(sql`b.agency_type`, AGENCY_TYPES, 'Not recorded')} as age_band,
           null::text as gender, null::text as ethnicity, c.title as risk_level
      from ${trainingFrom}
     where b.tenant_id = ${tenantId} and ${where}
           ${fresh(since, (at) => [sql`b.booked_at >= ${at}`, sql`s.starts_at >= ${at} - ${RECENT}`, sql`s.register_taken_at >= ${at}`, sql`b.impact_sent_at >= ${at}`, sql`b.impact_answered_at >= ${at}`])}`;
}

// ——— self-assessment ———

const total = sql`(select count(*) from sa_standard st where st.framework_id = f.id)`;
const answered = sql`(select count(*) from sa_answer a where a.return_id = r.id)`;
const label = (code: string) => COMPLETION_BANDS.find((b) => b.code === code)!.label;
/** The completion band (`completionBand`) in SQL, as its label. */
const bandSql = sql`case when ${total} <= 0 or ${answered} <= 0 then ${label('not_started')}
                         when least(${answered}, ${total})::float8 / ${total} >= 0.9 then ${label('complete')}
                         when least(${answered}, ${total})::float8 / ${total} > 0.5 then ${label('over_half')}
                         else ${label('up_to_half')} end`;

function returnFacts(tenantId: string, since: Date | null | undefined): SQL {
  return sql`
    select r.id as record_id, null::uuid as contact_id, rd.opened_on as period_date,
           (${bandSql} = ${label('complete')}) as numerator, true as denominator, null::real as value,
           r.agency_id, f.kind as locality, ${bandSql} as age_band, null::text as gender, null::text as ethnicity, f.kind as risk_level
      from sa_return r join sa_round rd on rd.id = r.round_id join sa_framework f on f.id = rd.framework_id
     where r.tenant_id = ${tenantId}
           ${fresh(since, (at) => [sql`r.updated_at >= ${at}`, sql`exists (select 1 from sa_answer a where a.return_id = r.id and a.answered_at >= ${at})`])}`;
}

function answerFacts(tenantId: string, since: Date | null | undefined): SQL {
  return sql`
    select a.id as record_id, null::uuid as contact_id, rd.opened_on as period_date,
           (a.rag = 'green') as numerator, true as denominator, null::real as value,
           r.agency_id, case when f.kind = 'joint' then 'joint:' || st.applies_to else f.kind end as locality,
           st.code || ' ' || st.title as age_band, null::text as gender, null::text as ethnicity, f.kind as risk_level
      from sa_answer a join sa_return r on r.id = a.return_id join sa_round rd on rd.id = r.round_id
      join sa_framework f on f.id = rd.framework_id join sa_standard st on st.id = a.standard_id
     where a.tenant_id = ${tenantId} ${fresh(since, (at) => [sql`a.answered_at >= ${at}`, sql`r.updated_at >= ${at}`])}`;
}

// ——— the action tracker ———

function actionFacts(tenantId: string, since: Date | null | undefined): SQL {
  return sql`
    select a.id as record_id, null::uuid as contact_id, a.due_on as period_date,
           (a.status = 'completed' and a.completed_on is not null and a.completed_on <= a.due_on) as numerator, (a.status <> 'cancelled') as denominator, null::real as value,
           a.owner_agency_id as agency_id, p.board_kind as locality, case when a.status = 'completed' then 'Completed' else initcap(a.rag) end as age_band,
           null::text as gender, null::text as ethnicity, p.source_kind as risk_level
      from partnership_action a join action_plan p on p.id = a.plan_id
     where a.tenant_id = ${tenantId} ${fresh(since, (at) => [sql`a.updated_at >= ${at}`, sql`a.created_at >= ${at}`])}`;
}

// ——— board attendance ———

function attendanceFacts(tenantId: string, since: Date | null | undefined): SQL {
  const counted = sql`(m.status <> 'cancelled' and m.held_at <= now())`;
  return sql`
    select ba.id as record_id, null::uuid as contact_id, ${london(sql`m.held_at`)} as period_date,
           (${counted} and ba.status in ('attended', 'deputy')) as numerator, ${counted} as denominator, null::real as value,
           ba.agency_id, bd.kind as locality, null::text as age_band, null::text as gender, null::text as ethnicity, m.id::text as risk_level
      from board_attendance ba join board_meeting m on m.id = ba.meeting_id join board_group g on g.id = m.group_id join board bd on bd.id = g.board_id
     where ba.tenant_id = ${tenantId} and g.is_main ${fresh(since, (at) => [sql`m.created_at >= ${at}`, sql`m.held_at >= ${at} - ${RECENT}`])}`;
}

// ——— learning reviews ———

const reviewBegun = sql`coalesce(lr.notified_on, lr.learned_on, lr.incident_on)`;

function reviewFacts(tenantId: string, since: Date | null | undefined, on: SQL, numerator: SQL, denominator: boolean, where: SQL = sql`true`): SQL {
  return sql`
    select lr.id as record_id, null::uuid as contact_id, ${on} as period_date,
           (${numerator}) as numerator, ${denominator ? sql`true` : sql`false`} as denominator, null::real as value,
           null::uuid as agency_id, lr.board_kind as locality, ${labelledSql(sql`lr.kind`, REVIEW_KINDS, 'Not recorded')} as age_band,
           null::text as gender, null::text as ethnicity, ${labelledSql(sql`lr.stage`, REVIEW_STAGES, 'Not recorded')} as risk_level
      from learning_review lr
     where lr.tenant_id = ${tenantId} and ${where} ${fresh(since, (at) => [sql`lr.updated_at >= ${at}`, sql`lr.created_at >= ${at}`])}`;
}

export const PARTNERSHIP_SOURCES: Record<string, SourceQuery> = {
  pship_training_attended: { widensToPeople: false, facts: (t, _s, since) => trainingFacts(t, since, sql`s.starts_at`, sql`b.status = 'attended' and ${held}`, sql`false`) },
  pship_training_dna: {
    widensToPeople: false,
    facts: (t, _s, since) => trainingFacts(t, since, sql`s.starts_at`, sql`b.status = 'did_not_attend' and ${held}`, sql`b.status in ('attended', 'did_not_attend') and ${held}`),
  },
  pship_elearning_completed: {
    widensToPeople: false,
    facts: (t, _s, since) => trainingFacts(t, since, sql`s.starts_at`, sql`b.status = 'attended' and ${held} and c.mode = 'e_learning'`, sql`false`),
  },
  pship_impact_answered: {
    widensToPeople: false,
    facts: (t, _s, since) => trainingFacts(t, since, sql`b.impact_sent_at`, sql`b.impact_answered_at is not null`, sql`true`, sql`b.impact_sent_at is not null`),
  },
  pship_impact_used: {
    widensToPeople: false,
    facts: (t, _s, since) => trainingFacts(t, since, sql`b.impact_answered_at`, usedLearningSql, sql`true`, sql`b.impact_answered_at is not null`),
  },
  pship_sa_complete: { widensToPeople: false, facts: (t, _s, since) => returnFacts(t, since) },
  pship_sa_green: { widensToPeople: false, facts: (t, _s, since) => answerFacts(t, since) },
  pship_actions_on_time: { widensToPeople: false, facts: (t, _s, since) => actionFacts(t, since) },
  pship_board_attendance: { widensToPeople: false, facts: (t, _s, since) => attendanceFacts(t, since) },
  pship_reviews: { widensToPeople: false, facts: (t, _s, since) => reviewFacts(t, since, reviewBegun, sql`true`, false, sql`${reviewBegun} is not null`) },
  pship_rapid_reviews_in_time: {
    widensToPeople: false,
    facts: (t, _s, since) =>
      reviewFacts(t, since, sql`lr.rapid_review_held_on`, sql`lr.rapid_review_due_on is not null and lr.rapid_review_held_on <= lr.rapid_review_due_on`, true, sql`lr.rapid_review_held_on is not null`),
  },
  pship_notifications_in_time: {
    widensToPeople: false,
    facts: (t, _s, since) => reviewFacts(t, since, sql`lr.notified_on`, sql`lr.notified_on <= lr.notification_due_on`, true, sql`lr.notified_on is not null and lr.notification_due_on is not null`),
  },
};

// ——— what stands now, read straight from the records (not facts): the tracker, the attendance table, the risk log ———

const list = (xs: readonly string[]) => sql.join(xs.map((x) => sql`${x}`), sql`, `);

/** The actions of plans in these scopes by owner agency: on track, overdue, completed, and by RAG (open ones), on a day. */
export async function actionsNow(db: Database, tenantId: string, scopes: readonly string[], today: string) {
  return rows<{ agency: string; board_kind: string; on_track: number; overdue: number; completed: number; red: number; amber: number; green: number; total: number }>(
    db,
    sql`select coalesce(ag.name, 'Not recorded') as agency, p.board_kind,
               count(*) filter (where a.status in ('not_started', 'in_progress') and a.due_on >= ${today}::date)::int as on_track,
               count(*) filter (where a.status in ('not_started', 'in_progress') and a.due_on < ${today}::date)::int as overdue,
               count(*) filter (where a.status = 'completed')::int as completed,
               count(*) filter (where a.status in ('not_started', 'in_progress') and a.rag = 'red')::int as red,
               count(*) filter (where a.status in ('not_started', 'in_progress') and a.rag = 'amber')::int as amber,
               count(*) filter (where a.status in ('not_started', 'in_progress') and a.rag = 'green')::int as green,
               count(*) filter (where a.status <> 'cancelled')::int as total
          from partnership_action a join action_plan p on p.id = a.plan_id left join agency ag on ag.id = a.owner_agency_id
         where a.tenant_id = ${tenantId} and p.board_kind in (${list(scopes)})
         group by ag.name, p.board_kind order by ag.name, p.board_kind`,
  );
}

/** The board's own meetings in a window (its main group), in order, and who was there by agency. */
export async function attendanceTable(db: Database, tenantId: string, boardKind: string, from: string, to: string) {
  const meetings = await rows<{ id: string; held_on: string; status: string }>(
    db,
    sql`select m.id::text, ${london(sql`m.held_at`)}::text as held_on, m.status
          from board_meeting m join board_group g on g.id = m.group_id join board bd on bd.id = g.board_id
         where m.tenant_id = ${tenantId} and bd.kind = ${boardKind} and g.is_main
           and ${london(sql`m.held_at`)} >= ${from}::date and ${london(sql`m.held_at`)} < ${to}::date
         order by m.held_at, m.id`,
  );
  const marks = await rows<{ agency_id: string; agency: string; meeting_id: string; status: string }>(
    db,
    sql`select ba.agency_id::text, coalesce(ag.name, 'Not recorded') as agency, ba.meeting_id::text, ba.status
          from board_attendance ba join board_meeting m on m.id = ba.meeting_id join board_group g on g.id = m.group_id join board bd on bd.id = g.board_id
          left join agency ag on ag.id = ba.agency_id
         where ba.tenant_id = ${tenantId} and bd.kind = ${boardKind} and g.is_main
           and ${london(sql`m.held_at`)} >= ${from}::date and ${london(sql`m.held_at`)} < ${to}::date
         order by ag.name, ba.id`,
  );
  return { meetings, marks };
}

/** The board's open risks and issues, highest score (likelihood × impact) first. */
export async function topRisks(db: Database, tenantId: string, boardKind: string, limit: number) {
  return rows<{ id: string; reference: string; title: string; kind: string; likelihood: number; impact: number; score: number; owner_name: string; review_on: string }>(
    db,
    sql`select r.id::text, r.reference, r.title, r.kind, r.likelihood, r.impact, (r.likelihood * r.impact)::int as score, r.owner_name, r.review_on::text
          from board_risk r join board bd on bd.id = r.board_id
         where r.tenant_id = ${tenantId} and bd.kind = ${boardKind} and r.status = 'open'
         order by r.likelihood * r.impact desc, r.review_on, r.reference limit ${limit}`,
  );
}
