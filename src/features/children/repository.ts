/**
 * Children's social care records: referrals, assessments, strategy discussions, section 47 enquiries, conferences
 * and their invitations, plans, core groups, visits and reviews (this feature's tables; owners.json).
 */
import { type SQL, sql } from 'drizzle-orm';
import { type Database, one, rows } from '../../db/client.js';
import { type SampleCandidate } from '../../domain/case-audits.js';
import { type ChildPlanFacts, type ConferenceFacts, type ConferenceInviteFacts, type CscCaseFacts, type Viewer } from '../../domain/access.js';

const iso = (d: Date) => d.toISOString();

/** A referral (or a case under it) is restricted when marked so, or when the child is a restricted person. */
const restrictedReferral = (alias: string) => {
  const a = sql.raw(alias);
  return sql`(${a}.restricted or exists (select 1 from person p where p.id = ${a}.person_id and p.restricted))`;
};

const childName = (personColumn: SQL) =>
  sql`coalesce((select trim(n.given_names || ' ' || n.family_name) from person_name n where n.person_id = ${personColumn} order by n.is_primary desc, n.id limit 1), 'Name not known')`;

// ——— referrals ———

export interface NewReferral {
  tenantId: string;
  contactId: string | null;
  route: string;
  owningAgencyId: string;
  personId: string;
  childName: string;
  referredAt: Date;
  sourceCode: string;
  restricted: boolean;
}

export async function insertReferral(tx: Database, r: NewReferral): Promise<{ id: string; reference: string; made: boolean }> {
  const row = await one<{ id: string; reference: string }>(
    tx,
    sql`insert into csc_referral (tenant_id, reference, contact_id, route, owning_agency_id, person_id, child_name, referred_at, source_code, restricted)
        values (${r.tenantId}, 'CR-' || to_char(${iso(r.referredAt)}::timestamptz at time zone 'Europe/London', 'YYYY') || '-' || lpad(nextval('csc_referral_reference_seq')::text, 6, '0'),
          ${r.contactId}, ${r.route}, ${r.owningAgencyId}, ${r.personId}, ${r.childName}, ${iso(r.referredAt)}, ${r.sourceCode}, ${r.restricted})
        on conflict (contact_id, person_id) do nothing
        returning id, reference`,
  );
  if (row) return { ...row, made: true };
  const existing = await one<{ id: string; reference: string }>(tx, sql`select id, reference from csc_referral where contact_id = ${r.contactId} and person_id = ${r.personId}`);
  return { ...existing!, made: false };
}

export async function insertAssessment(tx: Database, a: { tenantId: string; referralId: string; personId: string; dueAt: Date }): Promise<void> {
  await tx.execute(sql`insert into child_assessment (tenant_id, referral_id, person_id, due_at) values (${a.tenantId}, ${a.referralId}, ${a.personId}, ${iso(a.dueAt)}) on conflict (referral_id) do nothing`);
}

export async function caseFacts(db: Database, id: string): Promise<CscCaseFacts | undefined> {
  const row = await one<{ tenant_id: string; owning_agency_id: string; allocated: string[] | null; restricted: boolean }>(
    db,
    sql`select r.tenant_id, r.owning_agency_id, ${restrictedReferral('r')} as restricted,
               array_remove(array[r.allocated_user_id] || coalesce((select array_agg(pl.allocated_user_id) from child_plan pl where pl.referral_id = r.id), '{}'), null)::text[] as allocated
          from csc_referral r where r.id = ${id}`,
  );
  return row && { tenantId: row.tenant_id, owningAgencyId: row.owning_agency_id, allocatedUserIds: row.allocated ?? [], restricted: row.restricted };
}

export interface ReferralRow {
  id: string;
  tenant_id: string;
  reference: string;
  contact_id: string | null;
  contact_reference: string | null;
  route: string;
  owning_agency_id: string;
  person_id: string;
  child_name: string;
  date_of_birth: string | null;
  gender: string | null;
  referred_at: Date;
  source_code: string;
  primary_need_code: string | null;
  nfa: boolean;
  status: string;
  closed_at: Date | null;
  closure_reason: string | null;
  allocated_user_id: string | null;
  allocated_name: string | null;
  restricted: boolean;
  earlier_referrals: string[];
}

export function referral(db: Database, id: string): Promise<ReferralRow | undefined> {
  return one<ReferralRow>(
    db,
    sql`select r.id, r.tenant_id, r.reference, r.contact_id, c.reference as contact_reference, r.route, r.owning_agency_id, r.person_id, ${childName(sql`r.person_id`)} as child_name,
               p.date_of_birth::text as date_of_birth, p.gender, r.referred_at, r.source_code, r.primary_need_code, r.nfa, r.status, r.closed_at, r.closure_reason,
               r.allocated_user_id, u.display_name as allocated_name, ${restrictedReferral('r')} as restricted,
               coalesce((select array_agg(to_char(o.referred_at at time zone 'Europe/London', 'YYYY-MM-DD') order by o.referred_at) from csc_referral o where o.person_id = r.person_id and o.id <> r.id and o.referred_at < r.referred_at), '{}') as earlier_referrals
          from csc_referral r join person p on p.id = r.person_id left join contact c on c.id = r.contact_id left join app_user u on u.id = r.allocated_user_id
         where r.id = ${id}`,
  );
}

export async function allocate(tx: Database, id: string, userId: string | null): Promise<void> {
  await tx.execute(sql`update csc_referral set allocated_user_id = ${userId} where id = ${id}`);
}

export async function setPrimaryNeed(tx: Database, id: string, code: string): Promise<void> {
  await tx.execute(sql`update csc_referral set primary_need_code = ${code} where id = ${id}`);
}

export async function closeReferral(tx: Database, id: string, d: { at: Date; reason: string; nfa: boolean }): Promise<boolean> {
  const row = await one<{ id: string }>(tx, sql`update csc_referral set status = 'closed', closed_at = ${iso(d.at)}, closure_reason = ${d.reason}, nfa = nfa or ${d.nfa} where id = ${id} and status = 'open' returning id`);
  return Boolean(row);
}

// ——— assessment ———

export interface AssessmentRow {
  id: string;
  referral_id: string;
  started_at: Date | null;
  due_at: Date;
  status: string;
  factors: string[];
  seen_on: string | null;
  seen_alone: boolean | null;
  views_how: string | null;
  views_what: string | null;
  views_by: string | null;
  analysis: string | null;
  outcome: string | null;
  submitted_at: Date | null;
  submitted_by_user_id: string | null;
  submitted_by_name: string | null;
  authorised_at: Date | null;
  authorised_by_name: string | null;
  returned_comment: string | null;
}

export function assessmentOf(db: Database, referralId: string): Promise<AssessmentRow | undefined> {
  return one<AssessmentRow>(
    db,
    sql`select a.id, a.referral_id, a.started_at, a.due_at, a.status, a.factors, a.seen_on::text as seen_on, a.seen_alone, a.views_how, a.views_what, a.views_by, a.analysis, a.outcome,
               a.submitted_at, a.submitted_by_user_id, su.display_name as submitted_by_name, a.authorised_at, au.display_name as authorised_by_name, a.returned_comment
          from child_assessment a left join app_user su on su.id = a.submitted_by_user_id left join app_user au on au.id = a.authorised_by_user_id
         where a.referral_id = ${referralId}`,
  );
}

export async function saveAssessment(
  tx: Database,
  referralId: string,
  a: { factors: string[]; seenOn: string | null; seenAlone: boolean | null; viewsHow: string | null; viewsWhat: string | null; viewsBy: string | null; analysis: string | null; outcome: string | null; at: Date },
  submit: { userId: string } | null,
): Promise<boolean> {
  const row = await one<{ id: string }>(
    tx,
    sql`update child_assessment set factors = ${sql`array(select jsonb_array_elements_text(${JSON.stringify(a.factors)}::jsonb))`}, seen_on = ${a.seenOn}, seen_alone = ${a.seenAlone},
               views_how = ${a.viewsHow}, views_what = ${a.viewsWhat}, views_by = ${a.viewsBy}, analysis = ${a.analysis}, outcome = ${a.outcome},
               started_at = coalesce(started_at, ${iso(a.at)}),
               status = ${submit ? 'awaiting_authorisation' : 'in_progress'},
               submitted_at = ${submit ? iso(a.at) : null}, submitted_by_user_id = ${submit?.userId ?? null}, returned_comment = ${submit ? null : sql`returned_comment`}
         where referral_id = ${referralId} and status in ('not_started', 'in_progress') returning id`,
  );
  return Boolean(row);
}

export async function authoriseAssessment(tx: Database, referralId: string, userId: string, at: Date): Promise<boolean> {
  const row = await one<{ id: string }>(
    tx,
    sql`update child_assessment set status = 'authorised', authorised_at = ${iso(at)}, authorised_by_user_id = ${userId} where referral_id = ${referralId} and status = 'awaiting_authorisation' returning id`,
  );
  return Boolean(row);
}

export async function returnAssessment(tx: Database, referralId: string, comment: string): Promise<boolean> {
  const row = await one<{ id: string }>(tx, sql`update child_assessment set status = 'in_progress', returned_comment = ${comment}, submitted_at = null where referral_id = ${referralId} and status = 'awaiting_authorisation' returning id`);
  return Boolean(row);
}

// ——— strategy discussions and section 47 ———

export interface StrategyRow {
  id: string;
  held_at: Date;
  record_due_at: Date;
  recorded_at: Date;
  recorded_by_name: string | null;
  participants: { agencyType: string; agencyId: string | null; name: string; role: string }[];
  information_shared: string;
  decision: string;
  reason: string;
}

export function strategies(db: Database, referralId: string): Promise<StrategyRow[]> {
  return rows<StrategyRow>(
    db,
    sql`select d.id, d.held_at, d.record_due_at, d.recorded_at, u.display_name as recorded_by_name, d.participants, d.information_shared, d.decision, d.reason
          from strategy_discussion d left join app_user u on u.id = d.recorded_by_user_id where d.referral_id = ${referralId} order by d.held_at`,
  );
}

export async function insertStrategy(
  tx: Database,
  d: { tenantId: string; referralId: string; heldAt: Date; recordDueAt: Date; recordedAt: Date; userId: string; participants: unknown; informationShared: string; decision: string; reason: string },
): Promise<string> {
  const row = await one<{ id: string }>(
    tx,
    sql`insert into strategy_discussion (tenant_id, referral_id, held_at, record_due_at, recorded_at, recorded_by_user_id, participants, information_shared, decision, reason)
        values (${d.tenantId}, ${d.referralId}, ${iso(d.heldAt)}, ${iso(d.recordDueAt)}, ${iso(d.recordedAt)}, ${d.userId}, ${JSON.stringify(d.participants)}::jsonb, ${d.informationShared}, ${d.decision}, ${d.reason})
        returning id`,
  );
  return row!.id;
}

export interface S47Row {
  id: string;
  strategy_discussion_id: string;
  started_at: Date;
  conference_due_at: Date;
  outcome: string | null;
  outcome_reason: string | null;
  completed_at: Date | null;
}

export function s47s(db: Database, referralId: string): Promise<S47Row[]> {
  return rows<S47Row>(db, sql`select id, strategy_discussion_id, started_at, conference_due_at, outcome, outcome_reason, completed_at from s47_enquiry where referral_id = ${referralId} order by started_at`);
}

export async function insertS47(tx: Database, s: { tenantId: string; referralId: string; strategyId: string; personId: string; startedAt: Date; conferenceDueAt: Date }): Promise<string> {
  const row = await one<{ id: string }>(
    tx,
    sql`insert into s47_enquiry (tenant_id, referral_id, strategy_discussion_id, person_id, started_at, conference_due_at)
        values (${s.tenantId}, ${s.referralId}, ${s.strategyId}, ${s.personId}, ${iso(s.startedAt)}, ${iso(s.conferenceDueAt)}) returning id`,
  );
  return row!.id;
}

export async function completeS47(tx: Database, id: string, d: { outcome: string; reason: string; at: Date; userId: string }): Promise<boolean> {
  const row = await one<{ id: string }>(
    tx,
    sql`update s47_enquiry set outcome = ${d.outcome}, outcome_reason = ${d.reason}, completed_at = ${iso(d.at)}, completed_by_user_id = ${d.userId} where id = ${id} and outcome is null returning id`,
  );
  return Boolean(row);
}

// ——— conferences ———

export interface ConferenceRow {
  id: string;
  tenant_id: string;
  referral_id: string;
  referral_reference: string;
  owning_agency_id: string;
  person_id: string;
  child_name: string;
  date_of_birth: string | null;
  s47_id: string | null;
  plan_id: string | null;
  kind: string;
  due_at: Date;
  scheduled_at: Date;
  chair_user_id: string | null;
  chair_name: string | null;
  status: string;
  held_at: Date | null;
  child_attended: boolean | null;
  child_advocate: boolean | null;
  child_views_presented: boolean | null;
  child_views: string | null;
  parents_participation: string | null;
  parents_views: string | null;
  decision: string | null;
  category: string | null;
  decision_reason: string | null;
  dissent: string | null;
  dissent_escalated: boolean;
  restricted: boolean;
}

const conferenceSelect = sql`select k.id, k.tenant_id, k.referral_id, r.reference as referral_reference, r.owning_agency_id, k.person_id, ${childName(sql`k.person_id`)} as child_name,
       p.date_of_birth::text as date_of_birth, k.s47_id, k.plan_id, k.kind, k.due_at, k.scheduled_at, k.chair_user_id, cu.display_name as chair_name, k.status, k.held_at,
       k.child_attended, k.child_advocate, k.child_views_presented, k.child_views, k.parents_participation, k.parents_views, k.decision, k.category, k.decision_reason,
       k.dissent, k.dissent_escalated, ${restrictedReferral('r')} as restricted
  from cp_conference k join csc_referral r on r.id = k.referral_id join person p on p.id = k.person_id left join app_user cu on cu.id = k.chair_user_id`;

export function conference(db: Database, id: string): Promise<ConferenceRow | undefined> {
  return one<ConferenceRow>(db, sql`${conferenceSelect} where k.id = ${id}`);
}

export function conferencesOf(db: Database, referralId: string): Promise<ConferenceRow[]> {
  return rows<ConferenceRow>(db, sql`${conferenceSelect} where k.referral_id = ${referralId} order by k.scheduled_at`);
}

export function conferencesOfPlan(db: Database, planId: string): Promise<ConferenceRow[]> {
  return rows<ConferenceRow>(db, sql`${conferenceSelect} where k.plan_id = ${planId} or k.id = (select conference_id from child_plan where id = ${planId}) order by k.scheduled_at`);
}

export async function conferenceFacts(db: Database, id: string): Promise<ConferenceFacts | undefined> {
  const row = await one<{ tenant_id: string; owning_agency_id: string; invited: string[] | null; restricted: boolean }>(
    db,
    sql`select k.tenant_id, r.owning_agency_id, ${restrictedReferral('r')} as restricted,
               (select array_agg(i.agency_id::text) from conference_invite i where i.conference_id = k.id) as invited
          from cp_conference k join csc_referral r on r.id = k.referral_id where k.id = ${id}`,
  );
  return row && { tenantId: row.tenant_id, owningAgencyId: row.owning_agency_id, invitedAgencyIds: row.invited ?? [], restricted: row.restricted };
}

export async function insertConference(
  tx: Database,
  c: { tenantId: string; referralId: string; personId: string; s47Id: string | null; planId: string | null; kind: string; dueAt: Date; scheduledAt: Date; chairUserId: string | null },
): Promise<string> {
  const row = await one<{ id: string }>(
    tx,
    sql`insert into cp_conference (tenant_id, referral_id, person_id, s47_id, plan_id, kind, due_at, scheduled_at, chair_user_id)
        values (${c.tenantId}, ${c.referralId}, ${c.personId}, ${c.s47Id}, ${c.planId}, ${c.kind}, ${iso(c.dueAt)}, ${iso(c.scheduledAt)}, ${c.chairUserId}) returning id`,
  );
  return row!.id;
}

export async function reschedule(tx: Database, id: string, scheduledAt: Date, chairUserId: string | null): Promise<boolean> {
  const row = await one<{ id: string }>(tx, sql`update cp_conference set scheduled_at = ${iso(scheduledAt)}, chair_user_id = ${chairUserId} where id = ${id} and status = 'scheduled' returning id`);
  return Boolean(row);
}

export async function setInviteReportDue(tx: Database, conferenceId: string, dueAt: Date): Promise<void> {
  await tx.execute(sql`update conference_invite set report_due_at = ${iso(dueAt)} where conference_id = ${conferenceId} and report_status = 'requested'`);
}

export async function recordConference(
  tx: Database,
  id: string,
  d: {
    heldAt: Date;
    childAttended: boolean;
    childAdvocate: boolean;
    childViewsPresented: boolean;
    childViews: string | null;
    parentsParticipation: string;
    parentsViews: string | null;
    decision: string;
    category: string | null;
    reason: string;
    dissent: string | null;
    dissentEscalated: boolean;
    userId: string;
    planId: string | null;
  },
): Promise<boolean> {
  const row = await one<{ id: string }>(
    tx,
    sql`update cp_conference set status = 'held', held_at = ${iso(d.heldAt)}, child_attended = ${d.childAttended}, child_advocate = ${d.childAdvocate}, child_views_presented = ${d.childViewsPresented},
               child_views = ${d.childViews}, parents_participation = ${d.parentsParticipation}, parents_views = ${d.parentsViews}, decision = ${d.decision}, category = ${d.category},
               decision_reason = ${d.reason}, dissent = ${d.dissent}, dissent_escalated = ${d.dissentEscalated}, recorded_by_user_id = ${d.userId}, plan_id = coalesce(plan_id, ${d.planId})
         where id = ${id} and status = 'scheduled' returning id`,
  );
  return Boolean(row);
}

export interface InviteRow {
  id: string;
  conference_id: string;
  agency_id: string;
  agency_name: string;
  report_due_at: Date;
  report_status: string;
  report: string | null;
  report_view: string | null;
  submitted_at: Date | null;
  submitted_by_name: string | null;
  attendance: string | null;
}

const inviteSelect = sql`select i.id, i.conference_id, i.agency_id, a.name as agency_name, i.report_due_at, i.report_status, i.report, i.report_view, i.submitted_at, u.display_name as submitted_by_name, i.attendance
  from conference_invite i join agency a on a.id = i.agency_id left join app_user u on u.id = i.submitted_by_user_id`;

export function invites(db: Database, conferenceId: string): Promise<InviteRow[]> {
  return rows<InviteRow>(db, sql`${inviteSelect} where i.conference_id = ${conferenceId} order by a.name`);
}

export async function insertInvites(tx: Database, tenantId: string, conferenceId: string, agencyIds: readonly string[], reportDueAt: Date): Promise<void> {
  for (const agencyId of agencyIds) {
    await tx.execute(sql`insert into conference_invite (tenant_id, conference_id, agency_id, report_due_at) values (${tenantId}, ${conferenceId}, ${agencyId}, ${iso(reportDueAt)}) on conflict do nothing`);
  }
}

export async function setAttendance(tx: Database, conferenceId: string, attendance: Record<string, string>): Promise<void> {
  for (const [inviteId, value] of Object.entries(attendance)) {
    await tx.execute(sql`update conference_invite set attendance = ${value}, report_status = case when report_status = 'requested' then 'not_provided' else report_status end where id = ${inviteId} and conference_id = ${conferenceId}`);
  }
}

export async function inviteFacts(db: Database, id: string): Promise<ConferenceInviteFacts | undefined> {
  const row = await one<{ tenant_id: string; agency_id: string; owning_agency_id: string }>(
    db,
    sql`select i.tenant_id, i.agency_id, r.owning_agency_id from conference_invite i join cp_conference k on k.id = i.conference_id join csc_referral r on r.id = k.referral_id where i.id = ${id}`,
  );
  return row && { tenantId: row.tenant_id, agencyId: row.agency_id, owningAgencyId: row.owning_agency_id };
}

export function invite(db: Database, id: string): Promise<InviteRow | undefined> {
  return one<InviteRow>(db, sql`${inviteSelect} where i.id = ${id}`);
}

export async function submitReport(tx: Database, id: string, d: { report: string; view: string; at: Date; userId: string }): Promise<boolean> {
  const row = await one<{ id: string }>(
    tx,
    sql`update conference_invite i set report = ${d.report}, report_view = ${d.view}, report_status = 'submitted', submitted_at = ${iso(d.at)}, submitted_by_user_id = ${d.userId}
         where i.id = ${id} and i.report_status = 'requested' and exists (select 1 from cp_conference k where k.id = i.conference_id and k.status = 'scheduled') returning i.id`,
  );
  return Boolean(row);
}

export interface ReportQueueRow {
  id: string;
  conference_id: string;
  kind: string;
  scheduled_at: Date;
  child_name: string;
  report_due_at: Date;
  report_status: string;
  submitted_at: Date | null;
}

/** An agency's conference reports: due (scheduled conferences, report not yet sent), of those the overdue, or sent. */
export type ReportShow = 'due' | 'overdue' | 'sent';

const reportWhere = (viewer: Viewer, show: ReportShow, now: Date): SQL => {
  const base = sql`i.tenant_id = ${viewer.tenantId} and i.agency_id = ${viewer.agencyId}`;
  if (show === 'sent') return sql`${base} and i.report_status = 'submitted'`;
  const due = sql`${base} and i.report_status = 'requested' and k.status = 'scheduled'`;
  return show === 'overdue' ? sql`${due} and i.report_due_at < ${iso(now)}` : due;
};

export async function reportQueue(db: Database, viewer: Viewer, show: ReportShow, now: Date, page: number, pageSize: number): Promise<{ items: ReportQueueRow[]; total: number }> {
  const base = sql`from conference_invite i join cp_conference k on k.id = i.conference_id where ${reportWhere(viewer, show, now)}`;
  const [items, count] = await Promise.all([
    rows<ReportQueueRow>(
      db,
      sql`select i.id, i.conference_id, k.kind, k.scheduled_at, ${childName(sql`k.person_id`)} as child_name, i.report_due_at, i.report_status, i.submitted_at
            ${base} order by ${show === 'sent' ? sql`i.submitted_at desc` : sql`i.report_due_at`}, i.id limit ${pageSize} offset ${(page - 1) * pageSize}`,
    ),
    one<{ n: number }>(db, sql`select count(*)::int as n ${base}`),
  ]);
  return { items, total: count?.n ?? 0 };
}

export async function reportCounts(db: Database, viewer: Viewer, now: Date): Promise<Record<ReportShow, number>> {
  const row = await one<Record<ReportShow, number>>(
    db,
    sql`select count(*) filter (where ${reportWhere(viewer, 'due', now)})::int as due, count(*) filter (where ${reportWhere(viewer, 'overdue', now)})::int as overdue,
               count(*) filter (where ${reportWhere(viewer, 'sent', now)})::int as sent
          from conference_invite i join cp_conference k on k.id = i.conference_id
         where i.tenant_id = ${viewer.tenantId} and i.agency_id = ${viewer.agencyId}`,
  );
  return row ?? { due: 0, overdue: 0, sent: 0 };
}

/** The chair's diary: scheduled conferences, all chairs' or one's own, and of those the ones past the date they were due by. */
export interface DiaryFilter {
  mine: boolean;
  overdue: boolean;
}

const diaryWhere = (viewer: Viewer, f: DiaryFilter, now: Date): SQL =>
  sql`k.tenant_id = ${viewer.tenantId} and r.owning_agency_id = ${viewer.agencyId} and k.status = 'scheduled' ${f.mine ? sql`and k.chair_user_id = ${viewer.userId}` : sql``} ${f.overdue ? sql`and k.due_at < ${iso(now)}` : sql``}`;

/** The chair's diary, soonest first. */
export async function diary(db: Database, viewer: Viewer, f: DiaryFilter, now: Date, page: number, pageSize: number): Promise<{ items: ConferenceRow[]; total: number }> {
  const where = diaryWhere(viewer, f, now);
  const [items, count] = await Promise.all([
    rows<ConferenceRow>(db, sql`${conferenceSelect} where ${where} order by k.scheduled_at, k.id limit ${pageSize} offset ${(page - 1) * pageSize}`),
    one<{ n: number }>(db, sql`select count(*)::int as n from cp_conference k join csc_referral r on r.id = k.referral_id where ${where}`),
  ]);
  return { items, total: count?.n ?? 0 };
}

export interface DiaryCounts {
  scheduled: number;
  mine: number;
  next_week: number;
  overdue: number;
  mine_overdue: number;
}

export async function diaryCounts(db: Database, viewer: Viewer, now: Date, weekAhead: Date): Promise<DiaryCounts> {
  const row = await one<DiaryCounts>(
    db,
    sql`select count(*) filter (where ${diaryWhere(viewer, { mine: false, overdue: false }, now)})::int as scheduled,
               count(*) filter (where ${diaryWhere(viewer, { mine: true, overdue: false }, now)})::int as mine,
               count(*) filter (where ${diaryWhere(viewer, { mine: false, overdue: false }, now)} and k.scheduled_at <= ${iso(weekAhead)})::int as next_week,
               count(*) filter (where ${diaryWhere(viewer, { mine: false, overdue: true }, now)})::int as overdue,
               count(*) filter (where ${diaryWhere(viewer, { mine: true, overdue: true }, now)})::int as mine_overdue
          from cp_conference k join csc_referral r on r.id = k.referral_id
         where k.tenant_id = ${viewer.tenantId} and k.status = 'scheduled'`,
  );
  return row ?? { scheduled: 0, mine: 0, next_week: 0, overdue: 0, mine_overdue: 0 };
}

// ——— plans ———

export interface PlanRow {
  id: string;
  tenant_id: string;
  referral_id: string;
  referral_reference: string;
  owning_agency_id: string;
  person_id: string;
  child_name: string;
  date_of_birth: string | null;
  kind: string;
  started_on: string;
  ended_on: string | null;
  initial_category: string | null;
  latest_category: string | null;
  end_reason: string | null;
  stepped_down_from_plan_id: string | null;
  conference_id: string | null;
  allocated_user_id: string | null;
  allocated_name: string | null;
  restricted: boolean;
}

const planSelect = sql`select pl.id, pl.tenant_id, pl.referral_id, r.reference as referral_reference, r.owning_agency_id, pl.person_id, ${childName(sql`pl.person_id`)} as child_name,
       p.date_of_birth::text as date_of_birth, pl.kind, pl.started_on::text as started_on, pl.ended_on::text as ended_on, pl.initial_category, pl.latest_category, pl.end_reason,
       pl.stepped_down_from_plan_id, pl.conference_id, pl.allocated_user_id, u.display_name as allocated_name, ${restrictedReferral('r')} as restricted
  from child_plan pl join csc_referral r on r.id = pl.referral_id join person p on p.id = pl.person_id left join app_user u on u.id = pl.allocated_user_id`;

export function plan(db: Database, id: string): Promise<PlanRow | undefined> {
  return one<PlanRow>(db, sql`${planSelect} where pl.id = ${id}`);
}

export function plansOf(db: Database, referralId: string): Promise<PlanRow[]> {
  return rows<PlanRow>(db, sql`${planSelect} where pl.referral_id = ${referralId} order by pl.started_on, pl.created_at`);
}

export async function planFacts(db: Database, id: string): Promise<ChildPlanFacts | undefined> {
  const row = await one<{ tenant_id: string; owning_agency_id: string; allocated: string[] | null; restricted: boolean; core: string[] | null }>(
    db,
    sql`select pl.tenant_id, r.owning_agency_id, ${restrictedReferral('r')} as restricted,
               array_remove(array[pl.allocated_user_id, r.allocated_user_id], null)::text[] as allocated,
               (select array_agg(distinct x) from (
                  select i.agency_id::text as x from conference_invite i join cp_conference k on k.id = i.conference_id where k.plan_id = pl.id or k.id = pl.conference_id
                  union select unnest(g.agencies)::text from core_group g where g.plan_id = pl.id) s) as core
          from child_plan pl join csc_referral r on r.id = pl.referral_id where pl.id = ${id}`,
  );
  return row && { tenantId: row.tenant_id, owningAgencyId: row.owning_agency_id, allocatedUserIds: row.allocated ?? [], restricted: row.restricted, coreGroupAgencyIds: row.core ?? [] };
}

export async function insertPlan(
  tx: Database,
  p: { tenantId: string; referralId: string; personId: string; kind: string; startedOn: string; category: string | null; conferenceId: string | null; steppedDownFromPlanId: string | null; allocatedUserId: string | null },
): Promise<string> {
  const row = await one<{ id: string }>(
    tx,
    sql`insert into child_plan (tenant_id, referral_id, person_id, kind, started_on, initial_category, latest_category, conference_id, stepped_down_from_plan_id, allocated_user_id)
        values (${p.tenantId}, ${p.referralId}, ${p.personId}, ${p.kind}, ${p.startedOn}, ${p.category}, ${p.category}, ${p.conferenceId}, ${p.steppedDownFromPlanId}, ${p.allocatedUserId}) returning id`,
  );
  return row!.id;
}

export async function setLatestCategory(tx: Database, planId: string, category: string): Promise<void> {
  await tx.execute(sql`update child_plan set latest_category = ${category} where id = ${planId}`);
}

export async function endPlan(tx: Database, planId: string, endedOn: string, reason: string): Promise<boolean> {
  const row = await one<{ id: string }>(tx, sql`update child_plan set ended_on = ${endedOn}, end_reason = ${reason} where id = ${planId} and ended_on is null returning id`);
  return Boolean(row);
}

export async function openPlans(db: Database, referralId: string): Promise<number> {
  const row = await one<{ n: number }>(db, sql`select count(*)::int as n from child_plan where referral_id = ${referralId} and ended_on is null`);
  return row?.n ?? 0;
}

export interface VisitRow {
  id: string;
  visited_on: string;
  due_on: string;
  seen: boolean;
  seen_alone: boolean;
  notes: string;
  recorded_by_name: string | null;
}

export function visits(db: Database, planId: string): Promise<VisitRow[]> {
  return rows<VisitRow>(
    db,
    sql`select v.id, v.visited_on::text as visited_on, v.due_on::text as due_on, v.seen, v.seen_alone, v.notes, u.display_name as recorded_by_name
          from plan_visit v left join app_user u on u.id = v.recorded_by_user_id where v.plan_id = ${planId} order by v.visited_on desc, v.recorded_at desc, v.id`,
  );
}

export async function insertVisit(tx: Database, v: { tenantId: string; planId: string; visitedOn: string; dueOn: string; seen: boolean; seenAlone: boolean; notes: string; userId: string }): Promise<void> {
  await tx.execute(
    sql`insert into plan_visit (tenant_id, plan_id, visited_on, due_on, seen, seen_alone, notes, recorded_by_user_id)
        values (${v.tenantId}, ${v.planId}, ${v.visitedOn}, ${v.dueOn}, ${v.seen}, ${v.seenAlone}, ${v.notes}, ${v.userId})`,
  );
}

export interface CoreGroupRow {
  id: string;
  held_on: string;
  due_on: string;
  agencies: string[];
  agency_names: string[];
  notes: string;
}

export function coreGroups(db: Database, planId: string): Promise<CoreGroupRow[]> {
  return rows<CoreGroupRow>(
    db,
    sql`select g.id, g.held_on::text as held_on, g.due_on::text as due_on, g.agencies::text[] as agencies,
               coalesce((select array_agg(a.name order by a.name) from agency a where a.id = any(g.agencies)), '{}') as agency_names, g.notes
          from core_group g where g.plan_id = ${planId} order by g.held_on desc, g.recorded_at desc, g.id`,
  );
}

export async function insertCoreGroup(tx: Database, g: { tenantId: string; planId: string; heldOn: string; dueOn: string; agencies: readonly string[]; notes: string; userId: string }): Promise<void> {
  await tx.execute(
    sql`insert into core_group (tenant_id, plan_id, held_on, due_on, agencies, notes, recorded_by_user_id)
        values (${g.tenantId}, ${g.planId}, ${g.heldOn}, ${g.dueOn}, array(select jsonb_array_elements_text(${JSON.stringify(g.agencies)}::jsonb))::uuid[], ${g.notes}, ${g.userId})`,
  );
}

export interface ReviewRow {
  id: string;
  held_on: string;
  due_on: string;
  decision: string;
  notes: string;
}

export function reviews(db: Database, planId: string): Promise<ReviewRow[]> {
  return rows<ReviewRow>(db, sql`select id, held_on::text as held_on, due_on::text as due_on, decision, notes from plan_review where plan_id = ${planId} order by held_on desc, recorded_at desc, id`);
}

export async function insertReview(tx: Database, r: { tenantId: string; planId: string; heldOn: string; dueOn: string; decision: string; notes: string; userId: string }): Promise<void> {
  await tx.execute(
    sql`insert into plan_review (tenant_id, plan_id, held_on, due_on, decision, notes, recorded_by_user_id) values (${r.tenantId}, ${r.planId}, ${r.heldOn}, ${r.dueOn}, ${r.decision}, ${r.notes}, ${r.userId})`,
  );
}

// ——— worklists ———

export type CaseView = 'mine' | 'unallocated' | 'to_authorise' | 'open';

export interface CaseRow {
  id: string;
  reference: string;
  child_name: string;
  date_of_birth: string | null;
  referred_at: Date;
  allocated_name: string | null;
  assessment_status: string | null;
  assessment_due_at: Date | null;
  s47_conference_due_at: Date | null;
  s47_open: boolean;
  plan_id: string | null;
  plan_kind: string | null;
  plan_started_on: string | null;
  last_visit_on: string | null;
  next_conference_at: Date | null;
  restricted: boolean;
}

const caseWhere = (viewer: Viewer, view: CaseView): SQL => {
  const own = sql`r.tenant_id = ${viewer.tenantId} and r.owning_agency_id = ${viewer.agencyId} and r.status = 'open'`;
  switch (view) {
    case 'mine':
      return sql`${own} and (r.allocated_user_id = ${viewer.userId} or exists (select 1 from child_plan x where x.referral_id = r.id and x.ended_on is null and x.allocated_user_id = ${viewer.userId}))`;
    case 'unallocated':
      return sql`${own} and r.allocated_user_id is null`;
    case 'to_authorise':
      return sql`${own} and exists (select 1 from child_assessment x where x.referral_id = r.id and x.status = 'awaiting_authorisation')`;
    case 'open':
      return own;
  }
};

/**
 * What is due on a case, each a filter of the case list and a count on the home page (the same SQL): the assessment
 * overdue or due within 5 working days, a section 47 enquiry past its initial conference date, a plan's visit, core
 * group or review overdue. The plan clocks compare the last visit, meeting or review (or the plan's start) with the
 * latest date that was still in time (DueCutoffs, worked out by the calendar).
 */
export const CASE_DUES = ['assessment_overdue', 'assessment_soon', 's47_overdue', 'visit_overdue', 'core_group_overdue', 'review_overdue'] as const;
export type CaseDue = (typeof CASE_DUES)[number];

export interface DueCutoffs {
  now: Date;
  /** The end of the 5th working day from today. */
  soonBy: Date;
  /** A plan whose last visit (or start) is before this date has a visit overdue. */
  visitBefore: string;
  /** A child protection plan with no core group yet, started before this date, has its first core group overdue. */
  coreGroupFirstBefore: string;
  /** A core group held before this date, the last one, makes the next overdue. */
  coreGroupNextBefore: string;
  /** A child in need plan last reviewed (or started) before this date has its review overdue. */
  reviewBefore: string;
}

const openPlanWhere = (kind: 'cp' | 'cin' | null, condition: SQL) =>
  sql`exists (select 1 from child_plan x where x.referral_id = r.id and x.ended_on is null ${kind ? sql`and x.kind = ${kind}` : sql``} and ${condition})`;

/**
 * A plan's last visit, meeting or review (held in `table`'s `column`) is before `cutoff`, or, with none held,
 * `noneYet` holds (its start is before a cut-off).
 */
function lastBefore(table: SQL, column: SQL, cutoff: string, noneYet: SQL): SQL {
  const held = (condition: SQL) => sql`exists (select 1 from ${table} h where h.plan_id = x.id ${condition})`;
  return sql`(not ${held(sql`and h.${column} >= ${cutoff}::date`)} and (${held(sql``)} or ${noneYet}))`;
}

function dueWhere(due: CaseDue, c: DueCutoffs): SQL {
  const assessmentOpen = sql`x.referral_id = r.id and x.status in ('not_started', 'in_progress')`;
  switch (due) {
    case 'assessment_overdue':
      return sql`exists (select 1 from child_assessment x where ${assessmentOpen} and x.due_at < ${iso(c.now)})`;
    case 'assessment_soon':
      return sql`exists (select 1 from child_assessment x where ${assessmentOpen} and x.due_at >= ${iso(c.now)} and x.due_at <= ${iso(c.soonBy)})`;
    case 's47_overdue':
      return sql`exists (select 1 from s47_enquiry s where s.referral_id = r.id and s.outcome is null and s.conference_due_at < ${iso(c.now)})`;
    // "The last one (or the plan's start) is before the cut-off", written as index probes rather than an aggregate
    // per plan: no visit on or after the cut-off, and either some visit (all before it) or a start before it. The
    // aggregate form made the team's list take 10–20 s on PGlite.
    case 'visit_overdue':
      return openPlanWhere(null, lastBefore(sql`plan_visit`, sql`visited_on`, c.visitBefore, sql`x.started_on < ${c.visitBefore}::date`));
    case 'core_group_overdue':
      return openPlanWhere('cp', lastBefore(sql`core_group`, sql`held_on`, c.coreGroupNextBefore, sql`x.started_on < ${c.coreGroupFirstBefore}::date`));
    case 'review_overdue':
      return openPlanWhere('cin', lastBefore(sql`plan_review`, sql`held_on`, c.reviewBefore, sql`x.started_on < ${c.reviewBefore}::date`));
  }
}

export async function cases(db: Database, viewer: Viewer, view: CaseView, page: number, pageSize: number, due?: { due: CaseDue; cutoffs: DueCutoffs }): Promise<{ items: CaseRow[]; total: number }> {
  // The due clock inside coalesce(): evaluated case by case, as the home page's counts do, rather than turned into a
  // join over every open plan (on PGlite at the demo's volume that join took 20–30 s for core groups and reviews).
  const where = due ? sql`${caseWhere(viewer, view)} and coalesce(${dueWhere(due.due, due.cutoffs)}, false)` : caseWhere(viewer, view);
  const [items, count] = await Promise.all([
    // The cases matching the view and filter first (the same WHERE as the count, fast on its own), then their
    // columns: with the lateral columns planned together with the plan clocks, a team's filtered list took over 30 s
    // on PGlite at the demo's volume.
    rows<CaseRow>(
      db,
      sql`with hit as materialized (select r.id from csc_referral r where ${where})
          select r.id, r.reference, ${childName(sql`r.person_id`)} as child_name, p.date_of_birth::text as date_of_birth, r.referred_at, u.display_name as allocated_name,
                 a.status as assessment_status, a.due_at as assessment_due_at,
                 s.conference_due_at as s47_conference_due_at, (s.id is not null) as s47_open,
                 pl.id as plan_id, pl.kind as plan_kind, pl.started_on::text as plan_started_on,
                 (select max(v.visited_on)::text from plan_visit v where v.plan_id = pl.id) as last_visit_on,
                 (select min(k.scheduled_at) from cp_conference k where k.referral_id = r.id and k.status = 'scheduled') as next_conference_at,
                 ${restrictedReferral('r')} as restricted
            from hit join csc_referral r on r.id = hit.id join person p on p.id = r.person_id left join app_user u on u.id = r.allocated_user_id
            left join child_assessment a on a.referral_id = r.id
            left join lateral (select id, conference_due_at from s47_enquiry where referral_id = r.id and outcome is null order by started_at desc limit 1) s on true
            left join lateral (select id, kind, started_on from child_plan where referral_id = r.id and ended_on is null order by kind = 'cp' desc, started_on desc limit 1) pl on true
           order by coalesce(a.due_at, r.referred_at), r.id limit ${pageSize} offset ${(page - 1) * pageSize}`,
    ),
    one<{ n: number }>(db, sql`select count(*)::int as n from csc_referral r where ${where}`),
  ]);
  return { items, total: count?.n ?? 0 };
}

export async function caseCounts(db: Database, viewer: Viewer, now: Date): Promise<Record<string, number>> {
  const row = await one<Record<string, number>>(
    db,
    sql`select count(*) filter (where r.allocated_user_id = ${viewer.userId} or exists (select 1 from child_plan x where x.referral_id = r.id and x.ended_on is null and x.allocated_user_id = ${viewer.userId}))::int as mine,
               count(*) filter (where r.allocated_user_id is null)::int as unallocated,
               count(*) filter (where a.status = 'awaiting_authorisation')::int as to_authorise,
               count(*)::int as open,
               count(*) filter (where a.status in ('not_started', 'in_progress') and a.due_at < ${iso(now)})::int as assessments_overdue,
               count(*) filter (where a.status in ('not_started', 'in_progress') and a.due_at < ${iso(now)} and r.allocated_user_id = ${viewer.userId})::int as my_assessments_overdue
          from csc_referral r left join child_assessment a on a.referral_id = r.id
         where r.tenant_id = ${viewer.tenantId} and r.owning_agency_id = ${viewer.agencyId} and r.status = 'open'`,
  );
  return row ?? {};
}

/** How many of a case list's cases have each thing due (the counts of the list's `due` filters). */
export async function caseDueCounts(db: Database, viewer: Viewer, view: CaseView, cutoffs: DueCutoffs): Promise<Record<CaseDue, number>> {
  const columns = sql.join(
    CASE_DUES.map((d) => sql`count(*) filter (where ${dueWhere(d, cutoffs)})::int as ${sql.raw(d)}`),
    sql`, `,
  );
  const row = await one<Record<CaseDue, number>>(db, sql`select ${columns} from csc_referral r where ${caseWhere(viewer, view)}`);
  return row ?? (Object.fromEntries(CASE_DUES.map((d) => [d, 0])) as Record<CaseDue, number>);
}

/** A child's referrals (for the person page and re-referral history). */
export function referralsOfPerson(db: Database, personId: string): Promise<{ id: string; reference: string; referred_at: Date; status: string }[]> {
  return rows(db, sql`select id, reference, referred_at, status from csc_referral where person_id = ${personId} order by referred_at desc`);
}

// ——— published for multi-agency audits ———

/** The instant a London day starts, and the instant the day after a date starts. */
const dayStarts = (date: string) => sql`(${date}::date::timestamp at time zone 'Europe/London')`;
const dayAfter = (date: string) => sql`((${date}::date + 1)::timestamp at time zone 'Europe/London')`;

/** Referrals as an audit shows them (picked: id, person_id, reference, started_at, owning_agency_id, contact_id, rank). */
function auditRows(db: Database, picked: SQL): Promise<SampleCandidate[]> {
  return rows<SampleCandidate>(
    db,
    sql`with picked as (${picked})
        select k.id, k.person_id, k.reference, to_char(k.started_at at time zone 'Europe/London', 'YYYY-MM-DD') as "on",
               coalesce((select upper(left(n.given_names, 1)) || upper(left(n.family_name, 1)) from person_name n where n.person_id = k.person_id order by n.is_primary desc, n.id limit 1), '–') as initials,
               (select x.date_of_birth::text from person x where x.id = k.person_id) as date_of_birth,
               array(select distinct a from (select k.owning_agency_id as a
                                             union select c.source_agency_id from contact c where c.id = k.contact_id
                                             union select i.agency_id from cp_conference f join conference_invite i on i.conference_id = f.id where f.referral_id = k.id) s
                      where a is not null order by a) as agency_ids
          from picked k order by k.rank, k.id`,
  );
}

const AUDIT_COLUMNS = sql`r.id, r.person_id, r.reference, r.referred_at as started_at, r.owning_agency_id, r.contact_id`;

/**
 * Published for multi-agency audits: referrals active in a period (referred by its end, not closed before its start),
 * never a restricted one, in an order fixed by the seed (md5 of the seed and the referral's id), the first `limit`.
 * The child's initials and date of birth only; the agencies involved are children's social care, the contact's source
 * agency and the agencies invited to the child's conferences.
 */
export function auditSample(db: Database, tenantId: string, from: string, to: string, limit: number, seed: string): Promise<SampleCandidate[]> {
  return auditRows(
    db,
    sql`select ${AUDIT_COLUMNS}, md5(${seed} || r.id::text) collate "C" as rank
          from csc_referral r
         where r.tenant_id = ${tenantId} and r.referred_at < ${dayAfter(to)}
           and (r.closed_at is null or r.closed_at >= ${dayStarts(from)}) and not ${restrictedReferral('r')}
         order by rank, r.id limit ${limit}`,
  );
}

/** Published for multi-agency audits: the sampled referrals again, by id (none that has since been restricted). */
export function auditRecords(db: Database, tenantId: string, ids: readonly string[]): Promise<SampleCandidate[]> {
  return auditRows(db, sql`select ${AUDIT_COLUMNS}, r.reference as rank from csc_referral r where r.tenant_id = ${tenantId} and r.id in (select (jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))::uuid) and not ${restrictedReferral('r')}`);
}
