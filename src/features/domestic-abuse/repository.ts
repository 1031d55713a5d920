/** SQL for DA cases, their people and gradings, DASH assessments, MADA meetings and decisions, the actions of both forums (MADA and MARAC), data-sharing agreements. */
import { type SQL, sql } from 'drizzle-orm';
import { type Database, one, rows } from '../../db/client.js';
import { type RecordViewer } from '../../domain/access.js';
import { contactIsRestricted } from '../front-door/published.js';
import { type SampleCandidate } from '../../domain/case-audits.js';
import { daCase, daPerson, dashAssessment, madaDecision, madaMeeting, daAction, dataSharingAgreement } from '../../db/schema/index.js';

export async function insertCase(tx: Database, row: typeof daCase.$inferInsert): Promise<string> {
  const [r] = await tx.insert(daCase).values(row).returning({ id: daCase.id });
  return r!.id;
}

export async function insertPeople(tx: Database, values: (typeof daPerson.$inferInsert)[]): Promise<{ id: string; role: string; position: number }[]> {
  if (values.length === 0) return [];
  return tx.insert(daPerson).values(values).returning({ id: daPerson.id, role: daPerson.role, position: daPerson.position });
}

/** London dates of earlier DA incidents between the same victim and perpetrator (by their keys), from `from` to `to`. */
export function pairIncidentDates(tx: Database, tenantId: string, victimKey: string, perpetratorKey: string, from: string, to: string) {
  return rows<{ on: string }>(
    tx,
    sql`select to_char(occurred_at at time zone 'Europe/London', 'YYYY-MM-DD') as "on" from da_case
         where tenant_id = ${tenantId} and victim_key = ${victimKey} and perpetrator_key = ${perpetratorKey}
           and occurred_at is not null
           and (occurred_at at time zone 'Europe/London')::date between ${from}::date and ${to}::date`,
  );
}

export async function insertDash(tx: Database, row: typeof dashAssessment.$inferInsert): Promise<string> {
  const [r] = await tx.insert(dashAssessment).values(row).returning({ id: dashAssessment.id });
  return r!.id;
}

export function caseOfContact(db: Database, contactId: string) {
  return one<{ id: string }>(db, sql`select id from da_case where contact_id = ${contactId}`);
}

export interface CaseRow {
  id: string;
  tenant_id: string;
  tenant_name: string;
  contact_id: string;
  reference: string | null;
  contact_status: string;
  restricted: boolean;
  owning_agency_id: string;
  source_agency_id: string | null;
  police_reference: string | null;
  incident_type: string;
  occurred_at: string | null;
  received_at: string;
  place: string | null;
  postcode: string | null;
  police_risk: string | null;
  victim_key: string | null;
  perpetrator_key: string | null;
  incidents_in_year: number;
  repeat_of_referral_id: string | null;
  repeat_referred_at: string | null;
  household_risk: string | null;
  household_reviewed_at: string | null;
  reviewed_by: string | null;
}

export function caseById(db: Database, id: string) {
  return one<CaseRow>(
    db,
    sql`select d.id, d.tenant_id, t.name as tenant_name, d.contact_id, c.reference, c.status as contact_status, c.restricted, c.owning_agency_id, c.source_agency_id,
               d.police_reference, d.incident_type, d.occurred_at, d.received_at, d.place, d.postcode, d.police_risk, d.victim_key, d.perpetrator_key,
               d.incidents_in_year, d.repeat_of_referral_id, r.referred_at as repeat_referred_at, d.household_risk, d.household_reviewed_at, u.display_name as reviewed_by
          from da_case d join contact c on c.id = d.contact_id join tenant t on t.id = d.tenant_id
          left join marac_referral r on r.id = d.repeat_of_referral_id
          left join app_user u on u.id = d.household_reviewed_by_user_id
         where d.id = ${id}`,
  );
}

export interface PersonRow {
  id: string;
  named_person_id: string | null;
  person_id: string | null;
  role: string;
  given_names: string;
  family_name: string;
  date_of_birth: string | null;
  police_risk: string | null;
  grading: string | null;
  grading_reason: string | null;
  child_voice: string | null;
  child_demeanour: string | null;
  school_given: string | null;
}

export function peopleOf(db: Database, caseId: string) {
  return rows<PersonRow>(
    db,
    sql`select p.id, p.named_person_id, coalesce(p.person_id, n.person_id) as person_id, p.role, p.given_names, p.family_name, p.date_of_birth,
               p.police_risk, p.grading, p.grading_reason, p.child_voice, p.child_demeanour, p.school_given
          from da_person p left join contact_named_person n on n.id = p.named_person_id
         where p.da_case_id = ${caseId} order by p.position, p.id`,
  );
}

export interface DashRow {
  id: string;
  version: string;
  da_person_id: string | null;
  score: number;
  scored_grading: string;
  judgement_grading: string | null;
  judgement_reason: string | null;
  grading: string;
  source: string;
  completed_at: string;
  completed_by: string | null;
  agency_name: string | null;
  answers: Record<string, string>;
  victim_words: Record<string, string>;
}

export function dashOf(db: Database, caseId: string) {
  return rows<DashRow>(
    db,
    sql`select a.id, a.version, a.da_person_id, a.score, a.scored_grading, a.judgement_grading, a.judgement_reason, a.grading, a.source, a.completed_at,
               u.display_name as completed_by, g.name as agency_name, a.answers, a.victim_words
          from dash_assessment a left join app_user u on u.id = a.completed_by_user_id left join agency g on g.id = a.agency_id
         where a.da_case_id = ${caseId} order by a.completed_at desc`,
  );
}

export function dashById(db: Database, caseId: string, id: string) {
  return one<DashRow>(
    db,
    sql`select a.id, a.version, a.da_person_id, a.score, a.scored_grading, a.judgement_grading, a.judgement_reason, a.grading, a.source, a.completed_at,
               u.display_name as completed_by, g.name as agency_name, a.answers, a.victim_words
          from dash_assessment a left join app_user u on u.id = a.completed_by_user_id left join agency g on g.id = a.agency_id
         where a.da_case_id = ${caseId} and a.id = ${id}`,
  );
}

export async function saveGradings(tx: Database, caseId: string, gradings: { id: string; grading: string; reason: string | null }[], household: string, userId: string, at: Date): Promise<void> {
  for (const g of gradings) {
    await tx.execute(sql`update da_person set grading = ${g.grading}, grading_reason = ${g.reason} where id = ${g.id} and da_case_id = ${caseId}`);
  }
  await tx.execute(sql`update da_case set household_risk = ${household}, household_reviewed_at = ${at}, household_reviewed_by_user_id = ${userId} where id = ${caseId}`);
}

// ——— the daily triage ———

export interface TriageRow {
  id: string;
  tenant_id: string;
  tenant_name: string;
  contact_id: string;
  reference: string | null;
  police_reference: string | null;
  incident_type: string;
  occurred_at: string | null;
  received_at: string;
  police_risk: string | null;
  household_risk: string | null;
  incidents_in_year: number;
  repeat_of_referral_id: string | null;
  children: number;
  victim_name: string | null;
  decided_at: string | null;
  decisions: string[] | null;
}

const TRIAGE_COLUMNS = sql`d.id, d.tenant_id, t.name as tenant_name, d.contact_id, c.reference, d.police_reference, d.incident_type, d.occurred_at, d.received_at,
       d.police_risk, d.household_risk, d.incidents_in_year, d.repeat_of_referral_id,
       (select count(*)::int from da_person p where p.da_case_id = d.id and p.role in ('child_present', 'child_in_household')) as children,
       (select p.given_names || ' ' || p.family_name from da_person p where p.da_case_id = d.id and p.role = 'victim' order by p.position limit 1) as victim_name,
       m.decided_at, m.decisions`;

/** Restricted contacts' DA cases are listed only for the agency that owns the contact. */
const visibleTo = (agencyId: string) => sql`(not ${contactIsRestricted('c')} or c.owning_agency_id = ${agencyId})`;

/**
 * DA cases (alias d, its contact c) the viewer may open (`daCaseAccess`): the area's for the triage agencies, but a
 * restricted one only for the agency that owns its contact; for other agencies, those whose contact they may open
 * (they sent it, it was shared with them, they are allocated it or recorded it), never a restricted one.
 */
export function visibleCases(viewer: RecordViewer) {
  const area = sql`d.tenant_id = ${viewer.tenantId} and ${visibleTo(viewer.agencyId)}`;
  if (viewer.permissions.has('da:triage')) return sql`(${area})`;
  return sql`(${area} and not ${contactIsRestricted('c')} and c.status <> 'draft' and (c.owning_agency_id = ${viewer.agencyId} or c.source_agency_id = ${viewer.agencyId}
             or c.allocated_user_id = ${viewer.userId} or c.created_by_user_id = ${viewer.userId}
             or exists (select 1 from contact_share vs where vs.contact_id = c.id and vs.agency_id = ${viewer.agencyId})))`;
}

/** DA cases with no decision yet in these areas, oldest first (every risk level: the peer review found medium and standard waited). */
export function undecided(db: Database, tenantIds: readonly string[], viewerAgencyId: string, limit: number) {
  return rows<TriageRow>(
    db,
    sql`select ${TRIAGE_COLUMNS}
          from da_case d join contact c on c.id = d.contact_id join tenant t on t.id = d.tenant_id
          left join mada_decision m on m.da_case_id = d.id
         where d.tenant_id in (select (jsonb_array_elements_text(${JSON.stringify(tenantIds)}::jsonb))::uuid) and m.id is null and ${visibleTo(viewerAgencyId)}
         order by d.received_at, d.id limit ${limit}`,
  );
}

export function decidedAt(db: Database, meetingId: string) {
  return rows<TriageRow>(
    db,
    sql`select ${TRIAGE_COLUMNS}
          from mada_decision m join da_case d on d.id = m.da_case_id join contact c on c.id = d.contact_id join tenant t on t.id = d.tenant_id
         where m.meeting_id = ${meetingId} order by m.decided_at`,
  );
}

export type CaseShow = 'all' | 'undecided' | 'overdue' | 'repeats' | 'flagged';

/**
 * The DA cases list's filters (alias d, its decision m). `overdue`: still undecided, received before `overdueBefore`
 * (a London date: the working day before today, so a notification has had a working day's triage meeting).
 */
function caseWhere(filter: { show: CaseShow; overdueBefore?: string }): SQL {
  switch (filter.show) {
    case 'undecided':
      return sql`and m.id is null`;
    case 'overdue':
      return sql`and m.id is null and (d.received_at at time zone 'Europe/London')::date < ${filter.overdueBefore ?? '1900-01-01'}::date`;
    case 'repeats':
      return sql`and d.repeat_of_referral_id is not null`;
    case 'flagged':
      return sql`and exists (select 1 from da_person p join da_person v on v.da_case_id = p.da_case_id and v.role = 'victim'
                             where p.da_case_id = d.id and p.role in ('child_present', 'child_in_household')
                               and (case p.grading when 'high' then 2 when 'medium' then 1 when 'standard' then 0 end) < (case v.grading when 'high' then 2 when 'medium' then 1 when 'standard' then 0 end))`;
    default:
      return sql``;
  }
}

export function recentCases(db: Database, viewer: RecordViewer, filter: { show: CaseShow; overdueBefore?: string }, limit: number, offset: number) {
  return rows<TriageRow>(
    db,
    sql`select ${TRIAGE_COLUMNS}
          from da_case d join contact c on c.id = d.contact_id join tenant t on t.id = d.tenant_id
          left join mada_decision m on m.da_case_id = d.id
         where ${visibleCases(viewer)} ${caseWhere(filter)}
         order by d.received_at desc, d.id limit ${limit} offset ${offset}`,
  );
}

/** How many cases `recentCases` lists with this filter, across its pages. */
export async function countCases(db: Database, viewer: RecordViewer, filter: { show: CaseShow; overdueBefore?: string }): Promise<number> {
  const row = await one<{ n: number }>(
    db,
    sql`select count(*)::int as n
          from da_case d join contact c on c.id = d.contact_id
          left join mada_decision m on m.da_case_id = d.id
         where ${visibleCases(viewer)} ${caseWhere(filter)}`,
  );
  return Number(row?.n ?? 0);
}

export interface MeetingRow {
  id: string;
  tenant_id: string;
  meeting_on: string;
  chair: string | null;
  agencies_present: string[];
  partner_tenant_ids: string[];
  status: string;
}

export function meetingOn(db: Database, tenantId: string, on: string) {
  return one<MeetingRow>(
    db,
    sql`select m.id, m.tenant_id, m.meeting_on, u.display_name as chair, m.agencies_present, m.partner_tenant_ids, m.status
          from mada_meeting m left join app_user u on u.id = m.chair_user_id where m.tenant_id = ${tenantId} and m.meeting_on = ${on}`,
  );
}

export function meetingById(db: Database, id: string) {
  return one<MeetingRow>(
    db,
    sql`select m.id, m.tenant_id, m.meeting_on, u.display_name as chair, m.agencies_present, m.partner_tenant_ids, m.status
          from mada_meeting m left join app_user u on u.id = m.chair_user_id where m.id = ${id}`,
  );
}

export function meetings(db: Database, tenantId: string, limit: number) {
  return rows<MeetingRow & { decided: number }>(
    db,
    sql`select m.id, m.tenant_id, m.meeting_on, u.display_name as chair, m.agencies_present, m.partner_tenant_ids, m.status,
               (select count(*)::int from mada_decision x where x.meeting_id = m.id) as decided
          from mada_meeting m left join app_user u on u.id = m.chair_user_id where m.tenant_id = ${tenantId}
         order by m.meeting_on desc limit ${limit}`,
  );
}

export async function insertMeeting(tx: Database, row: typeof madaMeeting.$inferInsert): Promise<string | null> {
  const [r] = await tx.insert(madaMeeting).values(row).onConflictDoNothing().returning({ id: madaMeeting.id });
  return r?.id ?? null;
}

export async function insertDecision(tx: Database, row: typeof madaDecision.$inferInsert): Promise<string | null> {
  const [r] = await tx.insert(madaDecision).values(row).onConflictDoNothing().returning({ id: madaDecision.id });
  return r?.id ?? null;
}

// ——— actions (da_action): the only writes to the table, for both forums (actions.ts) ———

export async function insertActions(tx: Database, values: (typeof daAction.$inferInsert)[]): Promise<void> {
  if (values.length) await tx.insert(daAction).values(values);
}

export async function insertAction(tx: Database, values: typeof daAction.$inferInsert): Promise<string> {
  const [row] = await tx.insert(daAction).values(values).returning({ id: daAction.id });
  return row!.id;
}

/** Marks a MARAC action done unless it already is; whether it was. (The caller has checked its area and owner.) */
export async function completeMaracAction(tx: Database, id: string, values: { userId: string; at: Date; note: string }): Promise<boolean> {
  const done = await rows<{ id: string }>(
    tx,
    sql`update da_action set done_at = ${values.at}, done_by_user_id = ${values.userId}, done_note = ${values.note}
         where id = ${id} and forum = 'marac' and done_at is null returning id`,
  );
  return done.length === 1;
}

export function decisionOf(db: Database, caseId: string) {
  return one<{ id: string; decisions: string[]; reason: string; decided_at: string; decided_by: string | null; meeting_id: string | null; meeting_on: string | null; meeting_area: string | null }>(
    db,
    sql`select m.id, m.decisions, m.reason, m.decided_at, u.display_name as decided_by, m.meeting_id, mm.meeting_on, t.name as meeting_area
          from mada_decision m left join app_user u on u.id = m.decided_by_user_id left join mada_meeting mm on mm.id = m.meeting_id
          left join tenant t on t.id = m.meeting_tenant_id
         where m.da_case_id = ${caseId}`,
  );
}

export function actionsOf(db: Database, caseId: string) {
  return rows<{ id: string; description: string; owner: string; due_on: string; done_at: string | null; done_note: string | null }>(
    db,
    sql`select a.id, a.description, g.name as owner, a.due_on, a.done_at, a.done_note
          from da_action a join agency g on g.id = a.owner_agency_id
         where a.da_case_id = ${caseId} and a.forum = 'mada' order by a.due_on, a.id`,
  );
}

// ——— data-sharing agreements ———

export function agreements(db: Database, tenantId: string) {
  return rows<{ id: string; partner_tenant_id: string; partner_name: string; purpose: string; reference: string; starts_on: string; ends_on: string | null; reciprocated: boolean }>(
    db,
    sql`select a.id, a.partner_tenant_id, t.name as partner_name, a.purpose, a.reference, a.starts_on, a.ends_on,
               exists (select 1 from data_sharing_agreement b where b.tenant_id = a.partner_tenant_id and b.partner_tenant_id = a.tenant_id and b.purpose = a.purpose) as reciprocated
          from data_sharing_agreement a join tenant t on t.id = a.partner_tenant_id
         where a.tenant_id = ${tenantId} order by t.name, a.starts_on desc`,
  );
}

/** Areas sharing DA cases with this one for MADA on a date: an agreement recorded by each side, both in force. */
export function mutualPartners(db: Database, tenantId: string, on: string) {
  return rows<{ id: string; name: string }>(
    db,
    sql`select distinct t.id, t.name from data_sharing_agreement a
          join data_sharing_agreement b on b.tenant_id = a.partner_tenant_id and b.partner_tenant_id = a.tenant_id and b.purpose = a.purpose
          join tenant t on t.id = a.partner_tenant_id
         where a.tenant_id = ${tenantId} and a.purpose = 'mada'
           and a.starts_on <= ${on}::date and (a.ends_on is null or a.ends_on >= ${on}::date)
           and b.starts_on <= ${on}::date and (b.ends_on is null or b.ends_on >= ${on}::date)
         order by t.name`,
  );
}

export function otherAreas(db: Database, tenantId: string) {
  return rows<{ id: string; code: string; name: string }>(db, sql`select id, code, name from tenant where id <> ${tenantId} order by name`);
}

export async function insertAgreement(tx: Database, row: typeof dataSharingAgreement.$inferInsert): Promise<string> {
  const [r] = await tx.insert(dataSharingAgreement).values(row).returning({ id: dataSharingAgreement.id });
  return r!.id;
}

export async function endAgreement(tx: Database, tenantId: string, id: string, on: string): Promise<boolean> {
  const r = await rows<{ id: string }>(tx, sql`update data_sharing_agreement set ends_on = ${on}::date where id = ${id} and tenant_id = ${tenantId} and (ends_on is null or ends_on > ${on}::date) returning id`);
  return r.length > 0;
}

export function agenciesOf(db: Database, tenantId: string) {
  return rows<{ id: string; name: string; type: string }>(db, sql`select id, name, type from agency where tenant_id = ${tenantId} and active and type <> 'school' order by name`);
}

export interface ContactPersonRow {
  ref: string;
  person_id: string | null;
  named_id: string | null;
  given_names: string;
  family_name: string;
  date_of_birth: string | null;
  child_voice: string | null;
  child_demeanour: string | null;
  school: string | null;
}

/** Everyone in a contact: the register people it is about, then the people only named in it so far. */
export function contactPeople(db: Database, contactId: string) {
  return rows<ContactPersonRow>(
    db,
    sql`select * from (
          select cs.person_id as ref, cs.person_id, null::uuid as named_id, n.given_names, n.family_name, p.date_of_birth, cs.child_voice, cs.child_demeanour, null as school, 0 as k, n.family_name as o1, n.given_names as o2
            from contact_subject cs join person p on p.id = cs.person_id join person_name n on n.person_id = cs.person_id and n.is_primary
           where cs.contact_id = ${contactId}
          union all
          select np.id, null, np.id, np.given_names, np.family_name, np.date_of_birth, np.child_voice, np.child_demeanour, np.school, 1, '', lpad(np.position::text, 4, '0')
            from contact_named_person np where np.contact_id = ${contactId} and np.person_id is null
        ) x order by k, o1, o2`,
  );
}

export function contactFacts(db: Database, contactId: string) {
  return one<{ tenant_id: string; source_agency_id: string | null; received_at: string; incident_at: string | null; incident_id: string | null; risk_level: string | null; reference: string | null }>(
    db,
    sql`select tenant_id, source_agency_id, received_at, incident_at, incident_id, risk_level, reference from contact where id = ${contactId}`,
  );
}

export interface ActionRow {
  id: string;
  da_case_id: string;
  reference: string | null;
  description: string;
  owner_agency_id: string;
  owner: string;
  due_on: string;
  done_at: string | null;
  done_note: string | null;
}

/** The triage meeting's actions an agency owns: open ones first by due date, then the last done. */
export function actionsOwnedBy(db: Database, tenantId: string, agencyId: string, limit: number) {
  return rows<ActionRow>(
    db,
    sql`select a.id, a.da_case_id, c.reference, a.description, a.owner_agency_id, g.name as owner, a.due_on, a.done_at, a.done_note
          from da_action a join agency g on g.id = a.owner_agency_id join da_case d on d.id = a.da_case_id join contact c on c.id = d.contact_id
         where a.tenant_id = ${tenantId} and a.forum = 'mada' and a.owner_agency_id = ${agencyId}
         order by (a.done_at is not null), a.due_on, a.id limit ${limit}`,
  );
}

/** Marks a triage (MADA) action done by its owning agency unless it already is; its case, or null. */
export async function completeMadaAction(tx: Database, tenantId: string, agencyId: string, id: string, userId: string, note: string, at: Date): Promise<string | null> {
  const r = await rows<{ da_case_id: string }>(
    tx,
    sql`update da_action set done_at = ${at}, done_by_user_id = ${userId}, done_note = ${note}
         where id = ${id} and tenant_id = ${tenantId} and owner_agency_id = ${agencyId} and forum = 'mada' and done_at is null
        returning da_case_id`,
  );
  return r[0]?.da_case_id ?? null;
}

/** A triage action's area and owner (for its record rule). */
export function actionFacts(db: Database, id: string) {
  return one<{ tenant_id: string; owner_agency_id: string; forum: string }>(db, sql`select tenant_id, owner_agency_id, forum from da_action where id = ${id}`);
}

// ——— published for multi-agency audits ———

/** DA cases as an audit shows them (picked: id, person_id (the victim), reference, started_at, the contact's agencies, rank). */
function auditRows(db: Database, picked: SQL): Promise<SampleCandidate[]> {
  return rows<SampleCandidate>(
    db,
    sql`with picked as (${picked})
        select k.id, k.person_id, k.reference, to_char(k.started_at at time zone 'Europe/London', 'YYYY-MM-DD') as "on",
               coalesce((select upper(left(n.given_names, 1)) || upper(left(n.family_name, 1)) from person_name n where n.person_id = k.person_id order by n.is_primary desc, n.id limit 1), '–') as initials,
               (select x.date_of_birth::text from person x where x.id = k.person_id) as date_of_birth,
               array(select distinct a from (select k.source_agency_id as a union select k.owning_agency_id
                                             union select t.owner_agency_id from da_action t
                                              where t.da_case_id = k.id or t.marac_referral_id in (select r.id from marac_referral r where r.da_case_id = k.id)) s
                      where a is not null order by a) as agency_ids
          from picked k order by k.rank, k.id`,
  );
}

const AUDIT_COLUMNS = sql`d.id, d.received_at as started_at, c.reference, c.source_agency_id, c.owning_agency_id,
  (select v.person_id from da_person v where v.da_case_id = d.id and v.role = 'victim' and v.person_id is not null order by v.position limit 1) as person_id`;
const HAS_VICTIM = sql`exists (select 1 from da_person v where v.da_case_id = d.id and v.role = 'victim' and v.person_id is not null)`;

/**
 * Published for multi-agency audits: DA cases received in a period whose victim is on the register, never one whose
 * contact is restricted, in an order fixed by the seed (md5 of the seed and the case's id), the first `limit`. The
 * victim's initials and date of birth only; the agencies involved are the contact's (the notifying agency and the
 * MASH that owns it) and those owning the case's MADA and MARAC actions.
 */
export function auditSample(db: Database, tenantId: string, from: string, to: string, limit: number, seed: string): Promise<SampleCandidate[]> {
  return auditRows(
    db,
    sql`select ${AUDIT_COLUMNS}, md5(${seed} || d.id::text) collate "C" as rank
          from da_case d join contact c on c.id = d.contact_id
         where d.tenant_id = ${tenantId} and not ${contactIsRestricted('c')} and ${HAS_VICTIM}
           and d.received_at >= (${from}::date::timestamp at time zone 'Europe/London') and d.received_at < ((${to}::date + 1)::timestamp at time zone 'Europe/London')
         order by rank, d.id limit ${limit}`,
  );
}

/** Published for multi-agency audits: the sampled DA cases again, by id (none whose contact has since been restricted). */
export function auditRecords(db: Database, tenantId: string, ids: readonly string[]): Promise<SampleCandidate[]> {
  return auditRows(
    db,
    sql`select ${AUDIT_COLUMNS}, c.reference as rank from da_case d join contact c on c.id = d.contact_id
         where d.tenant_id = ${tenantId} and d.id in (select (jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))::uuid) and not ${contactIsRestricted('c')} and ${HAS_VICTIM}`,
  );
}
